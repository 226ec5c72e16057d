import { closeSync, fdatasync, openSync } from 'node:fs';

/** Flushes the write-ahead log's file to the disk; calls back once it is there. */
export type FlushLog = (done: (error: Error | null) => void) => void;

/**
 * The write-ahead log flushed with fdatasync on libuv's thread pool, so that the event loop
 * never waits for the disk. The file is opened at the first flush: SQLite creates it with
 * the first write. Any descriptor of the file flushes what every connection wrote to it.
 */
export function walFlusher(databaseFile: string): { flush: FlushLog; close: () => void } {
  let descriptor: number | undefined;
  return {
    flush: (done) => {
      try {
        descriptor ??= openSync(`${databaseFile}-wal`, 'r');
      } catch (error) {
        done(error as Error);
        return;
      }
      fdatasync(descriptor, done);
    },
    close: () => {
      if (descriptor !== undefined) closeSync(descriptor);
      descriptor = undefined;
    },
  };
}

interface Committed {
  readonly durable: () => void;
  readonly failed: (error: Error) => void;
}

/** A flush under way and the commits made before it started that wait for it. */
interface Flight {
  readonly commits: Committed[];
}

/**
 * Acknowledges commits once they are on disk, in the order they were made. A flush covers
 * every commit made before it started: the commits made while the flushes under way run
 * wait for the next one, together (group commit), without the event loop waiting. Up to
 * `overlap` flushes run at once: a commit made during a slow flush starts its own rather
 * than wait for that one to end, since any flush that ends makes durable everything written
 * before it started, the commits of flushes started earlier too.
 *
 * A writer may hold its commits while no flush can start, and make them in `beforeFlush`,
 * called as each flush ends, before the next starts and before the finished one is
 * acknowledged: fewer, larger commits for the same wait, and the disk never idles for an
 * answer.
 *
 * A failed flush leaves it unknown what reached the disk, so the log stops there: every
 * waiting commit and every later one is refused, as a database stops on a failed fsync.
 */
export class LogFlushes {
  /** Commits no flush under way covers yet. */
  private waiting: Committed[] = [];
  /** The flushes under way, in the order they started. */
  private flights: Flight[] = [];
  private failure?: Error;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly flushLog: FlushLog,
    private readonly beforeFlush: () => void = () => undefined,
    private readonly overlap = 1,
  ) {}

  /** Whether a flush failed: nothing more may be committed. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** Whether no other flush may start now: a commit made now waits for one to end. */
  get busy(): boolean {
    return this.flights.length >= this.overlap;
  }

  /** Calls `durable` once everything committed so far is on disk, or `failed`. */
  afterCommit(durable: () => void, failed: (error: Error) => void): void {
    if (this.failure) {
      failed(this.failure);
      return;
    }
    this.waiting.push({ durable, failed });
    if (!this.busy) this.startFlush();
  }

  /** Resolves once nothing waits for a flush. */
  idle(): Promise<void> {
    if (this.flights.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private startFlush(): void {
    if (this.waiting.length === 0) return;
    const flight: Flight = { commits: this.waiting };
    this.waiting = [];
    this.flights.push(flight);
    this.flushLog((error) => (error ? this.flushFailed(error) : this.flushed(flight)));
  }

  private flushed(flight: Flight): void {
    // This flush started after every commit of the flights before it: they are on disk too.
    const done = this.flights.splice(0, this.flights.indexOf(flight) + 1);
    this.beforeFlush();
    this.startFlush();
    for (const landed of done) for (const commit of landed.commits) commit.durable();
    this.settleIdle();
  }

  private flushFailed(error: Error): void {
    if (!this.failure) {
      this.failure = error;
      const refused = [...this.flights.flatMap((flight) => flight.commits), ...this.waiting];
      this.waiting = [];
      for (const commit of refused) commit.failed(error);
      // What a writer holds for the next flush is refused too.
      this.beforeFlush();
    }
    this.flights = [];
    this.settleIdle();
  }

  private settleIdle(): void {
    if (this.flights.length > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
