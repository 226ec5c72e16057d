import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../src/ledger/envelope';
import type { RecordedEvent } from '../src/ledger/event-store.port';
import { SqliteEventStore } from '../src/ledger/sqlite/sqlite-event-store';
import type { AckLine, AppendMark } from './support/crash-writer';
import { startService, type ServiceProcess } from './support/service-process';
import { dialogueBody } from './support/test-ledger';
import { spawnTypeScript, type TypeScriptChild } from './support/typescript-child';

const ROUNDS = 3;
const WRITERS = 48;

describe('a SQLite ledger killed with SIGKILL while appending', () => {
  let dir: string;
  let child: TypeScriptChild | undefined;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'p8-ledger-crash-'))));
  afterAll(async () => {
    // A round that failed or timed out leaves its writer running.
    child?.process.kill('SIGKILL');
    await child?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged append exactly once, no partial one, and goes on appending', async () => {
    const file = join(dir, 'ledger.sqlite');
    const acknowledged: AckLine[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const target = randomInt(200, 2001);
      const before = acknowledged.length;
      let killed = false;
      const writer = spawnTypeScript(
        join(__dirname, 'support', 'crash-writer.ts'),
        [file, `round${round}`, String(WRITERS)],
        {
          onLine: (line) => {
            acknowledged.push(JSON.parse(line) as AckLine);
            if (!killed && acknowledged.length - before >= target) {
              killed = true;
              writer.process.kill('SIGKILL');
            }
          },
        },
      );
      child = writer;
      const outcome = await writer.exited;
      if (outcome.signal !== 'SIGKILL') {
        throw new Error(
          `the writer ended by itself (${JSON.stringify(outcome)}): ${writer.stderr()}`,
        );
      }
      expect(acknowledged.length - before).toBeGreaterThanOrEqual(target);

      const store = SqliteEventStore.open(file);
      try {
        const log = await readWholeLog(store);
        expect([
          ...acknowledgedAppendsMissing(log, acknowledged),
          ...partialAppends(log),
          ...gaps(log),
        ]).toEqual([]);
        // The recovered file takes appends again, numbered straight after the crash.
        const last = acknowledged[acknowledged.length - 1]!;
        const next = markedEvent();
        const result = await store.appendToStream(last.streamId, [next], {
          expectedRevision: 'any',
        });
        expect(result.positions).toEqual([log.length + 1]);
        acknowledged.push({
          streamId: last.streamId,
          nextRevision: result.nextRevision,
          positions: result.positions,
          ids: [next.id],
        });
      } finally {
        await store.close();
      }
    }
  }, 120_000);
});

describe('the service killed with SIGKILL while taking dialogues', () => {
  let dir: string;
  let service: ServiceProcess | undefined;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'p8-ledger-crash-http-'))));
  afterAll(async () => {
    service?.child.process.kill('SIGKILL');
    await service?.child.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({
    LEDGER_DATA_DIR: dir,
    LEDGER_ADMIN_PASSWORD: 'admin-password-for-crash-tests',
  });

  it('keeps every 201 after a restart, and a resent Idempotency-Key records each dialogue once', async () => {
    service = await startService(env());
    const admin = await login(service, 'admin', 'admin-password-for-crash-tests');
    const created = await service.call('POST', '/api/users', {
      token: admin,
      body: {
        username: 'crash.officer',
        password: 'crash-officer-password',
        role: 'officer',
        unitCode: '05752',
      },
    });
    expect(created.status).toBe(201);
    const officer = await login(service, 'crash.officer', 'crash-officer-password');

    // Dialogues go in from many clients at once, each with its own key, until the kill. It
    // comes a few milliseconds after the target, at a moment no answer picks, so that some
    // dialogues are on disk with their answers still unsent.
    const sent = new Map<string, Record<string, unknown>>();
    const acknowledged = new Map<string, string>();
    const target = randomInt(20, 201);
    const running = service;
    let killScheduled = false;
    const client = async (): Promise<void> => {
      for (;;) {
        const key = randomUUID();
        const body = dialogueBody({ topic: `crash test ${key}` });
        sent.set(key, body);
        const answer = await running
          .call('POST', '/api/dialogues', {
            token: officer,
            body,
            headers: { 'idempotency-key': key },
          })
          .catch(() => undefined);
        if (!answer) return;
        expect(answer.status).toBe(201);
        acknowledged.set(key, (answer.body as { id: string }).id);
        if (acknowledged.size >= target && !killScheduled) {
          killScheduled = true;
          setTimeout(() => running.child.process.kill('SIGKILL'), randomInt(0, 30));
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, client));
    // Should every client have lost its connection before the target, stop the service anyway.
    running.child.process.kill('SIGKILL');
    expect((await running.child.exited).signal).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(target);

    service = await startService(env());
    for (const id of acknowledged.values()) {
      const got = await service.call('GET', `/api/dialogues/${id}`, { token: officer });
      expect([got.status, (got.body as { id?: string }).id]).toEqual([200, id]);
    }
    // Every request sent, answered or not, is sent again with its key: each is recorded once.
    const resent = new Map<string, string>();
    for (const [key, body] of sent) {
      const answer = await service.call('POST', '/api/dialogues', {
        token: officer,
        body,
        headers: { 'idempotency-key': key },
      });
      expect(answer.status).toBe(201);
      resent.set(key, (answer.body as { id: string }).id);
    }
    for (const [key, id] of acknowledged) expect(resent.get(key)).toBe(id);
    const held = await service.call('GET', '/api/events?type=DialogueHeld&limit=10000', {
      token: admin,
    });
    const recorded = (held.body as { items: { data: { dialogueId: string } }[] }).items.map(
      (event) => event.data.dialogueId,
    );
    expect(recorded.sort()).toEqual([...resent.values()].sort());
  }, 180_000);
});

async function login(service: ServiceProcess, username: string, password: string): Promise<string> {
  const answer = await service.call('POST', '/api/auth/login', { body: { username, password } });
  expect(answer.status).toBe(200);
  return (answer.body as { accessToken: string }).accessToken;
}

async function readWholeLog(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const log: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: log[log.length - 1]?.position ?? 0, limit: 5000 });
    if (page.length === 0) return log;
    log.push(...page);
  }
}

