import type { LogSealed } from '../../events/ledger-seal';
import { eventHash, eventHashOfText, splitHashedMetadata, unhashed } from './event-hash';
import type { EventStore, RecordedEvent } from './event-store.port';
import type { SqliteEventStore } from './sqlite/sqlite-event-store';

/** One event as verification needs it: where it sits, its stored hash, and its content's hash. */
export interface LogEntry {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  /** The hash stored with the event, if any. */
  readonly hash: string | undefined;
  /** The hash its content gives, chained to `previous`. */
  contentHash(previous: string | undefined): string;
  sealData(): LogSealed['data'];
}

export type EntryReader = (after: number, limit: number) => Promise<LogEntry[]>;

export function fromRecorded(event: RecordedEvent): LogEntry {
  return {
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    id: event.id,
    type: event.type,
    hash: event.metadata.hash,
    contentHash: (previous) => eventHash(previous, { ...event, metadata: unhashed(event.metadata) }),
    sealData: () => event.data as LogSealed['data'],
  };
}

/** Entries through the port: works on every store. */
export function portEntries(store: EventStore): EntryReader {
  return async (after, limit) => (await store.readAll({ after, limit })).map(fromRecorded);
}

/**
 * Entries straight from SQLite rows: hashes are checked on the stored JSON texts without
 * parsing them, which is what makes verification as fast as reading.
 */
export function sqliteEntries(store: SqliteEventStore): EntryReader {
  return async (after, limit) =>
    store.readRawPage(after, limit).map((row) => {
      const split = splitHashedMetadata(row.metadata);
      const identity = { streamId: row.stream_id, revision: row.revision, id: row.event_id, type: row.type, schemaVersion: row.schema_version };
      return {
        position: row.position,
        ...identity,
        hash: split?.hash,
        contentHash: (previous: string | undefined) =>
          split ? eventHashOfText(previous, identity, row.data, split.unhashedText) : '',
        sealData: () => JSON.parse(row.data) as LogSealed['data'],
      };
    });
}
