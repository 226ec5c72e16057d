import type { EventStore } from './event-store.port';
import { eventHashOfText } from './event-hash';
import { portEntries, sealDataOf, sqliteEntries, type EntryReader, type LogEntry } from './log-entries';
import { SealDigest } from './seal-digest';
import { verifyRangesInParallel, type ParallelVerifyOptions } from './sqlite/parallel-verify';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface VerifyReport {
  readonly ok: boolean;
  readonly checked: number;
  readonly seals: number;
  readonly firstBadPosition?: number;
  readonly problem?: string;
}

export interface VerifyOptions extends ParallelVerifyOptions {
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

// Small pages: a page stays alive while it is checked, and every young-generation GC that
// runs meanwhile copies it; 5000 rows a page spent more time copying than hashing.
export const VERIFY_PAGE = 500;

/**
 * Events kept for the next seal, at most. A ledger left unsealed for longer (written before
 * seals, or with sealing off) would keep every hash alive to the end, which costs more GC
 * than the hashing; its events are read again if a seal comes to cover them.
 */
const UNSEALED_KEPT = 50_000;

/**
 * Rechecks the whole log in one pass: positions rise (with no gap in SQLite, which never
 * leaves one), each stream's revisions follow on, each event's hash matches its content and
 * its predecessor's hash, and every seal's digest matches the events it covers. Names the
 * first position where the log is not as written.
 *
 * A large SQLite log is checked in ranges on worker threads first (parallel-verify.ts); the
 * sequential pass then goes on from where they left off: the end of the log, or the start
 * of the first range they doubt, where it names the same position and problem as alone.
 */
export async function verifyLog(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  if (!(store instanceof SqliteEventStore)) return verifyEntries(portEntries(store), { ...options, rereadable: true });
  const resume = await verifyRangesInParallel(store, options);
  return verifyEntries(sqliteEntries(store), { ...options, densePositions: true, rereadable: true, resume });
}

/**
 * Where a verification picks up, everything up to `last` checked already (by parallel
 * verification): the seals so far, and each stream's last revision and hash there, asked
 * for when the stream goes on. The events since the last seal are read again when the next
 * seal comes.
 */
export interface VerifiedSoFar {
  readonly last: number;
  readonly checked: number;
  readonly seals: number;
  readonly sealedUpTo: number;
  readonly sealDigest: string;
  readonly streamAt: (streamId: string) => { readonly revision: number; readonly hash: string | undefined } | undefined;
}

export interface EntryReaderOptions {
  /** Positions rise by one, as in SQLite, which never leaves a gap. */
  readonly densePositions?: boolean;
  /** The reader reads again from any position (a store; not an export read once). */
  readonly rereadable?: boolean;
  /** Events kept for the next seal, at most, when the reader can read them again. */
  readonly unsealedKept?: number;
  /** Picks up after events already checked; needs a reader that reads again. */
  readonly resume?: VerifiedSoFar;
}

/** The same checks over any reader of log entries (a store, an export file). */
export async function verifyEntries(read: EntryReader, options: VerifyOptions & EntryReaderOptions = {}): Promise<VerifyReport> {
  const dense = options.densePositions ?? false;
  const kept = options.rereadable ? (options.unsealedKept ?? UNSEALED_KEPT) : Infinity;
  // Each stream's revision and hash so far, in arrays indexed by the stream's slot: one map
  // lookup per event and no object per update.
  const resume = options.resume;
  const slots = new Map<string, number>();
  const revisions: number[] = [];
  const hashes: (string | undefined)[] = [];
  // Only what a seal needs is kept until the seal comes: positions and hashes, not texts.
  let unsealed = new SealDigest(resume?.sealDigest ?? '');
  let sealedUpTo = resume?.sealedUpTo ?? 0;
  let checked = resume?.checked ?? 0;
  let seals = resume?.seals ?? 0;
  let last = resume?.last ?? 0;
  // Set when unsealed events were let go: the next seal reads them again.
  let unsealedDropped = last > sealedUpTo;
  /** A stream met for the first time here, already checked before the point resumed from. */
  const resumedSlot = (streamId: string): number | undefined => {
    const before = resume?.streamAt(streamId);
    if (!before) return undefined;
    const slot = revisions.length;
    slots.set(streamId, slot);
    revisions[slot] = before.revision;
    hashes[slot] = before.hash;
    return slot;
  };

  const checkSeal = (seal: LogEntry): void => {
    const { fromPosition, toPosition, previousDigest, digest, entries } = sealDataOf(seal);
    if (fromPosition !== sealedUpTo || previousDigest !== unsealed.previousDigest) {
      throw new Broken(seal.position, `the seal at position ${seal.position} does not follow the previous seal`);
    }
    const covered = unsealed.countUpTo(toPosition);
    if (unsealed.digest(covered) !== digest) {
      const where = unsealed.firstDifference(entries, covered) ?? (covered > 0 ? unsealed.firstPosition : undefined) ?? seal.position;
      throw new Broken(where, `the events sealed at position ${seal.position} were changed, removed or moved, from position ${where}`);
    }
    unsealed = unsealed.after(covered, digest);
    sealedUpTo = toPosition;
    seals += 1;
  };

  /** Checks an event's place and hash; answers the hash, equal to the stored one. */
  const check = (entry: LogEntry): string => {
    const { position, streamId, revision } = entry;
    if (position <= last) throw new Broken(position, `position ${position} does not rise after ${last}`);
    if (dense && position !== last + 1) throw new Broken(last + 1, `the event at position ${last + 1} is missing`);
    let slot = slots.get(streamId) ?? (resume && resumedSlot(streamId));
    const expected = slot === undefined ? 0 : revisions[slot]! + 1;
    if (revision !== expected) {
      throw new Broken(position, `${streamId} is at revision ${revision} where ${expected} was expected`);
    }
    const hash = eventHashOfText(slot === undefined ? undefined : hashes[slot], entry, entry.dataText, entry.metadataText);
    if (hash !== entry.hash) throw new Broken(position, `the event at position ${position} does not match its hash`);
    if (slot === undefined) {
      slot = revisions.length;
      slots.set(streamId, slot);
    }
    // The computed hash, equal to the stored one, is kept: a slice of the stored metadata
    // would keep the whole text alive.
    revisions[slot] = revision;
    hashes[slot] = hash;
    return hash;
  };

  const keepForSeal = (position: number, id: string, hash: string): void => {
    if (unsealedDropped) return;
    if (unsealed.count < kept) unsealed.add({ position, id, hash });
    else {
      unsealed = new SealDigest(unsealed.previousDigest);
      unsealedDropped = true;
    }
  };

  /** The events between the last seal and `before`, read again, their hashes checked already. */
  const readUnsealed = async (before: number): Promise<SealDigest> => {
    const again = new SealDigest(unsealed.previousDigest);
    for (let after = sealedUpTo; after < before - 1; ) {
      const page = await read(after, VERIFY_PAGE);
      for (const entry of page) if (entry.position < before) again.add(entry);
      const tail = page[page.length - 1];
      if (!tail) break;
      after = tail.position;
    }
    return again;
  };

  try {
    for (;;) {
      const page = await read(last, VERIFY_PAGE);
      for (const entry of page) {
        const hash = check(entry);
        if (entry.type === 'LogSealed') {
          if (unsealedDropped) {
            unsealed = await readUnsealed(entry.position);
            unsealedDropped = false;
          }
          checkSeal(entry);
        }
        keepForSeal(entry.position, entry.id, hash);
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
