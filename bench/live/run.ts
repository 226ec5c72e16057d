/*
 * `npm run bench:live`: append-to-dashboard latency of the live feed (issue 5): with
 * BENCH_LIVE_SUBSCRIBERS dashboards watching GET /api/live/indicators, commands at a steady
 * rate, and for every (command, subscriber in scope) pair the time from sending the
 * command to the event that shows it. Goal: p99 <= 50 ms at 1,000 commands/s with 100
 * subscribers. See bench/README.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server-process';
import { Accounts } from './accounts';
import { COMMAND_UNITS, watchedUnits } from './audience';
import { dialogueIn } from './dialogues';
import { measureStep, type StepResult } from './step';
import { SubscriberProcess } from './subscriber-process';
import { formatRates, summarise, type RateSummary } from './table';

const PROJECT_ROOT = join(__dirname, '..', '..', '..');
const ADMIN_PASSWORD = 'bench-admin-password';
const GOAL_P99_MS = 50;

function setting(name: string, fallback: number, least = Number.MIN_VALUE): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < least) throw new Error(`${name}=${raw} must be a number of at least ${least}`);
  return value;
}

const rate = setting('BENCH_LIVE_RATE', 1000);
const settings = {
  rate,
  /** The goal's rate and lower ones, to find the highest the service sustains. */
  rates: [
    ...new Set(
      (process.env.BENCH_LIVE_RATES || '100,250,500')
        .split(',')
        .map(Number)
        .filter((r) => Number.isFinite(r) && r > 0 && r < rate)
        .concat(rate),
    ),
  ].sort((a, b) => a - b),
  seconds: setting('BENCH_LIVE_SECONDS', 10),
  warmupSeconds: setting('BENCH_LIVE_WARMUP_SECONDS', 3),
  runs: setting('BENCH_LIVE_RUNS', 3),
  /** 0 measures the same commands with nobody watching: what the feed costs. */
  subscribers: setting('BENCH_LIVE_SUBSCRIBERS', 100, 0),
  connections: setting('BENCH_LIVE_CONNECTIONS', 64),
  graceMs: 10_000,
  cpuProfileDir: process.env.BENCH_CPU_PROF || undefined,
};

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

