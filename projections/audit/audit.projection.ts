import type { FieldChange } from '../../events/event';
import { hideCloseChanges } from '../../src/shared/close-fields';
import type { ProjectionDefinition } from '../projection';

/**
 * The audit trail: one entry per event, naming who did what, when, why and, for a
 * correction, each field before and after. Personal details never reach it: events hold
 * none in clear.
 */
export const auditProjection: ProjectionDefinition = {
  name: 'audit',
  version: 2,
  open(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS audit_entries (
      position INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, actor_username TEXT NOT NULL,
      actor_role TEXT NOT NULL, stream_id TEXT NOT NULL, type TEXT NOT NULL, unit_code TEXT NOT NULL,
      changes TEXT, reason TEXT);`);
    const insert = db.prepare(`INSERT OR IGNORE INTO audit_entries
      (position, recorded_at, actor_username, actor_role, stream_id, type, unit_code, changes, reason)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    return {
      apply(event) {
        const { metadata, data } = event;
        // Close fields never reach the audit trail's before/after.
        const changes = Array.isArray(data.changes)
          ? JSON.stringify(hideCloseChanges(data.changes as FieldChange[]))
          : null;
        const reason = metadata.reason ?? (typeof data.reason === 'string' ? data.reason : null);
        insert.run(
          event.position,
          metadata.recordedAt,
          metadata.actor.username,
          metadata.actor.role,
          event.streamId,
          event.type,
          metadata.unitCode,
          changes,
          reason,
        );
      },
    };
  },
  queryIndexes: [
    'CREATE INDEX IF NOT EXISTS audit_stream ON audit_entries (stream_id)',
    'CREATE INDEX IF NOT EXISTS audit_actor ON audit_entries (actor_username)',
    'CREATE INDEX IF NOT EXISTS audit_time ON audit_entries (recorded_at)',
  ],
  drop(db) {
    db.exec('DROP TABLE IF EXISTS audit_entries');
  },
};
