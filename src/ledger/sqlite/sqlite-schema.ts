import type { Database } from 'better-sqlite3';

/** The SQLite event log: one table; (stream_id, revision) unique guards concurrency. */
export function migrateEventLog(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position       INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id       TEXT    NOT NULL UNIQUE,
      stream_id      TEXT    NOT NULL,
      revision       INTEGER NOT NULL,
      type           TEXT    NOT NULL,
      schema_version INTEGER NOT NULL,
      data           TEXT    NOT NULL,
      metadata       TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    );
  `);
}

/**
 * The event store's own connection: commits go to the write-ahead log without waiting for
 * the disk (synchronous = NORMAL, which keeps the log consistent after any crash), and the
 * store flushes the log itself before it acknowledges them (`LogFlushes`).
 */
export function configureLogConnection(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
}

/** A connection whose every commit waits for the disk (the benchmark's raw baseline). */
export function configureDurableConnection(db: Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it is acknowledged.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
}
