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

export type Cell = Pick<CellSum, 'indicator' | 'dimension' | 'category'>;

/** Everything an index holds: its columns, its cells by number, each unit's facts. */
export interface FactIndexState {
  readonly columns: FactColumns;
  readonly cells: readonly Cell[];
  readonly postings: { readonly original: Map<string, Postings>; readonly current: Map<string, Postings> };
}

/** Row ids are kept in 32 bits. */
const MAX_ID = 2 ** 31 - 1;

/** A cell's key: its three parts, an absent part written as NONE. */
const SEPARATOR = '\u0000';
const NONE = '\u0001';
const cellKey = (indicator: string, dimension: string | null, category: string | null): string =>
  `${indicator}${SEPARATOR}${dimension ?? NONE}${SEPARATOR}${category ?? NONE}`;
const orNull = (part: string): string | null => (part === NONE ? null : part);

/** A business date as SQLite turns it into a day number (see `dayNumber`), -1 when it cannot. */
const storedDay = (column: string): string =>
  `CASE WHEN ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
   THEN CAST(substr(${column}, 1, 4) || substr(${column}, 6, 2) || substr(${column}, 9, 2) AS INTEGER) ELSE -1 END`;

/** Added to a stock's first day as a load reads it: one number for both. */
const STOCK = 1_000_000_000;
const LAST_DAY = 99_991_231;

/**
 * How a load reads the table, a step of row ids at a time (`id > ?`, `LIMIT ?`): the
 * numbers worked out by SQLite, one string per cell, then its line of units (see `listsOf`).
 */
export const STORED_FACTS = `SELECT id,
    indicator || char(0) || ifnull(dimension, char(1)) || char(0) || ifnull(category, char(1)),
    (kind = 'stock') * ${STOCK} + ${storedDay('date_from')},
    CASE WHEN date_to IS NULL THEN ${NO_END_DAY} ELSE ${storedDay('date_to')} END,
    pos_from, pos_to, value,
    unit_code || char(0) || ifnull(l1, '') || char(0) || ifnull(l2, '') || char(0) || ifnull(cu0, '') || char(0) || ifnull(cu1, '')
  FROM indicator_facts WHERE id > ? ORDER BY id LIMIT ?`;

const column = (name: (typeof FACT_ROW_COLUMNS)[number]): number => FACT_ROW_COLUMNS.indexOf(name);
const INDICATOR = column('indicator');
const KIND = column('kind');
const DATE_FROM = column('date_from');
const DATE_TO = column('date_to');
const VALUE = column('value');
const DIMENSION = column('dimension');
const CATEGORY = column('category');
const POS_FROM = column('pos_from');
/** The columns that place a fact in units, in the order of a line of units (see `listsOf`). */
const PLACED = [column('unit_code'), column('l1'), column('l2'), column('cu0'), column('cu1')];

/**
 * The indicator facts in memory, column by column, with each unit's facts listed: the
 * sums of `indicator-queries.ts` (the same conditions) without reading an index of a
 * million rows from disk. It follows the table it mirrors fact by fact (`add`, `close`).
 */
export class FactIndex {
  private readonly columns: FactColumns;
  private readonly cellNumbers = new Map<string, number>();
  private readonly cells: Cell[];
  private readonly postings: FactIndexState['postings'];
  private sums: Float64Array;
  private counts: Int32Array;
  /** The lists of each line of units a load met (see `listsOf`). */
  private readonly lineages = new Map<string, Postings[]>();

  /** An empty index, or one holding what a snapshot saved (`fact-index-snapshot.ts`). */
  constructor(state?: FactIndexState) {
    this.columns = state?.columns ?? new FactColumns();
    this.cells = [...(state?.cells ?? [])];
    this.cells.forEach((cell, number) => this.cellNumbers.set(cellKey(cell.indicator, cell.dimension, cell.category), number));
    this.postings = state?.postings ?? { original: new Map(), current: new Map() };
    this.sums = new Float64Array(Math.max(64, this.cells.length * 2));
    this.counts = new Int32Array(this.sums.length);
  }

  /** What it holds, to save. */
  get state(): FactIndexState {
    return { columns: this.columns, cells: this.cells, postings: this.postings };
  }

  get size(): number {
    return this.columns.length;
  }

