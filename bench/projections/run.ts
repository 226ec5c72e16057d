/*
 * `npm run bench:projections`: read-side figures on a generated ledger of BENCH_EVENTS
 * events (default 1,000,000), each against its goal or a baseline measured in the same run:
 * full rebuild vs raw scan-and-parse, peak memory, `asOf` query latency, start-up time with
 * current checkpoints, and verification speed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  factIndexOf,
  keepFactIndex,
  saveFactIndex,
} from '../../projections/indicators/kept-fact-indexes';
import { indicatorRows } from '../../src/indicators/indicator-report';
import { SeededRandom } from '../../src/demo/seeded-random';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store';
import { verifyLog } from '../../src/ledger/verify-log';
import { generateLedger } from './generate-ledger';
import { storingSeconds } from './storing-floor';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PROJECT_ROOT = join(__dirname, '..', '..', '..');
const child = join(__dirname, 'rebuild-child.js');

interface ChildFigures {
  events: number;
  seconds: number;
  rate: number;
  maxRssMb: number;
}

const runChild = (...args: string[]): ChildFigures =>
  JSON.parse(
    execFileSync(process.execPath, [child, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 }),
  ) as ChildFigures;

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

type Level = 'province' | 'district' | 'commune';
const levelOf = (unit: string): Level =>
  unit.length === 2 ? 'province' : unit.length === 3 ? 'district' : 'commune';

interface Latencies {
  p50: number;
  p95: number;
  queries: number;
}

const latencies = (times: readonly number[]): Latencies => ({
  p50: percentile(times, 50),
  p95: percentile(times, 95),
  queries: times.length,
});

type AsOfFigures = Latencies & { byLevel: Record<Level, Latencies> };

/** Random units, positions and windows; the whole and each level apart (a province reads the most). */
function asOfLatencies(db: Database.Database, head: number, queries = 200): AsOfFigures {
  const random = new SeededRandom(7);
  const units = ['19', '170', '173', '164', '05752', '05722', '05911'];
  const times: number[] = [];
  const byLevel: Record<Level, number[]> = { province: [], district: [], commune: [] };
  for (let i = 0; i < queries; i++) {
    const from = random.date('2022-01-01', '2024-06-30');
    const query = {
      unit: random.pick(units),
      asOfPosition: random.int(1, head),
      ...(random.next() < 0.7 ? { from, to: random.date(from, '2024-12-31') } : {}),
    };
    const started = process.hrtime.bigint();
    indicatorRows(db, query);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    times.push(ms);
    byLevel[levelOf(query.unit)].push(ms);
  }
  return {
    ...latencies(times),
    byLevel: {
      province: latencies(byLevel.province),
      district: latencies(byLevel.district),
      commune: latencies(byLevel.commune),
    },
  };
}

/**
 * The first of the queries read from the table (as the service answers while the facts
 * load), then all of them from the facts kept in memory, with what loading them took.
 */
async function asOfFigures(readFile: string, head: number) {
  const db = new Database(readFile, { readonly: true });
  try {
    const fromDisk = asOfLatencies(db, head, 20);
    // Collected before and after (node --expose-gc, as `npm run bench:projections` runs it), so
    // that the difference is what the facts hold, not garbage of the load.
    const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
    collect();
    const memoryBefore = process.memoryUsage();
    const started = process.hrtime.bigint();
    if (!(await keepFactIndex(db))) throw new Error('the facts could not be kept in memory');
    const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    collect();
    const memoryAfter = process.memoryUsage();
    const heldMb =
      (memoryAfter.heapUsed +
        memoryAfter.arrayBuffers -
        memoryBefore.heapUsed -
        memoryBefore.arrayBuffers) /
      2 ** 20;
    const figures = asOfLatencies(db, head);
    // As a clean stop saves them and the next start reads them back.
    const saveStarted = process.hrtime.bigint();
    saveFactIndex(db);
    const saveSeconds = Number(process.hrtime.bigint() - saveStarted) / 1e9;
    const again = new Database(readFile, { readonly: true });
    const readStarted = process.hrtime.bigint();
    await keepFactIndex(again);
    const readBackSeconds = Number(process.hrtime.bigint() - readStarted) / 1e9;
    const readBack = factIndexOf(again)?.size;
    again.close();
    if (readBack !== factIndexOf(db)?.size) throw new Error('the saved facts were not read back');
    return {
      ...figures,
      fromDisk,
      facts: factIndexOf(db)?.size ?? 0,
      loadSeconds,
      heldMb: Math.round(heldMb),
      saveSeconds,
      readBackSeconds,
    };
  } finally {
    db.close();
  }
}

