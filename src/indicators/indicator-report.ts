import type { Database } from 'better-sqlite3';
import { INDICATORS } from '../../projections/indicators/indicator-catalogue';
import { queryIndicators, type IndicatorQuery } from '../../projections/indicators/indicator-queries';

export interface IndicatorRow {
  readonly indicator: string;
  readonly label: { readonly vi: string; readonly en: string };
  readonly unit: string;
  readonly value: number;
  readonly counts: string;
  readonly target?: number;
  readonly breakdown?: Record<string, Record<string, number>>;
}

/** One row per catalogued indicator for a unit and everything below it. */
export function indicatorRows(db: Database, query: IndicatorQuery): IndicatorRow[] {
  const values = queryIndicators(db, query);
  return INDICATORS.map((definition) => {
    const found = values.get(definition.code);
    const breakdown =
      definition.breakdowns.length > 0
        ? Object.fromEntries(definition.breakdowns.map((dimension) => [dimension, found?.breakdown[dimension] ?? {}]))
        : undefined;
    return {
      indicator: definition.code,
      label: definition.label,
      unit: query.unit,
      value: found?.value ?? 0,
      counts: definition.counts,
      ...(breakdown ? { breakdown } : {}),
    };
  });
}
