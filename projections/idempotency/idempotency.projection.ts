import type { Database } from 'better-sqlite3';
import type { CommandResult } from '../../src/ledger/command-envelope';
import type { RememberedCommand } from '../../src/ledger/idempotency';
import type { ProjectionDefinition } from '../projection';
import { prepared } from '../statement-cache';

/** The answer given to each (user, Idempotency-Key), from the events the command appended. */
export const idempotencyProjection: ProjectionDefinition = {
  name: 'idempotency',
  version: 1,
  open(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency (
      user_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, result TEXT NOT NULL,
      PRIMARY KEY (user_id, key))`);
    // A command's later events overwrite its earlier ones: the answer is its last event.
    const remember = db.prepare(`INSERT INTO idempotency (user_id, key, request_hash, result)
      VALUES (?, ?, ?, ?) ON CONFLICT(user_id, key) DO UPDATE SET result = excluded.result`);
    return {
      apply(event) {
        const { idempotencyKey, requestHash, actor, resultId, subjectId } = event.metadata;
        if (!idempotencyKey) return;
        const result: CommandResult = {
          id: resultId ?? '',
          streamId: event.streamId,
          revision: event.revision,
          position: event.position,
          ...(subjectId ? { subjectId } : {}),
        };
        remember.run(actor.userId, idempotencyKey, requestHash ?? '', JSON.stringify(result));
      },
    };
  },
  drop(db) {
    db.exec('DROP TABLE IF EXISTS idempotency');
  },
};

export function findRemembered(
  db: Database,
  userId: string,
  key: string,
): RememberedCommand | undefined {
  const row = prepared<[string, string], { request_hash: string; result: string }>(
    db,
    'SELECT request_hash, result FROM idempotency WHERE user_id = ? AND key = ?',
  ).get(userId, key);
  return row
    ? { requestHash: row.request_hash, result: JSON.parse(row.result) as CommandResult }
    : undefined;
}

/** Up to `limit` remembered (user, key) pairs after a row, in the order they were stored, and the last row read. */
export function rememberedKeyPage(
  db: Database,
  afterRow: number,
  limit: number,
): {
  readonly lastRow: number;
  readonly pairs: ReadonlyArray<readonly [userId: string, key: string]>;
} {
  const rows = prepared<[number, number], [number, string, string]>(
    db,
    'SELECT rowid, user_id, key FROM idempotency WHERE rowid > ? ORDER BY rowid LIMIT ?',
  )
    .raw(true)
    .all(afterRow, limit);
  return {
    lastRow: rows[rows.length - 1]?.[0] ?? afterRow,
    pairs: rows.map(([, userId, key]) => [userId, key] as const),
  };
}
