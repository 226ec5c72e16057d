import { INDICATOR_BY_CODE } from '../../projections/indicators/indicator-catalogue';
import type { IndicatorRow } from './indicator-report';

/**
 * Aggregates about violence cases must not let a reader single out a person: a count from
 * 1 to SMALL_CELL_MAX is published as null with `suppressed: true`, and enough neighbouring
 * cells are hidden too that no hidden one can be worked out from the totals.
 */
export const SMALL_CELL_MAX = 4;

/** Breakdowns of case figures that only case workers may see below the province. */
const CLOSE_DIMENSIONS = new Set(['violenceType', 'ethnicity', 'ageBand']);

export type PublishedRow = Omit<IndicatorRow, 'value' | 'breakdown'> & {
  readonly value: number | null;
  readonly suppressed?: true;
  readonly breakdown?: Record<string, Record<string, number | null>>;
  /** Breakdown cells hidden as small, or to protect a small one. */
  readonly suppressedCells?: Record<string, string[]>;
};

const isSmall = (n: number): boolean => n >= 1 && n <= SMALL_CELL_MAX;

/**
 * The categories to hide in one breakdown: the small ones, then, while what the hidden
 * cells add up to (known from the total) is itself small, the next smallest cells too, so
 * that the hidden sum leaves their split open.
 */
export function cellsToHide(cells: Record<string, number>, totalHidden: boolean): string[] {
  const entries = Object.entries(cells);
  if (totalHidden) return entries.filter(([, n]) => n > 0).map(([k]) => k);
  const hidden = entries.filter(([, n]) => isSmall(n)).map(([k]) => k);
  if (hidden.length === 0) return hidden;
  const shown = entries.filter(([k, n]) => !hidden.includes(k) && n > 0).sort(([, a], [, b]) => a - b);
  const hiddenSum = () => hidden.reduce((sum, k) => sum + (cells[k] ?? 0), 0);
  while ((hidden.length < 2 || hiddenSum() <= SMALL_CELL_MAX) && shown.length > 0) {
    const [next] = shown.shift() ?? [];
    if (next !== undefined) hidden.push(next);
  }
  return hidden;
}

/** A row as published: sensitive figures with small cells suppressed. */
export function publishRow(row: IndicatorRow, options: { readonly closeBreakdowns: boolean }): PublishedRow {
  if (!INDICATOR_BY_CODE.get(row.indicator)?.sensitive) return row;
  const totalHidden = isSmall(row.value);
  const breakdown: Record<string, Record<string, number | null>> = {};
  const suppressedCells: Record<string, string[]> = {};
  for (const [dimension, cells] of Object.entries(row.breakdown ?? {})) {
    if (!options.closeBreakdowns && CLOSE_DIMENSIONS.has(dimension)) continue;
    const hide = cellsToHide(cells, totalHidden);
    breakdown[dimension] = Object.fromEntries(Object.entries(cells).map(([k, n]) => [k, hide.includes(k) ? null : n]));
    if (hide.length > 0) suppressedCells[dimension] = hide;
  }
  const { achieved: _achieved, ...rest } = row;
  return {
    ...(totalHidden ? rest : row),
    value: totalHidden ? null : row.value,
    ...(totalHidden ? { suppressed: true as const } : {}),
    breakdown,
    ...(Object.keys(suppressedCells).length > 0 ? { suppressedCells } : {}),
  };
}

/**
 * Across sibling units under a shown parent total: the hidden siblings' sum is known from
 * the parent, so more siblings are hidden until that sum no longer gives any of them away.
 */
export function protectSiblings(raw: readonly IndicatorRow[][], published: PublishedRow[][]): PublishedRow[][] {
  const result = published.map((rows) => [...rows]);
  const codes = new Set(raw.flatMap((rows) => rows.map((r) => r.indicator)));
  for (const code of codes) {
    if (!INDICATOR_BY_CODE.get(code)?.sensitive) continue;
    const values = Object.fromEntries(raw.map((rows, index) => [String(index), rows.find((r) => r.indicator === code)?.value ?? 0]));
    const hidden = cellsToHide(values, false);
    for (const key of hidden) {
      const rows = result[Number(key)];
      const at = rows?.findIndex((r) => r.indicator === code) ?? -1;
      const row = rows?.[at];
      if (!rows || !row || row.suppressed) continue;
      const { achieved: _achieved, ...rest } = row;
      rows[at] = { ...rest, value: null, suppressed: true };
    }
  }
  return result;
}
