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

export function configureDurableConnection(db: Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it is acknowledged.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
}