/** Each acknowledged event sits once, in its stream, at the revision and position it was promised. */
function acknowledgedAppendsMissing(
  log: readonly RecordedEvent[],
  acknowledged: readonly AckLine[],
): string[] {
  const problems: string[] = [];
  const byId = new Map<string, RecordedEvent>();
  for (const event of log) {
    if (byId.has(event.id)) problems.push(`event ${event.id} is stored twice`);
    byId.set(event.id, event);
  }
  for (const ack of acknowledged) {
    const firstRevision = ack.nextRevision - ack.ids.length + 1;
    ack.ids.forEach((id, index) => {
      const stored = byId.get(id);
      const promised = `${ack.streamId}@${firstRevision + index} #${ack.positions[index]}`;
      if (!stored) problems.push(`acknowledged event ${id} (${promised}) is lost`);
      else if (`${stored.streamId}@${stored.revision} #${stored.position}` !== promised) {
        problems.push(
          `event ${id} sits at ${stored.streamId}@${stored.revision} #${stored.position}, not ${promised}`,
        );
      }
    });
  }
  return problems;
}

/** An append of k events is there whole, in order and side by side, or not at all. */
function partialAppends(log: readonly RecordedEvent[]): string[] {
  const appends = new Map<string, RecordedEvent[]>();
  for (const event of log) {
    const { append } = event.data as unknown as AppendMark;
    const events = appends.get(append) ?? [];
    events.push(event);
    appends.set(append, events);
  }
  const problems: string[] = [];
  for (const [append, events] of appends) {
    const first = events[0]!;
    const { of } = first.data as unknown as AppendMark;
    const whole =
      events.length === of &&
      events.every((event, index) => {
        const mark = event.data as unknown as AppendMark;
        return (
          mark.index === index &&
          event.streamId === first.streamId &&
          event.revision === first.revision + index &&
          event.position === first.position + index
        );
      });
    if (!whole)
      problems.push(
        `append ${append} of ${of} events is stored as ${events.length}, or out of order`,
      );
  }
  return problems;
}

/** Positions run 1, 2, 3 … with no gap; each stream's revisions run 0, 1, 2 … in log order. */
function gaps(log: readonly RecordedEvent[]): string[] {
  const problems: string[] = [];
  const revisions = new Map<string, number>();
  log.forEach((event, index) => {
    if (event.position !== index + 1)
      problems.push(`position ${event.position} where ${index + 1} was due`);
    const due = (revisions.get(event.streamId) ?? -1) + 1;
    if (event.revision !== due)
      problems.push(`${event.streamId} has revision ${event.revision} where ${due} was due`);
    revisions.set(event.streamId, event.revision);
  });
  return problems;
}

function markedEvent() {
  const append = randomUUID();
  const mark: AppendMark = { append, index: 0, of: 1 };
  return {
    id: randomUUID(),
    type: 'CrashTestAppended',
    schemaVersion: 1,
    data: { ...mark },
    metadata: {
      actor: SYSTEM_ACTOR,
      recordedAt: new Date().toISOString(),
      unitCode: '19',
      correlationId: append,
      causationId: append,
    },
  };
}
