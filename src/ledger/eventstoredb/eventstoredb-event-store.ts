import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  StreamNotFoundError,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
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
import { StoreUnavailable } from '../store-errors';
import {
  fromEsdbEvent,
  isLedgerEvent,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toReadPosition,
  toStoreError,
} from './eventstoredb-mapping';

const DEFAULT_PAGE = 1000;
/** Events read per round trip while skipping system events. */
const SCAN_PAGE = 500;
/** Most events handed to a subscriber at once. */
const MAX_BATCH = 500;
/** Buffered events at which a subscription stops reading until its handler catches up. */
const HIGH_WATER = 2000;

/**
 * The event store over EventStoreDB / KurrentDB (gRPC). Our event ids are the server's
 * event ids, so a retried append is recognised by the server (idempotent writes). Unlike
 * SQLite, the server keys event ids per stream: an id already used in another stream is
 * stored again rather than refused.
 */
export class EventStoreDbEventStore implements EventStore {
  private closed = false;
  private readonly subscriptions = new Set<Subscription>();

  /** For a client configured by hand (credentials, certificates); usually use connect(). */
  constructor(private readonly client: EventStoreDBClient) {}

  /** Connects lazily: a server that is down makes calls fail with StoreUnavailable, not startup. */
  static connect(connectionString: string): EventStoreDbEventStore {
    if (!connectionString) {
      throw new Error(
        'LEDGER_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING, for example esdb://localhost:2113?tls=false',
      );
    }
    // KurrentDB renamed the scheme; this client (6.x) knows only the esdb:// spelling.
    const esdb = connectionString.replace(/^(?:kurrentdb|kdb)(\+discover)?:\/\//, 'esdb$1://');
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(esdb));
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new Error('an append needs at least one event');
    const expectedRevision = toEsdbExpectedRevision(options.expectedRevision);
    const written = await this.call(
      () => this.client.appendToStream(streamId, events.map(toEsdbEvent), { expectedRevision }),
      streamId,
    );
    const nextRevision = Number(written.nextExpectedRevision);
    // The answer carries the commit position of the append's last event, which for a single
    // event is its own; an idempotent repeat carries none. Otherwise ask the stream.
    const positions =
      events.length === 1 && written.position
        ? [Number(written.position.commit)]
        : await this.positionsOf(streamId, nextRevision - events.length + 1, events);
    return { nextRevision, position: positions[positions.length - 1] ?? 0, positions };
  }

