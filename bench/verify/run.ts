/*
 * `npm run bench:verify`: verification of the whole log (hashes, chains, seals) on a
 * generated ledger of BENCH_EVENTS events (default 1,000,000), against reading the same
 * rows raw from the same store in the same run. See bench/README.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandLoop } from '../../src/ledger/command-loop';
import { LogSealer } from '../../src/ledger/log-sealer';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store';
import { VERIFY_PAGE, verifyLog, type VerifyOptions } from '../../src/ledger/verify-log';
import { median } from '../lib/stats';
import { generateLedger } from '../projections/generate-ledger';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GOAL = 200_000;
const PROJECT_ROOT = join(__dirname, '..', '..', '..');

interface Run {
  rawRead: Rate;
  verify: Rate;
  oneThread: Rate;
}

interface Rate {
  /** Per second of wall-clock time. */
  perSecond: number;
  /** Per second of this process's CPU time (user + system, GC threads included): moves much
   * less than the wall-clock rate when other work shares the machine. */
  perCpuSecond: number;
}

/** Times `work`, which answers how many events or rows it went through. */
async function rate(work: () => Promise<number> | number): Promise<Rate> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const count = await work();
  const used = process.cpuUsage(cpu);
  return {
    perSecond: count / (Number(process.hrtime.bigint() - started) / 1e9),
    perCpuSecond: count / ((used.user + used.system) / 1e6),
  };
}

/** Reads every row raw, page after page, as verification reads them, and nothing else. */
function rawRead(store: SqliteEventStore): number {
  let rows = 0;
  for (let after = 0; ;) {
    const page = store.readRawRows(after, VERIFY_PAGE);
    const tail = page[page.length - 1];
    if (!tail) break;
    rows += page.length;
    after = tail[0];
  }
  return rows;
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

async function main(): Promise<void> {
  const given = process.env.BENCH_LEDGER;
  const work = mkdtempSync(join(tmpdir(), 'p8-bench-verify-'));
  try {
    const store = SqliteEventStore.open(given ?? join(work, 'ledger.sqlite'));
    if (!given) await generateSealed(store);
    const events = await store.headPosition();
    let seals = 0;
    // As the service and the CLI verify (worker threads on a large SQLite ledger), and in
    // the calling thread alone, for comparison.
    const verifier =
      (options: VerifyOptions) => async (): Promise<number> => {
        const report = await verifyLog(store, options);
        if (!report.ok) throw new Error(`the ledger does not verify: ${report.problem}`);
        seals = report.seals;
        return report.checked;
      };
    const verify = verifier({});
    const verifyAlone = verifier({ workers: 0 });
    // One uncounted round of each, so that none is measured while it is still compiled.
    rawRead(store);
    await verify();
    await verifyAlone();
    // Alternate them, so that a slower moment of the machine weighs on all alike.
    const runs: Run[] = [];
    for (let run = 0; run < RUNS; run++) {
      const figures = {
        rawRead: await rate(() => rawRead(store)),
        verify: await rate(verify),
        oneThread: await rate(verifyAlone),
      };
      runs.push(figures);
      process.stderr.write(
        `run ${run + 1}: verify ${format(figures.verify)}, one thread ${format(figures.oneThread)}, raw read ${format(figures.rawRead)}\n`,
      );
    }
    await store.close();
    const middle = (pick: (r: Run) => number) => median(runs.map(pick));
    const figures = {
      events,
      seals,
      verify: {
        perSecond: middle((r) => r.verify.perSecond),
        perCpuSecond: middle((r) => r.verify.perCpuSecond),
      },
      oneThread: {
        perSecond: middle((r) => r.oneThread.perSecond),
        perCpuSecond: middle((r) => r.oneThread.perCpuSecond),
      },
      rawRead: {
        perSecond: middle((r) => r.rawRead.perSecond),
        perCpuSecond: middle((r) => r.rawRead.perCpuSecond),
      },
      workers: Math.min(availableParallelism(), 4),
      ratio: middle((r) => r.verify.perSecond / r.rawRead.perSecond),
      cpuRatio: middle((r) => r.verify.perCpuSecond / r.rawRead.perCpuSecond),
      goal: GOAL,
      runs,
    };
    console.log(
      `\nVerification of ${events.toLocaleString('en')} events with ${seals} seals, median of ${RUNS} runs (${figures.workers} workers)`,
    );
    console.log(
      `  verify (hashes, chains, seals)  ${format(figures.verify)}   goal ≥ ${GOAL.toLocaleString('en')}/s`,
    );
    console.log(`  verify in one thread            ${format(figures.oneThread)}`);
    console.log(`  raw read of the same rows       ${format(figures.rawRead)}`);
    console.log(
      `  verify / raw read               ${figures.ratio.toFixed(2)} (per CPU second ${figures.cpuRatio.toFixed(2)})`,
    );
    mkdirSync(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(PROJECT_ROOT, 'bench', 'results', 'verify.json'),
      JSON.stringify(figures, null, 2),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const format = (r: Rate): string =>
  `${Math.round(r.perSecond).toLocaleString('en').padStart(9)}/s (${Math.round(r.perCpuSecond).toLocaleString('en')} per CPU second)`;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
