import * as crypto from 'node:crypto';
import type { EventMetadata } from './envelope';
import type { NewEvent } from './event-store.port';
import { keepTexts } from './event-texts';

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
  return eventHashOfText(
    previous,
    event,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
  );
}

/** The same hash from the JSON texts of data and metadata (without its hash), as stored. */
export function eventHashOfText(
  previous: string | undefined,
  event: Pick<HashedContent, 'streamId' | 'revision' | 'id' | 'type' | 'schemaVersion'>,
  dataText: string,
  metadataText: string,
): string {
  // One text hashed at once gives the digest of the same parts fed one after another.
  return sha256Hex(
    `${previous ?? ''}\u0000${event.streamId}\u0000${event.revision}\u0000${event.id}\u0000${event.type}\u0000${event.schemaVersion}\u0000${dataText}\u0000${metadataText}`,
  );
}

/** sha256 of a text's UTF-8 bytes (or of bytes), in hex: one call where Node has `crypto.hash` (20.12+). */
export const sha256Hex: (text: string | Uint8Array) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

const HASH_FIELD = ',"hash":"';
const HASH_TAIL = HASH_FIELD.length + 64 + '"}'.length;

/**
 * Splits stored metadata JSON into the text the hash covers and the hash, without parsing:
 * the hash is always written as the last field, so it sits at a fixed distance from the end.
 * Whether those 64 characters are the right hash is for a comparison with a computed one.
 */
export function splitHashedMetadata(
  metadataText: string,
): { unhashedText: string; hash: string } | undefined {
  const at = metadataText.length - HASH_TAIL;
  if (at < 0 || !metadataText.startsWith(HASH_FIELD, at) || !metadataText.endsWith('"}'))
    return undefined;
  return {
    unhashedText: `${metadataText.slice(0, at)}}`,
    hash: metadataText.slice(at + HASH_FIELD.length, metadataText.length - 2),
  };
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
    const dataText = JSON.stringify(event.data);
    const unhashedText = JSON.stringify(metadata);
    const hash = eventHashOfText(
      last,
      { ...event, streamId, revision: firstRevision + index },
      dataText,
      unhashedText,
    );
    last = hash;
    const chained = { ...event, metadata: { ...metadata, hash } };
    keepTexts(chained, { data: dataText, metadata: withHashText(unhashedText, hash) });
    return chained;
  });
}

/** The JSON of metadata with its hash added as the last field, from the JSON without it. */
function withHashText(unhashedText: string, hash: string): string {
  const field = `"hash":"${hash}"}`;
  return unhashedText === '{}' ? `{${field}` : `${unhashedText.slice(0, -1)},${field}`;
}
