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
 * Which cells of one breakdown to hide. Every hidden cell is known to be at least 1, so k
 * hidden cells adding up to S (known from the total) pin each one between 1 and S - k + 1:
 * cells are hidden, smallest first, until that upper bound is no longer small. When the
 * shown cells run out first, the total must be hidden too (`total: true`).
 */
export function cellsToHide(cells: Record<string, number>, totalHidden: boolean): { cells: string[]; total: boolean } {
  const entries = Object.entries(cells);
  const nonZero = entries.filter(([, n]) => n > 0).map(([k]) => k);
  if (totalHidden) return { cells: nonZero, total: true };
  const hidden = entries.filter(([, n]) => isSmall(n)).map(([k]) => k);
  if (hidden.length === 0) return { cells: [], total: false };
  const shown = entries.filter(([k, n]) => !hidden.includes(k) && n > 0).sort(([, a], [, b]) => a - b);
  const sum = () => hidden.reduce((total, k) => total + (cells[k] ?? 0), 0);
  const givesAway = () => hidden.length < 2 || sum() - hidden.length + 1 <= SMALL_CELL_MAX;
  while (givesAway() && shown.length > 0) {
    const [next] = shown.shift() ?? [];
    if (next !== undefined) hidden.push(next);
  }
  return givesAway() ? { cells: nonZero, total: true } : { cells: hidden, total: false };
}

/** A row as published: sensitive figures with small cells suppressed. */
export function publishRow(row: IndicatorRow, options: { readonly closeBreakdowns: boolean }): PublishedRow {
  if (!INDICATOR_BY_CODE.get(row.indicator)?.sensitive) return row;
  const visible = Object.entries(row.breakdown ?? {}).filter(
    ([dimension]) => options.closeBreakdowns || !CLOSE_DIMENSIONS.has(dimension),
  );
  // A breakdown that cannot be protected on its own hides the total, and so every cell.
  const totalHidden =
    isSmall(row.value) || visible.some(([, cells]) => cellsToHide(cells, false).total);
  const breakdown: Record<string, Record<string, number | null>> = {};
  const suppressedCells: Record<string, string[]> = {};
  for (const [dimension, cells] of visible) {
    const hide = cellsToHide(cells, totalHidden).cells;
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
    const { cells: hidden } = cellsToHide(values, false);
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
