import type { Database } from 'better-sqlite3';
import {
  findRemembered,
  rememberedKeyPage,
} from '../../projections/idempotency/idempotency.projection';
import type { RecordedEvent } from './event-store.port';
import { FingerprintSet } from './fingerprint-set';
import type { IdempotencyIndex, RememberedCommand } from './idempotency';
import { answerKey } from './known-streams';

/** Rows of the idempotency read model read in one step of the scan; requests run between steps. */
const SCAN_PAGE = 10_000;

/** What the index needs of the projection runner. */
export interface AnsweredKeysFeed {
  onAdvance(listener: (position: number) => void): () => void;
  onBatch(listener: (events: readonly RecordedEvent[]) => void): () => void;
}

/**
 * The idempotency read model, with every (user, key) pair it holds also kept in memory as a
 * fingerprint: nearly every command comes with a fresh key, and a fingerprint that is not
 * there answers "never seen" without a lookup in the table (a random place in a large
 * B-tree, the dearest read of a command).
 *
 * The fingerprints are a superset of the table at all times once the scan has finished:
 * each batch's keys are added before the read models apply it, and the scan, started after
 * that listener, reads every row stored before. A read model swapped in after a rebuild
 * (an advance with no batch) is scanned again; until a scan ends, every key is looked up.
 */
export class AnsweredKeyIndex implements IdempotencyIndex {
  private readonly fingerprints = new FingerprintSet();
  /** The scan under way, or undefined once every stored row has been read. */
  private scan?: { afterRow: number };
  /** Whether a step of the scan is scheduled. */
  private stepping = false;
  private readonly stops: Array<() => void> = [];
  private batchSeen = false;
  private closed = false;

  constructor(
    private readonly db: Database,
    feed: AnsweredKeysFeed,
  ) {
    this.stops.push(
      feed.onBatch((events) => {
        this.batchSeen = true;
        for (const { metadata } of events) {
          if (metadata.idempotencyKey)
            this.fingerprints.add(answerKey(metadata.actor.userId, metadata.idempotencyKey));
        }
      }),
      feed.onAdvance(() => {
        if (!this.batchSeen) this.startScan();
        this.batchSeen = false;
      }),
    );
    this.startScan();
  }

  /** Whether every stored pair has a fingerprint, so that a missing one means a fresh key. */
  get complete(): boolean {
    return this.scan === undefined;
  }

  find(userId: string, key: string): RememberedCommand | undefined {
    if (this.complete && !this.fingerprints.mayHold(answerKey(userId, key))) return undefined;
    return findRemembered(this.db, userId, key);
  }

  close(): void {
    this.closed = true;
    for (const stop of this.stops) stop();
  }

  private startScan(): void {
    this.scan = { afterRow: 0 };
    if (!this.stepping) this.scanStep();
  }

  private scanStep(): void {
    this.stepping = false;
    const scan = this.scan;
    if (!scan || this.closed) return;
    let page: ReturnType<typeof rememberedKeyPage>;
    try {
      page = rememberedKeyPage(this.db, scan.afterRow, SCAN_PAGE);
    } catch {
      // The file is closing, or the table is not there: keys are looked up in it until a
      // read model swapped in (or the next start) scans again.
      return;
    }
    for (const [userId, key] of page.pairs) this.fingerprints.add(answerKey(userId, key));
    if (page.pairs.length < SCAN_PAGE) {
      this.scan = undefined;
      return;
    }
    scan.afterRow = page.lastRow;
    this.stepping = true;
    setImmediate(() => this.scanStep());
  }
}
