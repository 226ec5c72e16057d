import { isBusinessDate } from '../shared/business-date';
import { InvalidCommand } from '../shared/domain-errors';

/** `asOf` as the client wrote it: a log position, or a time. */
export type AsOf = { readonly position: number } | { readonly time: string };

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO time with its zone, on a day that exists: `Date` would read 2023-02-30 as
 * 2 March rather than refuse it.
 */
export function isIsoTime(value: string): boolean {
  const day = ISO_TIME.exec(value)?.[1];
  return day !== undefined && isBusinessDate(day) && !Number.isNaN(new Date(value).getTime());
}

/** `position:N`, an ISO time with its zone, or a date (the end of that day in Viet Nam). */
export function parseAsOf(value: string | undefined): AsOf | undefined {
  if (value === undefined) return undefined;
  const position = /^position:(\d{1,15})$/.exec(value);
  if (position?.[1]) return { position: Number(position[1]) };
  const text = isBusinessDate(value) ? `${value}T23:59:59.999+07:00` : value;
  if (!isIsoTime(text)) {
    throw new InvalidCommand('asOf must be position:N or an ISO time such as 2024-01-15T09:00:00+07:00');
  }
  return { time: new Date(text).toISOString() };
}
