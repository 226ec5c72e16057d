import type { EventStore } from '../ledger/event-store.port';
import type { Decider } from '../shared/decider';
import { NotFound } from '../shared/domain-errors';
import type { RecordState } from './record-lifecycle';
import { readEntity } from './read-entity';

/** A record as `GET /api/{collection}/{id}` answers it; `revision` goes out as the ETag. */
export interface RecordView {
  readonly revision: number;
  readonly body: Record<string, unknown>;
}

/** Where to read a simple record, and who may. */
export interface RecordViewRequest<R, Standing extends string, Event> {
  readonly streamId: string;
  readonly decider: Pick<
    Decider<unknown, RecordState<R, Standing>, Event>,
    'evolve' | 'initialState'
  >;
  /** The record's kind and id, for the 404 message. */
  readonly what: string;
  readonly id: string;
  /** Refuses (403) a reader outside the record's scope. */
  readonly assertReadable: (record: R) => void;
}

/** A simple record as it stands now, folded from its stream; 404 before it exists. */
export async function readRecordView<R extends object, Standing extends string, Event>(
  store: EventStore,
  { streamId, decider, what, id, assertReadable }: RecordViewRequest<R, Standing, Event>,
): Promise<RecordView> {
  const entity = await readEntity(store, streamId, decider.evolve, decider.initialState);
  const { state } = entity;
  if (!('record' in state)) throw new NotFound(`no ${what} with id ${id}`);
  assertReadable(state.record);
  return {
    revision: entity.revision,
    body: {
      id: state.id,
      status: state.status,
      ...state.record,
      ...('reason' in state ? { voidReason: state.reason } : {}),
      revision: entity.revision,
      recordedAt: entity.first?.metadata.recordedAt,
      recordedBy: entity.first?.metadata.actor.username,
      updatedAt: entity.last?.metadata.recordedAt,
    },
  };
}
