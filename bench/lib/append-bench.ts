import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../src/ledger/event-store.port';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store';
import { configureDurableConnection, migrateEventLog } from '../../src/ledger/sqlite/sqlite-schema';

export interface AppendRate {
  readonly events: number;
  readonly perSecond: number;
  /** Events per durable commit. */
  readonly perCommit: number;
}

/** Something that writes events for a while and says how many, and in how many commits. */
interface Writer {
  write(milliseconds: number): Promise<{ events: number; commits: number }>;
  close(): Promise<void>;
}

/** The event both sides write: the shape and size of a recorded dialogue. */
function dialogueEvent(): NewEvent {
  const correlationId = randomUUID();
  return {
    id: randomUUID(),
    type: 'DialogueHeld',
    schemaVersion: 1,
    data: {
      dialogueId: randomUUID(),
      level: 'commune',
      unitCode: '05752',
      heldOn: '2023-10-12',
      topic: 'Access to preferential credit for ethnic minority women',
      participants: { total: 92, women: 60 },
    },
    metadata: {
      actor: {
        userId: 'b3c1f0de-2f4e-4d0b-9a57-0c1d2e3f4a5b',
        username: 'bench.officer',
        role: 'officer',
        unitCode: '05752',
      },
      recordedAt: new Date().toISOString(),
      unitCode: '05752',
      correlationId,
      causationId: correlationId,
    },
  };
}

/**
 * Appends through the port as commands do: `concurrency` writers, each appending one
 * event at a time to its own stream at its known revision, so the store groups what
 * arrives together into one durable commit.
 */
function portWriter(file: string, concurrency: number): Writer {
  const store = SqliteEventStore.open(file);
  const revisions = new Array<number>(concurrency).fill(-1);
  return {
    async write(milliseconds) {
      const deadline = performance.now() + milliseconds;
      let events = 0;
      let commits = 0;
      let inCommit = false;
      const writer = async (index: number) => {
        while (performance.now() < deadline) {
          const revision = revisions[index] ?? -1;
          const result = await store.appendToStream(`dialogue-bench-${index}`, [dialogueEvent()], {
            expectedRevision: revision === -1 ? 'no_stream' : revision,
          });
          revisions[index] = result.nextRevision;
          events += 1;
          // The appends of one commit resolve in the same turn of the event loop.
          if (!inCommit) {
            inCommit = true;
            commits += 1;
            setImmediate(() => (inCommit = false));
          }
        }
      };
      await Promise.all(revisions.map((_, index) => writer(index)));
      return { events, commits };
    },
    close: () => store.close(),
  };
}

/**
 * The floor: the same rows straight into the same table with better-sqlite3, `batchSize`
 * per transaction, same pragmas (WAL, synchronous FULL), no checks and no promises.
 */
function rawWriter(file: string, batchSize: number): Writer {
  const db: Db = new Database(file);
  configureDurableConnection(db);
  migrateEventLog(db);
  const insert: Statement<[string, string, number, string, number, string, string]> = db.prepare(
    'INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const revisions = new Array<number>(batchSize).fill(-1);
  const insertBatch = db.transaction(() => {
    for (let index = 0; index < batchSize; index++) {
      const event = dialogueEvent();
      const revision = (revisions[index] ?? -1) + 1;
      revisions[index] = revision;
      insert.run(
        event.id,
        `dialogue-bench-${index}`,
        revision,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      );
    }
  });
  return {
    async write(milliseconds) {
      const deadline = performance.now() + milliseconds;
      let commits = 0;
      while (performance.now() < deadline) {
        insertBatch.immediate();
        commits += 1;
      }
      return { events: commits * batchSize, commits };
    },
    close: async () => void db.close(),
  };
}

const SLICES = 10;

/**
 * One run of both sides on fresh files in `dir`, taking turns in short slices, so that
 * whatever else the machine does meanwhile weighs on both alike.
 */
export async function compareAppends(
  dir: string,
  concurrency: number,
  milliseconds: number,
): Promise<{ port: AppendRate; raw: AppendRate }> {
  const sides = {
    port: { writer: portWriter(`${dir}/port.sqlite`, concurrency), events: 0, commits: 0, ms: 0 },
    raw: { writer: rawWriter(`${dir}/raw.sqlite`, concurrency), events: 0, commits: 0, ms: 0 },
  };
  try {
    for (let slice = 0; slice < SLICES; slice++) {
      // Alternate which side goes first, so neither always follows the other's checkpoint.
      const order = slice % 2 === 0 ? [sides.port, sides.raw] : [sides.raw, sides.port];
      for (const side of order) {
        const started = performance.now();
        const { events, commits } = await side.writer.write(milliseconds / SLICES);
        side.ms += performance.now() - started;
        side.events += events;
        side.commits += commits;
      }
    }
  } finally {
    await Promise.all([sides.port.writer.close(), sides.raw.writer.close()]);
  }
  const rate = (side: typeof sides.port): AppendRate => ({
    events: side.events,
    perSecond: side.events / (side.ms / 1000),
    perCommit: side.events / Math.max(1, side.commits),
  });
  return { port: rate(sides.port), raw: rate(sides.raw) };
}
