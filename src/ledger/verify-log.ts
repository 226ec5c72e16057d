import type { LogSealed } from '../../events/ledger-seal';
import { eventHash, unhashed } from './event-hash';
import type { EventStore, RecordedEvent } from './event-store.port';
import { SealDigest } from './seal-digest';

export interface VerifyReport {
  readonly ok: boolean;
  readonly checked: number;
  readonly seals: number;
  readonly firstBadPosition?: number;
  readonly problem?: string;
}

export interface VerifyOptions {
  /** The store never leaves gaps in positions (SQLite): a gap is a removed event. */
  readonly densePositions?: boolean;
  readonly onProgress?: (checked: number) => void;
}

class Broken extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Rechecks the whole log in one pass: positions rise (without gaps where the store never
 * leaves any), each stream's revisions follow on, each event's hash matches its content and
 * its predecessor's hash, and every seal's digest matches the events it covers. Names the
 * first position where the log is not as written.
 */
export async function verifyLog(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const streams = new Map<string, { revision: number; hash: string | undefined }>();
  const unsealed: RecordedEvent[] = [];
  let sealedUpTo = 0;
  let lastDigest = '';
  let checked = 0;
  let seals = 0;
  let last = 0;

  const check = (event: RecordedEvent): void => {
    if (event.position <= last) throw new Broken(event.position, `position ${event.position} does not rise after ${last}`);
    if (options.densePositions && event.position !== last + 1) {
      throw new Broken(last + 1, `the event at position ${last + 1} is missing`);
    }
    const stream = streams.get(event.streamId);
    const expected = (stream?.revision ?? -1) + 1;
    if (event.revision !== expected) {
      throw new Broken(event.position, `${event.streamId} is at revision ${event.revision} where ${expected} was expected`);
    }
    const hash = event.metadata.hash;
    if (!hash || eventHash(stream?.hash, { ...event, metadata: unhashed(event.metadata) }) !== hash) {
      throw new Broken(event.position, `the event at position ${event.position} does not match its hash`);
    }
    streams.set(event.streamId, { revision: event.revision, hash });
    if (event.type === 'LogSealed') checkSeal(event as unknown as LogSealed & RecordedEvent);
    unsealed.push(event);
  };

  const checkSeal = (seal: LogSealed & RecordedEvent): void => {
    const { fromPosition, toPosition, previousDigest, digest, entries } = seal.data;
    if (fromPosition !== sealedUpTo || previousDigest !== lastDigest) {
      throw new Broken(seal.position, `the seal at position ${seal.position} does not follow the previous seal`);
    }
    const rolling = new SealDigest(previousDigest);
    const covered = unsealed.filter((e) => e.position > fromPosition && e.position <= toPosition);
    for (const event of covered) rolling.add(event);
    if (rolling.digest() !== digest) {
      const where = rolling.firstDifference(entries) ?? covered[0]?.position ?? seal.position;
      throw new Broken(where, `the events sealed at position ${seal.position} were changed, removed or moved, from position ${where}`);
    }
    unsealed.splice(0, unsealed.length, ...unsealed.filter((e) => e.position > toPosition));
    sealedUpTo = toPosition;
    lastDigest = digest;
    seals += 1;
  };

  try {
    for (;;) {
      const page = await store.readAll({ after: last, limit: 5000 });
      for (const event of page) {
        check(event);
        last = event.position;
        checked += 1;
      }
      options.onProgress?.(checked);
      if (page.length === 0) return { ok: true, checked, seals };
    }
  } catch (error) {
    if (error instanceof Broken) return { ok: false, checked, seals, firstBadPosition: error.position, problem: error.message };
    throw error;
  }
}
