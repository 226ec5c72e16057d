/*
 * Child process of the projection benchmark: one measurement in a fresh process, so that
 * its peak memory is its own. Prints one JSON line.
 *   node rebuild-child.js scan <ledger.sqlite>
 *   node rebuild-child.js rebuild <ledger.sqlite> <projections.sqlite>
 */
import { ALL_PROJECTIONS } from '../../projections/all-projections';
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
    const runner = new ProjectionRunner(store, db, ALL_PROJECTIONS, (e) => {
      throw e;
    });
    runner.start();
    if (!(await runner.waitFor(head, 3_600_000))) throw new Error('the rebuild did not finish');
    await runner.stop();
    await releaseCheckpoints();
    db.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuAtStart);
  await store.close();
  process.stdout.write(
    `${JSON.stringify({ events: head, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rate: head / seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
