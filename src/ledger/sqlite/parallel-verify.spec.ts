import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandLoop } from '../command-loop';
import { SYSTEM_ACTOR } from '../envelope';
import { chainEvents } from '../event-hash';
import { LogSealer } from '../log-sealer';
import { verifyLog, type VerifyOptions } from '../verify-log';
import { verifyRangesInParallel } from './parallel-verify';
import { SqliteEventStore } from './sqlite-event-store';

type Row = Record<string, string | number>;

let dir: string;
let pristine: string;
let head: number;
let seals: number;

/**
 * 240 events over streams of every length (one-event streams, streams spread over the whole
 * log, streams that start late), sealed every 25 events while a few more are appended.
 */
async function buildLedger(file: string): Promise<void> {
  const store = SqliteEventStore.open(file);
  const sealer = new LogSealer(store, new CommandLoop(store, { find: () => undefined }), 25);
  const tails = new Map<string, { revision: number; hash?: string }>();
  for (let i = 0; i < 240; i++) {
    const streamId =
      i % 3 === 0 ? `single-${i}` : i % 3 === 1 ? `long-${i % 4}` : `late-${Math.floor(i / 40)}`;
    const tail = tails.get(streamId) ?? { revision: -1 };
    const [event] = chainEvents(streamId, tail.revision + 1, tail.hash, [
      {
        id: `e-${i}`,
        type: 'Counted',
        schemaVersion: 1,
        data: { n: i, note: 'Bình đẳng giới' },
        metadata: {
          actor: SYSTEM_ACTOR,
          recordedAt: '2024-01-01T00:00:00.000Z',
          unitCode: '19',
          correlationId: 'c',
          causationId: 'c',
        },
      },
    ]);
    await store.appendToStream(streamId, [event!], {
      expectedRevision: tail.revision < 0 ? 'no_stream' : tail.revision,
    });
    tails.set(streamId, { revision: tail.revision + 1, hash: event!.metadata.hash });
    // Not awaited, as a running service seals: the events appended meanwhile are left for
    // the next seal.
    if (i % 25 === 24) void sealer.sealIfDue(1);
  }
  await sealer.sealIfDue(1);
  await sealer.sealIfDue(1);
  await store.close();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'p8-parallel-verify-'));
  pristine = join(dir, 'pristine.sqlite');
  await buildLedger(pristine);
  const db = new Database(pristine);
  db.pragma('wal_checkpoint(TRUNCATE)');
  head = (db.prepare('SELECT MAX(position) AS head FROM events').get() as { head: number }).head;
  seals = (
    db.prepare(`SELECT COUNT(*) AS n FROM events WHERE type = 'LogSealed'`).get() as { n: number }
  ).n;
  const partial = db
    .prepare(
      `SELECT COUNT(*) AS n FROM events WHERE type = 'LogSealed' AND json_extract(data, '$.toPosition') < position - 1`,
    )
    .get() as { n: number };
  db.close();
  // Some seals leave out events appended while they were made.
  expect(partial.n).toBeGreaterThan(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

let copies = 0;

/** Verifies a tampered copy sequentially, and in parallel with ranges of several sizes. */
async function verifyBoth(tamper: (db: Database.Database) => void) {
  const file = join(dir, `copy-${++copies}.sqlite`);
  copyFileSync(pristine, file);
  const db = new Database(file);
  tamper(db);
  db.close();
  const store = SqliteEventStore.open(file);
  try {
    const sequential = await verifyLog(store, { workers: 0 });
    const parallel = [];
    for (const rangeEvents of [1, 7, 25]) {
      const options: VerifyOptions = { workers: 2, parallelFrom: 0, rangeEvents };
      parallel.push({ rangeEvents, report: await verifyLog(store, options) });
    }
    return { sequential, parallel };
  } finally {
    await store.close();
  }
}

function expectSameReports(result: Awaited<ReturnType<typeof verifyBoth>>): void {
  for (const { rangeEvents, report } of result.parallel) {
    expect({ rangeEvents, report }).toEqual({ rangeEvents, report: result.sequential });
  }
}

const rowsOf = (db: Database.Database, where: string): Row[] =>
  db.prepare(`SELECT * FROM events WHERE ${where} ORDER BY position`).all() as Row[];

function reinsert(db: Database.Database, rows: readonly Row[]): void {
  const insert = db.prepare(
    'INSERT INTO events (position, event_id, stream_id, revision, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const row of rows) {
    insert.run(
      row.position,
      row.event_id,
      row.stream_id,
      row.revision,
      row.type,
      row.schema_version,
      row.data,
      row.metadata,
    );
  }
}

describe('parallel verification of a SQLite ledger', () => {
  it('checks the whole log in ranges on workers, seals included', async () => {
    const store = SqliteEventStore.open(pristine);
    try {
      const progress: number[] = [];
      const state = await verifyRangesInParallel(store, {
        workers: 2,
        parallelFrom: 0,
        rangeEvents: 20,
        onProgress: (n) => progress.push(n),
      });
      expect(state).toMatchObject({ last: head, checked: head, seals });
      expect(progress[progress.length - 1]).toBe(head);
      expect(await verifyLog(store, { workers: 2, parallelFrom: 0, rangeEvents: 20 })).toEqual({
        ok: true,
        checked: head,
        seals,
      });
    } finally {
      await store.close();
    }
  });

  it('leaves small logs, and in-memory ones, to the sequential verifier', async () => {
    const store = SqliteEventStore.open(pristine);
    try {
      expect(await verifyRangesInParallel(store, { workers: 2 })).toBeUndefined();
      expect(await verifyRangesInParallel(store, { workers: 0, parallelFrom: 0 })).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('hands the sequential verifier only what follows the last range as written', async () => {
    const file = join(dir, 'late-damage.sqlite');
    copyFileSync(pristine, file);
    const db = new Database(file);
    db.prepare(`UPDATE events SET data = data || ' ' WHERE position = 199`).run();
    db.close();
    const store = SqliteEventStore.open(file);
    try {
      const state = await verifyRangesInParallel(store, {
        workers: 2,
        parallelFrom: 0,
        rangeEvents: 10,
      });
      expect(state!.last).toBeLessThan(199);
      expect(state!.last).toBeGreaterThanOrEqual(199 - 20);
    } finally {
      await store.close();
    }
  });

  it('gives the answer of the sequential verifier on an untouched log', async () => {
    const result = await verifyBoth(() => undefined);
    expect(result.sequential).toEqual({ ok: true, checked: head, seals });
    expectSameReports(result);
  });

  it.each([1, 26, 199])('names a changed event at position %i as alone', async (position) => {
    const result = await verifyBoth((db) =>
      db.prepare(`UPDATE events SET data = data || ' ' WHERE position = ?`).run(position),
    );
    expect(result.sequential).toMatchObject({ ok: false });
    expectSameReports(result);
  });

  it.each([131])('names a rewritten author at position %i as alone', async (position) => {
    const result = await verifyBoth((db) =>
      db
        .prepare(
          `UPDATE events SET metadata = replace(metadata, '"19"', '"20"') WHERE position = ?`,
        )
        .run(position),
    );
    expect(result.sequential).toMatchObject({ ok: false });
    expectSameReports(result);
  });

  it.each([1, 26, 150])('names the removed event at position %i as alone', async (position) => {
    const result = await verifyBoth((db) =>
      db.prepare('DELETE FROM events WHERE position = ?').run(position),
    );
    expect(result.sequential).toMatchObject({ ok: false });
    expectSameReports(result);
  });

  it('names a removed last event as alone (a seal then misses it)', async () => {
    const result = await verifyBoth((db) =>
      db.prepare('DELETE FROM events WHERE position = ?').run(head),
    );
    expectSameReports(result);
  });

  it.each([
    [5, 9],
    [3, 200],
  ])('names the first of events %i and %i swapped as alone', async (a, b) => {
    const result = await verifyBoth((db) => {
      const [first, second] = rowsOf(db, `position IN (${a}, ${b})`) as [Row, Row];
      db.prepare(`DELETE FROM events WHERE position IN (${a}, ${b})`).run();
      reinsert(db, [
        { ...second, position: a },
        { ...first, position: b },
      ]);
    });
    expect(result.sequential).toMatchObject({ ok: false });
    expectSameReports(result);
  });

  it.each([4])(
    'catches events renumbered after position %i through the seals as alone',
    async (from) => {
      const result = await verifyBoth((db) => {
        const rows = rowsOf(db, `position > ${from}`);
        db.prepare('DELETE FROM events WHERE position >= ?').run(from);
        reinsert(
          db,
          rows.map((row) => ({ ...row, position: Number(row.position) - 1 })),
        );
      });
      expect(result.sequential).toMatchObject({ ok: false });
      expectSameReports(result);
    },
  );

  it('names a seal whose data was changed as alone', async () => {
    const result = await verifyBoth((db) =>
      db
        .prepare(
          `UPDATE events SET data = replace(data, '"toPosition":', '"toPosition":1') WHERE type = 'LogSealed' AND position > 100 AND position < 160`,
        )
        .run(),
    );
    expect(result.sequential).toMatchObject({ ok: false });
    expectSameReports(result);
  });

  it('names a removed seal as alone', async () => {
    const result = await verifyBoth((db) => {
      const [seal] = rowsOf(db, `type = 'LogSealed' AND position > 50`);
      db.prepare('DELETE FROM events WHERE position = ?').run(seal!.position);
    });
    expect(result.sequential).toMatchObject({ ok: false });
    expectSameReports(result);
  });

  it('treats an event of another stream typed as a seal as alone', async () => {
    const result = await verifyBoth((db) =>
      db.prepare(`UPDATE events SET type = 'LogSealed' WHERE position = 40`).run(),
    );
    expect(result.sequential).toMatchObject({ ok: false });
    expectSameReports(result);
  });

  it('names a revision moved to another stream as alone', async () => {
    const result = await verifyBoth((db) =>
      db
        .prepare(`UPDATE events SET stream_id = 'long-9' WHERE position = ?`)
        .run(rowsOf(db, `stream_id = 'long-1'`)[3]!.position),
    );
    expect(result.sequential).toMatchObject({ ok: false });
    expectSameReports(result);
  });
});
