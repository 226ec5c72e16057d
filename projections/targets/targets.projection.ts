import { TARGET_EVENT_TYPES, type TargetEvent } from '../../events/target';
import { targetDecider, type TargetState } from '../../src/targets/target.decider';
import type { ProjectionDefinition } from '../projection';

/** One version of a target as stored: what it said between two log positions. */
export interface TargetRow {
  target_id: string;
  revision: number;
  indicator: string;
  unit_code: string;
  period_from: string;
  period_to: string;
  value: number;
  status: 'set' | 'voided';
  void_reason: string | null;
  set_at: string;
  set_by: string;
  updated_at: string;
  pos_from: number;
  pos_to: number | null;
}

/**
 * Targets as they stand, and as they stood: each event closes the target's current
 * version (pos_to) and opens the next one, so that indicators "as of position N" show the
 * targets the ledger knew then. Voided targets keep a version, marked voided.
 */
export const targetsProjection: ProjectionDefinition = {
  name: 'targets',
  version: 1,
  handles: new Set(TARGET_EVENT_TYPES),
  open(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS target_versions (
        id INTEGER PRIMARY KEY, target_id TEXT NOT NULL, revision INTEGER NOT NULL,
        indicator TEXT NOT NULL, unit_code TEXT NOT NULL, period_from TEXT NOT NULL,
        period_to TEXT NOT NULL, value INTEGER NOT NULL, status TEXT NOT NULL, void_reason TEXT,
        set_at TEXT NOT NULL, set_by TEXT NOT NULL, updated_at TEXT NOT NULL,
        pos_from INTEGER NOT NULL, pos_to INTEGER);
      CREATE UNIQUE INDEX IF NOT EXISTS target_current ON target_versions (target_id) WHERE pos_to IS NULL;
      CREATE INDEX IF NOT EXISTS target_lookup ON target_versions (unit_code, indicator);
    `);
    const current = db.prepare<[string], TargetRow>(
      'SELECT * FROM target_versions WHERE target_id = ? AND pos_to IS NULL',
    );
    const close = db.prepare(
      'UPDATE target_versions SET pos_to = ? WHERE target_id = ? AND pos_to IS NULL',
    );
    const insert = db.prepare(`INSERT INTO target_versions
      (target_id, revision, indicator, unit_code, period_from, period_to, value, status, void_reason,
       set_at, set_by, updated_at, pos_from)
      VALUES (@target_id, @revision, @indicator, @unit_code, @period_from, @period_to, @value, @status,
       @void_reason, @set_at, @set_by, @updated_at, @pos_from)`);
    return {
      apply(recorded) {
        const event = recorded as unknown as TargetEvent;
        const row = current.get(event.data.targetId);
        // Already applied: the same event twice changes nothing.
        if (row && row.revision >= recorded.revision) return;
        const state = targetDecider.evolve(
          row ? stateOf(row) : targetDecider.initialState(),
          event,
        );
        if (state.status === 'absent') return;
        const { record } = state;
        close.run(recorded.position, state.id);
        insert.run({
          target_id: state.id,
          revision: recorded.revision,
          indicator: record.indicator,
          unit_code: record.unitCode,
          period_from: record.periodFrom,
          period_to: record.periodTo,
          value: record.value,
          status: state.status,
          void_reason: state.status === 'voided' ? state.reason : null,
          set_at: row?.set_at ?? recorded.metadata.recordedAt,
          set_by: row?.set_by ?? recorded.metadata.actor.username,
          updated_at: recorded.metadata.recordedAt,
          pos_from: recorded.position,
        });
      },
    };
  },
  drop(db) {
    db.exec('DROP TABLE IF EXISTS target_versions');
  },
};

function stateOf(row: TargetRow): TargetState {
  const record = {
    indicator: row.indicator,
    unitCode: row.unit_code,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    value: row.value,
  };
  return row.status === 'voided'
    ? { status: 'voided', id: row.target_id, record, reason: row.void_reason ?? '' }
    : { status: 'set', id: row.target_id, record };
}
