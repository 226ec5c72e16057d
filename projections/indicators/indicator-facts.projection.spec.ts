import Database from 'better-sqlite3';
import { DIALOGUE_SCHEMA_VERSION, type DialogueEvent } from '../../events/dialogue';
import type { RecordedEvent } from '../../src/ledger/event-store.port';
import { indicatorFactsProjection } from './indicator-facts.projection';
import { queryIndicators } from './indicator-queries';

const dialogueId = 'd-1';
const streamId = `dialogue-${dialogueId}`;

function recorded(
  event: DialogueEvent,
  position: number,
  revision: number,
  stream = streamId,
): RecordedEvent {
  return {
    id: `event-${position}`,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data as unknown as Readonly<Record<string, unknown>>,
    streamId: stream,
    revision,
    position,
    metadata: {
      actor: { userId: 'u-1', username: 'lienminh.officer', role: 'officer', unitCode: '05752' },
      recordedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, position)).toISOString(),
      unitCode: '05752',
      correlationId: `c-${position}`,
      causationId: `c-${position}`,
    },
  };
}

const v = DIALOGUE_SCHEMA_VERSION;
const held = (id: string, unitCode: string, total: number, women: number): DialogueEvent => ({
  type: 'DialogueHeld',
  schemaVersion: v,
  data: {
    dialogueId: id,
    level: 'commune',
    unitCode,
    heldOn: '2023-10-12',
    topic: 'credit',
    participants: { total, women },
  },
});
const corrected = (field: string, before: unknown, after: unknown): DialogueEvent => ({
  type: 'DialogueCorrected',
  schemaVersion: v,
  data: { dialogueId, changes: [{ field, before, after }], reason: 'recount' },
});

/** A dialogue's life, with another dialogue's event in between, in log order. */
const LOG: readonly RecordedEvent[] = [
  recorded(held(dialogueId, '05752', 92, 60), 3, 0),
  recorded(held('d-2', '05911', 10, 4), 4, 0, 'dialogue-d-2'),
  recorded(corrected('participants.women', 60, 61), 5, 1),
  recorded(corrected('topic', 'credit', 'land'), 6, 2),
  recorded(corrected('unitCode', '05752', '05716'), 7, 3),
  recorded(
    { type: 'DialogueVoided', schemaVersion: v, data: { dialogueId, reason: 'entered twice' } },
    8,
    4,
  ),
];

function openProjection() {
  const db = new Database(':memory:');
  const writer = indicatorFactsProjection.open(db);
  // One batch per event, as the runner would deliver them one at a time.
  return {
    db,
    apply: (event: RecordedEvent) => {
      writer.apply(event);
      writer.flush?.();
    },
  };
}

/** Everything the projection keeps. */
function contents(db: Database.Database) {
  return {
    facts: db.prepare('SELECT * FROM indicator_facts ORDER BY id').all(),
    records: db.prepare('SELECT * FROM indicator_records ORDER BY stream_id').all(),
  };
}

const total = (db: Database.Database, unit: string, indicator: string, asOfPosition?: number) =>
  queryIndicators(db, { unit, ...(asOfPosition !== undefined ? { asOfPosition } : {}) }).get(
    indicator,
  );