function verdict(summaries: readonly RateSummary[]): { met: boolean; lines: string[] } {
  const atGoal = summaries.find((s) => s.rate === settings.rate)!;
  if (settings.subscribers === 0) {
    const best = [...summaries].reverse().find((s) => s.sustained);
    return {
      met: false,
      lines: [
        'No subscribers: the commands alone (send → 201, CPU per command), to set beside a run with subscribers. ' +
          `Highest sustained rate measured: ${best ? `${best.rate.toLocaleString('en-US')}/s` : 'none'}.`,
      ],
    };
  }
  const met = atGoal.sustained && atGoal.missed === 0 && atGoal.fromSend.p99 <= GOAL_P99_MS;
  const lines = [
    `Goal: send → event p99 ≤ ${GOAL_P99_MS} ms with ${settings.subscribers} subscribers at ` +
      `${settings.rate.toLocaleString('en-US')} commands/s, every delivery seen: ${met ? 'MET' : 'MISSED'} ` +
      `(p99 ${atGoal.fromSend.p99.toFixed(1)} ms, ${atGoal.missed} missed)`,
  ];
  if (!atGoal.sustained) {
    const best = [...summaries].reverse().find((s) => s.sustained);
    lines.push(
      `The service did not sustain ${settings.rate.toLocaleString('en-US')} commands/s here ` +
        `(${Math.round(atGoal.achievedPerSecond).toLocaleString('en-US')}/s achieved). ` +
        (best
          ? `Highest sustained rate measured: ${best.rate.toLocaleString('en-US')}/s, send → event p99 ${best.fromSend.p99.toFixed(1)} ms` +
            ` (${best.fromSend.p99 <= GOAL_P99_MS && best.missed === 0 ? 'within' : 'over'} the goal's ${GOAL_P99_MS} ms).`
          : 'It sustained none of the rates measured.'),
    );
  }
  return { met, lines };
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const work = mkdtempSync(join(tmpdir(), 'p8-ledger-bench-live-'));
  const server = await startServer({
    name: 'ledger',
    script: join(PROJECT_ROOT, 'dist', 'src', 'main.js'),
    env: { LEDGER_DATA_DIR: join(work, 'ledger'), LEDGER_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' },
    ...(settings.cpuProfileDir ? { cpuProfileDir: settings.cpuProfileDir } : {}),
  });
  let subscribers: SubscriberProcess | undefined;
  try {
    progress(`setting up ${settings.subscribers} subscribers`);
    const accounts = await Accounts.asAdmin(server.port, ADMIN_PASSWORD);
    const recorder = await accounts.officer('bench.recorder', '19');
    const units = watchedUnits(settings.subscribers);
    const tokens = await accounts.officers('bench.watcher.', units);
    subscribers = await SubscriberProcess.open(
      server.port,
      units.map((unit, index) => ({ unit, token: tokens[index]! })),
    );
    const request = dialogueIn(recorder, COMMAND_UNITS);
    const commandUnit = (index: number) => COMMAND_UNITS[index % COMMAND_UNITS.length]!;
    const step = (stepRate: number, seconds: number) =>
      measureStep(server, subscribers!, units, request, commandUnit, {
        rate: stepRate,
        seconds,
        connections: settings.connections,
        graceMs: settings.graceMs,
      });
    progress(`warming up at ${settings.rate}/s`);
    await step(settings.rate, settings.warmupSeconds);
    const steps: StepResult[] = [];
    for (let run = 1; run <= settings.runs; run++) {
      for (const stepRate of settings.rates) {
        const result = await step(stepRate, settings.seconds);
        progress(
          `run ${run} of ${settings.runs}, ${stepRate}/s: ${Math.round(result.achievedPerSecond)}/s achieved, ` +
            `send → event p99 ${result.fromSend.p99.toFixed(1)} ms, ${result.deliveries.missed} missed`,
        );
        steps.push(result);
      }
    }
    const load = { before: loadBefore, after: loadavg()[0]! };
    const summaries = summarise(steps);
    const { met, lines } = verdict(summaries);
    const heading =
      `P8 Ledger live feed: medians of ${settings.runs} runs of ${settings.seconds} s, ${settings.subscribers} SSE subscribers ` +
      `(province, district and commune officers), ${settings.connections} sending connections, node ${process.version}, ${availableParallelism()} CPUs`;
    const notes = [
      'send = when the command was due (open loop: a late send counts against the service); event = when the SSE event with id ≥ the 201\'s position reached a subscriber in scope.',
      "a step stops sending once 5 s' worth of commands wait for a free connection (the service fell behind); every command sent is still answered and matched.",
      'the rates run in turn on one ledger, which grows by every command: later steps read a longer log.',
      `the subscribers run in a process of their own; their clock is compared with the sender's before each run (offsets ${steps
        .map((s) => `${s.clock.offsetMs.toFixed(2)}±${s.clock.uncertaintyMs.toFixed(2)}`)
        .join(', ')} ms).`,
      `load average (1 min) of the machine: ${load.before.toFixed(1)} before the bench started, ${load.after.toFixed(1)} at its end (its own three processes included)` +
        (Math.max(load.before, load.after) > availableParallelism() + 1
          ? `: other work competed for the ${availableParallelism()} cores, so latencies are longer than on a machine of its own.`
          : '.'),
      `answers other than 201: ${JSON.stringify(steps.map((s) => s.otherAnswers).filter((o) => Object.keys(o).length > 0))}`,
    ];
    process.stdout.write(`\n${heading}\n\n${formatRates(summaries)}\n\n${lines.join('\n')}\n${notes.map((n) => `  ${n}`).join('\n')}\n`);
    const results = join(PROJECT_ROOT, 'bench', 'results');
    mkdirSync(results, { recursive: true });
    const report = {
      at: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      settings,
      load,
      goal: { p99Ms: GOAL_P99_MS, rate: settings.rate, met },
      summaries,
      steps,
    };
    writeFileSync(join(results, 'live.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write('written to bench/results/live.json\n');
  } finally {
    await subscribers?.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
