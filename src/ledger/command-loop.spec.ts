import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainEvent } from '../../events/event';
import { CommandLoop } from './command-loop';
import { SYSTEM_ACTOR } from './envelope';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

describe('command loop', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'p8-loop-'));
    store = SqliteEventStore.open(join(dir, 'log.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets many concurrent commands on one stream all land, each once, in turn', async () => {
    const loop = new CommandLoop(store, { find: () => undefined });
    const count = (n: number, event: DomainEvent) => (event.type === 'Counted' ? n + 1 : n);
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        loop.run<number, DomainEvent>(
          {
            streamId: 'counter-1',
            initialState: () => 0,
            evolve: count,
            decide: (n) => [{ type: 'Counted', schemaVersion: 1, data: { n } }],
            unitOf: () => '19',
            resultId: 'counter-1',
          },
          { actor: SYSTEM_ACTOR, now: new Date(), correlationId: randomUUID() },
        ),
      ),
    );
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    const stream = await store.readStream('counter-1');
    expect(stream.map((e) => e.data.n)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });
});
