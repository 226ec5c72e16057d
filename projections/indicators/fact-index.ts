import { dayNumber, FactColumns, NO_END_DAY, Postings } from './fact-columns';
import { FACT_ROW_COLUMNS, type FactRow } from './fact-row';

/** One (indicator, dimension, category) cell's sum over the facts that count, and how many did. */
export interface CellSum {
  readonly indicator: string;
  readonly dimension: string | null;
  readonly category: string | null;
  readonly value: number;
  readonly facts: number;
}

/** The facts that count for a unit: placed there, believed at `asOf`, inside the window. */
export interface SumQuery {
  readonly unit: string;
  readonly geography: 'original' | 'current';
  readonly asOf: number;
  readonly from: string;
  readonly to: string;
}

type Cell = Pick<CellSum, 'indicator' | 'dimension' | 'category'>;

const column = (name: (typeof FACT_ROW_COLUMNS)[number]): number => FACT_ROW_COLUMNS.indexOf(name);
const INDICATOR = column('indicator');
const KIND = column('kind');
const DATE_FROM = column('date_from');
const DATE_TO = column('date_to');
const VALUE = column('value');
const DIMENSION = column('dimension');
const CATEGORY = column('category');
const POS_FROM = column('pos_from');
/** The columns that place a fact in a unit, as recorded and as today's units. */
const PLACED = {
  original: [column('unit_code'), column('l1'), column('l2')],
  current: [column('cu0'), column('cu1')],
} as const;

/**
 * The indicator facts in memory, column by column, with each unit's facts listed: the
 * sums of `indicator-queries.ts` (the same conditions) without reading an index of a
 * million rows from disk. It follows the table it mirrors fact by fact (`add`, `close`).
 */
export class FactIndex {
  private readonly columns = new FactColumns();
  private readonly cellNumbers = new Map<string, number>();
  private readonly cells: Cell[] = [];
  private readonly postings = { original: new Map<string, Postings>(), current: new Map<string, Postings>() };
  private sums = new Float64Array(64);
  private counts = new Int32Array(64);

  get size(): number {
    return this.columns.length;
  }

  /** The row id of the last fact added. */
  get lastId(): number {
    return this.columns.lastId;
  }

  /**
   * Adds the fact stored with row id `id`: `row[at + k]` holds FACT_ROW_COLUMNS[k]. False
   * when it cannot: ids must rise, dates must read as `YYYY-MM-DD`.
   */
  add(id: number, row: FactRow, posTo: number | null, at = 0): boolean {
    if (id <= this.columns.lastId) return false;
    const dayFrom = dayNumber(row[at + DATE_FROM] as string);
    const dateTo = row[at + DATE_TO] as string | null;
    const dayTo = dateTo === null ? NO_END_DAY : dayNumber(dateTo);
    if (dayFrom === undefined || dayTo === undefined) return false;
    const c = this.columns;
    const slot = c.add();
    c.ids[slot] = id;
    c.cells[slot] = this.cellOf(
      row[at + INDICATOR] as string,
      row[at + DIMENSION] as string | null,
      row[at + CATEGORY] as string | null,
    );
    c.stocks[slot] = row[at + KIND] === 'stock' ? 1 : 0;
    c.dayFrom[slot] = dayFrom;
    c.dayTo[slot] = dayTo;
    c.posFrom[slot] = row[at + POS_FROM] as number;
    c.posTo[slot] = posTo ?? Infinity;
    c.values[slot] = row[at + VALUE] as number;
    for (const geography of ['original', 'current'] as const) {
      for (const placed of PLACED[geography]) {
        const unit = row[at + placed] as string | null;
        if (unit !== null) this.postingsOf(geography, unit).push(slot);
      }
    }
    return true;
  }

  /** The fact stored with row id `id` stopped being believed at `position`. False when unknown. */
  close(id: number, position: number): boolean {
    const slot = this.columns.slotOf(id);
    if (slot === undefined) return false;
    this.columns.posTo[slot] = position;
    return true;
  }

  /** The sums of a unit's cells; undefined for a window it cannot read (the caller asks SQL). */
  sumsFor(query: SumQuery): CellSum[] | undefined {
    const from = dayNumber(query.from);
    const to = dayNumber(query.to);
    if (from === undefined || to === undefined) return undefined;
    const list = this.postings[query.geography].get(query.unit);
    if (!list) return [];
    const { slots, length } = list;
    const { cells, stocks, dayFrom, dayTo, posFrom, posTo, values } = this.columns;
    const { sums, counts } = this;
    const asOf = query.asOf;
    const touched: number[] = [];
    for (let i = 0; i < length; i++) {
      const slot = slots[i] as number;
      if ((posFrom[slot] as number) > asOf || (posTo[slot] as number) <= asOf) continue;
      const day = dayFrom[slot] as number;
      // A flow counts on its day inside the window; a stock stands at the window's end.
      if (stocks[slot] === 1 ? day > to || (dayTo[slot] as number) <= to : day < from || day > to) continue;
      const cell = cells[slot] as number;
      if (counts[cell] === 0) touched.push(cell);
      counts[cell] = (counts[cell] as number) + 1;
      sums[cell] = (sums[cell] as number) + (values[slot] as number);
    }
    const found = touched.map((cell) => {
      const sum = { ...(this.cells[cell] as Cell), value: sums[cell] as number, facts: counts[cell] as number };
      sums[cell] = 0;
      counts[cell] = 0;
      return sum;
    });
    // In the order SQL's grouping gives them (nulls first), on which breakdowns' order rests.
    return found.sort(
      (a, b) =>
        compare(a.indicator, b.indicator) || compare(a.dimension, b.dimension) || compare(a.category, b.category),
    );
  }

  private cellOf(indicator: string, dimension: string | null, category: string | null): number {
    const key = `${indicator}\u0000${dimension ?? '\u0001'}\u0000${category ?? '\u0001'}`;
    let cell = this.cellNumbers.get(key);
    if (cell === undefined) {
      cell = this.cells.length;
      this.cells.push({ indicator, dimension, category });
      this.cellNumbers.set(key, cell);
      if (cell >= this.sums.length) {
        this.sums = new Float64Array(this.sums.length * 2);
        this.counts = new Int32Array(this.counts.length * 2);
      }
    }
    return cell;
  }

  private postingsOf(geography: keyof typeof PLACED, unit: string): Postings {
    const map = this.postings[geography];
    let list = map.get(unit);
    if (!list) {
      list = new Postings();
      map.set(unit, list);
    }
    return list;
  }
}

function compare(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
