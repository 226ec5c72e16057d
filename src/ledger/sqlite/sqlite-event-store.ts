import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import type {
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  Subscription,
} from '../event-store.port';
import { textsOf } from '../event-texts';
import { StoreUnavailable, WrongExpectedRevision } from '../store-errors';
import { configureLogConnection, migrateEventLog } from './sqlite-schema';
import { followLog } from './follow-log';
import { LogFlushes, walFlusher, type FlushLog } from './log-flush';
import { RecentRows } from './recent-rows';

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
}

/** position, event_id, stream_id, revision, type, schema_version, data, metadata */
export type RawEventRow = [number, string, string, number, string, number, string, string];

interface PendingAppend {
  streamId: string;
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

const DEFAULT_PAGE = 1000;
/**
 * Events a subscriber gets at most at once while catching up: read models commit one
 * transaction per delivery, and fewer, larger ones make a rebuild several times faster.
 */
const SUBSCRIPTION_PAGE = 5000;
const FOREIGN_APPEND_POLL_MS = 1000;
/**
 * Flushes of the log that may run at once. A second one lets the commits made during a slow
 * flush go to disk without waiting for it to end: on this machine's disk, an fdatasync every
 * millisecond took p99 2.6–4.1 ms and at most 19–35 ms one at a time, p99 1.0–1.9 ms and at
 * most 5–9 ms two at a time. More than two gained nothing more.
 */
const FLUSH_OVERLAP = 2;

export interface SqliteStoreOptions {
  /** How the write-ahead log reaches the disk; fdatasync of its file unless a test says. */
  readonly flushLog?: FlushLog;
}

/**
 * The embedded event store. Appends from concurrent commands are queued and committed
 * together in one transaction (group commit); each append is still atomic and checked
 * against its own expected revision. A commit is acknowledged once the write-ahead log is
 * flushed to disk, off the event loop (`LogFlushes`), and until then nobody but the
 * appenders' own stream reads sees it: subscribers, pages of the log and the head stop
 * before the first position not yet on disk.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: {
    streamRevision: Statement<[string], { revision: number | null }>;
    eventById: Statement<[string], { stream_id: string; revision: number; position: number }>;
    insert: Statement<[string, string, number, string, number, string, string]>;
    readStream: Statement<[string], EventRow>;
    readAll: Statement<[number, number], EventRow>;
    readAllRaw: Statement<[number, number], RawEventRow>;
    head: Statement<[], { head: number | null }>;
  };
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closing = false;
  private closed = false;
  private readonly wakers = new Set<() => void>();
  private readonly appendBatch: (batch: PendingAppend[]) => {
    rows: RawEventRow[];
    from: number;
    outcomes: Array<AppendResult | Error>;
  };
  /** The first position of each committed batch still waiting for the disk, in order. */
  private readonly unflushed: number[] = [];
  /** The rows of the batch being committed, in position order. */
  private batchRows: RawEventRow[] = [];
  /** The rows committed last, for the subscriptions that follow the log to take as they are. */
  private readonly recent = new RecentRows(SUBSCRIPTION_PAGE);

  private constructor(
    private readonly db: Db,
    private readonly flushes: LogFlushes,
    private readonly closeFlusher: () => void,
  ) {
    this.statements = {
      streamRevision: db.prepare(
        'SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?',
      ),
      eventById: db.prepare('SELECT stream_id, revision, position FROM events WHERE event_id = ?'),
      insert: db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      readStream: db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision'),
      readAll: db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      readAllRaw: db
        .prepare<[number, number], RawEventRow>(
          `SELECT position, event_id, stream_id, revision, type, schema_version, data, metadata
           FROM events WHERE position > ? ORDER BY position LIMIT ?`,
        )
        .raw(true),
      head: db.prepare('SELECT MAX(position) AS head FROM events'),
    };
    // Each append runs in a savepoint of the batch's transaction, so one refused append
    // leaves no partial rows and does not spoil its neighbours. Only refusals stay inside
    // the batch; any other failure (disk, lock) aborts the whole batch, nothing written.
    const appendOne = db.transaction((pending: PendingAppend) => this.appendOne(pending));
    const batchTransaction = db.transaction((batch: PendingAppend[]) => ({
      rows: (this.batchRows = []),
      // Read under the write lock: every position above it is this batch's.
      from: (this.statements.head.get()?.head ?? 0) + 1,
      outcomes: batch.map((pending) => {
        try {
          return appendOne(pending);
        } catch (error) {
          if (error instanceof WrongExpectedRevision) return error;
          if (isConstraintViolation(error)) {
            return new WrongExpectedRevision(
              pending.streamId,
              'events with new ids',
              'events already stored',
            );
          }
          throw error;
        }
      }),
    }));
    // IMMEDIATE takes the write lock up front: a deferred transaction that read first
    // fails at once with SQLITE_BUSY_SNAPSHOT when another process (the CLI) committed
    // meanwhile, instead of waiting out busy_timeout.
    this.appendBatch = (batch) => batchTransaction.immediate(batch);
  }

