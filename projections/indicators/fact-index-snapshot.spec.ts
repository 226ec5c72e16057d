import type Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotFile } from './fact-index-snapshot';
import { indicatorFactsProjection } from './indicator-facts.projection';
import { queryIndicators, type IndicatorQuery } from './indicator-queries';
import { factIndexOf, keepFactIndex, saveFactIndex } from './kept-fact-indexes';
import { openFacts, writer, type FactStep } from './testing/fact-steps';

const STEPS: FactStep[] = [
  { add: { indicator: 'dialogues.held', unitCode: '05752', dateFrom: '2023-10-12', value: 1 } },
  { add: { indicator: 'dialogues.participants', unitCode: '05752', dateFrom: '2023-10-12', value: 92 } },
  { add: { indicator: 'dialogues.participants', unitCode: '05752', dateFrom: '2023-10-12', value: 60, dimension: 'sex', category: 'female' } },
  { add: { indicator: 'clubs.active', unitCode: '05911', dateFrom: '2022-05-01', dateTo: '2023-06-01', value: 1 } },
  { add: { indicator: 'clubs.members', unitCode: '05461', dateFrom: '2022-05-01', value: 14 } },
  { close: 1 },
  { add: { indicator: 'dialogues.participants', unitCode: '05752', dateFrom: '2023-10-12', value: 95 } },
];

const QUERIES: IndicatorQuery[] = [
  { unit: '19' },
  { unit: '170', asOfPosition: 4 },
  { unit: '05752', from: '2023-01-01', to: '2023-12-31' },
  { unit: '19', to: '2022-12-31' },
  { unit: '05746', geography: 'current' },
  { unit: '19', geography: 'current', asOfPosition: 6 },
];

const answers = (db: Database.Database) => JSON.stringify(QUERIES.map((query) => [...queryIndicators(db, query)]));

describe('the facts in memory saved at a clean stop', () => {
  let dir: string;
  let file: string;
  const opened: Database.Database[] = [];
  const open = () => {
    const db = openFacts(file);
    opened.push(db);
    return db;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'p8-fact-snapshot-'));
    file = join(dir, 'projections.sqlite');
  });
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A database whose facts were kept, then saved and closed; and the answers it gave. */
  async function savedLedger(): Promise<string> {
    const db = open();
    const write = writer(db);
    STEPS.forEach(write);
    expect(await keepFactIndex(db)).toBe(true);
    const answered = answers(db);
    saveFactIndex(db);
    db.close();
    expect(existsSync(snapshotFile(db))).toBe(true);
    return answered;
  }

  it('are read back at the next start, and answer as before', async () => {
    const answered = await savedLedger();
    const db = open();
    const onReady = jest.fn();
    const loaded = keepFactIndex(db, { onReady });
    expect(await loaded).toBe(true);
    expect(factIndexOf(db)?.size).toBe(6);
    expect(onReady).toHaveBeenCalledWith(expect.objectContaining({ facts: 6, from: 'snapshot' }));
    expect(answers(db)).toBe(answered);
    // Read once, then gone: a crash later leaves no stale copy.
    expect(existsSync(snapshotFile(db))).toBe(false);
    // And it follows new writes as a loaded index does.
    const more = writer(db);
    STEPS.filter((step) => 'add' in step).forEach(more);
    expect(answers(db)).toBe(answers(open()));
  });

  it('apply what was written while they were read back', async () => {
    await savedLedger();
    const db = open();
    const onReady = jest.fn();
    const loaded = keepFactIndex(db, { onReady });
    // Committed while the arrays are read: new facts, and closes of saved ones.
    const write = writer(db);
    write({ close: 0 });
    write({ add: { indicator: 'clubs.members', unitCode: '05911', dateFrom: '2023-02-01', value: 9 } });
    write({ close: 1 });
    expect(await loaded).toBe(true);
    expect(onReady).toHaveBeenCalledWith(expect.objectContaining({ from: 'snapshot' }));
    expect(answers(db)).toBe(answers(open()));
  });

  it('are not read back once the table moved on without them', async () => {
    const answered = await savedLedger();
    const db = open();
    // A fact written after the stop (the runner ran without keeping them, say).
    writer(db)({ add: { indicator: 'dialogues.held', unitCode: '05911', dateFrom: '2023-11-02', value: 1 } });
    const onReady = jest.fn();
    const loaded = keepFactIndex(db, { onReady });
    expect(factIndexOf(db)).toBeUndefined();
    expect(await loaded).toBe(true);
    expect(factIndexOf(db)?.size).toBe(STEPS.length);
    expect(onReady).toHaveBeenCalledWith(expect.objectContaining({ facts: STEPS.length, from: 'table' }));
    expect(answers(db)).not.toBe(answered);
  });

  it('are not read back into a table made anew', async () => {
    await savedLedger();
    const db = open();
    indicatorFactsProjection.drop(db);
    indicatorFactsProjection.open(db);
    expect(await keepFactIndex(db)).toBe(true);
    expect(factIndexOf(db)?.size).toBe(0);
  });

  it('are loaded from the table when the file was cut short', async () => {
    const answered = await savedLedger();
    const snapshot = snapshotFile(open());
    truncateSync(snapshot, statSync(snapshot).size - 3);
    const db = opened[opened.length - 1] as Database.Database;
    const loaded = keepFactIndex(db);
    expect(factIndexOf(db)).toBeUndefined();
    expect(await loaded).toBe(true);
    expect(answers(db)).toBe(answered);
  });
});
