import type { ProjectionDefinition } from '../projection';
import { FACT_SOURCE_BY_TYPE } from './fact-sources';
import { FACTS_READ_MODEL } from './fact-index-snapshot';
import { FactWriter } from './fact-writer';
import { LEVEL_COLUMNS } from './indicator-queries';

/**
 * Indicator facts, bitemporal: each fact holds a business-date span and the span of log
 * positions during which the ledger believed it (pos_from inclusive, pos_to exclusive).
 * "As of position N" is then a filter, never a replay.
 */
export const indicatorFactsProjection: ProjectionDefinition = {
  name: FACTS_READ_MODEL,
  version: 6,
  handles: new Set(FACT_SOURCE_BY_TYPE.keys()),
  open(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS indicator_records (
        stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, state TEXT,
        open_facts TEXT NOT NULL DEFAULT '[]');
      CREATE TABLE IF NOT EXISTS indicator_facts (
        id INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, indicator TEXT NOT NULL,
        kind TEXT NOT NULL, unit_code TEXT NOT NULL, l1 TEXT, l2 TEXT,
        date_from TEXT NOT NULL, date_to TEXT, value INTEGER NOT NULL,
        dimension TEXT, category TEXT, pos_from INTEGER NOT NULL, pos_to INTEGER,
        cu0 TEXT, cu1 TEXT);
      -- Names this table: a snapshot of its facts in memory is read back only into the same table.
      CREATE TABLE IF NOT EXISTS indicator_facts_token (token TEXT NOT NULL);
      INSERT INTO indicator_facts_token (token) SELECT lower(hex(randomblob(16)))
        WHERE NOT EXISTS (SELECT 1 FROM indicator_facts_token);
    `);
    // Sums are read from the facts kept in memory (kept-fact-indexes.ts), and a record's open
    // facts from its row (`open_facts`): the indexes version 4 kept for them cost six index
    // writes per fact and per close.
    for (const column of [...Object.values(LEVEL_COLUMNS).flat().map((c) => `by_${c}`), 'open']) {
      db.exec(`DROP INDEX IF EXISTS facts_${column}`);
    }
    return new FactWriter(db);
  },
  drop(db) {
    db.exec(
      'DROP TABLE IF EXISTS indicator_facts; DROP TABLE IF EXISTS indicator_records; DROP TABLE IF EXISTS indicator_facts_token;',
    );
  },
};
