import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '../src/ledger/event-store.port';

/** Applies events to a read model's own tables; called inside the runner's transaction. */
export interface ProjectionWriter {
  apply(event: RecordedEvent): void;
  /**
   * Called once per batch, inside its transaction, before the checkpoint: writes what the
   * writer kept in memory while applying the batch.
   */
  flush?(): void;
  /** The batch's transaction committed: what memory keeps beside the tables may show it now. */
  committed?(): void;
  /** The batch's transaction rolled back: drop what memory holds beyond the tables. */
  forget?(): void;
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
  /**
   * Indexes that only queries need (`CREATE INDEX IF NOT EXISTS ...`): a read model built
   * from the start of the log gets them once it has caught up, which makes the build much
   * faster. Its writer must not depend on them.
   */
  readonly queryIndexes?: readonly string[];
  /** Drops its tables, before a rebuild. */
  drop(db: Database): void;
}
