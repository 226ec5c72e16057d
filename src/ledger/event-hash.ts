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
  return eventHashOfText(previous, event, JSON.stringify(event.data), JSON.stringify(event.metadata));
}

/** The same hash from the JSON texts of data and metadata (without its hash), as stored. */
export function eventHashOfText(
  previous: string | undefined,
  event: Pick<HashedContent, 'streamId' | 'revision' | 'id' | 'type' | 'schemaVersion'>,
  dataText: string,
  metadataText: string,
): string {
  return createHash('sha256')
    .update(previous ?? '')
    .update('\u0000')
    .update(`${event.streamId}\u0000${event.revision}\u0000${event.id}\u0000${event.type}\u0000${event.schemaVersion}\u0000`)
    .update(dataText)
    .update('\u0000')
    .update(metadataText)
    .digest('hex');
}

const HASH_SUFFIX = /,"hash":"([0-9a-f]{64})"}$/;

/**
 * Splits stored metadata JSON into the text the hash covers and the hash, without parsing:
 * the hash is always written as the last field.
 */
export function splitHashedMetadata(metadataText: string): { unhashedText: string; hash: string } | undefined {
  const match = HASH_SUFFIX.exec(metadataText);
  if (!match?.[1]) return undefined;
  return { unhashedText: `${metadataText.slice(0, match.index)}}`, hash: match[1] };
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
