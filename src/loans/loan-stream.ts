import { loanStream, type LoanEvent, type LoanIntroduction } from '../../events/loan';
import { GEOGRAPHY } from '../geography/geography';
import { assertInScope } from '../identity/scope';
import type { StreamCommand } from '../ledger/command-loop';
import type { Actor } from '../ledger/envelope';
import { InvalidCommand } from '../shared/domain-errors';
import { evolveLoan, initialLoanState, loanOf, type LoanState } from './loan-state';

/** What a loan command answers besides the loan's id. */
export interface LoanAnswer {
  /** The unit to file the events under while the loan does not exist yet. */
  readonly fallbackUnit?: string;
  /** The borrower's pseudonym, when the command recorded her. */
  readonly subjectId?: string;
}

/**
 * A command on one loan's stream as the generic command loop runs it, with refusals in
 * the contract's order: the decider's 400s, then the actor's scope over the loan as it
 * stands (403), then the decider's 404 and 409.
 */
export function loanStreamCommand(
  loanId: string,
  actor: Actor,
  decide: (state: LoanState) => readonly LoanEvent[],
  answer: LoanAnswer = {},
): StreamCommand<LoanState, LoanEvent> {
  return {
    streamId: loanStream(loanId),
    initialState: initialLoanState,
    evolve: evolveLoan,
    decide: (state) => {
      let decided: readonly LoanEvent[] | undefined;
      let refusal: unknown;
      try {
        decided = decide(state);
      } catch (error) {
        if (error instanceof InvalidCommand) throw error;
        refusal = error;
      }
      const loan = loanOf(state);
      if (loan) assertLoanInScope(actor, loan.record);
      if (decided === undefined) throw refusal;
      return decided;
    },
    unitOf: (state) => loanOf(state)?.record.unitCode ?? answer.fallbackUnit ?? '',
    resultId: loanId,
    ...(answer.subjectId ? { subjectId: answer.subjectId } : {}),
  };
}

/** A loan is managed by officers whose scope held its commune when it was introduced. */
export function assertLoanInScope(actor: Actor, record: LoanIntroduction): void {
  assertInScope(actor, record.unitCode, record.introducedOn);
}

/** Whether the actor looks after the borrower: an officer whose scope holds the loan. */
export function caresForBorrower(actor: Actor, record: LoanIntroduction): boolean {
  return (
    actor.role === 'officer' &&
    GEOGRAPHY.covers(actor.unitCode, record.unitCode, record.introducedOn)
  );
}
