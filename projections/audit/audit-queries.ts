import type { Database } from 'better-sqlite3';
import type { FieldChange } from '../../events/event';
import { prepared } from '../statement-cache';

export interface AuditEntry {
  readonly position: number;
  readonly recordedAt: string;
  readonly actor: { readonly username: string; readonly role: string };
  readonly streamId: string;
  readonly type: string;
  readonly unitCode: string;
  readonly changes?: readonly FieldChange[];
  readonly reason?: string;
}

export interface AuditQuery {
  readonly after?: number;
  readonly limit: number;
  readonly streamId?: string;
  readonly actor?: string;
  /** Units to include (the asked unit and everything below it, within the reader's scope). */
  readonly units?: readonly string[];
  /** Inclusive ISO times (or dates) of recording. */
  readonly from?: string;
  readonly to?: string;
  readonly asOfPosition?: number;
}

interface AuditRow {
  position: number;
  recorded_at: string;
  actor_username: string;
  actor_role: string;
  stream_id: string;
  type: string;
  unit_code: string;
  changes: string | null;
  reason: string | null;
}

/** A page of the audit trail in log order, and the position to continue after. */
export function queryAudit(db: Database, query: AuditQuery): { items: AuditEntry[]; next: number | null } {
  const where = ['position > @after', 'position <= @asOf'];
  const params: Record<string, unknown> = {
    after: query.after ?? 0,
    asOf: query.asOfPosition ?? Number.MAX_SAFE_INTEGER,
    limit: query.limit + 1,
  };
  const filter = (condition: string, name: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    where.push(condition);
    params[name] = value;
  };
  filter('stream_id = @streamId', 'streamId', query.streamId);
  filter('actor_username = @actor', 'actor', query.actor);
  filter('recorded_at >= @from', 'from', query.from);
  filter('recorded_at <= @to', 'to', query.to === undefined ? undefined : endOf(query.to));
  if (query.units) {
    where.push(`unit_code IN (SELECT value FROM json_each(@units))`);
    params.units = JSON.stringify(query.units);
  }
  const rows = db
    .prepare<Record<string, unknown>, AuditRow>(
      `SELECT * FROM audit_entries WHERE ${where.join(' AND ')} ORDER BY position LIMIT @limit`,
    )
    .all(params);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toEntry), next: rows.length > query.limit && last ? last.position : null };
}

/** A date alone as `to` means the whole of that day. */
function endOf(to: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59.999Z` : to;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    position: row.position,
    recordedAt: row.recorded_at,
    actor: { username: row.actor_username, role: row.actor_role },
    streamId: row.stream_id,
    type: row.type,
    unitCode: row.unit_code,
    ...(row.changes ? { changes: JSON.parse(row.changes) as FieldChange[] } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
  };
}

/** The last position recorded at or before `time`: the log as the ledger knew it then. */
export function positionAt(db: Database, time: string): number {
  return prepared<[string], { position: number | null }>(db, 'SELECT MAX(position) AS position FROM audit_entries WHERE recorded_at <= ?').get(time)?.position ?? 0;
}

/** When the entry at `position` was recorded. */
export function recordedAtOf(db: Database, position: number): string | undefined {
  return prepared<[number], { recorded_at: string }>(db, 'SELECT recorded_at FROM audit_entries WHERE position = ?').get(position)?.recorded_at;
}
