import { totalFromBreakdown } from '../../projections/indicators/indicator-catalogue';
import type { IndicatorValue } from '../../projections/indicators/indicator-queries';

/** A group of facts as the indicator sums see it: an indicator, and a breakdown cell or none. */
export interface FactCell {
  readonly indicator: string;
  readonly dimension: string | null;
  readonly category: string | null;
  readonly value: number;
}

/** The sum of a cell and how many facts make it: a cell no fact makes any more is gone, as in SQL. */
interface Cell {
  value: number;
  facts: number;
}

/**
 * A unit's indicator totals, kept in memory and moved by the facts that open and close,
 * as the indicator sums would give them for the whole of time.
 */
export class UnitTotals {
  /** indicator → dimension (null for the total) → category (null for the total) → cell. */
  private readonly cells = new Map<string, Map<string | null, Map<string | null, Cell>>>();

  /** Adds `facts` facts summing to `cell.value` (negative ones take them away). */
  add(cell: FactCell, facts: number): void {
    const total = cell.dimension === null || cell.category === null;
    const dimension = total ? null : cell.dimension;
    const category = total ? null : cell.category;
    let dimensions = this.cells.get(cell.indicator);
    if (!dimensions)
      this.cells.set(
        cell.indicator,
        (dimensions = new Map<string | null, Map<string | null, Cell>>()),
      );
    let categories = dimensions.get(dimension);
    if (!categories) dimensions.set(dimension, (categories = new Map<string | null, Cell>()));
    const found = categories.get(category);
    if (!found) {
      categories.set(category, { value: cell.value, facts });
      return;
    }
    found.value += cell.value;
    found.facts += facts;
    if (found.facts !== 0) return;
    categories.delete(category);
    if (categories.size === 0) dimensions.delete(dimension);
    if (dimensions.size === 0) this.cells.delete(cell.indicator);
  }

  /** The totals in the shape of the indicator query's, breakdown categories in SQL's order. */
  values(): Map<string, IndicatorValue> {
    const values = new Map<string, IndicatorValue>();
    for (const [indicator, dimensions] of this.cells) {
      let value: number | undefined;
      const breakdown: Record<string, Record<string, number>> = {};
      for (const [dimension, categories] of dimensions) {
        if (dimension === null) {
          value = categories.get(null)?.value ?? 0;
          continue;
        }
        const cells: Record<string, number> = {};
        const sorted = [...categories.entries()].sort(([a], [b]) => byCodeUnits(a ?? '', b ?? ''));
        for (const [category, cell] of sorted) cells[category ?? ''] = cell.value;
        breakdown[dimension] = cells;
      }
      values.set(indicator, {
        value: value ?? totalFromBreakdown(indicator, breakdown) ?? 0,
        breakdown,
      });
    }
    return values;
  }
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
