import type { Database } from 'better-sqlite3';
import { approvalsCovering } from '../../projections/approvals/approvals.projection';
import { GEOGRAPHY } from '../geography/geography';

export interface ApprovalMark {
  readonly approvalId: string;
  readonly unitCode: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly approvedBy: string;
  readonly approvedAt: string;
}

/**
 * The approval under which a unit's figures for [from, to] are final, as the ledger stood
 * at `asOfPosition`: one in force for the unit or a unit above it whose period holds the
 * whole window. An open window is never wholly approved.
 */
export function approvalOf(
  db: Database,
  unit: string,
  window: { readonly from?: string; readonly to?: string },
  asOfPosition?: number,
): ApprovalMark | undefined {
  const { from, to } = window;
  if (!from || !to) return undefined;
  const found = approvalsCovering(db, from, asOfPosition).find(
    (a) => a.period_to >= to && GEOGRAPHY.coversAnywhere(a.unit_code, unit),
  );
  return found
    ? {
        approvalId: found.approval_id,
        unitCode: found.unit_code,
        periodFrom: found.period_from,
        periodTo: found.period_to,
        approvedBy: found.approved_by,
        approvedAt: found.approved_at,
      }
    : undefined;
}
