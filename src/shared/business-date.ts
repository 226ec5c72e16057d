const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD that exists (no 2023-02-30). */
export function isBusinessDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_SHAPE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const VIET_NAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Today's date in Viet Nam (UTC+7, no daylight saving): business dates are local. */
export function businessToday(now: Date): string {
  return new Date(now.getTime() + VIET_NAM_OFFSET_MS).toISOString().slice(0, 10);
}
