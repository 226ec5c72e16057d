import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemEvent } from '../testing/system-event';
import type { FlushLog } from './log-flush';
import { LogFlushes } from './log-flush';
import { SqliteEventStore } from './sqlite-event-store';

/** A log flush the test completes by hand. */
function heldFlushes() {
  const pending: Array<(error: Error | null) => void> = [];
  const flushLog: FlushLog = (done) => void pending.push(done);
  return {
    flushLog,
    get started() {
      return pending.length;
    },
    complete: (error: Error | null = null) => pending.shift()?.(error),
    completeLast: (error: Error | null = null) => pending.pop()?.(error),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('log flushes', () => {
  it('acknowledges commits in order once a flush that started after them ends, one flush at a time', async () => {
    const disk = heldFlushes();
    const flushes = new LogFlushes(disk.flushLog);
    const acknowledged: string[] = [];
    flushes.afterCommit(() => acknowledged.push('a'), fail);
    flushes.afterCommit(() => acknowledged.push('b'), fail);
    expect(disk.started).toBe(1);
    disk.complete();
    // a's flush started before b committed: b waits for the next one.
    expect(acknowledged).toEqual(['a']);
    expect(disk.started).toBe(1);
    // b's flush is under way: c, committed meanwhile, waits for the one after.
    flushes.afterCommit(() => acknowledged.push('c'), fail);
    disk.complete();
    expect(acknowledged).toEqual(['a', 'b']);
    disk.complete();
    expect(acknowledged).toEqual(['a', 'b', 'c']);
    await flushes.idle();
  });

  it('lets a second flush start during a slow one; whichever ends first acknowledges what came before it', () => {
    const disk = heldFlushes();
    const flushes = new LogFlushes(disk.flushLog, () => undefined, 2);
    const acknowledged: string[] = [];
    flushes.afterCommit(() => acknowledged.push('a'), fail);
    flushes.afterCommit(() => acknowledged.push('b'), fail);
    expect(disk.started).toBe(2);
    expect(flushes.busy).toBe(true);
    // No third flush: c waits for one of the two to end.
    flushes.afterCommit(() => acknowledged.push('c'), fail);
    expect(disk.started).toBe(2);
    // b's flush ends first: it started after a was written, so a is on disk too.
    disk.completeLast();
    expect(acknowledged).toEqual(['a', 'b']);
    expect(disk.started).toBe(2);
    // a's flush ends: nothing of its own is left; c's flush is still under way.
    disk.complete();
    expect(acknowledged).toEqual(['a', 'b']);
    disk.complete();
    expect(acknowledged).toEqual(['a', 'b', 'c']);
  });

  it('refuses what waits and everything after a failed flush', () => {
    const disk = heldFlushes();
    const flushes = new LogFlushes(disk.flushLog);
    const outcomes: string[] = [];
    flushes.afterCommit(() => outcomes.push('a durable'), () => outcomes.push('a refused'));
    flushes.afterCommit(() => outcomes.push('b durable'), () => outcomes.push('b refused'));
    disk.complete(new Error('EIO'));
    flushes.afterCommit(() => outcomes.push('c durable'), () => outcomes.push('c refused'));
    expect(outcomes).toEqual(['a refused', 'b refused', 'c refused']);
    expect(flushes.failed?.message).toBe('EIO');
  });
});

describe('SQLite store, acknowledged only once on disk', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'p8-flush-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const event = (id: string) => systemEvent(id);

  it('shows an append to subscribers, pages and the head only after its flush, and then acknowledges it', async () => {
    const disk = heldFlushes();
    const store = SqliteEventStore.open(join(dir, 'log.sqlite'), { flushLog: disk.flushLog });
    const seen: number[] = [];
    const subscription = store.subscribe({ after: 0 }, (events) => void seen.push(...events.map((e) => e.position)));
    let acknowledged = false;
    const append = store
      .appendToStream('s-1', [event('e-1')], { expectedRevision: 'no_stream' })
      .then((result) => ((acknowledged = true), result));
    while (disk.started === 0) await settle();
    await settle();
    expect(acknowledged).toBe(false);
    expect(seen).toEqual([]);
    expect(await store.headPosition()).toBe(0);
    expect(await store.readAll()).toEqual([]);
    // The stream itself reads what was committed: the next command on it decides after it.
    expect((await store.readStream('s-1')).map((e) => e.id)).toEqual(['e-1']);
    disk.complete();
    expect((await append).position).toBe(1);
    while (seen.length === 0) await settle();
    expect(seen).toEqual([1]);
    expect(await store.headPosition()).toBe(1);
    await subscription.close();
    await store.close();
  });

  it('refuses the appends of a failed flush and every later one, and never shows them', async () => {
    const disk = heldFlushes();
    const store = SqliteEventStore.open(join(dir, 'log.sqlite'), { flushLog: disk.flushLog });
    const first = store.appendToStream('s-1', [event('e-1')], { expectedRevision: 'no_stream' });
    const refused = expect(first).rejects.toThrow('could not flush its log to disk');
    while (disk.started === 0) await settle();
    disk.complete(new Error('EIO'));
    await refused;
    await expect(store.appendToStream('s-2', [event('e-2')], { expectedRevision: 'no_stream' })).rejects.toThrow(
      'accepts no more appends',
    );
    expect(await store.headPosition()).toBe(0);
    expect(await store.readAll()).toEqual([]);
    await store.close();
  });

  it('commits the appends made while no flush can start together as one ends, then flushes them next', async () => {
    const disk = heldFlushes();
    const store = SqliteEventStore.open(join(dir, 'log.sqlite'), { flushLog: disk.flushLog });
    const acknowledged: string[] = [];
    const append = (stream: string, id: string) =>
      store
        .appendToStream(stream, [event(id)], { expectedRevision: 'no_stream' })
        .then((result) => (acknowledged.push(id), result));
    const first = append('s-1', 'e-1');
    while (disk.started === 0) await settle();
    // A second flush may run beside the first.
    const second = append('s-2', 'e-2');
    while (disk.started === 1) await settle();
    const third = append('s-3', 'e-3');
    const fourth = append('s-4', 'e-4');
    await settle();
    // No third flush: they wait uncommitted, since a commit now would wait for a flush to end anyway.
    expect(await store.readStream('s-3')).toEqual([]);
    expect(disk.started).toBe(2);
    disk.complete();
    // As the first flush ends, both are committed and their flush starts before anyone is answered.
    expect(disk.started).toBe(2);
    expect((await store.readStream('s-3')).map((e) => e.id)).toEqual(['e-3']);
    expect((await store.readStream('s-4')).map((e) => e.id)).toEqual(['e-4']);
    expect((await first).position).toBe(1);
    expect(acknowledged).toEqual(['e-1']);
    expect(await store.headPosition()).toBe(1);
    disk.complete();
    expect((await second).position).toBe(2);
    disk.complete();
    expect([(await third).position, (await fourth).position]).toEqual([3, 4]);
    expect(acknowledged).toEqual(['e-1', 'e-2', 'e-3', 'e-4']);
    await store.close();
  });

  it('never commits what waited for a flush that failed', async () => {
    const disk = heldFlushes();
    const store = SqliteEventStore.open(join(dir, 'log.sqlite'), { flushLog: disk.flushLog });
    const refusals: Array<Promise<void>> = [];
    const append = (stream: string, id: string) =>
      refusals.push(
        expect(store.appendToStream(stream, [event(id)], { expectedRevision: 'no_stream' })).rejects.toThrow(
          'could not flush its log to disk',
        ),
      );
    append('s-1', 'e-1');
    while (disk.started === 0) await settle();
    append('s-2', 'e-2');
    while (disk.started === 1) await settle();
    // No flush can start: this one waits uncommitted.
    append('s-3', 'e-3');
    await settle();
    disk.complete(new Error('EIO'));
    await Promise.all(refusals);
    // The other flush under way ends well, too late: what it covered was refused already.
    disk.complete();
    expect(await store.readStream('s-3')).toEqual([]);
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });

  it('waits on close for the flush under way, so that what was accepted is acknowledged', async () => {
    const disk = heldFlushes();
    const store = SqliteEventStore.open(join(dir, 'log.sqlite'), { flushLog: disk.flushLog });
    const append = store.appendToStream('s-1', [event('e-1')], { expectedRevision: 'no_stream' });
    while (disk.started === 0) await settle();
    const closed = store.close();
    disk.complete();
    await closed;
    expect((await append).position).toBe(1);
  });
});

function fail(error: Error): never {
  throw error;
}
