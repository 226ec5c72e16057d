import { SEAL_STREAM } from '../../events/ledger-seal';
import { SYSTEM_ACTOR } from './envelope';
import { chainEvents } from './event-hash';
import type { RecordedEvent } from './event-store.port';
import { fromRecorded, type EntryReader, type LogEntry } from './log-entries';
import { SealDigest } from './seal-digest';
import { verifyEntries } from './verify-log';

/** A log written as the store writes it: chained streams, and seals over the global log. */
class LogBuilder {
  readonly events: RecordedEvent[] = [];
  private readonly tails = new Map<string, { revision: number; hash: string | undefined }>();
  private sealed = { toPosition: 0, digest: '' };

  append(
    streamId: string,
    type = 'Counted',
    data: Record<string, unknown> = { n: this.events.length },
  ): void {
    const tail = this.tails.get(streamId) ?? { revision: -1, hash: undefined };
    const metadata = {
      actor: SYSTEM_ACTOR,
      recordedAt: '2024-01-01T00:00:00.000Z',
      unitCode: '19',
      correlationId: 'c',
      causationId: 'c',
    };
    const [event] = chainEvents(streamId, tail.revision + 1, tail.hash, [
      { id: `e-${this.events.length + 1}`, type, schemaVersion: 1, data, metadata },
    ]);
    this.events.push({
      ...event!,
      streamId,
      revision: tail.revision + 1,
      position: this.events.length + 1,
    });
    this.tails.set(streamId, { revision: tail.revision + 1, hash: event!.metadata.hash });
  }

  /** Seals the events up to `toPosition` (all so far by default), as LogSealer does. */
  seal(toPosition = this.events.length, fromPosition = this.sealed.toPosition): void {
    const digest = new SealDigest(this.sealed.digest);
    for (const event of this.events.filter(
      (e) => e.position > fromPosition && e.position <= toPosition,
    )) {
      digest.add({ position: event.position, id: event.id, hash: event.metadata.hash });
    }
    const data = {
      fromPosition,
      toPosition,
      count: digest.count,
      previousDigest: this.sealed.digest,
      digest: digest.digest(),
      entries: digest.entryList(),
    };
    this.append(SEAL_STREAM, 'LogSealed', data);
    this.sealed = { toPosition, digest: data.digest };
  }

  entries(): LogEntry[] {
    return this.events.map(fromRecorded);
  }
}

const reader =
  (entries: readonly LogEntry[]): EntryReader =>
  async (after, limit) =>
    entries.filter((e) => e.position > after).slice(0, limit);

/** 1,300 events over 7 streams (more than a page), sealed every 100, some left unsealed. */
function sealedLog(): LogBuilder {
  const log = new LogBuilder();
  for (let i = 0; i < 1300; i++) {
    log.append(`counter-${i % 7}`);
    if (i % 100 === 99) log.seal();
  }
  return log;
}

const replaced = (
  entries: LogEntry[],
  position: number,
  change: (e: LogEntry) => LogEntry,
): LogEntry[] => entries.map((e) => (e.position === position ? change(e) : e));

