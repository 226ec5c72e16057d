import Database from 'better-sqlite3';
import type { RecordedEvent } from '../../src/ledger/event-store.port';
import { queryAudit } from './audit-queries';
import { auditProjection } from './audit.projection';

const actor = { userId: 'u-1', username: 'lienminh.officer', role: 'officer', unitCode: '05752' };

function recorded(
  position: number,
  type: string,
  data: Record<string, unknown>,
  reason?: string,
): RecordedEvent {
  return {
    id: `event-${position}`,
    type,
    schemaVersion: 1,
    data,
    streamId: 'dialogue-d-1',
    revision: position - 1,
    position,
    metadata: {
      actor,
      recordedAt: `2024-01-01T00:00:0${position}.000Z`,
      unitCode: '05752',
      correlationId: `c-${position}`,
      causationId: `c-${position}`,
      ...(reason ? { reason } : {}),
    },
  };
}

const LOG: readonly RecordedEvent[] = [
  recorded(1, 'DialogueHeld', {
    dialogueId: 'd-1',
    unitCode: '05752',
    participants: { total: 92, women: 60 },
  }),
  recorded(
    2,
    'DialogueCorrected',
    {
      dialogueId: 'd-1',
      changes: [{ field: 'participants.women', before: 60, after: 61 }],
      reason: 'recount',
    },
    'recount',
  ),
  recorded(3, 'DialogueVoided', { dialogueId: 'd-1', reason: 'entered twice' }, 'entered twice'),
];

function openProjection() {
  const db = new Database(':memory:');
  const writer = auditProjection.open(db);
  return { db, apply: (event: RecordedEvent) => writer.apply(event) };
}

const trail = (db: Database.Database) => queryAudit(db, { limit: 100 });

describe('the audit projection', () => {
  it('changes nothing when the same event is applied twice', () => {
    const once = openProjection();
    const twice = openProjection();
    for (const event of LOG) {
      once.apply(event);
      twice.apply(event);
      twice.apply(event);
      expect(trail(twice.db)).toEqual(trail(once.db));
    }
    LOG.forEach(twice.apply);
    expect(trail(twice.db)).toEqual(trail(once.db));
    expect(trail(twice.db).items).toHaveLength(3);
  });

  it('names who did what, when and why, with each corrected field before and after', () => {
    const { db, apply } = openProjection();
    LOG.forEach(apply);
    expect(trail(db)).toEqual({
      items: [
        {
          position: 1,
          recordedAt: '2024-01-01T00:00:01.000Z',
          actor: { username: 'lienminh.officer', role: 'officer' },
          streamId: 'dialogue-d-1',
          type: 'DialogueHeld',
          unitCode: '05752',
        },
        expect.objectContaining({
          position: 2,
          changes: [{ field: 'participants.women', before: 60, after: 61 }],
          reason: 'recount',
        }),
        expect.objectContaining({ position: 3, type: 'DialogueVoided', reason: 'entered twice' }),
      ],
      next: null,
    });
  });
});
