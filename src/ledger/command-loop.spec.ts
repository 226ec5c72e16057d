import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainEvent } from '../../events/event';
import { RuleViolation, StaleRevision } from '../shared/domain-errors';
import { CommandLoop, type StreamCommand } from './command-loop';
import type { CommandEnvelope } from './command-envelope';
import { SYSTEM_ACTOR } from './envelope';
import { chainEvents } from './event-hash';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

describe('command loop', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'p8-loop-'));
    store = SqliteEventStore.open(join(dir, 'log.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets many concurrent commands on one stream all land, each once, in turn', async () => {
    const loop = new CommandLoop(store, { find: () => undefined });
    const count = (n: number, event: DomainEvent) => (event.type === 'Counted' ? n + 1 : n);
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        loop.run<number, DomainEvent>(
          {
            streamId: 'counter-1',
            initialState: () => 0,
            evolve: count,
            decide: (n) => [{ type: 'Counted', schemaVersion: 1, data: { n } }],
            unitOf: () => '19',
            resultId: 'counter-1',
          },
          { actor: SYSTEM_ACTOR, now: new Date(), correlationId: randomUUID() },
        ),
      ),
    );
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    const stream = await store.readStream('counter-1');
    expect(stream.map((e) => e.data.n)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  describe('on a stream it appended to before', () => {
    const count = (n: number, event: DomainEvent) => (event.type === 'Counted' ? n + 1 : n);
    /** Counts up to a limit: past it, the rule refuses (409). */
    const countTo = (limit: number): StreamCommand<number, DomainEvent> => ({
      streamId: 'counter-2',
      initialState: () => 0,
      evolve: count,
      decide: (n) => {
        if (n >= limit) throw new RuleViolation(`already ${n}`);
        return [{ type: 'Counted', schemaVersion: 1, data: { n } }];
      },
      unitOf: () => '19',
      resultId: 'counter-2',
    });
    const envelope = (extra: Partial<CommandEnvelope> = {}): CommandEnvelope => ({
      actor: SYSTEM_ACTOR,
      now: new Date(),
      correlationId: randomUUID(),
      ...extra,
    });
    /** Another writer (another process) appends without the loop knowing. */
    const appendElsewhere = async () => {
      const stream = await store.readStream('counter-2');
      const last = stream[stream.length - 1];
      const revision = last?.revision ?? -1;
      const metadata = { actor: SYSTEM_ACTOR, recordedAt: new Date().toISOString(), unitCode: '19', correlationId: 'x', causationId: 'x' };
      await store.appendToStream(
        'counter-2',
        chainEvents('counter-2', revision + 1, last?.metadata.hash, [
          { id: randomUUID(), type: 'Counted', schemaVersion: 1, data: { n: revision + 1 }, metadata },
        ]),
        { expectedRevision: revision === -1 ? 'no_stream' : revision },
      );
    };

    it('lands after another writer moved the stream on, at the right revision', async () => {
      const loop = new CommandLoop(store, { find: () => undefined });
      await loop.run(countTo(100), envelope());
      await loop.run(countTo(100), envelope());
      await appendElsewhere();
      const result = await loop.run(countTo(100), envelope());
      expect(result.revision).toBe(3);
      expect((await store.readStream('counter-2')).map((e) => e.data.n)).toEqual([0, 1, 2, 3]);
    });

    it('takes an If-Match of the revision another writer made, and refuses one older (412)', async () => {
      const loop = new CommandLoop(store, { find: () => undefined });
      await loop.run(countTo(100), envelope());
      await loop.run(countTo(100), envelope());
      await appendElsewhere();
      await expect(loop.run(countTo(100), envelope({ ifMatch: 2 }))).resolves.toMatchObject({ revision: 3 });
      await expect(loop.run(countTo(100), envelope({ ifMatch: 2 }))).rejects.toThrow(StaleRevision);
    });

    it('checks a refusal again on the stream as it is now', async () => {
      const loop = new CommandLoop(store, { find: () => undefined });
      await loop.run(countTo(100), envelope());
      await loop.run(countTo(100), envelope());
      await appendElsewhere();
      // Remembered: 2 events, at a limit of 2. Stored: 3 events, and a rule that refuses only 2.
      const notAtTwo = { ...countTo(100), decide: (n: number) => (n === 2 ? countTo(2) : countTo(100)).decide(n) };
      await expect(loop.run(notAtTwo, envelope())).resolves.toMatchObject({ revision: 3 });
      await expect(loop.run(countTo(4), envelope())).rejects.toThrow('already 4');
      expect(await store.readStream('counter-2')).toHaveLength(4);
    });

    it('answers a repeated idempotency key with the first answer, appending nothing', async () => {
      const loop = new CommandLoop(store, { find: () => undefined });
      await loop.run(countTo(100), envelope());
      const keyed = envelope({ idempotencyKey: 'key-1', requestHash: 'hash-1' });
      const first = await loop.run(countTo(100), keyed);
      await expect(loop.run(countTo(100), keyed)).resolves.toEqual(first);
      await expect(loop.run(countTo(100), { ...keyed, requestHash: 'hash-2' })).rejects.toThrow(/already used/);
      expect(await store.readStream('counter-2')).toHaveLength(2);
    });
  });

  describe('on a stream it does not know', () => {
    const count = (n: number, event: DomainEvent) => (event.type === 'Counted' ? n + 1 : n);
    /** Makes a record: refused (409) on a stream that has one already. */
    const create = (streamId: string): StreamCommand<number, DomainEvent> => ({
      streamId,
      initialState: () => 0,
      evolve: count,
      decide: (n) => {
        if (n > 0) throw new RuleViolation(`${streamId} exists`);
        return [{ type: 'Counted', schemaVersion: 1, data: { n } }];
      },
      unitOf: () => '19',
      resultId: streamId,
    });
    const envelope = (): CommandEnvelope => ({ actor: SYSTEM_ACTOR, now: new Date(), correlationId: randomUUID() });

    it('starts a new stream without reading it first', async () => {
      const reads = jest.spyOn(store, 'readStream');
      const loop = new CommandLoop(store, { find: () => undefined });
      await expect(loop.run(create('record-1'), envelope())).resolves.toMatchObject({ revision: 0 });
      expect(reads).not.toHaveBeenCalled();
    });

    it('decides again on a fresh read when the stream exists: the store refused to start it', async () => {
      const other = new CommandLoop(store, { find: () => undefined });
      await other.run(create('record-2'), envelope());
      const reads = jest.spyOn(store, 'readStream');
      const loop = new CommandLoop(store, { find: () => undefined });
      await expect(loop.run(create('record-2'), envelope())).rejects.toThrow('record-2 exists');
      expect(reads).toHaveBeenCalledTimes(1);
      expect(await store.readStream('record-2')).toHaveLength(1);
    });

    it('reads the stream when the command refuses a stream with no history (a correction of a record it has not seen)', async () => {
      await new CommandLoop(store, { find: () => undefined }).run(create('record-3'), envelope());
      const next: StreamCommand<number, DomainEvent> = {
        ...create('record-3'),
        decide: (n) => {
          if (n === 0) throw new RuleViolation('no such record');
          return [{ type: 'Counted', schemaVersion: 1, data: { n } }];
        },
      };
      const loop = new CommandLoop(store, { find: () => undefined });
      await expect(loop.run(next, envelope())).resolves.toMatchObject({ revision: 1 });
    });
  });

  describe('under an idempotency key', () => {
    /** Makes a new record, on a new stream each time, as a create command without a client id does. */
    const createRecord = (): StreamCommand<number, DomainEvent> => {
      const streamId = `record-${randomUUID()}`;
      return {
        streamId,
        initialState: () => 0,
        evolve: (n) => n + 1,
        decide: () => [{ type: 'Counted', schemaVersion: 1, data: {} }],
        unitOf: () => '19',
        resultId: streamId,
      };
    };
    const keyed = (requestHash = 'hash-1'): CommandEnvelope => ({
      actor: SYSTEM_ACTOR,
      now: new Date(),
      correlationId: randomUUID(),
      idempotencyKey: 'key-1',
      requestHash,
    });

    it('answers repeats sent while the first runs with its answer, appending once', async () => {
      // No read model remembers answers here: the loop itself must.
      const loop = new CommandLoop(store, { find: () => undefined });
      const answers = await Promise.all(Array.from({ length: 5 }, () => loop.run(createRecord(), keyed())));
      expect(new Set(answers.map((answer) => answer.streamId)).size).toBe(1);
      expect(answers.every((answer) => answer.position === answers[0]?.position)).toBe(true);
      expect(await store.headPosition()).toBe(1);
    });

    it('answers a later repeat as the first, and refuses the key for another request, before the read models show it', async () => {
      const loop = new CommandLoop(store, { find: () => undefined });
      const first = await loop.run(createRecord(), keyed());
      await expect(loop.run(createRecord(), keyed())).resolves.toEqual(first);
      await expect(loop.run(createRecord(), keyed('hash-2'))).rejects.toThrow(/already used/);
      expect(await store.headPosition()).toBe(1);
    });

    it('lets a repeat run once the first was refused: nothing was recorded', async () => {
      const loop = new CommandLoop(store, { find: () => undefined });
      const refused = { ...createRecord(), decide: (): DomainEvent[] => { throw new RuleViolation('not now'); } };
      await expect(loop.run(refused, keyed())).rejects.toThrow('not now');
      await expect(loop.run(createRecord(), keyed())).resolves.toMatchObject({ revision: 0, position: 1 });
    });
  });
});
