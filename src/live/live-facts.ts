import type { Database } from 'better-sqlite3';
import { LEVEL_COLUMNS } from '../../projections/indicators/indicator-queries';
import { factIndexOf } from '../../projections/indicators/kept-fact-indexes';
import { prepared } from '../../projections/statement-cache';
import { UnitTotals, type FactCell } from './unit-totals';

/*
 * The live feed shows each unit's rows for the whole of time, as recorded (the default of
 * GET /api/indicators). The conditions below are those of the indicator sums
 * (projections/indicators/indicator-queries.ts) with an open window; the live feed then
 * moves the totals by the facts each batch opens and closes (fact-moves.ts), and
 * test/live-totals-property.e2e-spec.ts checks that they equal the sums recomputed.
 */
const WINDOW = { from: '0000-01-01', to: '9999-12-31' };
const COUNTED = `((kind = 'flow' AND date_from >= @from AND date_from <= @to)
  OR (kind = 'stock' AND date_from <= @to AND (date_to IS NULL OR date_to > @to)))`;

/** The levels a fact counts at: where it was recorded, its district and province then. */
const LEVELS = LEVEL_COLUMNS.original;

/** A unit's totals from the sums of its facts, as the log stood at `asOf` (all of it when absent). */
export function loadTotals(db: Database, unit: string, asOf = Number.MAX_SAFE_INTEGER): UnitTotals {
  const totals = new UnitTotals();
  const sums =
    factIndexOf(db)?.sumsFor({ unit, geography: 'original', asOf, ...WINDOW }) ??
    LEVELS.flatMap((column) =>
      prepared<Record<string, unknown>, FactCell & { facts: number }>(
        db,
        `SELECT indicator, dimension, category, SUM(value) AS value, COUNT(*) AS facts FROM indicator_facts
         WHERE ${column} = @unit AND pos_from <= @asOf AND (pos_to IS NULL OR pos_to > @asOf) AND ${COUNTED}
         GROUP BY indicator, dimension, category`,
      ).all({ unit, asOf, ...WINDOW }),
    );
  for (const sum of sums) totals.add(sum, sum.facts);
  return totals;
}
