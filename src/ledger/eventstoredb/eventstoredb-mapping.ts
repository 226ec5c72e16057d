import {
  ANY,
  NO_STREAM,
  START,
  StreamDeletedError,
  WrongExpectedVersionError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata } from '../envelope';
import type { ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';
import { StoreUnavailable, WrongExpectedRevision } from '../store-errors';

/** What the ledger keeps in an EventStoreDB event's metadata: its envelope and data version. */
type StoredMetadata = EventMetadata & { readonly schemaVersion: number };

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(
      `an expected revision is 'no_stream', 'any' or a revision from 0, not ${expected}`,
    );
  }
  return BigInt(expected);
}

/**
 * The store's errors in the port's words. Everything that is not a refusal of the append
 * itself means the server could not do the work: StoreUnavailable. A timeout does not prove
 * that nothing was written, but a retry with the same event ids is idempotent, so callers
 * may treat it as "not written" and retry.
 */
export function toStoreError(error: unknown, streamId?: string): Error {
  if (error instanceof WrongExpectedRevision || error instanceof StoreUnavailable) return error;
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevision(
      error.streamName ?? streamId ?? '',
      describeRevision(error.expectedVersion),
      describeRevision(error.actualVersion),
    );
  }
  if (error instanceof StreamDeletedError) {
    return new WrongExpectedRevision(
      error.streamName ?? streamId ?? '',
      'a live stream',
      'deleted',
    );
  }
  const reason = error instanceof Error && error.message ? `: ${error.message}` : '';
  return new StoreUnavailable(`EventStoreDB could not do the work${reason}`, { cause: error });
}

function describeRevision(revision: AppendExpectedRevision | CurrentRevision): string {
  if (typeof revision !== 'bigint') return revision.replace('_', ' ');
  // The server reports its sentinels as negative numbers.
  if (revision === -1n) return 'no stream';
  if (revision === -2n) return 'any';
  if (revision === -4n) return 'stream exists';
  return revision.toString();
}

/**
 * An EventStoreDB position as the ledger's global position: the `$all` commit position.
 *
 * Why the commit position is enough: since EventStoreDB 20 (and in KurrentDB 24/25) every
 * append, single- or multi-event, writes one self-committed prepare record per event, and
 * `$all` reports such an event at (commit = prepare = its own log position). So the events
 * of one append do not share a commit position; each gets its own, rising in log order.
 * Events sharing a commit position exist only from the legacy TCP API's explicit
 * transactions (all of them report their commit record's position and differ only in
 * prepare position); the ledger never writes those and refuses to read them rather than
 * give two events one place or invent an order between them.
 */
export function toLedgerPosition(position: Position): number {
  if (position.commit !== position.prepare) {
    throw new Error(
      `event at commit ${position.commit}, prepare ${position.prepare} comes from an explicit transaction; ` +
        'the ledger cannot give it a position of its own',
    );
  }
  const value = Number(position.commit);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`EventStoreDB position ${position.commit} does not fit a ledger position`);
  }
  return value;
}

/** Where to start reading `$all` to see the event at a ledger position (reads include it). */
export function toReadPosition(position: number): ReadPosition {
  if (position === 0) return START;
  const at = BigInt(position);
  return { commit: at, prepare: at };
}

export function toEsdbEvent(event: NewEvent): EventData {
  const metadata: StoredMetadata = { ...event.metadata, schemaVersion: event.schemaVersion };
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: { ...event.data },
    metadata: { ...metadata },
  });
}

/** System events (`$`-types) and system streams (`$…`, `$$…` metadata) are not the ledger's. */
export function isLedgerEvent(resolved: AllStreamResolvedEvent): boolean {
  const event = resolved.event;
  return !!event && !event.type.startsWith('$') && !event.streamId.startsWith('$');
}

export function fromEsdbEvent(event: EsdbRecordedEvent): RecordedEvent {
  const where = `event ${event.id} in ${event.streamId}`;
  if (!event.position)
    throw new Error(`${where} came without a position; EventStoreDB 22.6 or later is needed`);
  if (!isPlainObject(event.data)) throw new Error(`${where} does not hold a JSON object`);
  if (!isPlainObject(event.metadata) || typeof event.metadata['schemaVersion'] !== 'number') {
    throw new Error(`${where} has no ledger metadata`);
  }
  const { schemaVersion, ...metadata } = event.metadata as unknown as StoredMetadata;
  return {
    id: event.id,
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: toLedgerPosition(event.position),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}
