import type { Database } from 'better-sqlite3';
import { APPROVAL_EVENT_TYPES, type ApprovalEvent } from '../../events/approval';
import type { ProjectionDefinition } from '../projection';
import { prepared } from '../statement-cache';

/** Approved periods, open or reopened, with who approved them and when. */
export const approvalsProjection: ProjectionDefinition = {
  name: 'approvals',
  version: 1,
  handles: new Set(APPROVAL_EVENT_TYPES),
  open(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS approvals (
      approval_id TEXT PRIMARY KEY, unit_code TEXT NOT NULL, period_from TEXT NOT NULL, period_to TEXT NOT NULL,
      approved_by TEXT NOT NULL, approved_at TEXT NOT NULL, approved_position INTEGER NOT NULL,
      reopened_position INTEGER, reopened_reason TEXT)`);
    const approve = db.prepare(`INSERT OR IGNORE INTO approvals
      (approval_id, unit_code, period_from, period_to, approved_by, approved_at, approved_position)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const reopen = db.prepare('UPDATE approvals SET reopened_position = ?, reopened_reason = ? WHERE approval_id = ?');
    return {
      apply(recorded) {
        const event = recorded as unknown as ApprovalEvent;
        switch (event.type) {
          case 'PeriodApproved': {
            const { approvalId, unitCode, periodFrom, periodTo } = event.data;
            approve.run(approvalId, unitCode, periodFrom, periodTo, recorded.metadata.actor.username, recorded.metadata.recordedAt, recorded.position);
            return;
          }
          case 'ApprovalReopened':
            reopen.run(recorded.position, event.data.reason, event.data.approvalId);
            return;
        }
      },
    };
  },
  drop(db) {
    db.exec('DROP TABLE IF EXISTS approvals');
  },
};

export interface ApprovalRow {
  approval_id: string;
  unit_code: string;
  period_from: string;
  period_to: string;
  approved_by: string;
  approved_at: string;
  approved_position: number;
  reopened_position: number | null;
  reopened_reason: string | null;
}

const IN_FORCE = `SELECT * FROM approvals WHERE period_from <= ? AND period_to >= ?
  AND approved_position <= ? AND (reopened_position IS NULL OR reopened_position > ?)`;

/** Approvals in force at `asOfPosition` (all positions when absent) whose period holds `date`. */
export function approvalsCovering(db: Database, date: string, asOfPosition = Number.MAX_SAFE_INTEGER): ApprovalRow[] {
  return prepared<[string, string, number, number], ApprovalRow>(db, IN_FORCE).all(date, date, asOfPosition, asOfPosition);
}

/** Approvals in force whose period overlaps [from, to]. */
export function approvalsOverlapping(db: Database, from: string, to: string, asOfPosition = Number.MAX_SAFE_INTEGER): ApprovalRow[] {
  return prepared<[string, string, number, number], ApprovalRow>(db, IN_FORCE).all(to, from, asOfPosition, asOfPosition);
}
