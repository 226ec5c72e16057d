/*
 * Child process of the projection benchmark: one measurement in a fresh process, so that
 * its peak memory is its own. Prints one JSON line.
 *   node rebuild-child.js scan <ledger.sqlite>
 *   node rebuild-child.js rebuild <ledger.sqlite> <projections.sqlite>
 * With READ_MODEL_TIMES=1 a rebuild also prints, on stderr, the seconds each read model
 * spent applying events and flushing its batches (and so where a rebuild's time goes).
 */
import { ALL_PROJECTIONS } from '../../projections/all-projections';
import type { ProjectionDefinition } from '../../projections/projection';
import { checkpointInBackground } from '../../src/ledger/sqlite/background-checkpoints';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store';
import { openProjectionDatabase } from '../../src/projection-runner/projection-database';
import { ProjectionRunner } from '../../src/projection-runner/projection-runner';

async function main(): Promise<void> {
  const [mode, logFile, readFile] = process.argv.slice(2);
  if (!logFile)
    throw new Error('usage: rebuild-child scan|rebuild <ledger.sqlite> [projections.sqlite]');
  const store = SqliteEventStore.open(logFile);
  const head = await store.headPosition();
  const started = process.hrtime.bigint();
  const cpuAtStart = process.cpuUsage();
  if (mode === 'scan') {
    let seen = 0;
    for (let after = 0; ;) {
      const page = store.readAllSync(after, 5000);
      const last = page[page.length - 1];
      if (!last) break;
      seen += page.length;
      after = last.position;
    }
    if (seen !== head) throw new Error(`scanned ${seen} of ${head}`);
  } else {
    const db = openProjectionDatabase(readFile ?? `${logFile}.bench-projections`);
    // As the service and `npm run ledger -- rebuild` (which opens the service's ledger) do.
    const releaseCheckpoints = checkpointInBackground(db);
    const times = new Map<string, number>();
    const projections = process.env.READ_MODEL_TIMES
      ? ALL_PROJECTIONS.map((d) => timed(d, times))
      : ALL_PROJECTIONS;
    if (process.env.READ_MODEL_TIMES) {
      const readPage = store.readAllSync.bind(store);
      store.readAllSync = (after, limit) => {
        const since = performance.now();
        const page = readPage(after, limit);
        times.set(
          'reading the log',
          (times.get('reading the log') ?? 0) + performance.now() - since,
        );
        return page;
      };
    }
    const runner = new ProjectionRunner(store, db, projections, (e) => {
      throw e;
    });
    runner.start();
    if (!(await runner.waitFor(head, 3_600_000))) throw new Error('the rebuild did not finish');
    await runner.stop();
    await releaseCheckpoints();
    db.close();
    if (times.size > 0) {
      const total = Number(process.hrtime.bigint() - started) / 1e6;
      const counted = [...times.values()].reduce((sum, ms) => sum + ms, 0);
      times.set('the rest (commits, savepoints, query indexes)', total - counted);
      for (const [what, ms] of [...times].sort((a, b) => b[1] - a[1])) {
        process.stderr.write(`${(ms / 1000).toFixed(2).padStart(7)} s  ${what}\n`);
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuAtStart);
  await store.close();
  process.stdout.write(
    `${JSON.stringify({ events: head, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rate: head / seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
}

/** The read model, its writer's apply and flush adding their time to `times`. */
function timed(definition: ProjectionDefinition, times: Map<string, number>): ProjectionDefinition {
  const add = (what: string, since: number) =>
    times.set(what, (times.get(what) ?? 0) + performance.now() - since);
  return {
    ...definition,
    open(db) {
      const writer = definition.open(db);
      const { apply, flush } = writer;
      writer.apply = (event) => {
        const since = performance.now();
        apply.call(writer, event);
        add(`${definition.name} apply`, since);
      };
      if (flush) {
        writer.flush = () => {
          const since = performance.now();
          flush.call(writer);
          add(`${definition.name} flush`, since);
        };
      }
      return writer;
    },
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
