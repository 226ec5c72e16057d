import { randomFillSync } from 'node:crypto';

/** Random bytes drawn a page at a time: one call for each id cost more than the rest of the id. */
const POOL = Buffer.alloc(4096);
let drawn = POOL.length;

function randomInto(target: Buffer, offset: number, length: number): void {
  if (drawn + length > POOL.length) {
    randomFillSync(POOL);
    drawn = 0;
  }
  POOL.copy(target, offset, drawn, drawn + length);
  drawn += length;
}

/**
 * A UUID of version 7: the time it was made (Unix milliseconds) and then random bits. Ids
 * made one after another sort together, so a new row of an index keyed by them (the log's
 * event ids and streams, the read models' records) lands on the page the last one did, not
 * on a random page of its own that each commit then writes whole to the log: on this
 * machine, 14 µs a row with random keys against 4 µs, 40 against 5 with checkpoints.
 */
export function timeOrderedUuid(now = Date.now()): string {
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(now, 0, 6);
  randomInto(bytes, 6, 10);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Ids for the events a command appends. */
export function eventIdsFor(count: number): string[] {
  return Array.from({ length: count }, () => timeOrderedUuid());
}
