/*
 * The victim of the crash-safety test: appends to a SQLite ledger from many concurrent
 * writers (so the store commits them in groups) until it is killed, and prints one line
 * per acknowledged append. A line is written only after the append resolved, so every
 * line the parent reads stands for an append the store promised was on disk.
 *
 *   crash-writer.ts <ledger file> <stream prefix> <writers>
 */
import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../src/ledger/envelope';
import type { ExpectedRevision, NewEvent } from '../../src/ledger/event-store.port';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store';

/** One acknowledged append, as the parent reads it. */
export interface AckLine {
  readonly streamId: string;
  readonly nextRevision: number;
  readonly positions: readonly number[];
  readonly ids: readonly string[];
}

/** What each event carries so that the parent can tell which append it belonged to. */
export interface AppendMark {
  readonly append: string;
  readonly index: number;
  readonly of: number;
}

const [file, prefix, writersArg] = process.argv.slice(2);
if (!file || !prefix || !writersArg)
  throw new Error('usage: crash-writer.ts <ledger file> <stream prefix> <writers>');
const store = SqliteEventStore.open(file);

function eventsOf(count: number): NewEvent[] {
  const append = randomUUID();
  return Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    type: 'CrashTestAppended',
    schemaVersion: 1,
    data: { append, index, of: count, padding: 'x'.repeat(64 + Math.floor(Math.random() * 512)) },
    metadata: {
      actor: SYSTEM_ACTOR,
      recordedAt: new Date().toISOString(),
      unitCode: '19',
      correlationId: append,
      causationId: append,
    },
  }));
}

/** One writer: a few streams of its own, each appended to at its known revision. */
async function write(writer: number): Promise<never> {
  let stream = 0;
  let revision = -1;
  for (;;) {
    // A new stream now and then; otherwise the current one grows by 1 to 4 events.
    if (revision >= 0 && Math.random() < 0.1) {
      stream += 1;
      revision = -1;
    }
    const streamId = `${prefix}-w${writer}-s${stream}`;
    const events = eventsOf(1 + Math.floor(Math.random() * 4));
    const expectedRevision: ExpectedRevision = revision === -1 ? 'no_stream' : revision;
    const result = await store.appendToStream(streamId, events, { expectedRevision });
    revision = result.nextRevision;
    const line: AckLine = {
      streamId,
      nextRevision: result.nextRevision,
      positions: result.positions,
      ids: events.map((event) => event.id),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

for (let writer = 0; writer < Number(writersArg); writer++) {
  write(writer).catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
}
