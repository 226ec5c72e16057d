import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LoanEvent } from '../../events/loan';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import type { SealedPersonal } from '../personal-data/personal-vault';
import { sealPersonalDetails } from '../records/seal-personal-details';
import { businessToday } from '../shared/business-date';
import { assertNever } from '../shared/decider';
import { borrowerDetailsChange, splitBorrowerDetails } from './borrower-personal';
import { evolveLoan, loanOf, type LoanState } from './loan-state';
import { assertLoanInScope, loanStreamCommand } from './loan-stream';
import { loanDecider, type BorrowerPersonalCorrection, type LoanCommand } from './loan.decider';

export class CorrectLoanCommand {
  constructor(
    readonly loanId: string,
    readonly changes: Readonly<Record<string, unknown>>,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(CorrectLoanCommand)
export class CorrectLoanHandler implements ICommandHandler<CorrectLoanCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ loanId, changes, reason, envelope }: CorrectLoanCommand): Promise<CommandResult> {
    const { vault } = this.ledger;
    const today = businessToday(envelope.now);
    const { recordChanges, detailsChanges } = splitBorrowerDetails(changes);
    const correct = (personal?: BorrowerPersonalCorrection): LoanCommand => ({
      type: 'CorrectLoan',
      loanId,
      changes: recordChanges,
      reason,
      today,
      ...(personal ? { personal } : {}),
    });
    const decide = (
      state: LoanState,
      personal?: BorrowerPersonalCorrection,
    ): readonly LoanEvent[] => {
      const decided = loanDecider.decide(correct(personal), state);
      assertCorrectedInScope(envelope.actor, state, decided);
      return decided;
    };
    let sealed: { readonly from: string | undefined; readonly box: SealedPersonal } | undefined;
    return this.ledger.commands.run(
      loanStreamCommand(loanId, envelope.actor, (state) => {
        const loan = state.status === 'voided' ? undefined : loanOf(state);
        if (!loan || !detailsChanges) return decide(state);
        const { borrower } = loan.record;
        const change = borrowerDetailsChange(vault, borrower, detailsChanges);
        switch (change.kind) {
          case 'unchanged':
            return decide(state);
          case 'blocked':
            return decide(state, { kind: 'blocked', why: change.why });
          case 'changed': {
            // A stand-in box lets the decider judge the correction before anything is sealed.
            decide(state, {
              kind: 'resealed',
              personal: { subjectId: borrower.subjectId, sealed: '' },
            });
            // Seal once per version of the recorded details, even when the loop retries.
            if (sealed === undefined || sealed.from !== borrower.personal?.sealed) {
              sealed = {
                from: borrower.personal?.sealed,
                box: sealPersonalDetails(vault, borrower.subjectId, change.details, envelope.now),
              };
            }
            return decide(state, { kind: 'resealed', personal: sealed.box });
          }
          default:
            return assertNever(change);
        }
      }),
      { ...envelope, reason },
    );
  }
}

/** A correction may not move a loan out of the scope of the officer who makes it (403). */
function assertCorrectedInScope(
  actor: Actor,
  state: LoanState,
  decided: readonly LoanEvent[],
): void {
  const corrected = loanOf(decided.reduce(evolveLoan, state));
  if (corrected) assertLoanInScope(actor, corrected.record);
}
