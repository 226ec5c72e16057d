import type { Database, Statement } from 'better-sqlite3';
import { totalFromBreakdown } from './indicator-catalogue';
import { factIndexOf } from './kept-fact-indexes';

export interface IndicatorQuery {
  readonly unit: string;
  /** Inclusive business-date window; open ends when absent. */
  readonly from?: string;
  readonly to?: string;
  /** The last log position to take into account; everything when absent. */
  readonly asOfPosition?: number;
  /** Units as recorded (default), or re-aggregated into today's units. */
  readonly geography?: 'original' | 'current';
}

export interface IndicatorValue {
  readonly value: number;
  readonly breakdown: Record<string, Record<string, number>>;
}

interface FactSum {
  indicator: string;
  dimension: string | null;
  category: string | null;
  value: number;
}

/**
 * The columns that place a fact at each level: where it was recorded (commune, district,
 * province then) or where it stands today (commune, province). A unit code belongs to one
 * level only, so summing the level queries gives the unit's total.
 */
export const LEVEL_COLUMNS = {
  original: ['unit_code', 'l1', 'l2'],
  current: ['cu0', 'cu1'],
} as const;

type Geography = keyof typeof LEVEL_COLUMNS;

const statements = new WeakMap<
  Database,
  Map<string, Statement<Record<string, unknown>, FactSum>>
>();

/** One level's sums, read from the table (until the facts are loaded in memory). */
function sumStatement(db: Database, column: string): Statement<Record<string, unknown>, FactSum> {
  const forDb =
    statements.get(db) ?? new Map<string, Statement<Record<string, unknown>, FactSum>>();
  statements.set(db, forDb);
  let statement = forDb.get(column);
  if (!statement) {
    statement = db.prepare<Record<string, unknown>, FactSum>(`
      SELECT indicator, dimension, category, SUM(value) AS value FROM indicator_facts
      WHERE ${column} = @unit
        AND pos_from <= @asOf AND (pos_to IS NULL OR pos_to > @asOf)
        AND ((kind = 'flow' AND date_from >= @from AND date_from <= @to)
          OR (kind = 'stock' AND date_from <= @to AND (date_to IS NULL OR date_to > @to)))
      GROUP BY indicator, dimension, category`);
    forDb.set(column, statement);
  }
  return statement;
}

/** Indicator totals for a unit and everything below it, as the log stood at `asOfPosition`. */
export function queryIndicators(db: Database, query: IndicatorQuery): Map<string, IndicatorValue> {
  const geography: Geography = query.geography === 'current' ? 'current' : 'original';
  const parameters = {
    unit: query.unit,
    from: query.from ?? '0000-01-01',
    to: query.to ?? '9999-12-31',
    asOf: query.asOfPosition ?? Number.MAX_SAFE_INTEGER,
  };
  // From memory once the facts are loaded there; from the table until then.
  const rows =
    factIndexOf(db)?.sumsFor({ ...parameters, geography }) ??
    LEVEL_COLUMNS[geography].flatMap((column) => sumStatement(db, column).all(parameters));
  const values = new Map<
    string,
    { value: number; breakdown: Record<string, Record<string, number>> }
  >();
  const withTotalFacts = new Set<string>();
  for (const row of rows) {
    const entry = values.get(row.indicator) ?? { value: 0, breakdown: {} };
    // A fact sits at one level only; the same cell from two levels (facts recorded at the
    // province and in its communes, say) adds up.
    if (row.dimension === null || row.category === null) {
      entry.value += row.value;
      withTotalFacts.add(row.indicator);
    } else {
      const cells = (entry.breakdown[row.dimension] ??= {});
      cells[row.category] = (cells[row.category] ?? 0) + row.value;
    }
    values.set(row.indicator, entry);
  }
  for (const [indicator, entry] of values) {
    if (!withTotalFacts.has(indicator))
      entry.value = totalFromBreakdown(indicator, entry.breakdown) ?? entry.value;
  }
  return values;
}
