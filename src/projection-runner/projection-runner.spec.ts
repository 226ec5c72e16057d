import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectionDefinition } from '../../projections/projection';
import { SYSTEM_ACTOR } from '../ledger/envelope';
import { SqliteEventStore } from '../ledger/sqlite/sqlite-event-store';
import { openProjectionDatabase } from './projection-database';
import { ProjectionRunner } from './projection-runner';

const counter = (name: string, failOn?: string): ProjectionDefinition => ({
  name,
  version: 1,
  open(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${name} (n INTEGER NOT NULL)`);
    if (!db.prepare(`SELECT n FROM ${name}`).get()) db.prepare(`INSERT INTO ${name} (n) VALUES (0)`).run();
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
    store.appendToStream(`s-${Math.random()}`, [
      {
        id: `${Math.random()}`,
        type,
        schemaVersion: 1,
        data: {},
        metadata: { actor: SYSTEM_ACTOR, recordedAt: new Date().toISOString(), unitCode: '19', correlationId: 'c', causationId: 'c' },
      },
    ], { expectedRevision: 'no_stream' });
  const count = (db: Database.Database, name: string) => (db.prepare(`SELECT n FROM ${name}`).get() as { n: number }).n;

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
    const runner = new ProjectionRunner(store, db, [counter('good'), counter('bad', 'Poison')], (e) => errors.push(e.message));
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
});
