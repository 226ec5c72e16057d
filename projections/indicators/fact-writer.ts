import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '../../src/ledger/event-store.port';
import { FingerprintSet } from '../../src/ledger/fingerprint-set';
import type { ProjectionWriter } from '../projection';
import type { Fact, FactSource } from './fact';
import { factChanges, factKey, type OpenFact } from './fact-changes';
import { areFactMovesWatched, closedMove, openedMove, reportFactMoves, type FactMove } from './fact-moves';
import { FACT_ROW_COLUMNS, factRow } from './fact-row';
import { FACT_SOURCE_BY_TYPE } from './fact-sources';
import { applyFactChanges, isFactIndexKept, reloadFactIndex, type FactChange } from './kept-fact-indexes';

/** A record as the writer holds it: its folded state and the facts it holds open. */
interface HeldRecord {
  revision: number;
  state: unknown;
  open: OpenFact[];
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
  /** The records changed since their states were last written to `indicator_records`. */
  private readonly changed = new Set<string>();
  /** This batch's changes to the facts, for the index kept in memory (when one is). */
  private changes: FactChange[] = [];
  /** This batch's facts opened and closed, for the live feed (when it watches). */
  private moves: FactMove[] = [];
  /**
   * Every record this writer has held, when it opened on empty tables (a rebuild, a new
   * version): a record it never held has no row, so its first event needs no lookup.
   */
  private readonly written: FingerprintSet | undefined;
  private readonly statements: {
    getRecord: Statement<[string], { revision: number; state: string | null; open_facts: string }>;
    putRecord: Statement<[string, number, string | null, string]>;
    openFacts: Statement<[string], FactRowRead>;
    closeFact: Statement<[number, number]>;
    insertFact: Statement<unknown[]>;
  };

  constructor(private readonly db: Database) {
    // A writer opens on tables made anew, or on tables a new version replaced.
    reloadFactIndex(db);
    const empty = db.prepare('SELECT 1 FROM indicator_records LIMIT 1').get() === undefined;
    this.written = empty ? new FingerprintSet() : undefined;
    this.statements = {
      getRecord: db.prepare('SELECT revision, state, open_facts FROM indicator_records WHERE stream_id = ?'),
      putRecord: db.prepare(
        `INSERT INTO indicator_records (stream_id, revision, state, open_facts) VALUES (?, ?, ?, ?)
         ON CONFLICT(stream_id) DO UPDATE SET
           revision = excluded.revision, state = excluded.state, open_facts = excluded.open_facts`,
      ),
      // By row id, from the record's list: an index of open facts by stream cost more to
      // keep up (random keys, on every fact written and closed) than anything it saved.
      openFacts: db.prepare(
        `SELECT id, indicator, unit_code, date_from, date_to, value, dimension, category
         FROM indicator_facts WHERE id IN (SELECT value FROM json_each(?))`,
      ),
      closeFact: db.prepare('UPDATE indicator_facts SET pos_to = ? WHERE id = ?'),
      insertFact: db.prepare(
        `INSERT INTO indicator_facts (${FACT_ROW_COLUMNS.join(', ')})
         VALUES (${FACT_ROW_COLUMNS.map(() => '?').join(', ')})`,
      ),
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
    const indexed = isFactIndexKept(this.db);
    const watched = areFactMovesWatched(this.db);
    for (const open of close) {
      this.statements.closeFact.run(event.position, open.id);
      if (indexed) this.changes.push({ id: open.id, closedAt: event.position });
      if (watched) this.noteMove(closedMove(open.id, open.fact));
    }
    for (const fact of add) {
      const row = factRow(fact, event.streamId, event.position);
      const id = Number(this.statements.insertFact.run(...row).lastInsertRowid);
      if (indexed) this.changes.push({ id, row });
      if (watched) this.noteMove(openedMove(id, row));
      kept.push({ id, key: factKey(fact), fact });
    }
    this.held.delete(event.streamId);
    this.held.set(event.streamId, { revision: event.revision, state, open: kept });
    if (!record) this.written?.add(event.streamId);
    this.changed.add(event.streamId);
  }

  /** Writes back the states (and open facts) changed in this batch, then lets go of the oldest records. */
  flush(): void {
    for (const streamId of this.changed) {
      const record = this.held.get(streamId);
      if (!record) continue;
      this.statements.putRecord.run(
        streamId,
        record.revision,
        record.state === undefined ? null : JSON.stringify(record.state),
        JSON.stringify(record.open.map((fact) => fact.id)),
      );
    }
    this.changed.clear();
    for (const streamId of this.held.keys()) {
      if (this.held.size <= KEPT_RECORDS) break;
      this.held.delete(streamId);
    }
  }

  /** The batch committed: the index kept in memory and the live feed follow it. */
  committed(): void {
    if (this.moves.length > 0) {
      const moves = this.moves;
      this.moves = [];
      reportFactMoves(this.db, moves);
    }
    if (this.changes.length === 0) return;
    applyFactChanges(this.db, this.changes);
    this.changes = [];
  }

  private noteMove(move: FactMove | undefined): void {
    if (move) this.moves.push(move);
  }

  /** The batch was rolled back: what memory held may be ahead of the tables. */
  forget(): void {
    this.held.clear();
    this.changed.clear();
    this.changes = [];
    this.moves = [];
  }

  private recordOf(streamId: string): HeldRecord | undefined {
    const held = this.held.get(streamId);
    if (held) return held;
    if (this.written && !this.written.mayHold(streamId)) return undefined;
    const row = this.statements.getRecord.get(streamId);
    if (!row) return undefined;
    const open = this.statements.openFacts
      .all(row.open_facts)
      .map((row) => {
        const fact = factOf(row);
        return { id: row.id, key: factKey(fact), fact };
      });
    const record = {
      revision: row.revision,
      state: row.state === null ? undefined : (JSON.parse(row.state) as unknown),
      open,
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
