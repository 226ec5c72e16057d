import type { RawEventRow } from './sqlite-event-store';

/**
 * The rows this process committed last, as it stored them (the same JSON text), so that a
 * reader following the log (the read models' subscription, above all) takes the events just
 * appended without reading them back from the file. Only an unbroken run of positions from
 * the one asked for is served: a row appended by another process (a gap), or one older than
 * those kept, is read from the file.
 */
export class RecentRows {
  private rows: RawEventRow[] = [];
  /** Rows before this index are no longer kept; the array is cut once they outnumber those kept. */
  private first = 0;

  constructor(private readonly capacity: number) {}

  /** Rows just committed, in position order, after every row added before. */
  add(rows: readonly RawEventRow[]): void {
    for (const row of rows) this.rows.push(row);
    this.first = Math.max(this.first, this.rows.length - this.capacity);
    if (this.first > this.capacity) {
      this.rows = this.rows.slice(this.first);
      this.first = 0;
    }
  }

  /** Up to `limit` rows from position `after + 1` on, or undefined if they are not all here. */
  after(after: number, limit: number): RawEventRow[] | undefined {
    const oldest = this.rows[this.first];
    if (!oldest) return undefined;
    const start = this.first + after + 1 - oldest[0];
    if (start < this.first || start >= this.rows.length || this.rows[start]?.[0] !== after + 1)
      return undefined;
    const served: RawEventRow[] = [];
    for (let index = start; index < this.rows.length && served.length < limit; index++) {
      const row = this.rows[index] as RawEventRow;
      if (row[0] !== after + 1 + served.length) break;
      served.push(row);
    }
    return served;
  }
}
