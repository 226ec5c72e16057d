import type { Database } from 'better-sqlite3';
import { approvalsCovering, type ApprovalRow } from '../../projections/approvals/approvals.projection';
import { GEOGRAPHY } from '../geography/geography';
import type { PeriodLocks } from '../ledger/period-locks';

export interface ApprovalSummary {
  readonly id: string;
  readonly unitCode: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly approvedBy: string;
  readonly approvedAt: string;
  readonly status: 'approved' | 'reopened';
  readonly reopenReason?: string;
}

const summary = (row: ApprovalRow): ApprovalSummary => ({
  id: row.approval_id,
  unitCode: row.unit_code,
  periodFrom: row.period_from,
  periodTo: row.period_to,
  approvedBy: row.approved_by,
  approvedAt: row.approved_at,
  status: row.reopened_position === null ? 'approved' : 'reopened',
  ...(row.reopened_reason ? { reopenReason: row.reopened_reason } : {}),
});

export function listApprovals(db: Database): ApprovalSummary[] {
  return db.prepare<[], ApprovalRow>('SELECT * FROM approvals ORDER BY approved_position').all().map(summary);
}

/** Approved periods as the command loop's locks: a sentence naming the approval that holds. */
export function approvalLocks(db: Database): PeriodLocks {
  return {
    lockFor(unitCode, date) {
      const holding = approvalsCovering(db, date).find((a) => GEOGRAPHY.covers(a.unit_code, unitCode, date));
      if (!holding) return undefined;
      return (
        `the period ${holding.period_from} to ${holding.period_to} of unit ${holding.unit_code} is approved ` +
        `(approval ${holding.approval_id}, by ${holding.approved_by}); records dated ${date} in unit ${unitCode} ` +
        'cannot change until a supervisor reopens it'
      );
    },
  };
}
