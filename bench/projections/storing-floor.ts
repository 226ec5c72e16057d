import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openProjectionDatabase } from '../../src/projection-runner/projection-database';

/** Rows a transaction, as the rebuild's batches write them. */
const ROWS_A_TRANSACTION = 5000;

/**
 * What SQLite alone takes to store the rows a rebuild left in `readFile`: every read-model
 * table made again in `scratchFile` (as the service opens it, without the query indexes a
 * rebuild adds once caught up) and filled with the same rows, each once, in large
 * transactions. A rebuild writes all of them and more (facts closed, records rewritten), so
 * no rebuild of these read models can store them faster: with the raw scan, a ceiling.
 * Reading the source rows is timed apart and left out.
 */
export function storingSeconds(
  readFile: string,
  scratchFile: string,
): { rows: number; seconds: number } {
  const source = new Database(readFile, { readonly: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${scratchFile}${suffix}`, { force: true });
  const target = openProjectionDatabase(scratchFile);
  try {
    const tables = source
      .prepare(
        `SELECT name, sql FROM sqlite_master
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'projection_checkpoints'`,
      )
      .all() as { name: string; sql: string }[];
    let rows = 0;
    let seconds = 0;
    for (const { name, sql } of tables) {
      target.exec(sql);
      const read = () =>
        source.prepare(`SELECT * FROM "${name}"`).raw().iterate() as IterableIterator<unknown[]>;
      const readingOnly = timed(() => {
        for (const row of read()) void row;
      });
      const columns = source.prepare(`SELECT * FROM "${name}" LIMIT 0`).columns().length;
      const insert = target.prepare(
        `INSERT INTO "${name}" VALUES (${Array(columns).fill('?').join(', ')})`,
      );
      const readingAndStoring = timed(() => {
        let batch: unknown[][] = [];
        const store = target.transaction((rowsOfBatch: unknown[][]) => {
          for (const row of rowsOfBatch) insert.run(...row);
        });
        for (const row of read()) {
          batch.push(row);
          rows += 1;
          if (batch.length === ROWS_A_TRANSACTION) {
            store(batch);
            batch = [];
          }
        }
        store(batch);
      });
      seconds += Math.max(0, readingAndStoring - readingOnly);
    }
    return { rows, seconds };
  } finally {
    source.close();
    target.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${scratchFile}${suffix}`, { force: true });
  }
}

function timed(work: () => void): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}