  /** The row id of the last fact added. */
  get lastId(): number {
    return this.columns.lastId;
  }

  /** Adds a fact the writer just stored with row id `id`. False when it cannot (see `place`). */
  add(id: number, row: FactRow, posTo: number | null): boolean {
    const dateTo = row[DATE_TO] as string | null;
    const slot = this.place(
      id,
      cellKey(row[INDICATOR] as string, row[DIMENSION] as string | null, row[CATEGORY] as string | null),
      row[KIND] === 'stock',
      dayNumber(row[DATE_FROM] as string) ?? -1,
      dateTo === null ? NO_END_DAY : (dayNumber(dateTo) ?? -1),
      row[POS_FROM] as number,
      posTo,
      row[VALUE] as number,
    );
    if (slot === undefined) return false;
    const units = PLACED.map((placed) => (row[placed] as string | null) ?? '').join(SEPARATOR);
    for (const list of this.listsOf(units)) list.push(slot);
    return true;
  }

  /** Adds a fact read from the table by STORED_FACTS (a row of its columns, in order). */
  addStored(row: readonly unknown[]): boolean {
    const first = row[2] as number;
    const stock = first >= STOCK;
    const dayFrom = stock ? first - STOCK : first;
    const slot = this.place(
      row[0] as number,
      row[1] as string,
      stock,
      dayFrom <= LAST_DAY ? dayFrom : -1,
      row[3] as number,
      row[4] as number,
      row[5] as number | null,
      row[6] as number,
    );
    if (slot === undefined) return false;
    for (const list of this.listsOf(row[7] as string)) list.push(slot);
    return true;
  }

  /**
   * The lists a fact joins, from its line of units (where it was recorded, its district and
   * province then, today's commune and province, joined by NUL, an absent one empty):
   * worked out once for each such line, of which a ledger has few.
   */
  private listsOf(units: string): Postings[] {
    let lists = this.lineages.get(units);
    if (!lists) {
      const [unit, l1, l2, cu0, cu1] = units.split(SEPARATOR);
      lists = [];
      for (const [geography, codes] of [
        ['original', [unit, l1, l2]],
        ['current', [cu0, cu1]],
      ] as const) {
        for (const code of codes) if (code) lists.push(this.postingsOf(geography, code));
      }
      this.lineages.set(units, lists);
    }
    return lists;
  }

  /** Makes room for `size` facts in all, before a load. */
  reserve(size: number): void {
    this.columns.reserve(size);
  }

  /** Lets go of the room kept for more facts in each unit's list (after a load). */
  trim(): void {
    for (const map of Object.values(this.postings)) for (const list of map.values()) list.trim();
  }

  /**
   * Gives a fact its slot; undefined when it cannot: row ids must rise (and fit in 32
   * bits), and dates must have read as `YYYY-MM-DD` (-1 otherwise).
   */
  private place(
    id: number,
    cell: string,
    stock: boolean,
    dayFrom: number,
    dayTo: number,
    posFrom: number,
    posTo: number | null,
    value: number,
  ): number | undefined {
    if (id <= this.columns.lastId || id > MAX_ID || dayFrom < 0 || dayTo < 0) return undefined;
    const c = this.columns;
    const slot = c.add();
    c.ids[slot] = id;
    c.cells[slot] = this.cellOf(cell);
    c.stocks[slot] = stock ? 1 : 0;
    c.dayFrom[slot] = dayFrom;
    c.dayTo[slot] = dayTo;
    c.posFrom[slot] = posFrom;
    c.posTo[slot] = posTo ?? Infinity;
    c.values[slot] = value;
    return slot;
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

  private cellOf(key: string): number {
    let cell = this.cellNumbers.get(key);
    if (cell === undefined) {
      cell = this.cells.length;
      const [indicator, dimension, category] = key.split(SEPARATOR) as [string, string, string];
      this.cells.push({ indicator, dimension: orNull(dimension), category: orNull(category) });
      this.cellNumbers.set(key, cell);
      if (cell >= this.sums.length) {
        this.sums = new Float64Array(this.sums.length * 2);
        this.counts = new Int32Array(this.counts.length * 2);
      }
    }
    return cell;
  }

  private postingsOf(geography: SumQuery['geography'], unit: string): Postings {
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
