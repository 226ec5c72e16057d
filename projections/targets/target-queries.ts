import type { Database, Statement } from 'better-sqlite3';
import type { TargetRow } from './targets.projection';

/**
 * Which target an indicator row shows, in words: among the targets not voided for that
 * indicator and that exact unit, the one whose period contains the query window
 * [from, to] (an open end of the window counts as the target's own end), the shortest
 * such period first, then the most recently set or corrected; no target when none contains it.
 */
export const TARGET_RULE =
  'Each indicator row shows the target set for that indicator and that exact unit whose period ' +
  'contains the query window [from, to] (an open end of the window counts as the end of the ' +
  "target's own period); when several do, the one with the shortest period (then the most " +
  'recently set or corrected). Voided targets never apply; with no containing period the row has no target. ' +
  '`achieved` is value / target rounded to 3 decimals, left out when the target is 0.';

export interface TargetWindow {
  /** The unit exactly: a province's target is not a district's. */
  readonly unit: string;
  /** Inclusive business dates; open ends when absent. */
  readonly from?: string;
  readonly to?: string;
  /** The last log position to take into account; everything when absent. */
  readonly asOfPosition?: number;
}

export interface ApplicableTarget {
  readonly targetId: string;
  readonly indicator: string;
  readonly value: number;
  readonly periodFrom: string;
  readonly periodTo: string;
}

const statements = new WeakMap<Database, Statement<Record<string, unknown>, TargetRow>>();

function applicableStatement(db: Database): Statement<Record<string, unknown>, TargetRow> {
  let statement = statements.get(db);
  if (!statement) {
    statement = db.prepare<Record<string, unknown>, TargetRow>(`
      SELECT * FROM target_versions
      WHERE unit_code = @unit AND status = 'set'
        AND pos_from <= @asOf AND (pos_to IS NULL OR pos_to > @asOf)
        AND period_from <= COALESCE(@from, period_from)
        AND COALESCE(@to, period_to) <= period_to
        AND COALESCE(@from, period_from) <= COALESCE(@to, period_to)
      ORDER BY indicator, julianday(period_to) - julianday(period_from), pos_from DESC`);
    statements.set(db, statement);
  }
  return statement;
}

/** The target that applies to each indicator for a unit and window (see TARGET_RULE). */
export function applicableTargets(
  db: Database,
  window: TargetWindow,
): Map<string, ApplicableTarget> {
  const rows = applicableStatement(db).all({
    unit: window.unit,
    from: window.from ?? null,
    to: window.to ?? null,
    asOf: window.asOfPosition ?? Number.MAX_SAFE_INTEGER,
  });
  const chosen = new Map<string, ApplicableTarget>();
  for (const row of rows) {
    // Rows come shortest period first within each indicator: the first one wins.
    if (chosen.has(row.indicator)) continue;
    chosen.set(row.indicator, {
      targetId: row.target_id,
      indicator: row.indicator,
      value: row.value,
      periodFrom: row.period_from,
      periodTo: row.period_to,
    });
  }
  return chosen;
}

/** A target as listed. */
export interface TargetListing {
  readonly id: string;
  readonly indicator: string;
  readonly unitCode: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly value: number;
  readonly revision: number;
  readonly setAt: string;
  readonly setBy: string;
  readonly updatedAt: string;
}

/** The targets standing now (not voided) for any of `units`, optionally of one indicator. */
export function listTargets(
  db: Database,
  query: { readonly units: readonly string[]; readonly indicator?: string },
): TargetListing[] {
  const rows = db
    .prepare<Record<string, unknown>, TargetRow>(
      `SELECT * FROM target_versions
       WHERE pos_to IS NULL AND status = 'set'
         AND unit_code IN (SELECT value FROM json_each(@units))
         AND (@indicator IS NULL OR indicator = @indicator)
       ORDER BY unit_code, indicator, period_from, period_to, target_id`,
    )
    .all({ units: JSON.stringify(query.units), indicator: query.indicator ?? null });
  return rows.map((row) => ({
    id: row.target_id,
    indicator: row.indicator,
    unitCode: row.unit_code,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    value: row.value,
    revision: row.revision,
    setAt: row.set_at,
    setBy: row.set_by,
    updatedAt: row.updated_at,
  }));
}
