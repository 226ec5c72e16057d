import type { Database, Statement } from 'better-sqlite3';
import { GEOGRAPHY } from '../../src/geography/geography';
import type { RecordedEvent } from '../../src/ledger/event-store.port';
import type { ProjectionWriter } from '../projection';
import type { Fact, FactSource } from './fact';
import { factChanges, factKey, type OpenFact } from './fact-changes';
import { FACT_SOURCE_BY_TYPE } from './fact-sources';
import { INDICATOR_BY_CODE } from './indicator-catalogue';

/** A record as the writer holds it: its folded state and the facts it holds open. */
interface HeldRecord {
  revision: number;
  state: unknown;
  open: OpenFact[];
  /** Changed since the state was last written to `indicator_records`. */
  dirty: boolean;
}

/** Records kept in memory between batches; the least recently used clean ones go first. */
const KEPT_RECORDS = 5000;

interface FactRowRead {
  id: number;
  indicator: string;
  unit_code: string;
  date_from: string;
  date_to: string | null;
  value: number;
  dimension: string | null;
  category: string | null;
}

/**
 * Applies events to indicator facts. Each record's state and open facts stay in memory
 * while it is in use, and its state is written back once per batch (`flush`), not once
 * per event: a club enrolling many children, or a rebuild, stays cheap per event.
 */
export class FactWriter implements ProjectionWriter {
  private readonly held = new Map<string, HeldRecord>();
  private readonly statements: {
    getRecord: Statement<[string], { revision: number; state: string | null }>;
    putRecord: Statement<[string, number, string | null]>;
    openFacts: Statement<[string], FactRowRead>;
    closeFact: Statement<[number, number]>;
    insertFact: Statement<unknown[]>;
  };

  constructor(db: Database) {
    this.statements = {
      getRecord: db.prepare('SELECT revision, state FROM indicator_records WHERE stream_id = ?'),
      putRecord: db.prepare(
        `INSERT INTO indicator_records (stream_id, revision, state) VALUES (?, ?, ?)
         ON CONFLICT(stream_id) DO UPDATE SET revision = excluded.revision, state = excluded.state`,
      ),
      openFacts: db.prepare(
        `SELECT id, indicator, unit_code, date_from, date_to, value, dimension, category
         FROM indicator_facts WHERE stream_id = ? AND pos_to IS NULL`,
      ),
      closeFact: db.prepare('UPDATE indicator_facts SET pos_to = ? WHERE id = ?'),
      insertFact: db.prepare(`INSERT INTO indicator_facts
        (stream_id, indicator, kind, unit_code, l1, l2, date_from, date_to, value, dimension, category, pos_from, cu0, cu1)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  apply(event: RecordedEvent): void {
    const source: FactSource<unknown> | undefined = FACT_SOURCE_BY_TYPE.get(event.type);
    if (!source) return;
    const record = this.recordOf(event.streamId);
    // Already applied: the same event twice changes nothing.
    if (record && record.revision >= event.revision) return;
    const state = source.evolve(record?.state, event);
    const { close, kept, add } = factChanges(record?.open ?? [], source.facts(state));
    for (const fact of close) this.statements.closeFact.run(event.position, fact.id);
    for (const fact of add) {
      const id = Number(
        this.statements.insertFact.run(...factRow(fact, event.streamId, event.position))
          .lastInsertRowid,
      );
      kept.push({ id, key: factKey(fact) });
    }
    this.held.delete(event.streamId);
    this.held.set(event.streamId, { revision: event.revision, state, open: kept, dirty: true });
  }

  /** Writes back the states changed in this batch, then lets go of the oldest records. */
  flush(): void {
    for (const [streamId, record] of this.held) {
      if (!record.dirty) continue;
      this.statements.putRecord.run(
        streamId,
        record.revision,
        record.state === undefined ? null : JSON.stringify(record.state),
      );
      record.dirty = false;
    }
    for (const streamId of this.held.keys()) {
      if (this.held.size <= KEPT_RECORDS) break;
      this.held.delete(streamId);
    }
  }

  /** The batch was rolled back: what memory held may be ahead of the tables. */
  forget(): void {
    this.held.clear();
  }

  private recordOf(streamId: string): HeldRecord | undefined {
    const held = this.held.get(streamId);
    if (held) return held;
    const row = this.statements.getRecord.get(streamId);
    if (!row) return undefined;
    const open = this.statements.openFacts
      .all(streamId)
      .map((fact) => ({ id: fact.id, key: factKey(factOf(fact)) }));
    const record = {
      revision: row.revision,
      state: row.state === null ? undefined : (JSON.parse(row.state) as unknown),
      open,
      dirty: false,
    };
    this.held.set(streamId, record);
    return record;
  }
}

function factOf(row: FactRowRead): Fact {
  return {
    indicator: row.indicator,
    unitCode: row.unit_code,
    dateFrom: row.date_from,
    ...(row.date_to === null ? {} : { dateTo: row.date_to }),
    value: row.value,
    ...(row.dimension === null ? {} : { dimension: row.dimension }),
    ...(row.category === null ? {} : { category: row.category }),
  };
}

/** A fact's row: where it was recorded (with its district and province then) and where it stands today. */
function factRow(fact: Fact, streamId: string, position: number): unknown[] {
  const lineage = GEOGRAPHY.lineageAt(fact.unitCode, fact.dateFrom);
  // Where the record stands in today's units; a share that cannot be moved keeps its candidates.
  const today = GEOGRAPHY.currentPlacement(fact.unitCode, fact.dateFrom);
  const current = today.kind === 'unit' ? today.lineage : [null, ...today.lineage];
  return [
    streamId,
    fact.indicator,
    INDICATOR_BY_CODE.get(fact.indicator)?.kind ?? 'flow',
    fact.unitCode,
    lineage[1] ?? null,
    lineage[2] ?? null,
    fact.dateFrom,
    fact.dateTo ?? null,
    fact.value,
    fact.dimension ?? null,
    fact.category ?? null,
    position,
    current[0] ?? null,
    current[1] ?? null,
  ];
}
