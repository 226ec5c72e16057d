import type { Database } from 'better-sqlite3';
import { INDICATORS } from '../../projections/indicators/indicator-catalogue';
import {
  queryIndicators,
  type IndicatorQuery,
  type IndicatorValue,
} from '../../projections/indicators/indicator-queries';
import { applicableTargets, type ApplicableTarget } from '../../projections/targets/target-queries';

export interface IndicatorRow {
  readonly indicator: string;
  readonly label: { readonly vi: string; readonly en: string };
  readonly unit: string;
  readonly value: number;
  readonly counts: string;
  /** The target that applies to this unit and window (TARGET_RULE), if any. */
  readonly target?: number;
  readonly targetPeriod?: { readonly from: string; readonly to: string };
  /** value / target, rounded to 3 decimals; absent without a target or when it is 0. */
  readonly achieved?: number;
  readonly breakdown?: Record<string, Record<string, number>>;
}

/** One row per catalogued indicator for a unit and everything below it, against its target. */
export function indicatorRows(db: Database, query: IndicatorQuery): IndicatorRow[] {
  return rowsOf(query.unit, queryIndicators(db, query), applicableTargets(db, query));
}

/** The rows of a unit from its totals and the targets that apply to it. */
export function rowsOf(
  unit: string,
  values: ReadonlyMap<string, IndicatorValue>,
  targets: ReadonlyMap<string, ApplicableTarget>,
): IndicatorRow[] {
  return INDICATORS.map((definition) => {
    const found = values.get(definition.code);
    const value = found?.value ?? 0;
    const target = targets.get(definition.code);
    const breakdown =
      definition.breakdowns.length > 0
        ? Object.fromEntries(definition.breakdowns.map((dimension) => [dimension, found?.breakdown[dimension] ?? {}]))
        : undefined;
    return {
      indicator: definition.code,
      label: definition.label,
      unit,
      value,
      counts: definition.counts,
      ...(target
        ? {
            target: target.value,
            targetPeriod: { from: target.periodFrom, to: target.periodTo },
            ...(target.value > 0 ? { achieved: Math.round((value / target.value) * 1000) / 1000 } : {}),
          }
        : {}),
      ...(breakdown ? { breakdown } : {}),
    };
  });
}
