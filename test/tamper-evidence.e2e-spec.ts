import Database from 'better-sqlite3';
import { join } from 'node:path';
import { LogSealer } from '../src/ledger/log-sealer';
import { SqliteEventStore } from '../src/ledger/sqlite/sqlite-event-store';
import { verifyLog } from '../src/ledger/verify-log';
import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

/** Builds a sealed ledger, lets a test rewrite its SQLite file, and verifies it again. */
async function tamperedLedger(tamper: (db: Database.Database) => void) {
  const t: TestLedger = await startTestLedger();
  const officer = await t.user('tamper.officer', 'officer', '05752');
  for (let i = 0; i < 12; i++) {
    await t
      .http()
      .post('/api/dialogues')
      .set('Authorization', `Bearer ${officer}`)
      .send(dialogueBody({ participants: { total: 10 + i, women: 5 } }))
      .expect(201);
  }
  await new LogSealer(t.ledger.store, t.ledger.commands).sealIfDue(1);
  await t.http().post('/api/dialogues').set('Authorization', `Bearer ${officer}`).send(dialogueBody()).expect(201);
  const file = join(t.dataDir, 'ledger.sqlite');
  const before = await verifyLog(t.ledger.store);
  await t.app.close();
  await t.ledger.close();
  const db = new Database(file);
  tamper(db);
  db.close();
  const store = SqliteEventStore.open(file);
  const after = await verifyLog(store);
  // The same answer from worker threads checking ranges of a few events each.
  expect(await verifyLog(store, { workers: 2, parallelFrom: 0, rangeEvents: 4 })).toEqual(after);
  await store.close();
  return { before, after };
}

describe('tamper evidence of the SQLite log', () => {
  it('verifies an untouched log, seals included', async () => {
    const { before, after } = await tamperedLedger(() => undefined);
    expect(before).toEqual({ ok: true, checked: expect.any(Number), seals: 1 });
    expect(after.ok).toBe(true);
  });

  it('names the position whose data was modified', async () => {
    const { after } = await tamperedLedger((db) =>
      db.prepare("UPDATE events SET data = replace(data, '\"total\":15', '\"total\":150') WHERE position = 8").run(),
    );
    expect(after).toMatchObject({ ok: false, firstBadPosition: 8 });
    expect(after.problem).toMatch(/does not match its hash/);
  });

  it('names the position whose author was rewritten', async () => {
    const { after } = await tamperedLedger((db) =>
      db.prepare("UPDATE events SET metadata = replace(metadata, 'tamper.officer', 'someone.else') WHERE position = 6").run(),
    );
    expect(after).toMatchObject({ ok: false, firstBadPosition: 6 });
  });

  it('names the position of a removed event', async () => {
    const { after } = await tamperedLedger((db) => db.prepare('DELETE FROM events WHERE position = 7').run());
    expect(after).toMatchObject({ ok: false, firstBadPosition: 7 });
    expect(after.problem).toMatch(/missing/);
  });

  it('names the first position of two events swapped in the log', async () => {
    const { after } = await tamperedLedger((db) => {
      const swap = db.transaction(() => {
        const rows = db.prepare('SELECT * FROM events WHERE position IN (5, 9) ORDER BY position').all() as Record<string, unknown>[];
        db.prepare('DELETE FROM events WHERE position IN (5, 9)').run();
        const insert = db.prepare(
          'INSERT INTO events (position, event_id, stream_id, revision, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        );
        const [a, b] = rows as [Record<string, unknown>, Record<string, unknown>];
        for (const [position, row] of [[5, b], [9, a]] as const) {
          insert.run(position, row.event_id, row.stream_id, row.revision, row.type, row.schema_version, row.data, row.metadata);
        }
      });
      swap();
    });
    expect(after).toMatchObject({ ok: false, firstBadPosition: 5 });
  });

  it('catches a whole stream rewritten with fresh hashes through the seal', async () => {
    const { after } = await tamperedLedger((db) => {
      // Removing a dialogue's only event and renumbering everything after it keeps every
      // stream's own chain intact; only the seal over the global log can tell.
      const rows = db.prepare('SELECT * FROM events WHERE position > 4 ORDER BY position').all() as Record<string, number | string>[];
      db.prepare('DELETE FROM events WHERE position >= 4').run();
      const insert = db.prepare(
        'INSERT INTO events (position, event_id, stream_id, revision, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const row of rows) {
        insert.run(Number(row.position) - 1, row.event_id, row.stream_id, row.revision, row.type, row.schema_version, row.data, row.metadata);
      }
    });
    expect(after).toMatchObject({ ok: false, firstBadPosition: 4 });
  });
});
