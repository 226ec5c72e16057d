import { createHash } from 'node:crypto';
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
  version: 3,
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
        cu0 TEXT, cu1 TEXT, fact_key TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS facts_open ON indicator_facts (stream_id, fact_key) WHERE pos_to IS NULL;
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
    const closeFacts = db.prepare(`UPDATE indicator_facts SET pos_to = @position WHERE id IN (
      SELECT id FROM indicator_facts WHERE stream_id = @streamId AND fact_key = @key AND pos_to IS NULL LIMIT @count)`);
    const insertFact = db.prepare(`INSERT INTO indicator_facts
      (stream_id, indicator, kind, unit_code, l1, l2, date_from, date_to, value, dimension, category, pos_from, cu0, cu1, fact_key)
      VALUES (@streamId, @indicator, @kind, @unitCode, @l1, @l2, @dateFrom, @dateTo, @value, @dimension, @category, @position,
        @cu0, @cu1, @key)`);
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
        // Only the facts that changed move: a club with many members stays cheap to update.
        const { gone, added } = factChanges(source.facts(before), source.facts(after));
        const { streamId, position } = event;
        for (const [key, count] of gone) closeFacts.run({ position, streamId, key, count });
        for (const [key, fact] of added) insertFact.run({ ...factRow(fact, streamId, position), key });
      },
    };
  },
  drop(db) {
    db.exec('DROP TABLE IF EXISTS indicator_facts; DROP TABLE IF EXISTS indicator_records;');
  },
};

const factKey = (fact: Fact): string => createHash('sha1').update(JSON.stringify(fact)).digest('base64url').slice(0, 16);

/** The facts to close (by key, how many) and to open, as a multiset difference. */
export function factChanges(
  before: readonly Fact[],
  after: readonly Fact[],
): { gone: Map<string, number>; added: [string, Fact][] } {
  const counts = new Map<string, number>();
  for (const fact of before) {
    const key = factKey(fact);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const added: [string, Fact][] = [];
  for (const fact of after) {
    const key = factKey(fact);
    const left = counts.get(key) ?? 0;
    if (left > 0) counts.set(key, left - 1);
    else added.push([key, fact]);
  }
  return { gone: new Map([...counts].filter(([, n]) => n > 0)), added };
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
