import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointInBackground } from './background-checkpoints';

describe('checkpoints in the background', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'p8-checkpoints-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = (file: string) => {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE pages (body BLOB NOT NULL)');
    return db;
  };
  const fill = (db: Database.Database, pages: number) => {
    const insert = db.prepare('INSERT INTO pages (body) VALUES (?)');
    // Many small commits, as commands make them; each stays in the log until a checkpoint.
    for (let i = 0; i < pages; i++) insert.run(Buffer.alloc(4000, i % 251));
  };
  const eventually = async (condition: () => boolean, timeoutMs = 10_000) => {
    const until = Date.now() + timeoutMs;
    while (!condition() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return condition();
  };

  it('stops the committing connection from checkpointing, and copies the log into the file itself', async () => {
    const file = join(dir, 'db.sqlite');
    const db = open(file);
    const release = checkpointInBackground(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(file).size;
    fill(db, 1500);
    // The commits themselves never grew the database file: only a checkpoint does.
    expect(await eventually(() => statSync(file).size > before + 1500 * 4000)).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM pages').get()).toEqual({ n: 1500 });
    await release();
    db.close();
    // Once released, the closing connection is the last one and folds the log away.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('starts a long log over while the writer goes on writing', async () => {
    const file = join(dir, 'db.sqlite');
    const db = open(file);
    const release = checkpointInBackground(db, { restartLogPages: 200 });
    const insert = db.prepare('INSERT INTO pages (body) VALUES (?)');
    const batch = db.transaction(() => {
      for (let i = 0; i < 25; i++) insert.run(Buffer.alloc(4000, i));
    });
    // 25 pages every few milliseconds for 2.5 s: the log never empties on its own.
    let pages = 0;
    let longest = 0;
    try {
      for (const until = Date.now() + 2500; Date.now() < until; pages += 25) {
        batch();
        longest = Math.max(longest, statSync(`${file}-wal`).size);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      await release();
    }
    // Without a restart the log would hold every page written.
    expect(pages).toBeGreaterThan(5000);
    expect(longest).toBeLessThan((pages * 4096) / 4);
    db.close();
  });

  it('leaves a database without a file (in memory) as it is', async () => {
    const db = new Database(':memory:');
    const release = checkpointInBackground(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await release();
    db.close();
  });
});
