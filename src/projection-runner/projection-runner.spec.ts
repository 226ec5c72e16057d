import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectionDefinition } from '../../projections/projection';
import { SqliteEventStore } from '../ledger/sqlite/sqlite-event-store';
import { systemEvent } from '../ledger/testing/system-event';
import { openProjectionDatabase } from './projection-database';
import { ProjectionRunner } from './projection-runner';

const counter = (name: string, failOn?: string): ProjectionDefinition => ({
  name,
  version: 1,
  open(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${name} (n INTEGER NOT NULL)`);
    if (!db.prepare(`SELECT n FROM ${name}`).get())
      db.prepare(`INSERT INTO ${name} (n) VALUES (0)`).run();
    const bump = db.prepare(`UPDATE ${name} SET n = n + 1`);
    return {
      apply(event) {
        if (event.type === failOn) throw new Error('cannot apply this');
        bump.run();
      },
    };
  },
  drop(db) {
    db.exec(`DROP TABLE IF EXISTS ${name}`);
  },
});

describe('projection runner', () => {
  let dir: string;
  let store: SqliteEventStore;
  const append = (type: string) =>
    store.appendToStream(`s-${Math.random()}`, [systemEvent(`${Math.random()}`, type)], {
      expectedRevision: 'no_stream',
    });
  const count = (db: Database.Database, name: string) =>
    (db.prepare(`SELECT n FROM ${name}`).get() as { n: number }).n;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'p8-runner-'));
    store = SqliteEventStore.open(join(dir, 'log.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes from its checkpoints after a restart and applies nothing twice', async () => {
    for (let i = 0; i < 5; i++) await append('Happened');
    let db = openProjectionDatabase(join(dir, 'read.sqlite'));
    let runner = new ProjectionRunner(store, db, [counter('a')]);
    runner.start();
    expect(await runner.waitFor(5)).toBe(true);
    await runner.stop();
    db.close();
    for (let i = 0; i < 3; i++) await append('Happened');
    db = openProjectionDatabase(join(dir, 'read.sqlite'));
    runner = new ProjectionRunner(store, db, [counter('a')]);
    runner.start();
    expect(await runner.waitFor(8)).toBe(true);
    expect(count(db, 'a')).toBe(8);
    await runner.stop();
    db.close();
  });

  it('stops only the read model that cannot apply an event, and says where', async () => {
    const errors: string[] = [];
    const db = openProjectionDatabase(join(dir, 'read.sqlite'));
    const runner = new ProjectionRunner(
      store,
      db,
      [counter('good'), counter('bad', 'Poison')],
      (e) => errors.push(e.message),
    );
    runner.start();
    await append('Happened');
    await append('Poison');
    await append('Happened');
    expect(await runner.waitFor(3, 2000)).toBe(true);
    expect(count(db, 'good')).toBe(3);
    expect(count(db, 'bad')).toBe(1);
    expect(runner.failures()).toEqual({ bad: { position: 2, message: 'cannot apply this' } });
    expect(errors).toEqual(['read model bad stopped at position 2: cannot apply this']);
    await runner.stop();
    db.close();
  });

  it('rebuilds from the start a read model that stands beyond the log (a log restored from an older copy)', async () => {
    for (let i = 0; i < 3; i++) await append('Happened');
    let db = openProjectionDatabase(join(dir, 'read.sqlite'));
    let runner = new ProjectionRunner(store, db, [counter('a')]);
    runner.start(await store.headPosition());
    expect(await runner.waitFor(3)).toBe(true);
    await runner.stop();
    db.close();
    // The log is replaced by an older copy of itself: two events, where the read model saw three.
    await store.close();
    rmSync(join(dir, 'log.sqlite'));
    store = SqliteEventStore.open(join(dir, 'log.sqlite'));
    for (let i = 0; i < 2; i++) await append('Happened');
    const errors: string[] = [];
    db = openProjectionDatabase(join(dir, 'read.sqlite'));
    runner = new ProjectionRunner(store, db, [counter('a')], (e) => errors.push(e.message));
    runner.start(await store.headPosition());
    expect(await runner.waitFor(2)).toBe(true);
    expect(count(db, 'a')).toBe(2);
    expect(errors).toEqual([
      "read model a stood at position 3, beyond the log's head 2: it is rebuilt from the start of the log",
    ]);
    await append('Happened');
    expect(await runner.waitFor(3)).toBe(true);
    expect(count(db, 'a')).toBe(3);
    await runner.stop();
    db.close();
  });

  it('commits the others of a batch in which one read model fails, and rolls that one back alone', async () => {
    // Appended before the start: the three events come in one batch.
    await append('Happened');
    await append('Poison');
    await append('Happened');
    const db = openProjectionDatabase(join(dir, 'read.sqlite'));
    const runner = new ProjectionRunner(store, db, [counter('good'), counter('bad', 'Poison')]);
    runner.start();
    expect(await runner.waitFor(3, 2000)).toBe(true);
    await runner.stop();
    db.close();
    const reopened = openProjectionDatabase(join(dir, 'read.sqlite'));
    expect(count(reopened, 'good')).toBe(3);
    expect(count(reopened, 'bad')).toBe(0);
    const checkpoints = reopened
      .prepare('SELECT name, position FROM projection_checkpoints ORDER BY name')
      .all();
    expect(checkpoints).toEqual([
      { name: 'bad', position: 0 },
      { name: 'good', position: 3 },
    ]);
    reopened.close();
  });
});

describe('projection runner, a new version of a read model', () => {
  let dir: string;
  let store: SqliteEventStore;
  const append = (type: string) =>
    store.appendToStream(`s-${Math.random()}`, [systemEvent(`${Math.random()}`, type)], {
      expectedRevision: 'no_stream',
    });
  /** Version 1 counts events; version 2 counts them twice: a changed meaning. */
  const tally = (version: number): ProjectionDefinition => ({
    name: 'tally',
    version,
    open(db) {
      db.exec('CREATE TABLE IF NOT EXISTS tally (n INTEGER NOT NULL)');
      if (!db.prepare('SELECT n FROM tally').get())
        db.prepare('INSERT INTO tally (n) VALUES (0)').run();
      const bump = db.prepare('UPDATE tally SET n = n + ?');
      return { apply: () => void bump.run(version) };
    },
    drop(db) {
      db.exec('DROP TABLE IF EXISTS tally');
    },
  });
  const tallyOf = (db: Database.Database, table = 'tally') =>
    (db.prepare(`SELECT n FROM ${table}`).get() as { n: number }).n;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'p8-runner-'));
    store = SqliteEventStore.open(join(dir, 'log.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps answering from the previous version while the new one rebuilds, then switches', async () => {
    for (let i = 0; i < 2000; i++) await append('Happened');
    const file = join(dir, 'read.sqlite');
    let db = openProjectionDatabase(file);
    let runner = new ProjectionRunner(store, db, [tally(1)]);
    runner.start();
    await runner.waitFor(2000);
    await runner.stop();
    db.close();

    db = openProjectionDatabase(file);
    runner = new ProjectionRunner(store, db, [tally(2)]);
    runner.start();
    // Right after start, the previous version still answers.
    expect(tallyOf(db)).toBe(2000);
    expect(Object.keys(runner.rebuilding())).toEqual(['tally']);
    const deadline = Date.now() + 10_000;
    while (Object.keys(runner.rebuilding()).length > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(tallyOf(db)).toBe(4000);
    await append('Happened');
    expect(await runner.waitFor(2001)).toBe(true);
    expect(tallyOf(db)).toBe(4002);
    expect(
      db.prepare('SELECT version FROM projection_checkpoints WHERE name = ?').get('tally'),
    ).toEqual({ version: 2 });
    await runner.stop();
    db.close();
    expect(readdirSync(dir).filter((f) => f.includes('rebuild'))).toEqual([]);
  });

  it('builds a read model from zero without its query indexes, then adds them once caught up', async () => {
    for (let i = 0; i < 50; i++) await append('Happened');
    const indexed = (version: number): ProjectionDefinition => ({
      ...tally(version),
      name: 'indexed',
      open(db) {
        db.exec('CREATE TABLE IF NOT EXISTS indexed (n INTEGER NOT NULL)');
        if (!db.prepare('SELECT n FROM indexed').get())
          db.prepare('INSERT INTO indexed (n) VALUES (0)').run();
        const bump = db.prepare('UPDATE indexed SET n = n + 1');
        return { apply: () => void bump.run() };
      },
      drop(db) {
        db.exec('DROP TABLE IF EXISTS indexed');
      },
      queryIndexes: ['CREATE INDEX IF NOT EXISTS indexed_n ON indexed (n)'],
    });
    const indexes = (db: Database.Database) =>
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'indexed_n'")
        .all();
    const file = join(dir, 'read.sqlite');
    let db = openProjectionDatabase(file);
    let runner = new ProjectionRunner(store, db, [indexed(1)]);
    runner.start();
    expect(indexes(db)).toEqual([]);
    expect(await runner.waitFor(50)).toBe(true);
    expect(tallyOf(db, 'indexed')).toBe(50);
    expect(indexes(db)).toEqual([{ name: 'indexed_n' }]);
    await runner.stop();
    db.close();

    // A new version rebuilt in the background comes with its indexes too.
    db = openProjectionDatabase(file);
    runner = new ProjectionRunner(store, db, [indexed(2)]);
    runner.start();
    const deadline = Date.now() + 10_000;
    while (Object.keys(runner.rebuilding()).length > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(tallyOf(db, 'indexed')).toBe(50);
    expect(indexes(db)).toEqual([{ name: 'indexed_n' }]);
    await runner.stop();
    db.close();
  });
});
