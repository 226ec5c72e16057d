import type { Database } from 'better-sqlite3';
import { prepared } from '../statement-cache';
import { FactIndex, STORED_FACTS } from './fact-index';
import { saveFactSnapshot, savedFacts, type SavedFacts } from './fact-index-snapshot';
import type { FactRow } from './fact-row';

/** What a committed batch did to `indicator_facts`, in order. */
export type FactChange =
  | { readonly id: number; readonly row: FactRow }
  | { readonly id: number; readonly closedAt: number };

export interface KeepOptions {
  readonly onError?: (error: Error) => void;
  /** Told once the sums are read from memory: how many facts, from where, in how long. */
  readonly onReady?: (ready: { facts: number; from: 'snapshot' | 'table'; seconds: number }) => void;
  /** Rows read per step of a load; the event loop answers requests between steps. */
  readonly step?: number;
}

/**
 * A database's fact index while it loads and once it is ready. It reads back what the last
 * clean stop saved, if that still matches the table, then loads the rest of the table in
 * steps of row ids, following committed changes meanwhile: a change to a row it holds is
 * applied, a change beyond is left to the steps still to come, which read it. While the
 * saved facts are read back (off the event loop), changes wait, and are applied after.
 */
class KeptFactIndex {
  index = new FactIndex();
  ready = false;
  /** Rows up to this id are in memory. */
  private loadedUpTo = 0;
  /** Set while the saved facts are read back: the changes committed meanwhile. */
  private waiting?: FactChange[];
  private from: 'snapshot' | 'table' = 'table';
  readonly loaded: Promise<boolean>;
  private readonly secondsSince: () => number;

  constructor(
    private readonly db: Database,
    readonly options: KeepOptions,
  ) {
    const started = process.hrtime.bigint();
    this.secondsSince = () => Number(process.hrtime.bigint() - started) / 1e9;
    const saved = this.savedFacts();
    if (saved) {
      this.waiting = [];
      this.from = 'snapshot';
      this.loaded = this.readBack(saved);
    } else {
      this.loaded = new Promise((resolve) => setImmediate(() => this.loadStep(resolve)));
    }
  }

  /** Whether the saved facts are being read back (a second or so): answers wait for them. */
  get readingBack(): boolean {
    return this.waiting !== undefined;
  }

  /** False when memory and table no longer agree: the index must be loaded again. */
  apply(changes: readonly FactChange[]): boolean {
    if (this.waiting) {
      this.waiting.push(...changes);
      return true;
    }
    for (const change of changes) {
      if (change.id > this.loadedUpTo) continue;
      const applied =
        'row' in change ? this.index.add(change.id, change.row, null) : this.index.close(change.id, change.closedAt);
      if (!applied) return false;
    }
    return true;
  }

  private savedFacts(): SavedFacts | undefined {
    try {
      return savedFacts(this.db);
    } catch (error) {
      this.unreadable(error);
      return undefined;
    }
  }

  /** The saved facts, then what the table holds beyond them; from the table alone if they fail. */
  private async readBack(saved: SavedFacts): Promise<boolean> {
    let index: FactIndex | undefined;
    try {
      index = await saved.read();
    } catch (error) {
      this.unreadable(error);
    }
    const waiting = this.waiting ?? [];
    this.waiting = undefined;
    if (kept.get(this.db) !== this) return false;
    if (index) {
      this.index = index;
      this.loadedUpTo = saved.lastId;
    }
    if (!index || !this.apply(waiting)) {
      // Everything is in the table, the changes that waited too.
      this.index = new FactIndex();
      this.loadedUpTo = 0;
      this.from = 'table';
    }
    return new Promise((resolve) => this.loadStep(resolve));
  }

  private unreadable(error: unknown): void {
    this.options.onError?.(
      new Error(
        `the facts saved at the last stop could not be read (${error instanceof Error ? error.message : String(error)}); they load from the table`,
      ),
    );
  }

  private get step(): number {
    return this.options.step ?? 5_000;
  }

  private loadStep(resolve: (ready: boolean) => void): void {
    if (kept.get(this.db) !== this || !this.db.open) return resolve(false);
    let rows: unknown[][];
    try {
      if (this.loadedUpTo === 0) this.reserveRoom();
      rows = prepared<[number, number], unknown[]>(this.db, STORED_FACTS)
        .raw()
        .all(this.loadedUpTo, this.step);
    } catch (error) {
      return this.fail(error, resolve);
    }
    for (const row of rows) {
      if (!this.index.addStored(row)) {
        return this.fail(new Error(`fact ${String(row[0])} cannot be held in memory`), resolve);
      }
    }
    this.loadedUpTo = this.index.lastId;
    if (rows.length === this.step) return void setImmediate(() => this.loadStep(resolve));
    this.loadedUpTo = Infinity;
    this.index.trim();
    this.ready = true;
    this.options.onReady?.({ facts: this.index.size, from: this.from, seconds: this.secondsSince() });
    resolve(true);
  }

  /** Room for every fact at once, rather than growing step by step. */
  private reserveRoom(): void {
    const last = this.db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM indicator_facts').get();
    this.index.reserve(Math.ceil((last?.id ?? 0) * 1.02) + 1024);
  }

  private fail(error: unknown, resolve: (ready: boolean) => void): void {
    if (kept.get(this.db) === this) kept.delete(this.db);
    this.options.onError?.(
      new Error(
        `indicator sums are read from disk, not memory: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    resolve(false);
  }
}

const kept = new WeakMap<Database, KeptFactIndex>();

/**
 * Keeps the indicator facts of `db` in memory from now on, loading them in the background;
 * resolves true once sums are read from memory.
 */
export function keepFactIndex(db: Database, options: KeepOptions = {}): Promise<boolean> {
  let held = kept.get(db);
  if (!held) {
    held = new KeptFactIndex(db, options);
    kept.set(db, held);
  }
  return held.loaded;
}

/** The index to sum from, once loaded. */
export function factIndexOf(db: Database): FactIndex | undefined {
  const held = kept.get(db);
  return held?.ready ? held.index : undefined;
}

/**
 * Resolves once the facts saved at the last stop are read back, if they are being read:
 * an answer waits that second rather than sum a whole table from disk.
 */
export async function factIndexSettled(db: Database): Promise<void> {
  const held = kept.get(db);
  if (held?.readingBack) await held.loaded;
}

/** Whether `db`'s facts are kept in memory, so that its writer must report its changes. */
export function isFactIndexKept(db: Database): boolean {
  return kept.has(db);
}

/** The facts table was made anew (a rebuild, a new version): a kept index loads it again. */
export function reloadFactIndex(db: Database): void {
  const held = kept.get(db);
  if (!held) return;
  kept.delete(db);
  void keepFactIndex(db, held.options);
}

/**
 * Saves the facts held in memory beside the read models, for the next start to read back
 * instead of the table: call once their writer has stopped, before closing the database.
 */
export function saveFactIndex(db: Database): void {
  const held = kept.get(db);
  if (held?.ready && db.open) saveFactSnapshot(db, held.index);
}

/** Applies a committed batch's changes; an index that cannot follow them loads again. */
export function applyFactChanges(db: Database, changes: readonly FactChange[]): void {
  const held = kept.get(db);
  if (held && !held.apply(changes)) reloadFactIndex(db);
}