  static open(file: string, options: SqliteStoreOptions = {}): SqliteEventStore {
    const db = new Database(file);
    configureLogConnection(db);
    migrateEventLog(db);
    const flusher = walFlusher(db.name);
    let store: SqliteEventStore | undefined = undefined;
    // Appends queued while the log is being flushed are committed as that flush ends.
    const flushes = new LogFlushes(
      options.flushLog ?? flusher.flush,
      () => store?.commitQueued(),
      FLUSH_OVERLAP,
    );
    store = new SqliteEventStore(db, flushes, flusher.close);
    return store;
  }

  /** The underlying connection, for the adapter's own tools (backup, verify). */
  get connection(): Db {
    return this.db;
  }

  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closing) return Promise.reject(new StoreUnavailable('the event store is closed'));
    if (this.flushes.failed) return Promise.reject(notDurable(this.flushes.failed));
    if (events.length === 0) return Promise.reject(new Error('an append needs at least one event'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({
        streamId,
        events,
        expectedRevision: options.expectedRevision,
        resolve,
        reject,
      });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Commits what is queued, unless the log is being flushed: a commit made now would wait
   * for the next flush anyway, so the queue waits for this one to end and goes in one commit.
   */
  private flush(): void {
    this.flushScheduled = false;
    if (!this.flushes.busy) this.commitQueued();
  }

  private commitQueued(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    if (this.flushes.failed) {
      for (const pending of batch) pending.reject(notDurable(this.flushes.failed));
      return;
    }
    let committed: ReturnType<typeof this.appendBatch>;
    try {
      committed = this.appendBatch(batch);
      this.recent.add(committed.rows);
    } catch (error) {
      const failure = new StoreUnavailable(
        'the event store could not commit; nothing was written',
        {
          cause: error,
        },
      );
      for (const pending of batch) pending.reject(failure);
      return;
    }
    const { from, outcomes } = committed;
    this.unflushed.push(from);
    this.flushes.afterCommit(
      () => {
        this.unflushed.shift();
        batch.forEach((pending, index) => {
          const outcome = outcomes[index];
          if (outcome instanceof Error) pending.reject(outcome);
          else if (outcome) pending.resolve(outcome);
        });
        this.wakeFollowers();
      },
      // What was not flushed stays unread: readers stop before it for good.
      (error) => batch.forEach((pending) => pending.reject(notDurable(error))),
    );
  }

  /** The rows before the first position not yet on disk. */
  private durable<T>(rows: T[], positionOf: (row: T) => number): T[] {
    const limit = this.unflushed[0];
    if (limit === undefined) return rows;
    const cut = rows.findIndex((row) => positionOf(row) >= limit);
    return cut < 0 ? rows : rows.slice(0, cut);
  }

  private appendOne(pending: PendingAppend): AppendResult {
    const { streamId, events, expectedRevision } = pending;
    const replay = this.alreadyAppended(streamId, events);
    if (replay) return replay;
    const current = this.statements.streamRevision.get(streamId)?.revision ?? -1;
    assertExpected(streamId, expectedRevision, current);
    const positions: number[] = [];
    const rows: RawEventRow[] = [];
    let revision = current;
    for (const event of events) {
      revision += 1;
      const texts = textsOf(event);
      const columns = [
        event.id,
        streamId,
        revision,
        event.type,
        event.schemaVersion,
        texts.data,
        texts.metadata,
      ] as const;
      const position = Number(this.statements.insert.run(...columns).lastInsertRowid);
      positions.push(position);
      rows.push([position, ...columns]);
    }
    // Only once every event of the append is in: a refused append leaves no rows behind.
    for (const row of rows) this.batchRows.push(row);
    return { nextRevision: revision, position: positions[positions.length - 1] ?? 0, positions };
  }

  /** The original result when every event id is already stored, in order, in this stream. */
  private alreadyAppended(streamId: string, events: readonly NewEvent[]): AppendResult | undefined {
    const first = events[0];
    const found = first ? this.statements.eventById.get(first.id) : undefined;
    if (!found) return undefined;
    const positions: number[] = [];
    let revision = found.revision - 1;
    for (const event of events) {
      const row = this.statements.eventById.get(event.id);
      if (!row || row.stream_id !== streamId || row.revision !== revision + 1) {
        throw new WrongExpectedRevision(streamId, 'events with new ids', 'events already stored');
      }
      revision = row.revision;
      positions.push(row.position);
    }
    return { nextRevision: revision, position: positions[positions.length - 1] ?? 0, positions };
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.guard(() => this.statements.readStream.all(streamId).map(toRecorded));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options.after ?? 0, options.limit ?? DEFAULT_PAGE);
  }

  readAllSync(after: number, limit: number): RecordedEvent[] {
    // Rows as arrays: a rebuild reads the whole log, and arrays come out of SQLite cheaper than objects.
    return this.guard(() =>
      this.durable(this.statements.readAllRaw.all(after, limit), (row) => row[0]).map(fromRawRow),
    );
  }

  /**
   * A subscriber's next page: the rows this process just committed as it stored them, when it
   * holds them all from `after` on, else read from the file. The page may stop short of the
   * log's end (at another process's rows): a subscriber reads again until a page is empty, a
   * reader of `readAll` would take a short page for the end.
   */
  private followingPage(after: number): RecordedEvent[] {
    const recent = this.recent.after(after, SUBSCRIPTION_PAGE);
    if (!recent) return this.readAllSync(after, SUBSCRIPTION_PAGE);
    return this.guard(() => this.durable(recent, (row) => row[0]).map(fromRawRow));
  }

  /** Rows as arrays in column order, unparsed: the cheapest read, for verification. */
  readRawRows(after: number, limit: number): RawEventRow[] {
    return this.guard(() =>
      this.durable(this.statements.readAllRaw.all(after, limit), (row) => row[0]),
    );
  }

  /** Raw rows, for callers that parse lazily (verification, export). */
  readRawPage(after: number, limit: number): EventRow[] {
    return this.guard(() =>
      this.durable(this.statements.readAll.all(after, limit), (row) => row.position),
    );
  }

  subscribe(options: { readonly after: number }, handler: EventHandler): Subscription {
    return followLog({
      after: options.after,
      handler,
      readPage: (after) => this.followingPage(after),
      waitForAppend: () => this.waitForAppend(),
      isClosed: () => this.closed,
    });
  }

  private waitForAppend(): { promise: Promise<void>; cancel: () => void } {
    let waker: () => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    const promise = new Promise<void>((resolve) => {
      waker = resolve;
      this.wakers.add(resolve);
      // Appends by another process on the same file (the CLI's user:add) wake no one
      // here; a slow poll still brings them to followers.
      timer = setTimeout(resolve, FOREIGN_APPEND_POLL_MS);
      timer.unref();
    });
    return {
      promise: promise.finally(() => {
        clearTimeout(timer);
        this.wakers.delete(waker);
      }),
      cancel: () => waker(),
    };
  }

  private wakeFollowers(): void {
    const wakers = [...this.wakers];
    this.wakers.clear();
    for (const wake of wakers) wake();
  }

  async headPosition(): Promise<number> {
    return this.guard(() => {
      const head = this.statements.head.get()?.head ?? 0;
      const limit = this.unflushed[0];
      return limit === undefined ? head : Math.min(head, limit - 1);
    });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    // Let queued appends finish first: they were accepted and may be acknowledged.
    if (this.queue.length > 0) this.flush();
    await this.flushes.idle();
    this.closed = true;
    this.wakeFollowers();
    this.db.close();
    this.closeFlusher();
  }

  private guard<T>(read: () => T): T {
    if (this.closed) throw new StoreUnavailable('the event store is closed');
    try {
      return read();
    } catch (error) {
      throw new StoreUnavailable('the event store could not be read', { cause: error });
    }
  }
}

function notDurable(cause: Error): StoreUnavailable {
  return new StoreUnavailable(
    'the event store could not flush its log to disk; it accepts no more appends',
    { cause },
  );
}

function assertExpected(streamId: string, expected: ExpectedRevision, current: number): void {
  if (expected === 'any') return;
  if (expected === 'no_stream') {
    if (current !== -1) throw new WrongExpectedRevision(streamId, 'no stream', String(current));
    return;
  }
  if (expected !== current) {
    throw new WrongExpectedRevision(
      streamId,
      String(expected),
      current === -1 ? 'no stream' : String(current),
    );
  }
}

function isConstraintViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    position: row.position,
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
  };
}

/** By index, not destructured: destructuring the row made a scan of the log a third slower. */
function fromRawRow(row: RawEventRow): RecordedEvent {
  return {
    position: row[0],
    id: row[1],
    streamId: row[2],
    revision: row[3],
    type: row[4],
    schemaVersion: row[5],
    data: JSON.parse(row[6]) as Record<string, unknown>,
    metadata: JSON.parse(row[7]) as RecordedEvent['metadata'],
  };
}

export type { EventRow };
