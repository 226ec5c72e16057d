import type { Database } from 'better-sqlite3';
import type { UserEvent } from '../../events/user';
import type { ProjectionDefinition } from '../projection';
import { prepared } from '../statement-cache';

/** Accounts as they stand: who can log in, with which role and scope. */
export const usersProjection: ProjectionDefinition = {
  name: 'users',
  version: 1,
  handles: new Set(['UserRegistered', 'UserDisabled']),
  open(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS users (
      username TEXT PRIMARY KEY, user_id TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
      unit_code TEXT NOT NULL, display_name TEXT, password_hash TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0, registered_at TEXT NOT NULL, revision INTEGER NOT NULL)`);
    const register = db.prepare(`INSERT INTO users
      (username, user_id, role, unit_code, display_name, password_hash, registered_at, revision)
      VALUES (@username, @userId, @role, @unitCode, @displayName, @passwordHash, @registeredAt, @revision)
      ON CONFLICT(username) DO NOTHING`);
    const disable = db.prepare('UPDATE users SET disabled = 1, revision = ? WHERE username = ?');
    return {
      apply(recorded) {
        const event = recorded as unknown as UserEvent;
        switch (event.type) {
          case 'UserRegistered':
            register.run({
              ...event.data,
              displayName: event.data.displayName ?? null,
              registeredAt: recorded.metadata.recordedAt,
              revision: recorded.revision,
            });
            return;
          case 'UserDisabled':
            disable.run(recorded.revision, event.data.username);
            return;
        }
      },
    };
  },
  drop(db) {
    db.exec('DROP TABLE IF EXISTS users');
  },
};

export interface UserRow {
  username: string;
  user_id: string;
  role: string;
  unit_code: string;
  display_name: string | null;
  password_hash: string;
  disabled: number;
  registered_at: string;
  revision: number;
}

export function findUser(db: Database, username: string): UserRow | undefined {
  return prepared<[string], UserRow>(db, 'SELECT * FROM users WHERE username = ?').get(username);
}

export function countUsers(db: Database): number {
  return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users').get()?.n ?? 0;
}