describe('the indicator facts projection', () => {
  it('changes nothing when the same event is applied twice', () => {
    const once = openProjection();
    const twice = openProjection();
    for (const event of LOG) {
      once.apply(event);
      twice.apply(event);
      const before = contents(twice.db);
      twice.apply(event);
      expect(contents(twice.db)).toEqual(before);
      expect(contents(twice.db)).toEqual(contents(once.db));
    }
  });

  it('changes nothing when a batch already applied is delivered again', () => {
    const { db, apply } = openProjection();
    LOG.forEach(apply);
    const before = contents(db);
    LOG.slice(1, 4).forEach(apply);
    LOG.forEach(apply);
    expect(contents(db)).toEqual(before);
  });

  it('counts each dialogue where and when it stood, as of every position', () => {
    const { db, apply } = openProjection();
    LOG.forEach(apply);
    expect(total(db, '19', 'dialogues.held', 2)).toBeUndefined();
    expect(total(db, '19', 'dialogues.held', 3)?.value).toBe(1);
    expect(total(db, '19', 'dialogues.held', 4)?.value).toBe(2);
    expect(total(db, '05752', 'dialogues.participants', 4)).toEqual({
      value: 92,
      breakdown: { sex: { female: 60, male: 32 } },
    });
    expect(total(db, '170', 'dialogues.participants', 5)).toEqual({
      value: 92,
      breakdown: { sex: { female: 61, male: 31 } },
    });
    // Moved to another commune of the same district.
    expect(total(db, '05752', 'dialogues.held', 7)?.value ?? 0).toBe(0);
    expect(total(db, '05716', 'dialogues.held', 7)?.value).toBe(1);
    expect(total(db, '170', 'dialogues.held', 7)?.value).toBe(1);
    // Voided: only the other dialogue still counts.
    expect(total(db, '170', 'dialogues.held')?.value ?? 0).toBe(0);
    expect(total(db, '19', 'dialogues.held')?.value).toBe(1);
    expect(total(db, '173', 'dialogues.participants')).toEqual({
      value: 10,
      breakdown: { sex: { female: 4, male: 6 } },
    });
  });

  it('counts the same whether a record stayed in memory or was read back from its tables', () => {
    const kept = openProjection();
    LOG.forEach(kept.apply);
    const db = new Database(':memory:');
    for (const event of LOG) {
      // A writer opened afresh for every event has to read each record back.
      const writer = indicatorFactsProjection.open(db);
      writer.apply(event);
      writer.flush?.();
    }
    expect(contents(db)).toEqual(contents(kept.db));
  });

  it('reads its records back from the tables after a batch was rolled back', () => {
    const db = new Database(':memory:');
    const writer = indicatorFactsProjection.open(db);
    const batch = db.transaction((events: readonly RecordedEvent[], fails: boolean) => {
      for (const event of events) writer.apply(event);
      writer.flush?.();
      if (fails) throw new Error('the checkpoint could not be saved');
    });
    batch(LOG.slice(0, 2), false);
    expect(() => batch(LOG.slice(2, 4), true)).toThrow('the checkpoint could not be saved');
    writer.forget?.();
    const reference = openProjection();
    LOG.forEach(reference.apply);
    LOG.forEach((event) => {
      writer.apply(event);
      writer.flush?.();
    });
    expect(contents(db)).toEqual(contents(reference.db));
  });

  it('leaves the facts alone when a correction changes nothing they count', () => {
    const { db, apply } = openProjection();
    LOG.slice(0, 3).forEach(apply);
    const facts = contents(db).facts;
    apply(LOG[3] as RecordedEvent);
    expect(contents(db).facts).toEqual(facts);
  });

  it('keeps no total a breakdown adds up to, and still reads the totals of version 5 tables once', () => {
    const { db, apply } = openProjection();
    apply(LOG[0] as RecordedEvent);
    const kept = db
      .prepare(
        "SELECT COUNT(*) AS n FROM indicator_facts WHERE dimension IS NULL AND indicator LIKE 'dialogues.%'",
      )
      .get() as { n: number };
    expect(kept.n).toBe(0);
    // A table of version 5, served while version 6 rebuilds, holds the totals as facts too.
    db.prepare(
      `INSERT INTO indicator_facts (stream_id, indicator, kind, unit_code, l1, l2, date_from, value, pos_from)
       VALUES ('${streamId}', 'dialogues.participants', 'flow', '05752', '170', '19', '2023-10-12', 92, 3)`,
    ).run();
    expect(total(db, '05752', 'dialogues.participants')).toEqual({
      value: 92,
      breakdown: { sex: { female: 60, male: 32 } },
    });
  });
});
