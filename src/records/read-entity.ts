import type { EventStore, RecordedEvent } from '../ledger/event-store.port';

export interface EntitySnapshot<State> {
  readonly state: State;
  /** Revision of the stream's last event, -1 when it does not exist. */
  readonly revision: number;
  readonly first?: RecordedEvent;
  readonly last?: RecordedEvent;
}

/** An entity's current state, folded from its stream: always in step with its revision. */
export async function readEntity<State, Event>(
  store: EventStore,
  streamId: string,
  evolve: (state: State, event: Event) => State,
  initialState: () => State,
): Promise<EntitySnapshot<State>> {
  const events = await store.readStream(streamId);
  const state = events.reduce((s, e) => evolve(s, e as unknown as Event), initialState());
  const first = events[0];
  const last = events[events.length - 1];
  return { state, revision: last?.revision ?? -1, ...(first ? { first } : {}), ...(last ? { last } : {}) };
}
