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

/** The categories to hide in one breakdown: the small ones and, if one alone, a complement. */
export function cellsToHide(cells: Record<string, number>, totalHidden: boolean): string[] {
  const entries = Object.entries(cells);
  if (totalHidden) return entries.filter(([, n]) => n > 0).map(([k]) => k);
  const hidden = entries.filter(([, n]) => isSmall(n)).map(([k]) => k);
  if (hidden.length === 1) {
    const complement = entries.filter(([k]) => !hidden.includes(k)).sort(([, a], [, b]) => a - b)[0];
    if (complement) hidden.push(complement[0]);
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
 * Across sibling units under a shown parent total: one hidden sibling alone could be worked
 * out, so the smallest other sibling is hidden with it.
 */
export function protectSiblings(siblings: PublishedRow[][]): PublishedRow[][] {
  const codes = new Set(siblings.flatMap((rows) => rows.map((r) => r.indicator)));
  const result = siblings.map((rows) => [...rows]);
  for (const code of codes) {
    if (!INDICATOR_BY_CODE.get(code)?.sensitive) continue;
    const cells = result.map((rows, index) => ({ index, row: rows.find((r) => r.indicator === code) }));
    const hidden = cells.filter((c) => c.row?.suppressed);
    if (hidden.length !== 1) continue;
    const complement = cells
      .filter((c) => c.row && !c.row.suppressed)
      .sort((a, b) => (a.row?.value ?? 0) - (b.row?.value ?? 0))[0];
    if (!complement?.row) continue;
    const rows = result[complement.index];
    if (!rows) continue;
    const { achieved: _achieved, ...rest } = complement.row;
    rows[rows.indexOf(complement.row)] = { ...rest, value: null, suppressed: true };
  }
  return result;
}
