import type { Database } from 'better-sqlite3';
import { GEOGRAPHY } from '../../src/geography/geography';
import type { ProjectionDefinition } from '../projection';
import type { Fact } from './fact';
import { FACT_SOURCE_BY_TYPE } from './fact-sources';
import { INDICATOR_BY_CODE } from './indicator-catalogue';

/**
 * Indicator facts, bitemporal: each fact holds a business-date span and the span of log
 * positions during which the ledger believed it (pos_from inclusive, pos_to exclusive).
 * "As of position N" is then a filter, never a replay.
 */
export const indicatorFactsProjection: ProjectionDefinition = {
  name: 'indicator-facts',
  version: 2,
  handles: new Set(FACT_SOURCE_BY_TYPE.keys()),
  open(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS indicator_records (
        stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, state TEXT);
      CREATE TABLE IF NOT EXISTS indicator_facts (
        id INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, indicator TEXT NOT NULL,
        kind TEXT NOT NULL, unit_code TEXT NOT NULL, l1 TEXT, l2 TEXT,
        date_from TEXT NOT NULL, date_to TEXT, value INTEGER NOT NULL,
        dimension TEXT, category TEXT, pos_from INTEGER NOT NULL, pos_to INTEGER,
        cu0 TEXT, cu1 TEXT);
      CREATE INDEX IF NOT EXISTS facts_open ON indicator_facts (stream_id) WHERE pos_to IS NULL;
      CREATE INDEX IF NOT EXISTS facts_l0 ON indicator_facts (unit_code, indicator);
      CREATE INDEX IF NOT EXISTS facts_l1 ON indicator_facts (l1, indicator);
      CREATE INDEX IF NOT EXISTS facts_l2 ON indicator_facts (l2, indicator);
      CREATE INDEX IF NOT EXISTS facts_cu0 ON indicator_facts (cu0, indicator);
      CREATE INDEX IF NOT EXISTS facts_cu1 ON indicator_facts (cu1, indicator);
    `);
    const getRecord = db.prepare<[string], { revision: number; state: string | null }>(
      'SELECT revision, state FROM indicator_records WHERE stream_id = ?',
    );
    const putRecord = db.prepare(
      `INSERT INTO indicator_records (stream_id, revision, state) VALUES (?, ?, ?)
       ON CONFLICT(stream_id) DO UPDATE SET revision = excluded.revision, state = excluded.state`,
    );
    const closeFacts = db.prepare('UPDATE indicator_facts SET pos_to = ? WHERE stream_id = ? AND pos_to IS NULL');
    const insertFact = db.prepare(`INSERT INTO indicator_facts
      (stream_id, indicator, kind, unit_code, l1, l2, date_from, date_to, value, dimension, category, pos_from, cu0, cu1)
      VALUES (@streamId, @indicator, @kind, @unitCode, @l1, @l2, @dateFrom, @dateTo, @value, @dimension, @category, @position,
        @cu0, @cu1)`);
    return {
      apply(event) {
        const source = FACT_SOURCE_BY_TYPE.get(event.type);
        if (!source) return;
        const row = getRecord.get(event.streamId);
        // Already applied: the same event twice changes nothing.
        if (row && row.revision >= event.revision) return;
        const before: unknown = row?.state ? JSON.parse(row.state) : undefined;
        const after = source.evolve(before, event);
        putRecord.run(event.streamId, event.revision, after === undefined ? null : JSON.stringify(after));
        const previous = source.facts(before);
        const next = source.facts(after);
        if (sameFacts(previous, next)) return;
        closeFacts.run(event.position, event.streamId);
        for (const fact of next) {
          insertFact.run(factRow(fact, event.streamId, event.position));
        }
      },
    };
  },
  drop(db) {
    db.exec('DROP TABLE IF EXISTS indicator_facts; DROP TABLE IF EXISTS indicator_records;');
  },
};

function sameFacts(a: readonly Fact[], b: readonly Fact[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

function factRow(fact: Fact, streamId: string, position: number): Record<string, unknown> {
  const lineage = GEOGRAPHY.lineageAt(fact.unitCode, fact.dateFrom);
  // Where the record stands in today's units; a share that cannot be moved keeps its candidates.
  const today = GEOGRAPHY.currentPlacement(fact.unitCode, fact.dateFrom);
  const current = today.kind === 'unit' ? today.lineage : [null, ...today.lineage];
  return {
    streamId,
    position,
    indicator: fact.indicator,
    kind: INDICATOR_BY_CODE.get(fact.indicator)?.kind ?? 'flow',
    unitCode: fact.unitCode,
    l1: lineage[1] ?? null,
    l2: lineage[2] ?? null,
    dateFrom: fact.dateFrom,
    dateTo: fact.dateTo ?? null,
    value: fact.value,
    dimension: fact.dimension ?? null,
    category: fact.category ?? null,
    cu0: current[0] ?? null,
    cu1: current[1] ?? null,
  };
}
