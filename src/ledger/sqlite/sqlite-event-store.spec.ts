import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../envelope';
import type { NewEvent, RecordedEvent } from '../event-store.port';
import { WrongExpectedRevision } from '../store-errors';
import { testEventStore } from '../testing/event-store.conformance';
import { SqliteEventStore } from './sqlite-event-store';

function temporaryLedger(): { file: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'p8-ledger-sqlite-'));
  return {
    file: join(dir, 'ledger.sqlite'),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

testEventStore('SqliteEventStore', async () => {
  const { file, cleanup } = temporaryLedger();
  return {
    store: SqliteEventStore.open(file),
    reopen: async () => SqliteEventStore.open(file),
    cleanup,
    positionsStartAtOne: true,
    eventIdsUniqueAcrossStreams: true,
  };
});

describe('SqliteEventStore on disk', () => {
  let ledger: ReturnType<typeof temporaryLedger>;
  let store: SqliteEventStore;

  beforeEach(() => {
    ledger = temporaryLedger();
    store = SqliteEventStore.open(ledger.file);
  });

  afterEach(async () => {
    await store.close();
    await ledger.cleanup();
  });

  it('keeps its log across close and reopen, and numbering carries on', async () => {
    await store.appendToStream('dialogue-1', [anEvent(), anEvent()], {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream('club-1', [anEvent()], { expectedRevision: 'no_stream' });
    const before = await store.readAll();
    await store.close();

    store = SqliteEventStore.open(ledger.file);

    expect(await store.readAll()).toEqual(before);
    expect(await store.headPosition()).toBe(3);
    const next = await store.appendToStream('dialogue-1', [anEvent()], { expectedRevision: 1 });
    expect(next).toEqual({ nextRevision: 2, position: 4, positions: [4] });
  });

  it('commits appends arriving together in one transaction: all succeed, positions dense', async () => {
    const seen: RecordedEvent[][] = [];
    const subscription = store.subscribe({ after: 0 }, (batch) => void seen.push([...batch]));

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        store.appendToStream(`club-${index}`, [anEvent()], { expectedRevision: 'no_stream' }),
      ),
    );
    await waitFor(() => seen.flat().length === 200);
    await subscription.close();

    expect(results.map((result) => result.position).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, index) => index + 1),
    );
    // One commit wakes the subscriber once, so it sees the whole group in one batch.
    expect(seen.map((batch) => batch.length)).toEqual([200]);
  });

  it('refuses one append of a group without spoiling the others or leaving a gap', async () => {
    await store.appendToStream('loan-0', [anEvent()], { expectedRevision: 'no_stream' });

    const outcomes = await Promise.allSettled([
      store.appendToStream('loan-1', [anEvent()], { expectedRevision: 'no_stream' }),
      store.appendToStream('loan-0', [anEvent(), anEvent()], { expectedRevision: 'no_stream' }),
      store.appendToStream('loan-2', [anEvent()], { expectedRevision: 'no_stream' }),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(outcomes[1]).toMatchObject({ reason: expect.any(WrongExpectedRevision) });
    expect((await store.readAll()).map((event) => event.position)).toEqual([1, 2, 3]);
  });

  it('shows a follower what another connection appended to the same file', async () => {
    const other = SqliteEventStore.open(ledger.file);
    const seen: string[] = [];
    const subscription = store.subscribe(
      { after: 0 },
      (batch) => void seen.push(...batch.map((event) => event.id)),
    );
    const event = anEvent();

    try {
      await other.appendToStream('user-admin', [event], { expectedRevision: 'no_stream' });
      await waitFor(() => seen.length === 1, 5000);
    } finally {
      await subscription.close();
      await other.close();
    }
    expect(seen).toEqual([event.id]);
  });

  it("gives a follower the events it appended and another connection's between them, each once, in order, as read from the file", async () => {
    const other = SqliteEventStore.open(ledger.file);
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe({ after: 0 }, (batch) => void seen.push(...batch));
    try {
      await store.appendToStream('dialogue-1', [anEvent(), anEvent()], {
        expectedRevision: 'no_stream',
      });
      await other.appendToStream('user-admin', [anEvent()], { expectedRevision: 'no_stream' });
      await store.appendToStream(
        'dialogue-2',
        [{ ...anEvent(), data: { value: 2, note: undefined, when: new Date(0) } }],
        {
          expectedRevision: 'no_stream',
        },
      );
      await store.appendToStream('dialogue-1', [anEvent()], { expectedRevision: 1 });
      await waitFor(() => seen.length === 5, 5000);
    } finally {
      await subscription.close();
      await other.close();
    }
    expect(seen.map((event) => event.position)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.map((event) => event.streamId)).toEqual([
      'dialogue-1',
      'dialogue-1',
      'user-admin',
      'dialogue-2',
      'dialogue-1',
    ]);
    // What a follower got is what the file holds: data as JSON text made it, not the objects appended.
    expect(seen[3]?.data).toEqual({ value: 2, when: '1970-01-01T00:00:00.000Z' });
    const reader = SqliteEventStore.open(ledger.file);
    expect(seen).toEqual(await reader.readAll());
    await reader.close();
    // A page of the log is never cut short at the other connection's rows.
    expect((await store.readAll({ after: 0, limit: 10 })).map((event) => event.position)).toEqual([
      1, 2, 3, 4, 5,
    ]);
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
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
