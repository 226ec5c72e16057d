/*
 * `npm run bench:verify`: verification of the whole log (hashes, chains, seals) on a
 * generated ledger of BENCH_EVENTS events (default 1,000,000), against reading the same
 * rows raw from the same store in the same run. See bench/README.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandLoop } from '../../src/ledger/command-loop';
import { LogSealer } from '../../src/ledger/log-sealer';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store';
import { VERIFY_PAGE, verifyLog } from '../../src/ledger/verify-log';
import { median } from '../lib/stats';
import { generateLedger } from '../projections/generate-ledger';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GOAL = 200_000;
const PROJECT_ROOT = join(__dirname, '..', '..', '..');

const seconds = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;

/** Rows per second read raw, page after page, as verification reads them, and nothing else. */
function rawRead(store: SqliteEventStore): number {
  const started = process.hrtime.bigint();
  let rows = 0;
  for (let after = 0; ;) {
    const page = store.readRawRows(after, VERIFY_PAGE);
    const tail = page[page.length - 1];
    if (!tail) break;
    rows += page.length;
    after = tail[0];
  }
  return rows / seconds(started);
}

/**
 * Generates the ledger as bench:projections does, sealed along the way as a running service
 * seals it: whenever the generator reports progress (every 20,000 events), while it goes on
 * appending, so that some seals leave out events appended meanwhile.
 */
async function generateSealed(store: SqliteEventStore): Promise<void> {
  const sealer = new LogSealer(store, new CommandLoop(store, { find: () => undefined }));
  const started = Date.now();
  await generateLedger(store, EVENTS, (n) => {
    void sealer.sealIfDue(1);
    process.stderr.write(`\rgenerating ${n.toLocaleString('en')} events`);
  });
  await sealer.sealIfDue(1);
  await sealer.sealIfDue(1);
  process.stderr.write(
    `\rgenerated ${EVENTS.toLocaleString('en')} events in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

async function verified(store: SqliteEventStore): Promise<{ perSecond: number; seals: number }> {
  const started = process.hrtime.bigint();
  const report = await verifyLog(store);
  if (!report.ok) throw new Error(`the ledger does not verify: ${report.problem}`);
  return { perSecond: report.checked / seconds(started), seals: report.seals };
}

async function main(): Promise<void> {
  const given = process.env.BENCH_LEDGER;
  const work = mkdtempSync(join(tmpdir(), 'p8-bench-verify-'));
  try {
    const store = SqliteEventStore.open(given ?? join(work, 'ledger.sqlite'));
    if (!given) await generateSealed(store);
    const events = await store.headPosition();
    // One uncounted round of each, so that neither is measured while it is still compiled.
    rawRead(store);
    const { seals } = await verified(store);
    // Alternate the two, so that a slower moment of the machine weighs on both alike.
    const runs: { rawReadPerSecond: number; verifyPerSecond: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const rawReadPerSecond = rawRead(store);
      const verifyPerSecond = (await verified(store)).perSecond;
      runs.push({ rawReadPerSecond, verifyPerSecond });
      process.stderr.write(
        `run ${run + 1}: verify ${Math.round(verifyPerSecond).toLocaleString('en')} ev/s, raw read ${Math.round(rawReadPerSecond).toLocaleString('en')} rows/s\n`,
      );
    }
    await store.close();
    const verify = median(runs.map((r) => r.verifyPerSecond));
    const read = median(runs.map((r) => r.rawReadPerSecond));
    const ratio = median(runs.map((r) => r.verifyPerSecond / r.rawReadPerSecond));
    console.log(
      `\nVerification of ${events.toLocaleString('en')} events with ${seals} seals, median of ${RUNS} runs`,
    );
    console.log(
      `  verify (hashes, chains, seals)  ${Math.round(verify).toLocaleString('en').padStart(10)} ev/s    goal ≥ ${GOAL.toLocaleString('en')} ev/s`,
    );
    console.log(
      `  raw read of the same rows       ${Math.round(read).toLocaleString('en').padStart(10)} rows/s`,
    );
    console.log(`  verify / raw read               ${ratio.toFixed(2).padStart(10)}`);
    mkdirSync(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
    const figures = {
      events,
      verifyPerSecond: Math.round(verify),
      rawReadPerSecond: Math.round(read),
      ratio,
      goal: GOAL,
      runs,
    };
    writeFileSync(
      join(PROJECT_ROOT, 'bench', 'results', 'verify.json'),
      JSON.stringify(figures, null, 2),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
