import { caseStream, type CaseEvent, type CaseRecord } from '../../events/case';
import { GEOGRAPHY } from '../geography/geography';
import { assertInScope } from '../identity/scope';
import type { StreamCommand } from '../ledger/command-loop';
import type { Actor } from '../ledger/envelope';
import { evolveCase, initialCaseState, type CaseState } from './case-state';

/** What a case command answers besides the case's id. */
export interface CaseAnswer {
  /** The unit to file the events under while the case does not exist yet. */
  readonly fallbackUnit?: string;
  /** The subject's pseudonym, when the command recorded them. */
  readonly subjectId?: string;
}

/** A command on one case's stream as the generic command loop runs it. */
export function caseStreamCommand(
  caseId: string,
  decide: (state: CaseState) => readonly CaseEvent[],
  answer: CaseAnswer = {},
): StreamCommand<CaseState, CaseEvent> {
  return {
    streamId: caseStream(caseId),
    initialState: initialCaseState,
    evolve: evolveCase,
    decide,
    unitOf: (state) =>
      state.status === 'absent' ? (answer.fallbackUnit ?? '') : state.record.unitCode,
    resultId: caseId,
    ...(answer.subjectId ? { subjectId: answer.subjectId } : {}),
  };
}

/** A case is followed by case workers whose scope held its commune when it was opened (403). */
export function assertCaseInScope(
  actor: Actor,
  record: Pick<CaseRecord, 'unitCode' | 'openedOn'>,
): void {
  assertInScope(actor, record.unitCode, record.openedOn);
}

/** The scope check of a command on an existing case; nothing to check before it exists. */
export const caseScopeOf =
  (actor: Actor) =>
  (state: CaseState): void => {
    if (state.status !== 'absent') assertCaseInScope(actor, state.record);
  };

/** Whether the actor follows the case: a case worker in scope, who alone sees its content. */
export function followsCase(actor: Actor, record: CaseRecord): boolean {
  return (
    actor.role === 'case_worker' &&
    GEOGRAPHY.covers(actor.unitCode, record.unitCode, record.openedOn)
  );
}
