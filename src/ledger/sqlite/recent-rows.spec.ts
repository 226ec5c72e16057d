import { RecentRows } from './recent-rows';
import type { RawEventRow } from './sqlite-event-store';

const row = (position: number): RawEventRow => [
  position,
  `id-${position}`,
  's',
  0,
  'T',
  1,
  '{}',
  '{}',
];
const positions = (rows: RawEventRow[] | undefined) => rows?.map((served) => served[0]);

describe('the rows committed last', () => {
  it('serves an unbroken run from the position after the one asked for, up to the limit', () => {
    const recent = new RecentRows(100);
    recent.add([row(4), row(5)]);
    recent.add([row(6)]);
    expect(positions(recent.after(3, 10))).toEqual([4, 5, 6]);
    expect(positions(recent.after(4, 1))).toEqual([5]);
  });

  it('leaves to the file what it does not hold: older rows, rows after the last, rows past a gap', () => {
    const recent = new RecentRows(100);
    expect(recent.after(0, 10)).toBeUndefined();
    recent.add([row(4), row(5), row(8), row(9)]);
    expect(recent.after(2, 10)).toBeUndefined();
    expect(recent.after(9, 10)).toBeUndefined();
    // Rows 6 and 7 came from another process: the run stops before them, and is not served after them.
    expect(positions(recent.after(3, 10))).toEqual([4, 5]);
    expect(recent.after(5, 10)).toBeUndefined();
    expect(recent.after(7, 10)).toBeUndefined();
  });

  it('keeps only the newest rows', () => {
    const recent = new RecentRows(3);
    recent.add([row(1), row(2), row(3), row(4), row(5)]);
    expect(recent.after(1, 10)).toBeUndefined();
    expect(positions(recent.after(2, 10))).toEqual([3, 4, 5]);
  });

  it('keeps only the newest rows however many batches came, one at a time', () => {
    const recent = new RecentRows(3);
    for (let position = 1; position <= 20; position++) recent.add([row(position)]);
    expect(recent.after(16, 10)).toBeUndefined();
    expect(positions(recent.after(17, 10))).toEqual([18, 19, 20]);
    expect(positions(recent.after(18, 1))).toEqual([19]);
  });
});