interface Startup {
  /** Until `/api/health` answered 200. */
  readySeconds: number;
  /** Until the service said its indicator facts were in memory, and from where. */
  factsSeconds: number;
  factsFrom: string;
}

/**
 * Starts the service on `dataDir`, times it to ready and to its indicator facts in memory,
 * then stops it (SIGTERM, as a deployment does: it saves the facts for the next start).
 */
function startup(dataDir: string): Promise<Startup> {
  return new Promise((resolve, reject) => {
    const port = 38_000 + Math.floor(Math.random() * 1000);
    const started = Date.now();
    const service = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'main.js')], {
      env: {
        ...process.env,
        LEDGER_DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let readySeconds: number | undefined;
    let facts: { seconds: number; from: string } | undefined;
    const stopWhenBoth = () => {
      if (readySeconds === undefined || facts === undefined) return;
      const figures = { readySeconds, factsSeconds: facts.seconds, factsFrom: facts.from };
      // Resolved once it has stopped: a restart must not meet it still running.
      service.once('exit', () => resolve(figures));
      service.kill('SIGTERM');
    };
    createInterface({ input: service.stdout }).on('line', (line) => {
      if (facts || !line.includes('indicator facts in memory')) return;
      const logged = JSON.parse(line) as { from?: string };
      facts = { seconds: (Date.now() - started) / 1000, from: logged.from ?? '?' };
      stopWhenBoth();
    });
    const poll = () =>
      get({ port, path: '/api/health', host: '127.0.0.1' }, (res) => {
        res.resume();
        if (res.statusCode === 200) {
          readySeconds = (Date.now() - started) / 1000;
          stopWhenBoth();
        } else setTimeout(poll, 20);
      }).on('error', () =>
        Date.now() - started > 120_000
          ? reject(new Error('no answer in 120 s'))
          : setTimeout(poll, 20),
      );
    poll();
  });
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'p8-bench-projections-'));
  const logFile = join(work, 'ledger.sqlite');
  const readFile = join(work, 'projections.sqlite');
  try {
    const store = SqliteEventStore.open(logFile);
    const generated = Date.now();
    await generateLedger(store, EVENTS, (n) =>
      process.stderr.write(`\rgenerating ${n.toLocaleString('en')} events`),
    );
    process.stderr.write(
      `\rgenerated ${EVENTS.toLocaleString('en')} events in ${((Date.now() - generated) / 1000).toFixed(1)} s\n`,
    );
    const verifyStarted = process.hrtime.bigint();
    const verified = await verifyLog(store);
    const verifySeconds = Number(process.hrtime.bigint() - verifyStarted) / 1e9;
    if (!verified.ok) throw new Error(`the generated ledger does not verify: ${verified.problem}`);
    await store.close();

    const scan = runChild('scan', logFile);
    const rebuild = runChild('rebuild', logFile, readFile);
    const storing = storingSeconds(readFile, join(work, 'storing-floor.sqlite'));
    // Scanning the log and storing what the read models hold, nothing else: no rebuild is faster.
    const ceilingRate = 1 / (1 / scan.rate + storing.seconds / EVENTS);
    const asOf = await asOfFigures(readFile, EVENTS);
    // The first start on these files also makes the key store and the first admin; the
    // goal's figure is a restart, as after a deployment, with every checkpoint current.
    const firstStart = await startup(work);
    const restart = await startup(work);

    const figures = {
      events: EVENTS,
      rebuild: {
        eventsPerSecond: Math.round(rebuild.rate),
        rawScanPerSecond: Math.round(scan.rate),
        ratio: rebuild.rate / scan.rate,
        goal: 0.7,
        storing: { rows: storing.rows, seconds: storing.seconds },
        ceilingPerSecond: Math.round(ceilingRate),
        ceilingRatio: ceilingRate / scan.rate,
      },
      memory: {
        rebuildPeakMb: Math.round(rebuild.maxRssMb),
        scanPeakMb: Math.round(scan.maxRssMb),
        goalMb: 300,
      },
      asOf: { ...asOf, goalP95Ms: 50 },
      startupSeconds: restart.readySeconds,
      firstStartSeconds: firstStart.readySeconds,
      factsInMemorySeconds: {
        firstStart: firstStart.factsSeconds,
        restart: restart.factsSeconds,
        restartFrom: restart.factsFrom,
      },
      startupGoalSeconds: 2,
      verify: { eventsPerSecond: Math.round(verified.checked / verifySeconds), goal: 200_000 },
    };
    const rows = [
      [
        'full rebuild / raw scan-and-parse',
        `${figures.rebuild.eventsPerSecond.toLocaleString('en')} / ${figures.rebuild.rawScanPerSecond.toLocaleString('en')} ev/s`,
        figures.rebuild.ratio.toFixed(2),
        '≥ 0.70',
      ],
      [
        '  ceiling: scan + store the rows alone',
        `${figures.rebuild.ceilingPerSecond.toLocaleString('en')} ev/s (${storing.rows.toLocaleString('en')} rows stored in ${storing.seconds.toFixed(1)} s)`,
        figures.rebuild.ceilingRatio.toFixed(2),
        '',
      ],
      [
        'rebuild peak memory',
        `${figures.memory.rebuildPeakMb} MB (scan alone ${figures.memory.scanPeakMb} MB)`,
        '',
        '≤ 300 MB',
      ],
      [
        'asOf query latency',
        `p50 ${asOf.p50.toFixed(1)} ms, p95 ${asOf.p95.toFixed(1)} ms (${asOf.queries} queries)`,
        '',
        'p95 ≤ 50 ms',
      ],
      [
        '  facts kept in memory',
        `${asOf.facts.toLocaleString('en')} facts, ${asOf.heldMb} MB, loaded in ${asOf.loadSeconds.toFixed(2)} s`,
        '',
        '',
      ],
      [
        '  saved at a stop, read back at a start',
        `saved in ${asOf.saveSeconds.toFixed(2)} s, read back in ${asOf.readBackSeconds.toFixed(2)} s`,
        '',
        '',
      ],
      [
        '  from the table (while they load)',
        `p50 ${asOf.fromDisk.p50.toFixed(1)} ms, p95 ${asOf.fromDisk.p95.toFixed(1)} ms (${asOf.fromDisk.queries} queries)`,
        '',
        '',
      ],
      [
        '  p95 by level of the unit',
        (['province', 'district', 'commune'] as const)
          .map((level) => `${level} ${asOf.byLevel[level].p95.toFixed(1)} ms`)
          .join(', '),
        '',
        'p95 ≤ 50 ms',
      ],
      [
        'restart to ready, checkpoints current',
        `${restart.readySeconds.toFixed(2)} s (first start ${firstStart.readySeconds.toFixed(2)} s)`,
        '',
        '≤ 2 s',
      ],
      [
        '  indicator facts in memory after',
        `${restart.factsSeconds.toFixed(2)} s from the ${restart.factsFrom} (first start ${firstStart.factsSeconds.toFixed(2)} s from the ${firstStart.factsFrom})`,
        '',
        '',
      ],
      [
        'verify (hashes, chains, seals)',
        `${figures.verify.eventsPerSecond.toLocaleString('en')} ev/s`,
        '',
        '≥ 200,000 ev/s',
      ],
    ];
    console.log(`\nRead side on ${EVENTS.toLocaleString('en')} events`);
    for (const [what, figure, ratio, goal] of rows)
      console.log(`  ${what!.padEnd(40)} ${figure!.padEnd(48)} ${ratio!.padEnd(6)} goal ${goal}`);
    mkdirSync(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(PROJECT_ROOT, 'bench', 'results', 'projections.json'),
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
