import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { idempotencyProjection } from '../../projections/idempotency/idempotency.projection';
import { AnsweredKeyIndex, type AnsweredKeysFeed } from './answered-key-index';
import type { RecordedEvent } from './event-store.port';

function feed(): AnsweredKeysFeed & {
  deliver(...keys: Array<[string, string]>): void;
  swap(): void;
} {
  const advanced = new Set<(position: number) => void>();
  const batches = new Set<(events: readonly RecordedEvent[]) => void>();
  let position = 0;
  return {
    onAdvance: (listener) => (advanced.add(listener), () => advanced.delete(listener)),
    onBatch: (listener) => (batches.add(listener), () => batches.delete(listener)),
    /** A batch of commands under these (user, key) pairs, then the advance past it. */
    deliver: (...keys) => {
      const events = keys.map(([userId, key]) => commandEvent(++position, userId, key));
      batches.forEach((listener) => listener(events));
      advanced.forEach((listener) => listener(position));
    },
    /** A read model rebuilt and swapped in: an advance with no batch. */
    swap: () => advanced.forEach((listener) => listener(position)),
  };
}

function commandEvent(position: number, userId: string, idempotencyKey: string): RecordedEvent {
  return {
    position,
    id: `event-${position}`,
    streamId: `dialogue-${position}`,
    revision: 0,
    type: 'DialogueHeld',
    schemaVersion: 1,
    data: {},
    metadata: {
      actor: { userId, username: userId, role: 'officer', unitCode: '05752' },
      recordedAt: '2024-01-15T00:00:00.000Z',
      idempotencyKey,
      requestHash: `hash-${idempotencyKey}`,
      resultId: `id-${position}`,
    } as RecordedEvent['metadata'],
  };
}

/** Stores the answer as the idempotency read model does when it applies the event. */
function remember(
  writer: ReturnType<typeof idempotencyProjection.open>,
  position: number,
  userId: string,
  key: string,
): void {
  writer.apply(commandEvent(position, userId, key));
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('answered idempotency keys', () => {
  let db: Db;
  let writer: ReturnType<typeof idempotencyProjection.open>;

  beforeEach(() => {
    db = new Database(':memory:');
    writer = idempotencyProjection.open(db);
  });

  afterEach(() => db.close());

  it('finds every key stored before it started, once its scan of the table is done', async () => {
    db.transaction(() => {
      for (let position = 1; position <= 25_000; position++)
        remember(writer, position, `user-${position % 3}`, `key-${position}`);
    })();
    const index = new AnsweredKeyIndex(db, feed());
    expect(index.complete).toBe(false);
    while (!index.complete) await settled();
    expect(index.find('user-1', 'key-1')?.result.id).toBe('id-1');
    expect(index.find('user-2', 'key-24998')?.result).toMatchObject({
      id: 'id-24998',
      position: 24998,
    });
    expect(index.find('user-0', 'key-1')).toBeUndefined();
    index.close();
  });

  it('answers a fresh key from memory: a row it was never told of is not looked for', () => {
    const index = new AnsweredKeyIndex(db, feed());
    expect(index.complete).toBe(true);
    remember(writer, 1, 'officer', 'behind-its-back');
    expect(index.find('officer', 'behind-its-back')).toBeUndefined();
    index.close();
  });

  it('knows the keys of each batch before the read models store them', () => {
    const models = feed();
    const index = new AnsweredKeyIndex(db, models);
    models.deliver(['officer', 'key-a'], ['case-worker', 'key-b']);
    remember(writer, 1, 'officer', 'key-a');
    remember(writer, 2, 'case-worker', 'key-b');
    expect(index.find('officer', 'key-a')?.requestHash).toBe('hash-key-a');
    expect(index.find('case-worker', 'key-b')?.result.position).toBe(2);
    expect(index.find('officer', 'key-b')).toBeUndefined();
    index.close();
  });

  it('scans again when a rebuilt read model is swapped in, and looks keys up until that scan is done', async () => {
    const models = feed();
    const index = new AnsweredKeyIndex(db, models);
    db.transaction(() => {
      for (let position = 1; position <= 15_000; position++)
        remember(writer, position, 'officer', `rebuilt-${position}`);
    })();
    models.swap();
    expect(index.complete).toBe(false);
    expect(index.find('officer', 'rebuilt-15000')?.result.id).toBe('id-15000');
    while (!index.complete) await settled();
    expect(index.find('officer', 'rebuilt-15000')?.result.id).toBe('id-15000');
    expect(index.find('officer', 'rebuilt-1')?.result.id).toBe('id-1');
    index.close();
  });
});
