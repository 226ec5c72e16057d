import type { DomainEvent } from '../../events/event';
import type { StreamCommand } from '../ledger/command-loop';
import { recordOf, type RecordState } from './record-lifecycle';
import { mergeChanges } from './record-changes';

/** The rules a record keeps (400) and the scope it must lie in for the actor (403). */
export interface RecordChecks<R> {
  readonly check: (record: R) => void;
  readonly assertScope: (record: R) => void;
}

/**
 * A correction with the checks that come before the decider's own, in the contract's
 * order: the corrected record's rules (400), then the scope of the record as it stands
 * and as corrected (403). The decider then answers 404 or 409.
 */
export function withCorrectionChecks<
  R extends object,
  Standing extends string,
  Event extends DomainEvent,
>(
  command: StreamCommand<RecordState<R, Standing>, Event>,
  changes: Readonly<Record<string, unknown>>,
  { check, assertScope }: RecordChecks<R>,
): StreamCommand<RecordState<R, Standing>, Event> {
  return {
    ...command,
    decide: (state) => {
      const record = recordOf(state);
      if (record) {
        const corrected = mergeChanges(record, changes);
        check(corrected);
        assertScope(record);
        assertScope(corrected);
      }
      return command.decide(state);
    },
  };
}

/** A void refused (403) for a record outside the actor's scope before the decider runs. */
export function withVoidChecks<
  R extends object,
  Standing extends string,
  Event extends DomainEvent,
>(
  command: StreamCommand<RecordState<R, Standing>, Event>,
  assertScope: (record: R) => void,
): StreamCommand<RecordState<R, Standing>, Event> {
  return {
    ...command,
    decide: (state) => {
      const record = recordOf(state);
      if (record) assertScope(record);
      return command.decide(state);
    },
  };
}
