import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEAL_STREAM, type LogSealed } from '../../events/ledger-seal';
import { CommandLoop } from './command-loop';
import { chainEvents } from './event-hash';
import { LogSealer } from './log-sealer';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { systemEvent } from './testing/system-event';
import { verifyLog } from './verify-log';

describe('log sealer', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'p8-sealer-'));
    store = SqliteEventStore.open(join(dir, 'log.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** `count` one-event streams, appended together, as a ledger from before seals holds them. */
  let appended = 0;
  const appendUnsealed = (count: number) =>
    Promise.all(
      Array.from({ length: count }, () => {
        const i = appended++;
        const [event] = chainEvents(`s-${i}`, 0, undefined, [
          systemEvent(`e-${i}`, 'Counted', { n: i }),
        ]);
        return store.appendToStream(`s-${i}`, [event!], { expectedRevision: 'no_stream' });
      }),
    );
  const seals = async () =>
    (await store.readStream(SEAL_STREAM)).map((seal) => seal.data as LogSealed['data']);

  it('seals a long unsealed stretch in seals of at most ten times its interval, which verify', async () => {
    await appendUnsealed(95);
    const sealer = new LogSealer(store, new CommandLoop(store, { find: () => undefined }), 4);
    await sealer.sealIfDue();
    const made = await seals();
    expect(made.map((seal) => seal.count)).toEqual([40, 40, 15]);
    expect(made.map((seal) => [seal.fromPosition, seal.toPosition])).toEqual([
      [0, 40],
      [40, 80],
      [80, 95],
    ]);
    expect(made[1]?.previousDigest).toBe(made[0]?.digest);
    expect(await verifyLog(store)).toMatchObject({ ok: true, seals: 3 });
  });

  it('does not read the seal stream again for each seal it adds', async () => {
    await appendUnsealed(95);
    const sealer = new LogSealer(store, new CommandLoop(store, { find: () => undefined }), 4);
    await sealer.sealIfDue();
    const reads: string[] = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId) => {
      reads.push(streamId);
      return readStream(streamId);
    };
    await appendUnsealed(95);
    await sealer.sealIfDue();
    expect(reads).not.toContain(SEAL_STREAM);
    expect(await seals()).toHaveLength(6);
    expect(await verifyLog(store)).toMatchObject({ ok: true, seals: 6 });
  });

  it('does not look at the log when the position reached leaves too few events since the last seal', async () => {
    await appendUnsealed(8);
    const sealer = new LogSealer(store, new CommandLoop(store, { find: () => undefined }), 4);
    await sealer.sealIfDue();
    // One seal, at position 9, covering positions 1 to 8.
    expect(await seals()).toHaveLength(1);
    const heads: number[] = [];
    const headPosition = store.headPosition.bind(store);
    store.headPosition = async () => {
      const head = await headPosition();
      heads.push(head);
      return head;
    };
    await appendUnsealed(2);
    await sealer.sealIfDue(undefined, 11);
    expect(heads).toEqual([]);
    await appendUnsealed(1);
    await sealer.sealIfDue(undefined, 12);
    expect(heads).toEqual([12]);
    expect((await seals()).map((seal) => [seal.fromPosition, seal.toPosition])).toEqual([
      [0, 8],
      [8, 12],
    ]);
  });
});
