import type { EventStore } from './event-store.port';
import { eventHashOfText } from './event-hash';
import { portEntries, sealDataOf, sqliteEntries, type EntryReader, type LogEntry } from './log-entries';
import { SealDigest } from './seal-digest';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface VerifyReport {
  readonly ok: boolean;
  readonly checked: number;
  readonly seals: number;
  readonly firstBadPosition?: number;
  readonly problem?: string;
}

export interface VerifyOptions {
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

const PAGE = 5000;

/**
 * Rechecks the whole log in one pass: positions rise (with no gap in SQLite, which never
 * leaves one), each stream's revisions follow on, each event's hash matches its content and
 * its predecessor's hash, and every seal's digest matches the events it covers. Names the
 * first position where the log is not as written.
 */
export function verifyLog(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const dense = store instanceof SqliteEventStore;
  return verifyEntries(dense ? sqliteEntries(store) : portEntries(store), { ...options, densePositions: dense });
}

/** The same checks over any reader of log entries (a store, an export file). */
export async function verifyEntries(
  read: EntryReader,
  options: VerifyOptions & { readonly densePositions?: boolean } = {},
): Promise<VerifyReport> {
  const dense = options.densePositions ?? false;
  const streams = new Map<string, { revision: number; hash: string | undefined }>();
  // Only what a seal needs is kept until the seal comes: not the events' texts.
  let unsealed: { position: number; id: string; hash: string | undefined }[] = [];
  let sealedUpTo = 0;
  let lastDigest = '';
  let checked = 0;
  let seals = 0;
  let last = 0;

  const checkSeal = (seal: LogEntry): void => {
    const { fromPosition, toPosition, previousDigest, digest, entries } = sealDataOf(seal);
    if (fromPosition !== sealedUpTo || previousDigest !== lastDigest) {
      throw new Broken(seal.position, `the seal at position ${seal.position} does not follow the previous seal`);
    }
    const rolling = new SealDigest(previousDigest);
    const covered = unsealed.filter((e) => e.position > fromPosition && e.position <= toPosition);
    for (const entry of covered) rolling.add(entry);
    if (rolling.digest() !== digest) {
      const where = rolling.firstDifference(entries) ?? covered[0]?.position ?? seal.position;
      throw new Broken(where, `the events sealed at position ${seal.position} were changed, removed or moved, from position ${where}`);
    }
    unsealed = unsealed.filter((e) => e.position > toPosition);
    sealedUpTo = toPosition;
    lastDigest = digest;
    seals += 1;
  };

  const check = (entry: LogEntry): void => {
    if (entry.position <= last) throw new Broken(entry.position, `position ${entry.position} does not rise after ${last}`);
    if (dense && entry.position !== last + 1) throw new Broken(last + 1, `the event at position ${last + 1} is missing`);
    const stream = streams.get(entry.streamId);
    const expected = (stream?.revision ?? -1) + 1;
    if (entry.revision !== expected) {
      throw new Broken(entry.position, `${entry.streamId} is at revision ${entry.revision} where ${expected} was expected`);
    }
    if (!entry.hash || eventHashOfText(stream?.hash, entry, entry.dataText, entry.metadataText) !== entry.hash) {
      throw new Broken(entry.position, `the event at position ${entry.position} does not match its hash`);
    }
    streams.set(entry.streamId, { revision: entry.revision, hash: entry.hash });
    if (entry.type === 'LogSealed') checkSeal(entry);
    unsealed.push({ position: entry.position, id: entry.id, hash: entry.hash });
  };

  try {
    for (;;) {
      const page = await read(last, PAGE);
      for (const entry of page) {
        check(entry);
        last = entry.position;
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
