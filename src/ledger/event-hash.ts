import { createHash } from 'node:crypto';
import type { EventMetadata } from './envelope';
import type { NewEvent } from './event-store.port';

/** What an event's hash covers: everything about it but the hash itself. */
export interface HashedContent {
  readonly streamId: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: Omit<EventMetadata, 'hash'>;
}

/**
 * sha256 over the previous event's hash in the same stream and this event's content, so a
 * changed, removed or moved event breaks every hash after it in its stream.
 */
export function eventHash(previous: string | undefined, event: HashedContent): string {
  return createHash('sha256')
    .update(previous ?? '')
    .update('\u0000')
    .update(`${event.streamId}\u0000${event.revision}\u0000${event.id}\u0000${event.type}\u0000${event.schemaVersion}\u0000`)
    .update(JSON.stringify(event.data))
    .update('\u0000')
    .update(JSON.stringify(event.metadata))
    .digest('hex');
}

/** The metadata without its hash, as it was when the hash was taken. */
export function unhashed(metadata: EventMetadata): Omit<EventMetadata, 'hash'> {
  const { hash: _hash, ...rest } = metadata;
  return rest;
}

/** Chains new events onto a stream whose last event has `previous` as hash. */
export function chainEvents(
  streamId: string,
  firstRevision: number,
  previous: string | undefined,
  events: readonly NewEvent[],
): NewEvent[] {
  let last = previous;
  return events.map((event, index) => {
    const metadata = unhashed(event.metadata);
    const hash = eventHash(last, { ...event, streamId, revision: firstRevision + index, metadata });
    last = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}
