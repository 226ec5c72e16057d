import {
  END,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Position,
  type ReadAllOptions,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { SYSTEM_ACTOR } from '../envelope';
import type { NewEvent, RecordedEvent } from '../event-store.port';
import { StoreUnavailable } from '../store-errors';
import { testEventStore } from '../testing/event-store.conformance';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { toEsdbEvent } from './eventstoredb-mapping';

const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];

if (connectionString) {
  // A shared server: positions do not start at 1 and other writers may be busy.
  testEventStore('EventStoreDbEventStore', async () => ({
    store: EventStoreDbEventStore.connect(connectionString),
    reopen: async () => EventStoreDbEventStore.connect(connectionString),
    cleanup: async () => undefined,
  }));
} else {
  // Said out loud, not only as a skipped test: a green run here proves nothing about
  // EventStoreDB. Jest hides console output of fully skipped suites, so write it directly.
  process.stdout.write(
    'EventStoreDB conformance skipped: set EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false to run it\n',
  );

  describe('EventStoreDbEventStore (event-store conformance)', () => {
    it.skip('runs only against a server: set EVENTSTORE_CONNECTION_STRING', () => undefined);
  });
}

describe('EventStoreDbEventStore without a reachable server', () => {
  // Nothing listens on port 1, so the connection is refused at once.
  const store = EventStoreDbEventStore.connect('esdb://127.0.0.1:1?tls=false');
  afterAll(() => store.close());

  it('fails every call with StoreUnavailable, so the API answers 503', async () => {
    const event = {
      id: randomUUID(),
      type: 'SomethingHappened',
      schemaVersion: 1,
      data: {},
      metadata: {
        actor: SYSTEM_ACTOR,
        recordedAt: '2024-05-01T08:00:00.000Z',
        unitCode: '19',
        correlationId: 'c',
        causationId: 'c',
      },
    };

    await expect(
      store.appendToStream('s', [event], { expectedRevision: 'any' }),
    ).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.readStream('s')).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('ends a subscription through `failed`', async () => {
    const subscription = store.subscribe({ after: 0 }, () => undefined);
    await expect(subscription.failed).resolves.toBeInstanceOf(StoreUnavailable);
    await subscription.close();
  });

  it('accepts the kurrentdb:// spelling of a connection string', async () => {
    const renamed = EventStoreDbEventStore.connect('kurrentdb://127.0.0.1:1?tls=false');
    await expect(renamed.headPosition()).rejects.toBeInstanceOf(StoreUnavailable);
    await renamed.close();
  });

  it('refuses to start without a connection string, saying which variable to set', () => {
    expect(() => EventStoreDbEventStore.connect('')).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });
});

/**
 * The adapter's own paging and batching over a scripted client: these run without a
 * server, but only the conformance suite above proves the server behaves as scripted.
 */
describe('EventStoreDbEventStore over a scripted client', () => {
  it('reads the log page by page, skipping system events, strictly after `after`, up to `limit`', async () => {
    const log = scriptedLog(1500, (index) => index % 3 === 0);
    const store = new EventStoreDbEventStore(scriptedClient(log));
    const ledger = log.filter((resolved) => !resolved.event?.type.startsWith('$'));

    const all = await store.readAll({ limit: 10_000 });
    const page = await store.readAll({ after: positionOf(ledger[99]), limit: 5 });

    expect(all.map((event) => event.position)).toEqual(ledger.map(positionOf));
    expect(page.map((event) => event.position)).toEqual(ledger.slice(100, 105).map(positionOf));
  });

  it('finds the head behind many trailing system events, and 0 when there is no ledger event', async () => {
    const log = scriptedLog(1300, (index) => index === 40);

    const head = await new EventStoreDbEventStore(scriptedClient(log)).headPosition();
    const empty = await new EventStoreDbEventStore(
      scriptedClient(scriptedLog(700, () => false)),
    ).headPosition();

    expect(head).toBe(positionOf(log[40]));
    expect(empty).toBe(0);
  });

  it('subscribes after the position without system events, and hands over only ledger events', async () => {
    const feed = scriptedFeed();
    const store = new EventStoreDbEventStore(scriptedClient([], feed));
    const seen: RecordedEvent[] = [];

    const subscription = store.subscribe({ after: 200 }, (batch) => void seen.push(...batch));
    for (const resolved of scriptedLog(6, (index) => index !== 3)) feed.stream.write(resolved);
    await waitFor(() => seen.length === 3);
    await subscription.close();

    expect(feed.options).toMatchObject({
      fromPosition: { commit: 200n, prepare: 200n },
      filter: { filterOn: 'eventType', regex: '^[^$].*' },
    });
    expect(seen.map((event) => event.position)).toEqual([300, 500, 600]);
  });

  it('fails the subscription with the handler’s error and waits for a running handler on close', async () => {
    const feed = scriptedFeed();
    const store = new EventStoreDbEventStore(scriptedClient([], feed));
    const boom = new Error('projection broke');
    let started = false;
    let finished = false;

    const failing = store.subscribe({ after: 0 }, () => Promise.reject(boom));
    feed.stream.write(scriptedLog(1, () => true)[0]);
    await expect(failing.failed).resolves.toBe(boom);

    const slow = store.subscribe({ after: 0 }, async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 50));
      finished = true;
    });
    feed.stream.write(scriptedLog(1, () => true)[0]);
    await waitFor(() => started);
    await slow.close();
    expect(finished).toBe(true);
  });
});

function anEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'SomethingHappened',
    schemaVersion: 1,
    data: { value: 1 },
    metadata: {
      actor: SYSTEM_ACTOR,
      recordedAt: '2024-05-01T08:00:00.000Z',
      unitCode: '19',
      correlationId: 'c',
      causationId: 'c',
    },
  };
}

/** Events at positions 100, 200, …; `isLedger(index)` decides which are ledger events. */
function scriptedLog(
  count: number,
  isLedger: (index: number) => boolean,
): AllStreamResolvedEvent[] {
  return Array.from({ length: count }, (_, index) => {
    const written = toEsdbEvent(anEvent());
    const position = BigInt((index + 1) * 100);
    const ledger = isLedger(index);
    return {
      event: {
        streamId: ledger ? `club-${index}` : `$$club-${index}`,
        id: written.id,
        isJson: true,
        revision: 0n,
        type: ledger ? written.type : '$metadata',
        created: new Date(0),
        data: written.data,
        metadata: written.metadata,
        position: { commit: position, prepare: position },
      },
    } as AllStreamResolvedEvent;
  });
}

function positionOf(resolved: AllStreamResolvedEvent | undefined): number {
  return Number(resolved?.event?.position.commit);
}

/** The live end of a scripted subscription: what it was asked for, and where to push. */
interface ScriptedFeed {
  stream: PassThrough;
  options?: SubscribeToAllOptions;
}

function scriptedFeed(): ScriptedFeed {
  return { stream: new PassThrough({ objectMode: true }) };
}

/** readAll as the server does it: forwards from a position inclusive, backwards exclusive. */
function scriptedClient(log: AllStreamResolvedEvent[], feed?: ScriptedFeed): EventStoreDBClient {
  const at = (resolved: AllStreamResolvedEvent): Position => resolved.event!.position;
  const compare = (a: Position, b: Position) =>
    a.commit === b.commit ? 0 : a.commit < b.commit ? -1 : 1;
  return {
    readAll: (options: ReadAllOptions = {}) => {
      const from = options.fromPosition;
      const count = Number(options.maxCount);
      const page =
        options.direction === 'backwards'
          ? [...log]
              .reverse()
              .filter((resolved) => from === END || compare(at(resolved), from as Position) < 0)
          : log.filter(
              (resolved) => from === 'start' || compare(at(resolved), from as Position) >= 0,
            );
      return (async function* () {
        yield* page.slice(0, count);
      })();
    },
    subscribeToAll: (options: SubscribeToAllOptions) => {
      if (!feed) throw new Error('no feed scripted');
      feed.options = options;
      const stream = new PassThrough({ objectMode: true });
      feed.stream = stream;
      return Object.assign(stream, { unsubscribe: async () => void stream.end() });
    },
    dispose: async () => undefined,
  } as unknown as EventStoreDBClient;
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