  private async positionsOf(
    streamId: string,
    fromRevision: number,
    events: readonly NewEvent[],
  ): Promise<number[]> {
    const stored = await this.call(async () => {
      const read = this.client.readStream(streamId, {
        fromRevision: BigInt(fromRevision),
        maxCount: events.length,
      });
      const found: RecordedEvent[] = [];
      for await (const resolved of read) {
        if (resolved.event) found.push(fromEsdbEvent(resolved.event));
      }
      return found;
    }, streamId);
    if (
      stored.length !== events.length ||
      stored.some((event, index) => event.id !== events[index]?.id)
    ) {
      throw new StoreUnavailable(
        `EventStoreDB did not show the events just appended to ${streamId}`,
      );
    }
    return stored.map((event) => event.position);
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.call(async () => {
      const found: RecordedEvent[] = [];
      try {
        for await (const resolved of this.client.readStream(streamId)) {
          if (resolved.event) found.push(fromEsdbEvent(resolved.event));
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
      return found;
    }, streamId);
  }

  /**
   * `after` must be 0 or a position this store handed out: the server reads only from
   * record boundaries. Reads from a position include it, hence the skip.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const after = options.after ?? 0;
    const limit = options.limit ?? DEFAULT_PAGE;
    const found: RecordedEvent[] = [];
    let from = toReadPosition(after);
    let cursor: Position | undefined;
    while (found.length < limit) {
      const page = await this.readAllPage({ fromPosition: from, maxCount: SCAN_PAGE });
      for (const resolved of page) {
        const position = resolved.event?.position;
        if (!position || (cursor && !isPast(position, cursor))) continue;
        cursor = position;
        if (!isLedgerEvent(resolved) || !resolved.event) continue;
        const event = fromEsdbEvent(resolved.event);
        if (event.position <= after) continue;
        found.push(event);
        if (found.length === limit) break;
      }
      if (page.length < SCAN_PAGE || !cursor) break;
      from = cursor;
    }
    return found;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllPage({
        fromPosition: from,
        maxCount: SCAN_PAGE,
        direction: BACKWARDS,
      });
      const newest = page.find(isLedgerEvent)?.event;
      if (newest) return this.call(async () => fromEsdbEvent(newest).position);
      const oldest = page[page.length - 1]?.event?.position;
      if (page.length < SCAN_PAGE || !oldest) return 0;
      from = oldest;
    }
  }

  subscribe(options: { readonly after: number }, handler: EventHandler): Subscription {
    this.assertOpen();
    const subscription = followAll(this.client, options.after, handler);
    this.subscriptions.add(subscription);
    return {
      failed: subscription.failed,
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  /** Ends open subscriptions quietly, as SQLite does, rather than failing them. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.subscriptions.clear();
    await this.client.dispose();
  }

  private readAllPage(options: {
    fromPosition: ReadPosition;
    maxCount: number;
    direction?: typeof BACKWARDS;
  }): Promise<AllStreamResolvedEvent[]> {
    return this.call(async () => {
      const page: AllStreamResolvedEvent[] = [];
      for await (const resolved of this.client.readAll(options)) page.push(resolved);
      return page;
    });
  }

  private async call<T>(work: () => Promise<T>, streamId?: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toStoreError(error, streamId);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailable('the event store is closed');
  }
}

function isPast(position: Position, cursor: Position): boolean {
  return (
    position.commit > cursor.commit ||
    (position.commit === cursor.commit && position.prepare > cursor.prepare)
  );
}

/**
 * A catch-up subscription to `$all` without system events. Events arriving while the
 * handler works are gathered into the next batch; past HIGH_WATER the stream is paused so
 * a slow handler does not buffer the whole log.
 */
function followAll(client: EventStoreDBClient, after: number, handler: EventHandler): Subscription {
  const stream = client.subscribeToAll({
    fromPosition: toReadPosition(after),
    filter: excludeSystemEvents(),
  });
  let closed = false;
  let last = after;
  let buffer: RecordedEvent[] = [];
  let running = false;
  let drained: Promise<void> = Promise.resolve();
  let reportFailure: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));

  const stop = (error: Error): void => {
    if (closed) return;
    closed = true;
    void stream.unsubscribe().catch(() => undefined);
    reportFailure(error);
  };

  // `running` drops in the same tick the loop sees an empty buffer, so an event arriving
  // right after always starts a new drain.
  const drain = async (): Promise<void> => {
    running = true;
    try {
      while (!closed && buffer.length > 0) {
        const batch = buffer.slice(0, MAX_BATCH);
        buffer = buffer.slice(MAX_BATCH);
        if (stream.isPaused() && buffer.length < HIGH_WATER / 2) stream.resume();
        await handler(batch);
      }
    } catch (error) {
      stop(error instanceof Error ? error : new Error(String(error)));
    } finally {
      running = false;
    }
  };

  stream.on('data', (resolved: AllStreamResolvedEvent) => {
    if (closed || !isLedgerEvent(resolved) || !resolved.event) return;
    try {
      const event = fromEsdbEvent(resolved.event);
      // The server starts after the given position; this guards against a repeat anyway.
      if (event.position <= last) return;
      last = event.position;
      buffer.push(event);
    } catch (error) {
      stop(toStoreError(error));
      return;
    }
    if (buffer.length >= HIGH_WATER) stream.pause();
    if (!running) drained = drain();
  });
  stream.on('error', (error: Error) => stop(toStoreError(error)));
  stream.on('end', () => stop(new StoreUnavailable('EventStoreDB ended the subscription')));

  return {
    failed,
    close: async () => {
      if (!closed) {
        closed = true;
        await stream.unsubscribe().catch(() => undefined);
      }
      await drained;
    },
  };
}
