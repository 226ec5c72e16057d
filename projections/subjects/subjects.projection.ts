import type { Database } from 'better-sqlite3';
import type { PersonalDetailsRead, SubjectErased } from '../../events/subject';
import type { ProjectionDefinition } from '../projection';

/**
 * The people the ledger holds personal details about (by pseudonym only), where they were
 * recorded, whether they were erased, and every read of their details (the access log).
 */
export const subjectsProjection: ProjectionDefinition = {
  name: 'subjects',
  version: 1,
  open(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS subjects (
        subject_id TEXT PRIMARY KEY, unit_code TEXT NOT NULL, stream_id TEXT NOT NULL,
        recorded_position INTEGER NOT NULL, erased_position INTEGER, erased_at TEXT);
      CREATE TABLE IF NOT EXISTS access_log (
        position INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, actor_username TEXT NOT NULL,
        actor_role TEXT NOT NULL, subject_id TEXT NOT NULL, stream_id TEXT NOT NULL,
        record_id TEXT NOT NULL, request_id TEXT NOT NULL, unit_code TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS access_log_subject ON access_log (subject_id);`);
    const recordSubject = db.prepare(`INSERT OR IGNORE INTO subjects (subject_id, unit_code, stream_id, recorded_position)
      VALUES (?, ?, ?, ?)`);
    const erase = db.prepare('UPDATE subjects SET erased_position = ?, erased_at = ? WHERE subject_id = ?');
    const logRead = db.prepare(`INSERT OR IGNORE INTO access_log
      (position, recorded_at, actor_username, actor_role, subject_id, stream_id, record_id, request_id, unit_code)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    return {
      apply(event) {
        const { metadata } = event;
        if (event.type === 'PersonalDetailsRead') {
          const data = (event as unknown as PersonalDetailsRead).data;
          logRead.run(
            event.position,
            metadata.recordedAt,
            metadata.actor.username,
            metadata.actor.role,
            data.subjectId,
            data.streamId,
            data.recordId,
            data.requestId,
            metadata.unitCode,
          );
          return;
        }
        if (event.type === 'SubjectErased') {
          const data = (event as unknown as SubjectErased).data;
          erase.run(event.position, metadata.recordedAt, data.subjectId);
          return;
        }
        if (metadata.subjectId) {
          recordSubject.run(metadata.subjectId, metadata.unitCode, event.streamId, event.position);
        }
      },
    };
  },
  drop(db) {
    db.exec('DROP TABLE IF EXISTS subjects; DROP TABLE IF EXISTS access_log;');
  },
};

export interface SubjectRow {
  subject_id: string;
  unit_code: string;
  stream_id: string;
  recorded_position: number;
  erased_position: number | null;
  erased_at: string | null;
}

export function findSubject(db: Database, subjectId: string): SubjectRow | undefined {
  return db.prepare<[string], SubjectRow>('SELECT * FROM subjects WHERE subject_id = ?').get(subjectId);
}

export function erasedSubjects(db: Database): string[] {
  return db
    .prepare<[], { subject_id: string }>('SELECT subject_id FROM subjects WHERE erased_position IS NOT NULL')
    .all()
    .map((r) => r.subject_id);
}

export interface AccessEntry {
  readonly position: number;
  readonly recordedAt: string;
  readonly actor: { readonly username: string; readonly role: string };
  readonly subjectId: string;
  readonly streamId: string;
  readonly recordId: string;
  readonly requestId: string;
  readonly unitCode: string;
}

export function queryAccessLog(
  db: Database,
  query: { subjectId?: string; units: readonly string[]; after: number; limit: number },
): { items: AccessEntry[]; next: number | null } {
  const rows = db
    .prepare<Record<string, unknown>, Record<string, string | number>>(
      `SELECT * FROM access_log WHERE position > @after
        AND (@subjectId IS NULL OR subject_id = @subjectId)
        AND unit_code IN (SELECT value FROM json_each(@units))
        ORDER BY position LIMIT @limit`,
    )
    .all({
      after: query.after,
      subjectId: query.subjectId ?? null,
      units: JSON.stringify(query.units),
      limit: query.limit + 1,
    });
  const items = rows.slice(0, query.limit).map((r) => ({
    position: Number(r.position),
    recordedAt: String(r.recorded_at),
    actor: { username: String(r.actor_username), role: String(r.actor_role) },
    subjectId: String(r.subject_id),
    streamId: String(r.stream_id),
    recordId: String(r.record_id),
    requestId: String(r.request_id),
    unitCode: String(r.unit_code),
  }));
  const last = items[items.length - 1];
  return { items, next: rows.length > query.limit && last ? last.position : null };
}
