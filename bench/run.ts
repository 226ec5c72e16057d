/*
 * `npm run bench`: the ledger's two speed figures, each as a ratio against a baseline
 * measured in the same run on the same machine. See bench/README.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareAppends, type AppendRate } from './lib/append-bench';
import { dialogueRequest } from './lib/dialogue-requests';
import { runLoad, type LoadResult } from './lib/http-load';
import { LedgerClient } from './lib/ledger-setup';
import { MIXED_PROPORTIONS, mixedRequests } from './lib/mixed-requests';
import { compare, formatTable, side, type Comparison } from './lib/report';
import { startServer, type ServerProcess } from './lib/server-process';

const PROJECT_ROOT = join(__dirname, '..', '..');
const ADMIN_PASSWORD = 'bench-admin-password';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name}=${raw} must be a positive number`);
  return value;
}

const settings = {
  runs: setting('BENCH_RUNS', 3),
  seconds: setting('BENCH_SECONDS', 10),
  warmupSeconds: setting('BENCH_WARMUP_SECONDS', 3),
  connections: setting('BENCH_CONNECTIONS', 64),
  appendSeconds: setting('BENCH_APPEND_SECONDS', 5),
  appendConcurrency: setting('BENCH_APPEND_CONCURRENCY', 64),
  cpuProfileDir: process.env.BENCH_CPU_PROF || undefined,
};

async function httpCommands(work: string): Promise<Comparison[]> {
  const profile = settings.cpuProfileDir ? { cpuProfileDir: settings.cpuProfileDir } : {};
  const bare = await startServer({
    name: 'bare',
    script: join(__dirname, 'lib', 'bare-server.js'),
    ...profile,
  });
  const ledger = await startServer({
    name: 'ledger',
    script: join(PROJECT_ROOT, 'dist', 'src', 'main.js'),
    env: {
      LEDGER_DATA_DIR: join(work, 'ledger'),
      LEDGER_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
    },
    ...profile,
  });
  try {
    const client = new LedgerClient(ledger.port);
    const officer = await client.officerToken(ADMIN_PASSWORD);
    const dialogues = dialogueRequest(officer);
    const load = async (server: ServerProcess, seconds: number, nextRequest = dialogues) => {
      const cpuBefore = server.cpuMs();
      const result = await runLoad(
        {
          port: server.port,
          connections: settings.connections,
          durationMs: seconds * 1000,
          nextRequest,
        },
        201,
      );
      const cpuAfter = server.cpuMs();
      const cpu =
        cpuBefore === undefined || cpuAfter === undefined
          ? {}
          : { cpuMsPerAnswer: (cpuAfter - cpuBefore) / result.answered };
      return { ...result, ...cpu };
    };
    progress('HTTP: warming up');
    await load(bare, settings.warmupSeconds);
    await load(ledger, settings.warmupSeconds);
    const heldBefore = await client.count('DialogueHeld');
    const bareRuns: Array<LoadResult & { cpuMsPerAnswer?: number }> = [];
    const ledgerRuns: typeof bareRuns = [];
    // Alternating spreads whatever else the machine does over both sides alike.
    for (let run = 1; run <= settings.runs; run++) {
      progress(`HTTP: run ${run} of ${settings.runs}`);
      bareRuns.push(await load(bare, settings.seconds));
      ledgerRuns.push(await load(ledger, settings.seconds));
    }
    const acknowledged = ledgerRuns.reduce((sum, run) => sum + run.answered, 0);
    const appended = (await client.count('DialogueHeld')) - heldBefore;
    if (appended !== acknowledged) {
      throw new Error(
        `the ledger answered 201 ${acknowledged} times but recorded ${appended} dialogues`,
      );
    }
    const refused = [...bareRuns, ...ledgerRuns].filter(
      (run) => Object.keys(run.unexpected).length > 0,
    );
    if (refused.length > 0)
      throw new Error(
        `answers other than 201: ${JSON.stringify(refused.map((r) => r.unexpected))}`,
      );
    const single = compare(
      `Durable commands over HTTP (POST /api/dialogues, ${settings.connections} clients)`,
      'commands/s',
      0.5,
      side('ledger: POST /api/dialogues', ledgerRuns),
      side('bare NestJS on Fastify route', bareRuns),
      [
        `every 201 is one DialogueHeld on disk: ${acknowledged} answers, ${appended} recorded while measuring`,
      ],
    );
    const mixed = await mixedRequests(client, officer);
    progress('HTTP mixed workload: warming up');
    await load(ledger, settings.warmupSeconds, mixed);
    const mixedRuns: typeof ledgerRuns = [];
    for (let run = 1; run <= settings.runs; run++) {
      progress(`HTTP mixed workload: run ${run} of ${settings.runs}`);
      mixedRuns.push(await load(ledger, settings.seconds, mixed));
    }
    const mixedRefused = mixedRuns.filter((run) => Object.keys(run.unexpected).length > 0);
    if (mixedRefused.length > 0)
      throw new Error(
        `mixed answers other than 201: ${JSON.stringify(mixedRefused.map((r) => r.unexpected))}`,
      );
    return [
      single,
      compare(
        `Durable commands over HTTP, every activity in realistic proportions (${settings.connections} clients)`,
        'commands/s',
        0.5,
        side('ledger: clubs, dialogues, loans, cases…', mixedRuns),
        side('bare NestJS on Fastify route', bareRuns),
        [MIXED_PROPORTIONS],
      ),
    ];
  } finally {
    await Promise.all([bare.stop(), ledger.stop()]);
  }
}

async function batchedAppends(work: string): Promise<Comparison> {
  const port: AppendRate[] = [];
  const raw: AppendRate[] = [];
  for (let run = 1; run <= settings.runs; run++) {
    progress(`appends: run ${run} of ${settings.runs}`);
    const dir = join(work, `appends-${run}`);
    mkdirSync(dir);
    const rates = await compareAppends(
      dir,
      settings.appendConcurrency,
      settings.appendSeconds * 1000,
    );
    port.push(rates.port);
    raw.push(rates.raw);
  }
  const perCommit = port.map((rate) => rate.perCommit.toFixed(1)).join(' / ');
  return compare(
    `Batched appends (${settings.appendConcurrency} concurrent one-event appends, WAL, synchronous FULL)`,
    'events/s',
    0.7,
    side('SqliteEventStore.appendToStream', port),
    side(`raw better-sqlite3 inserts, ${settings.appendConcurrency} a transaction`, raw),
    [`events per group commit through the port: ${perCommit}`],
  );
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'p8-ledger-bench-'));
  try {
    const comparisons = [...(await httpCommands(work)), await batchedAppends(work)];
    const heading =
      `P8 Ledger benchmark: medians of ${settings.runs} runs (${settings.seconds} s HTTP, ` +
      `${settings.appendSeconds} s appends), node ${process.version}, ${availableParallelism()} CPUs`;
    process.stdout.write(`\n${heading}\n\n${formatTable(comparisons)}`);
    const results = join(PROJECT_ROOT, 'bench', 'results');
    mkdirSync(results, { recursive: true });
    const report = {
      at: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      settings,
      comparisons,
    };
    writeFileSync(join(results, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`written to bench/results/latest.json\n`);
    if (settings.cpuProfileDir)
      process.stdout.write(`CPU profiles of the servers in ${settings.cpuProfileDir}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
