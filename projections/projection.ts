import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '../src/ledger/event-store.port';

/** Applies events to a read model's own tables; called inside the runner's transaction. */
export interface ProjectionWriter {
  apply(event: RecordedEvent): void;
}

/**
 * A read model: a name, a version (bump it when its shape or meaning changes, and it
 * rebuilds), the event types it reads, and its storage.
 */
export interface ProjectionDefinition {
  readonly name: string;
  readonly version: number;
  /** Event types it reads; undefined reads every event. */
  readonly handles?: ReadonlySet<string>;
  /** Creates its tables if missing and prepares its statements. */
  open(db: Database): ProjectionWriter;
  /** Drops its tables, before a rebuild. */
  drop(db: Database): void;
}
