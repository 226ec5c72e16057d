import { InvalidCommand } from '../shared/domain-errors';

/** `asOf` as the client wrote it: a log position, or a time. */
export type AsOf = { readonly position: number } | { readonly time: string };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `position:N`, an ISO time with its zone, or a date (the end of that day in Viet Nam). */
export function parseAsOf(value: string | undefined): AsOf | undefined {
  if (value === undefined) return undefined;
  const position = /^position:(\d{1,15})$/.exec(value);
  if (position?.[1]) return { position: Number(position[1]) };
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999+07:00` : value;
  const time = new Date(text);
  if (!ISO_TIME.test(text) || Number.isNaN(time.getTime())) {
    throw new InvalidCommand('asOf must be position:N or an ISO time such as 2024-01-15T09:00:00+07:00');
  }
  return { time: time.toISOString() };
}
