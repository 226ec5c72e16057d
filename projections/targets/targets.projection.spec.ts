import Database from 'better-sqlite3';
import type { TargetEvent, TargetRecord } from '../../events/target';
import type { RecordedEvent } from '../../src/ledger/event-store.port';
import { applicableTargets, listTargets } from './target-queries';
import { targetsProjection } from './targets.projection';

const base: TargetRecord = {
  indicator: 'dialogues.held',
  unitCode: '19',
  periodFrom: '2021-01-01',
  periodTo: '2025-12-31',
  value: 88,
};

function ledger() {
  const db = new Database(':memory:');
  const writer = targetsProjection.open(db);
  let position = 0;
  const revisions = new Map<string, number>();
  const append = (event: TargetEvent): RecordedEvent => {
    const streamId = `target-${event.data.targetId}`;
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    const recorded: RecordedEvent = {
      id: `e${++position}`,
      type: event.type,
      schemaVersion: 1,
      data: event.data as unknown as Readonly<Record<string, unknown>>,
      metadata: {
        actor: { userId: 'u1', username: 'admin', role: 'admin', unitCode: '19' },
        recordedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, position)).toISOString(),
        unitCode: (event.data as Partial<TargetRecord>).unitCode ?? '19',
        correlationId: 'c',
        causationId: 'c',
      },
      streamId,
      revision,
      position,
    };
    writer.apply(recorded);
    return recorded;
  };
  const set = (targetId: string, record: Partial<TargetRecord> = {}) =>
    append({ type: 'TargetSet', schemaVersion: 1, data: { targetId, ...base, ...record } });
  const applies = (window: { from?: string; to?: string; asOfPosition?: number }, unit = '19') =>
    applicableTargets(db, { unit, ...window }).get('dialogues.held')?.value;
  return { db, writer, append, set, applies };
}

describe('targets read model', () => {
  it('applies a target whose period contains the window, open ends taking its own', () => {
    const { set, applies } = ledger();
    set('g1');
    expect(applies({})).toBe(88);
    expect(applies({ from: '2023-01-01', to: '2023-12-31' })).toBe(88);
    expect(applies({ from: '2023-01-01' })).toBe(88);
    expect(applies({ to: '2025-12-31' })).toBe(88);
    expect(applies({ from: '2020-01-01' })).toBeUndefined();
    expect(applies({ to: '2026-01-01' })).toBeUndefined();
    expect(applies({ from: '2026-01-01' })).toBeUndefined();
    expect(applies({}, '170')).toBeUndefined();
  });

  it('chooses the shortest containing period', () => {
    const { set, applies } = ledger();
    set('whole', {});
    set('year', { periodFrom: '2023-01-01', periodTo: '2023-12-31', value: 20 });
    expect(applies({ from: '2023-03-01', to: '2023-06-30' })).toBe(20);
    expect(applies({ from: '2022-12-01', to: '2023-06-30' })).toBe(88);
    expect(applies({ from: '2024-01-01' })).toBe(88);
    // Open at both ends, the window takes each target's own period: every one contains it.
    expect(applies({})).toBe(20);
  });

  it('follows corrections and voids, and answers as the ledger knew it at an earlier position', () => {
    const { append, set, applies, db } = ledger();
    const first = set('g1');
    append({
      type: 'TargetCorrected',
      schemaVersion: 1,
      data: {
        targetId: 'g1',
        reason: 'plan revised',
        changes: [{ field: 'value', before: 88, after: 90 }],
      },
    });
    expect(applies({})).toBe(90);
    expect(applies({ asOfPosition: first.position })).toBe(88);
    const voided = append({
      type: 'TargetVoided',
      schemaVersion: 1,
      data: { targetId: 'g1', reason: 'set twice' },
    });
    expect(applies({})).toBeUndefined();
    expect(applies({ asOfPosition: voided.position - 1 })).toBe(90);
    expect(listTargets(db, { units: ['19'] })).toEqual([]);
  });

  it('changes nothing when the same event is applied twice', () => {
    const { db, writer, set } = ledger();
    const event = set('g1');
    const before = db.prepare('SELECT * FROM target_versions').all();
    writer.apply(event);
    expect(db.prepare('SELECT * FROM target_versions').all()).toEqual(before);
  });

  it('lists the standing targets of the given units', () => {
    const { db, set } = ledger();
    set('g1');
    set('g2', { unitCode: '170', indicator: 'trainings.classes', value: 5 });
    expect(listTargets(db, { units: ['170', '05752'] })).toEqual([
      expect.objectContaining({
        id: 'g2',
        unitCode: '170',
        indicator: 'trainings.classes',
        value: 5,
        setBy: 'admin',
      }),
    ]);
    expect(
      listTargets(db, { units: ['19', '170'], indicator: 'dialogues.held' }).map((t) => t.id),
    ).toEqual(['g1']);
  });
});
