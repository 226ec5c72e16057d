import type { Database, Statement } from 'better-sqlite3';

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

const UNIT_FILTERS = {
  original: '(unit_code = @unit OR l1 = @unit OR l2 = @unit)',
  current: '(cu0 = @unit OR cu1 = @unit)',
} as const;

type UnitFilter = keyof typeof UNIT_FILTERS;

const statements = new WeakMap<Database, Map<UnitFilter, Statement<Record<string, unknown>, FactSum>>>();

function sumStatement(db: Database, filter: UnitFilter): Statement<Record<string, unknown>, FactSum> {
  const forDb = statements.get(db) ?? new Map<UnitFilter, Statement<Record<string, unknown>, FactSum>>();
  statements.set(db, forDb);
  let statement = forDb.get(filter);
  if (!statement) {
    statement = db.prepare<Record<string, unknown>, FactSum>(`
      SELECT indicator, dimension, category, SUM(value) AS value FROM indicator_facts
      WHERE ${UNIT_FILTERS[filter]}
        AND pos_from <= @asOf AND (pos_to IS NULL OR pos_to > @asOf)
        AND ((kind = 'flow' AND date_from >= @from AND date_from <= @to)
          OR (kind = 'stock' AND date_from <= @to AND (date_to IS NULL OR date_to > @to)))
      GROUP BY indicator, dimension, category`);
    forDb.set(filter, statement);
  }
  return statement;
}

/** Indicator totals for a unit and everything below it, as the log stood at `asOfPosition`. */
export function queryIndicators(db: Database, query: IndicatorQuery): Map<string, IndicatorValue> {
  const filter: UnitFilter = query.geography === 'current' ? 'current' : 'original';
  const rows = sumStatement(db, filter).all({
    unit: query.unit,
    from: query.from ?? '0000-01-01',
    to: query.to ?? '9999-12-31',
    asOf: query.asOfPosition ?? Number.MAX_SAFE_INTEGER,
  });
  const values = new Map<string, { value: number; breakdown: Record<string, Record<string, number>> }>();
  for (const row of rows) {
    const entry = values.get(row.indicator) ?? { value: 0, breakdown: {} };
    if (row.dimension === null || row.category === null) {
      entry.value = row.value;
    } else {
      const cells = (entry.breakdown[row.dimension] ??= {});
      cells[row.category] = row.value;
    }
    values.set(row.indicator, entry);
  }
  return values;
}
