import type Database from 'better-sqlite3';
import { openProjectionDatabase } from '../../../src/projection-runner/projection-database';
import type { Fact } from '../fact';
import { FACTS_READ_MODEL } from '../fact-index-snapshot';
import { FACT_ROW_COLUMNS, factRow } from '../fact-row';
import { indicatorFactsProjection } from '../indicator-facts.projection';
import { applyFactChanges, type FactChange } from '../kept-fact-indexes';

/** A read models' database holding the indicator facts' tables, in a file or in memory. */
export function openFacts(file: string): Database.Database {
  const db = openProjectionDatabase(file);
  indicatorFactsProjection.open(db);
  return db;
}

/** A step of the log: a fact added, or an open one (picked by number) closed. */
export type FactStep = { readonly add: Fact } | { readonly close: number };

/**
 * Writes steps to the table as the fact writer does, one position each after the one the
 * table reached, reporting the changes.
 */
export function writer(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO indicator_facts (${FACT_ROW_COLUMNS.join(', ')}) VALUES (${FACT_ROW_COLUMNS.map(() => '?').join(', ')})`,
  );
  const close = db.prepare('UPDATE indicator_facts SET pos_to = ? WHERE id = ?');
  const checkpoint = db.prepare(
    `INSERT INTO projection_checkpoints (name, version, position) VALUES (?, 1, ?)
     ON CONFLICT(name) DO UPDATE SET position = excluded.position`,
  );
  // Goes on from what the table holds: its open facts, and the position it reached.
  const open = db
    .prepare<[], { id: number }>('SELECT id FROM indicator_facts WHERE pos_to IS NULL ORDER BY id')
    .all()
    .map((row) => row.id);
  let position =
    db
      .prepare<[string], { position: number }>('SELECT position FROM projection_checkpoints WHERE name = ?')
      .get(FACTS_READ_MODEL)?.position ?? 0;
  return (step: FactStep): void => {
    position += 1;
    const changes: FactChange[] = [];
    if ('add' in step) {
      const row = factRow(step.add, `record-${position}`, position);
      const id = Number(insert.run(...row).lastInsertRowid);
      open.push(id);
      changes.push({ id, row });
    } else if (open.length > 0) {
      const [id] = open.splice(step.close % open.length, 1) as [number];
      close.run(position, id);
      changes.push({ id, closedAt: position });
    }
    checkpoint.run(FACTS_READ_MODEL, position);
    applyFactChanges(db, changes);
  };
}
