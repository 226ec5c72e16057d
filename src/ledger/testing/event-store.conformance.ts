import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../envelope';
import type { EventStore, NewEvent, RecordedEvent, Subscription } from '../event-store.port';
import { WrongExpectedRevision } from '../store-errors';

export interface EventStoreFixture {
  readonly store: EventStore;
  /** A new store over the same data; the test closes the first store before calling it. */
  readonly reopen?: () => Promise<EventStore>;
  readonly cleanup: () => Promise<void>;
  /** The store starts empty and numbers its log 1, 2, 3… (SQLite); a shared server does not. */
  readonly positionsStartAtOne?: boolean;
  /** An event id stored in one stream is refused in any other (SQLite); EventStoreDB keys ids per stream. */
  readonly eventIdsUniqueAcrossStreams?: boolean;
}

/**
 * The behaviour every event-store adapter must show. Streams get random names, so the suite
 * also runs against a shared server that other tests write to at the same time.
 */
export function testEventStore(name: string, factory: () => Promise<EventStoreFixture>): void {
  describe(`${name} (event-store conformance)`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;
    const subscriptions: Subscription[] = [];

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
      await fixture.store.close();
      await fixture.cleanup();
    });

    const follow = (after: number, handler: (events: readonly RecordedEvent[]) => void) => {
      const subscription = store.subscribe({ after }, handler);
      subscriptions.push(subscription);
      return subscription;
    };

    describe('appending and reading a stream', () => {
      it('reads back what was appended, in order, with revisions from 0 and rising positions', async () => {
        const streamId = aStream();
        const events = [
          anEvent('Opened', { n: 1 }),
          anEvent('Noted', { n: 2 }),
          anEvent('Closed', { n: 3 }),
        ];

        const result = await store.appendToStream(streamId, events, {
          expectedRevision: 'no_stream',
        });
        const read = await store.readStream(streamId);

        expect(result.nextRevision).toBe(2);
        expectStrictlyRising(result.positions);
        expect(result.positions).toHaveLength(3);
        expect(result.position).toBe(result.positions[2]);
        expect(read).toEqual(
          events.map((event, index) => ({
            ...event,
            streamId,
            revision: index,
            position: result.positions[index],
          })),
        );
      });

      it('answers for a single-event append the position the log shows', async () => {
        const streamId = aStream();
        const result = await store.appendToStream(streamId, [anEvent()], {
          expectedRevision: 'no_stream',
        });

        const [stored] = await store.readStream(streamId);

        expect(result).toEqual({
          nextRevision: 0,
          position: stored?.position,
          positions: [stored?.position],
        });
      });

      it('reads [] for a stream that does not exist', async () => {
        await expect(store.readStream(aStream())).resolves.toEqual([]);
      });

      it('keeps streams apart', async () => {
        const [first, second] = [aStream(), aStream()];
        await store.appendToStream(first, [anEvent()], { expectedRevision: 'no_stream' });
        await store.appendToStream(second, [anEvent(), anEvent()], {
          expectedRevision: 'no_stream',
        });

        expect((await store.readStream(first)).map((event) => event.streamId)).toEqual([first]);
        expect((await store.readStream(second)).map((event) => event.revision)).toEqual([0, 1]);
      });
    });

    describe('expected revisions', () => {
      it("'no_stream' creates a stream and is refused once the stream exists", async () => {
        const streamId = aStream();
        await store.appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' });

        const refused = store.appendToStream(streamId, [anEvent()], {
          expectedRevision: 'no_stream',
        });

        await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevision);
        await expect(refused).rejects.toMatchObject({ streamId });
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('a numeric revision appends only when it names the last event of the stream', async () => {
        const streamId = aStream();
        await store.appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' });

        const next = await store.appendToStream(streamId, [anEvent(), anEvent()], {
          expectedRevision: 0,
        });
        const stale = store.appendToStream(streamId, [anEvent()], { expectedRevision: 0 });
        const ahead = store.appendToStream(streamId, [anEvent()], { expectedRevision: 5 });

        expect(next.nextRevision).toBe(2);
        await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevision);
        await expect(ahead).rejects.toBeInstanceOf(WrongExpectedRevision);
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('a numeric revision is refused for a stream that does not exist', async () => {
        const streamId = aStream();
        await expect(
          store.appendToStream(streamId, [anEvent()], { expectedRevision: 0 }),
        ).rejects.toBeInstanceOf(WrongExpectedRevision);
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it("'any' appends whether or not the stream exists", async () => {
        const streamId = aStream();
        const first = await store.appendToStream(streamId, [anEvent()], {
          expectedRevision: 'any',
        });
        const second = await store.appendToStream(streamId, [anEvent()], {
          expectedRevision: 'any',
        });

        expect([first.nextRevision, second.nextRevision]).toEqual([0, 1]);
      });

      it('of two writers racing from the same revision, exactly one wins', async () => {
        const streamId = aStream();
        await store.appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' });
        const [mine, theirs] = [anEvent('Mine'), anEvent('Theirs')];

        const outcomes = await Promise.allSettled([
          store.appendToStream(streamId, [mine], { expectedRevision: 0 }),
          store.appendToStream(streamId, [theirs], { expectedRevision: 0 }),
        ]);

        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.filter(
          (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
        );
        expect(won).toHaveLength(1);
        expect(lost.map((outcome): unknown => outcome.reason)).toEqual([
          expect.any(WrongExpectedRevision),
        ]);
        const stored = await store.readStream(streamId);
        expect(stored).toHaveLength(2);
        const winner = outcomes[0]?.status === 'fulfilled' ? mine : theirs;
        expect(stored[1]?.id).toBe(winner.id);
      });

      it("of two writers racing to create a stream with 'no_stream', exactly one wins", async () => {
        const streamId = aStream();
        const outcomes = await Promise.allSettled([
          store.appendToStream(streamId, [anEvent(), anEvent()], { expectedRevision: 'no_stream' }),
          store.appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' }),
        ]);

        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const winner = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
        expect(await store.readStream(streamId)).toHaveLength(winner === 0 ? 2 : 1);
      });
    });

    describe('atomic appends', () => {
      it('an append refused for its revision stores none of its events', async () => {
        const streamId = aStream();
        await store.appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' });
        const before = await store.headPosition();
        const refused = [anEvent(), anEvent(), anEvent()];

        await expect(
          store.appendToStream(streamId, refused, { expectedRevision: 7 }),
        ).rejects.toBeInstanceOf(WrongExpectedRevision);

        expect(await store.readStream(streamId)).toHaveLength(1);
        const later = await store.readAll({ after: before, limit: 10_000 });
        const refusedIds = refused.map((event) => event.id);
        expect(later.filter((event) => refusedIds.includes(event.id))).toEqual([]);
      });

      it('an append whose second event id is already stored elsewhere stores all or none of its events', async () => {
        const [elsewhere, streamId] = [aStream(), aStream()];
        const taken = anEvent();
        await store.appendToStream(elsewhere, [taken], { expectedRevision: 'no_stream' });
        const batch = [anEvent(), { ...anEvent(), id: taken.id }, anEvent()];

        const outcome = await store
          .appendToStream(streamId, batch, { expectedRevision: 'no_stream' })
          .then(
            () => 'stored' as const,
            (error: unknown) => error,
          );

        const stored = await store.readStream(streamId);
        if (fixture.eventIdsUniqueAcrossStreams || outcome !== 'stored') {
          expect(outcome).toBeInstanceOf(WrongExpectedRevision);
          expect(stored).toEqual([]);
        } else {
          expect(stored.map((event) => event.id)).toEqual(batch.map((event) => event.id));
        }
        expect(await store.readStream(elsewhere)).toHaveLength(1);
      });

      it('the events of one append sit together in the log, even with other appends racing', async () => {
        const streams = [aStream(), aStream(), aStream()];
        const before = await store.headPosition();

        const results = await Promise.all(
          streams.map((streamId) =>
            store.appendToStream(streamId, [anEvent(), anEvent(), anEvent()], {
              expectedRevision: 'no_stream',
            }),
          ),
        );

        // Unfiltered: not even another writer's event may fall between them.
        const log = await store.readAll({ after: before, limit: 10_000 });
        expect(log.filter((event) => streams.includes(event.streamId))).toHaveLength(9);
        for (const [index, result] of results.entries()) {
          const own = log.filter((event) => event.streamId === streams[index]);
          expect(own.map((event) => event.position)).toEqual(result.positions);
          const start = log.findIndex((event) => event.streamId === streams[index]);
          expect(log.slice(start, start + 3)).toEqual(own);
        }
      });
    });

    describe('idempotent appends', () => {
      it('appending the same event ids again answers the first result and adds nothing', async () => {
        const streamId = aStream();
        const events = [anEvent(), anEvent()];
        const first = await store.appendToStream(streamId, events, {
          expectedRevision: 'no_stream',
        });

        const again = await store.appendToStream(streamId, events, {
          expectedRevision: 'no_stream',
        });

        expect(again).toEqual(first);
        expect(await store.readStream(streamId)).toHaveLength(2);
        const later = await store.readAll({ after: first.position, limit: 10_000 });
        expect(later.filter((event) => event.streamId === streamId)).toEqual([]);
      });

      it('a retried conditional append is recognised after the stream has moved on', async () => {
        const streamId = aStream();
        await store.appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' });
        const retried = [anEvent()];
        const first = await store.appendToStream(streamId, retried, { expectedRevision: 0 });
        await store.appendToStream(streamId, [anEvent()], { expectedRevision: 1 });

        const again = await store.appendToStream(streamId, retried, { expectedRevision: 0 });

        expect(again).toEqual(first);
        expect(await store.readStream(streamId)).toHaveLength(3);
      });
    });

    describe('the global log', () => {
      it('gives every event a strictly rising integer position (from 1 on a new store)', async () => {
        const before = await store.headPosition();
        if (fixture.positionsStartAtOne) expect(before).toBe(0);

        const positions: number[] = [];
        for (const streamId of [aStream(), aStream(), aStream()]) {
          const result = await store.appendToStream(streamId, [anEvent(), anEvent()], {
            expectedRevision: 'any',
          });
          positions.push(...result.positions);
        }

        expect(
          positions.every((position) => Number.isSafeInteger(position) && position > before),
        ).toBe(true);
        expectStrictlyRising(positions);
        if (fixture.positionsStartAtOne) expect(positions[0]).toBe(1);
      });

      it('reads strictly after a position, at most `limit` events, in order', async () => {
        const streamId = aStream();
        const events = [anEvent(), anEvent(), anEvent(), anEvent(), anEvent()];
        const { positions } = await store.appendToStream(streamId, events, {
          expectedRevision: 'no_stream',
        });

        const page = await store.readAll({ after: positions[1]!, limit: 2 });
        const rest = await store.readAll({ after: positions[3]!, limit: 1 });

        expect(page.map((event) => event.id)).toEqual([events[2]?.id, events[3]?.id]);
        expect(rest.map((event) => event.position)).toEqual([positions[4]]);
        expect(rest[0]).toEqual({ ...events[4], streamId, revision: 4, position: positions[4] });
      });

      it('reads the log from its start after position 0', async () => {
        await store.appendToStream(aStream(), [anEvent()], { expectedRevision: 'no_stream' });

        const [first] = await store.readAll({ after: 0, limit: 1 });

        expect(first?.position).toBeGreaterThan(0);
        if (fixture.positionsStartAtOne) expect(first?.position).toBe(1);
      });

      it('answers the head position: 0 when empty, then the last appended position', async () => {
        if (fixture.positionsStartAtOne) expect(await store.headPosition()).toBe(0);

        const { position, positions } = await store.appendToStream(
          aStream(),
          [anEvent(), anEvent()],
          {
            expectedRevision: 'no_stream',
          },
        );

        const head = await store.headPosition();
        expect(head).toBeGreaterThanOrEqual(position);
        if (fixture.positionsStartAtOne) expect(head).toBe(position);
        const [last] = await store.readAll({ after: positions[0], limit: 1 });
        expect(last?.position).toBe(position);
      });

      it('keeps everything when the store is reopened', async () => {
        const streamId = aStream();
        const events = [anEvent(), anEvent()];
        const { positions } = await store.appendToStream(streamId, events, {
          expectedRevision: 'no_stream',
        });
        await store.close();

        const reopened = fixture.reopen ? await fixture.reopen() : store;
        try {
          expect((await reopened.readStream(streamId)).map((event) => event.position)).toEqual(
            positions,
          );
          const next = await reopened.appendToStream(streamId, [anEvent()], {
            expectedRevision: 1,
          });
          expect(next.position).toBeGreaterThan(positions[1]!);
        } finally {
          await reopened.close();
        }
      });
    });

    describe('subscriptions', () => {
      it('catch up from a position, then follow live appends, in order', async () => {
        const streamId = aStream();
        const before = await store.headPosition();
        const first = [anEvent(), anEvent()];
        await store.appendToStream(streamId, first, { expectedRevision: 'no_stream' });
        const seen: RecordedEvent[] = [];

        follow(before, (batch) => void seen.push(...batch));
        await waitFor(() => seen.filter((event) => event.streamId === streamId).length === 2);
        const live = [anEvent()];
        await store.appendToStream(streamId, live, { expectedRevision: 1 });
        await waitFor(() => seen.filter((event) => event.streamId === streamId).length === 3);

        const own = seen.filter((event) => event.streamId === streamId);
        expect(own.map((event) => event.id)).toEqual([...first, ...live].map((event) => event.id));
        expect(seen.every((event) => event.position > before)).toBe(true);
        expectStrictlyRising(seen.map((event) => event.position));
      });

      it('a subscriber that closes and resumes from its last position misses and repeats nothing', async () => {
        const streams = [aStream(), aStream(), aStream()];
        let last = await store.headPosition();
        const appended: string[] = [];
        const delivered: string[] = [];
        const writer = (async () => {
          for (let index = 0; index < 30; index += 1) {
            const event = anEvent('Counted', { index });
            await store.appendToStream(streams[index % 3]!, [event], { expectedRevision: 'any' });
            appended.push(event.id);
            if (index % 4 === 0) await sleep(2);
          }
        })();
        const resume = () =>
          follow(last, (batch) => {
            for (const event of batch) {
              if (streams.includes(event.streamId)) delivered.push(event.id);
              last = event.position;
            }
          });

        for (let round = 0; round < 5; round += 1) {
          const subscription = resume();
          await sleep(3 + round);
          await subscription.close();
        }
        await writer;
        resume();
        await waitFor(() => delivered.length >= 30);

        expect(delivered).toEqual(appended);
      });

      it('delivers nothing after close() resolves', async () => {
        const streamId = aStream();
        const seen: string[] = [];
        const subscription = follow(await store.headPosition(), (batch) => {
          seen.push(
            ...batch.filter((event) => event.streamId === streamId).map((event) => event.id),
          );
        });
        await store.appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' });
        await waitFor(() => seen.length === 1);

        await subscription.close();
        await store.appendToStream(streamId, [anEvent()], { expectedRevision: 0 });
        await sleep(100);

        expect(seen).toHaveLength(1);
      });

      it('a handler that throws ends the subscription through `failed`; resuming delivers that batch again', async () => {
        const streamId = aStream();
        const before = await store.headPosition();
        const event = anEvent();
        await store.appendToStream(streamId, [event], { expectedRevision: 'no_stream' });
        const boom = new Error('projection broke');

        const failing = follow(before, (batch) => {
          if (batch.some((recorded) => recorded.streamId === streamId)) throw boom;
        });
        await expect(failing.failed).resolves.toBe(boom);

        const seen: string[] = [];
        follow(before, (batch) => void seen.push(...batch.map((recorded) => recorded.id)));
        await waitFor(() => seen.includes(event.id));
      });
    });
  });
}

function aStream(): string {
  return `conformance-${randomUUID()}`;
}

function anEvent(
  type = 'SomethingHappened',
  data: Record<string, unknown> = { value: 1 },
): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data: { ...data, nested: { list: [1, 'two'], flag: true } },
    metadata: {
      actor: SYSTEM_ACTOR,
      recordedAt: '2024-05-01T08:00:00.000Z',
      unitCode: '19',
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

function expectStrictlyRising(positions: readonly number[]): void {
  const rising = positions.every(
    (position, index) => index === 0 || position > positions[index - 1]!,
  );
  expect(rising ? 'strictly rising' : positions).toBe('strictly rising');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
