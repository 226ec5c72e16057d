/** A day as a number that sorts as its `YYYY-MM-DD` text does (2023-10-12 → 20231012). */
export function dayNumber(date: string): number | undefined {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') return undefined;
  const day = Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8));
  return Number.isInteger(day) && day >= 0 ? day : undefined;
}

/** The end of a stock that has not ended, and of a belief not yet revised. */
export const NO_END_DAY = 2 ** 31 - 1;

/** Slots of facts, in the order they were added: the facts of one unit. */
export class Postings {
  slots = new Int32Array(16);
  length = 0;

  push(slot: number): void {
    if (this.length === this.slots.length) {
      const grown = new Int32Array(Math.ceil(this.slots.length * 1.5));
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots[this.length++] = slot;
  }

  /** Lets go of the room it keeps for more. */
  trim(): void {
    if (this.slots.length > this.length + 16) this.slots = this.slots.slice(0, this.length + 16);
  }
}

/**
 * The facts' columns, one typed array each, a fact per slot: what a sum reads, packed so
 * that a province's million facts are summed in milliseconds.
 */
export class FactColumns {
  length = 0;
  ids = new Int32Array(1024);
  cells = new Int32Array(1024);
  stocks = new Uint8Array(1024);
  dayFrom = new Int32Array(1024);
  dayTo = new Int32Array(1024);
  posFrom = new Float64Array(1024);
  posTo = new Float64Array(1024);
  values = new Float64Array(1024);

  /** Makes room for one more fact and returns its slot. */
  add(): number {
    if (this.length === this.ids.length) this.resize(Math.ceil(this.ids.length * 1.5));
    return this.length++;
  }

  /** Makes room for `size` facts in all, at once (before a load). */
  reserve(size: number): void {
    if (size > this.ids.length) this.resize(size);
  }

  /** The slot of the fact with row id `id`, found by halving (slots are in id order). */
  slotOf(id: number): number | undefined {
    let low = 0;
    let high = this.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.ids[middle] as number;
      if (found === id) return middle;
      if (found < id) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  get lastId(): number {
    return this.length === 0 ? 0 : (this.ids[this.length - 1] as number);
  }

  private resize(size: number): void {
    this.ids = grown(this.ids, new Int32Array(size));
    this.cells = grown(this.cells, new Int32Array(size));
    this.stocks = grown(this.stocks, new Uint8Array(size));
    this.dayFrom = grown(this.dayFrom, new Int32Array(size));
    this.dayTo = grown(this.dayTo, new Int32Array(size));
    this.posFrom = grown(this.posFrom, new Float64Array(size));
    this.posTo = grown(this.posTo, new Float64Array(size));
    this.values = grown(this.values, new Float64Array(size));
  }
}

function grown<A extends Float64Array | Int32Array | Uint8Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
