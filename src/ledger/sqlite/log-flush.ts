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

/**
 * Acknowledges commits once they are on disk, in the order they were made. One flush runs
 * at a time; it covers every commit made before it started, and the commits made meanwhile
 * wait for the next one, together: group commit, without the event loop waiting. A writer
 * may hold its commits while a flush runs and make them in `beforeFlush`, which is called
 * as each flush ends, before the next starts and before the finished one is acknowledged:
 * fewer, larger commits for the same wait, and the disk never idles for an answer.
 *
 * A failed flush leaves it unknown what reached the disk, so the log stops there: every
 * waiting commit and every later one is refused, as a database stops on a failed fsync.
 */
export class LogFlushes {
  private waiting: Committed[] = [];
  private flushing = false;
  private failure?: Error;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly flushLog: FlushLog,
    private readonly beforeFlush: () => void = () => undefined,
  ) {}

  /** Whether a flush failed: nothing more may be committed. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** Whether a flush is under way: a commit made now waits for the next one. */
  get busy(): boolean {
    return this.flushing;
  }

  /** Calls `durable` once everything committed so far is on disk, or `failed`. */
  afterCommit(durable: () => void, failed: (error: Error) => void): void {
    if (this.failure) {
      failed(this.failure);
      return;
    }
    this.waiting.push({ durable, failed });
    if (!this.flushing) this.flushNext();
  }

  /** Resolves once nothing waits for a flush. */
  idle(): Promise<void> {
    if (!this.flushing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private flushNext(): void {
    if (this.flushing) this.beforeFlush();
    const covered = this.waiting;
    this.waiting = [];
    if (covered.length === 0) {
      this.flushing = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
      return;
    }
    this.flushing = true;
    this.flushLog((error) => {
      if (error) {
        this.failure = error;
        for (const commit of [...covered, ...this.waiting]) commit.failed(error);
        this.waiting = [];
        this.flushNext();
      } else {
        this.flushNext();
        for (const commit of covered) commit.durable();
      }
    });
  }
}
