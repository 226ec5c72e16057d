import type { FieldChange } from '../../events/event';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import { applyFieldChanges, diffRecords, mergeChanges } from './record-changes';

/**
 * The life of a simple record (a dialogue, a training class, a target…): not recorded
 * yet, standing (`held`, `set`…), or voided with a reason. A voided record keeps its
 * content so that it can still be shown, but counts nothing.
 */
export type RecordState<R, Standing extends string = 'held'> =
  | { readonly status: 'absent' }
  | { readonly status: Standing; readonly id: string; readonly record: R }
  | { readonly status: 'voided'; readonly id: string; readonly record: R; readonly reason: string };

/** The record whatever its status; undefined before it is recorded. */
export function recordOf<R, Standing extends string>(
  state: RecordState<R, Standing>,
): R | undefined {
  return 'record' in state ? state.record : undefined;
}

/** The standing record a command acts on: 404 before it exists, 409 once voided. */
export function standingRecord<R, Standing extends string>(
  state: RecordState<R, Standing>,
  what: string,
  id: string,
  action: 'corrected' | 'voided',
): R {
  if (!('record' in state)) throw new NotFound(`no ${what} with id ${id}`);
  if ('reason' in state) {
    throw new RuleViolation(
      `${what} ${id} was voided (${state.reason}); a voided record cannot be ${action}`,
    );
  }
  return state.record;
}

/**
 * The field changes a correction makes: `changes` merged into the record, the result held
 * to the same rules as a new record, and refused when it changes nothing.
 */
export function correctionOf<R extends object>(
  record: R,
  changes: Readonly<Record<string, unknown>>,
  check: (corrected: R) => void,
): FieldChange[] {
  const corrected = mergeChanges(record, changes);
  check(corrected);
  const made = diffRecords(record, corrected);
  if (made.length === 0) {
    throw new InvalidCommand(
      'changes: every value given is already the recorded one; nothing to correct',
    );
  }
  return made;
}

/** A standing record after a correction event; other states are left as they are. */
export function afterCorrection<R extends object, Standing extends string>(
  state: RecordState<R, Standing>,
  changes: readonly FieldChange[],
): RecordState<R, Standing> {
  if (!('record' in state) || 'reason' in state) return state;
  return { ...state, record: applyFieldChanges(state.record, changes) };
}

/** A standing record after a void event; other states are left as they are. */
export function afterVoid<R, Standing extends string>(
  state: RecordState<R, Standing>,
  reason: string,
): RecordState<R, Standing> {
  if (!('record' in state) || 'reason' in state) return state;
  return { status: 'voided', id: state.id, record: state.record, reason };
}
