import type { DomainEvent } from '../../events/event';
import type { StreamCommand } from '../ledger/command-loop';
import type { Decider } from '../shared/decider';
import { recordOf, type RecordState } from './record-lifecycle';

/** Which stream a command about one simple record goes to, and what it answers. */
export interface RecordStreamTarget {
  readonly streamId: string;
  /** The record's id, which the command answers with. */
  readonly id: string;
  /** The unit to file the events under while the record does not exist yet. */
  readonly fallbackUnit: string;
}

/** A command about one simple record as the generic command loop runs it. */
export function recordStreamCommand<
  Command,
  R extends { readonly unitCode: string },
  Standing extends string,
  Event extends DomainEvent,
>(
  decider: Decider<Command, RecordState<R, Standing>, Event>,
  command: Command,
  target: RecordStreamTarget,
): StreamCommand<RecordState<R, Standing>, Event> {
  return {
    streamId: target.streamId,
    initialState: decider.initialState,
    evolve: decider.evolve,
    decide: (state) => decider.decide(command, state),
    unitOf: (state) => recordOf(state)?.unitCode ?? target.fallbackUnit,
    resultId: target.id,
  };
}