describe('verifying the log', () => {
  it('accepts a log as written, across pages, and counts its seals', async () => {
    const log = sealedLog();
    expect(await verifyEntries(reader(log.entries()), { densePositions: true })).toEqual({
      ok: true,
      checked: 1313,
      seals: 13,
    });
  });

  it('carries events appended while a seal was made over to the next seal', async () => {
    const log = new LogBuilder();
    for (let i = 0; i < 10; i++) log.append(`counter-${i % 3}`);
    log.append('counter-0');
    log.seal(10); // position 11 is not covered by the seal at 12
    for (let i = 0; i < 5; i++) log.append('counter-1');
    log.seal();
    expect(await verifyEntries(reader(log.entries()), { densePositions: true })).toEqual({
      ok: true,
      checked: 18,
      seals: 2,
    });
  });

  it('reads events again for a seal when it let them go, with the same answers', async () => {
    const log = sealedLog();
    const options = { densePositions: true, rereadable: true, unsealedKept: 30 };
    expect(await verifyEntries(reader(log.entries()), options)).toEqual({
      ok: true,
      checked: 1313,
      seals: 13,
    });
    const rewritten = new LogBuilder();
    for (let i = 0; i < 150; i++)
      rewritten.append(`counter-${i % 7}`, 'Counted', { n: i === 40 ? 'x' : i });
    const entries = [...rewritten.entries().slice(0, 100), ...log.entries().slice(100)];
    expect(await verifyEntries(reader(entries), options)).toMatchObject({
      ok: false,
      firstBadPosition: 41,
      seals: 0,
    });
  });

  it('names a changed event', async () => {
    const entries = replaced(sealedLog().entries(), 640, (e) => ({ ...e, dataText: '{"n":0}' }));
    const report = await verifyEntries(reader(entries));
    expect(report).toMatchObject({ ok: false, firstBadPosition: 640, checked: 639 });
    expect(report.problem).toMatch(/does not match its hash/);
  });

  it('names an event without a hash', async () => {
    const entries = replaced(sealedLog().entries(), 3, (e) => ({ ...e, hash: undefined }));
    expect(await verifyEntries(reader(entries))).toMatchObject({ ok: false, firstBadPosition: 3 });
  });

  it('names a revision that does not follow on', async () => {
    const entries = sealedLog().entries();
    const report = await verifyEntries(reader(entries.filter((e) => e.position !== 20)));
    expect(report).toMatchObject({ ok: false, firstBadPosition: 27 });
    expect(report.problem).toMatch(/counter-\d is at revision 3 where 2 was expected/);
  });

  it('names a missing position when positions are dense', async () => {
    const entries = sealedLog()
      .entries()
      .filter((e) => e.position !== 20);
    const report = await verifyEntries(reader(entries), { densePositions: true });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 20 });
    expect(report.problem).toMatch(/missing/);
  });

  it('names a position that does not rise', async () => {
    const entries = sealedLog().entries();
    const report = await verifyEntries(async (after, limit) =>
      after === 0 ? entries.slice(0, limit) : entries.slice(4, 4 + limit),
    );
    expect(report).toMatchObject({ ok: false, firstBadPosition: 5 });
    expect(report.problem).toMatch(/does not rise/);
  });

  it('names the first sealed event whose stored hash was replaced, through the seal', async () => {
    // A whole stream rewritten with fresh hashes keeps its own chain; only the seal tells.
    const log = new LogBuilder();
    for (let i = 0; i < 20; i++) log.append(`counter-${i % 4}`);
    log.seal();
    const rewritten = new LogBuilder();
    for (let i = 0; i < 20; i++)
      rewritten.append(`counter-${i % 4}`, 'Counted', { n: i === 6 ? 'x' : i });
    const entries = [...rewritten.entries().slice(0, 20), ...log.entries().slice(20)];
    const report = await verifyEntries(reader(entries));
    expect(report).toMatchObject({ ok: false, firstBadPosition: 7, seals: 0 });
    expect(report.problem).toMatch(/sealed at position 21 were changed/);
  });

  it('names a seal that does not follow the previous one', async () => {
    const log = new LogBuilder();
    for (let i = 0; i < 5; i++) log.append('counter-0');
    log.seal();
    log.append('counter-0');
    log.seal(7, 4);
    const report = await verifyEntries(reader(log.entries()), { densePositions: true });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 8, seals: 1 });
    expect(report.problem).toMatch(/does not follow the previous seal/);
  });

  it('names the changed seal itself first', async () => {
    const entries = replaced(sealedLog().entries(), 101, (e) => ({
      ...e,
      dataText: e.dataText.replace('"toPosition":100', '"toPosition":99'),
    }));
    expect(await verifyEntries(reader(entries))).toMatchObject({
      ok: false,
      firstBadPosition: 101,
    });
  });
});
