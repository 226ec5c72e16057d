import type { LogSealed } from '../../events/ledger-seal';
import { splitHashedMetadata, unhashed } from './event-hash';
import type { EventStore, RecordedEvent } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/**
 * One event as verification needs it: where it sits, its stored hash, and the JSON texts
 * its hash covers (data, and metadata without the hash).
 */
export interface LogEntry {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** The hash stored with the event, if any. */
  readonly hash: string | undefined;
  readonly dataText: string;
  readonly metadataText: string;
}

export type EntryReader = (after: number, limit: number) => Promise<LogEntry[]>;

export function fromRecorded(event: RecordedEvent): LogEntry {
  return {
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    hash: event.metadata.hash,
    dataText: JSON.stringify(event.data),
    metadataText: JSON.stringify(unhashed(event.metadata)),
  };
}

export function sealDataOf(entry: LogEntry): LogSealed['data'] {
  return JSON.parse(entry.dataText) as LogSealed['data'];
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
    store
      .readRawRows(after, limit)
      .map(([position, id, streamId, revision, type, schemaVersion, dataText, metadata]) => {
        const split = splitHashedMetadata(metadata);
        return {
          position,
          id,
          streamId,
          revision,
          type,
          schemaVersion,
          hash: split?.hash,
          dataText,
          metadataText: split?.unhashedText ?? metadata,
        };
      });
}

/** The cheapest entries the store gives: SQLite's rows unparsed, any other store's through the port. */
export function entriesOf(store: EventStore): EntryReader {
  return store instanceof SqliteEventStore ? sqliteEntries(store) : portEntries(store);
}
