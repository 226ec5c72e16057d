import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';

/**
 * Read models live in their own SQLite file beside the log. Each batch's state and
 * checkpoint commit together, so a crash never applies an event twice or skips one.
 */
export function openProjectionDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Read models can be rebuilt from the log; state and checkpoint stay consistent either way.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
    name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL)`);
  return db;
}
