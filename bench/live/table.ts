import { median } from '../lib/stats';
import type { StepResult } from './step';

/** The median over the runs of one rate, figure by figure. */
export interface RateSummary {
  readonly rate: number;
  readonly runs: number;
  readonly achievedPerSecond: number;
  /** Sustained in every run. */
  readonly sustained: boolean;
  /** Runs that stopped sending early, the service having fallen behind. */
  readonly stoppedEarly: number;
  readonly expected: number;
  readonly missed: number;
  readonly spurious: number;
  readonly fromSend: { p50: number; p95: number; p99: number; max: number };
  readonly fromAnswer: { p50: number; p99: number };
  readonly answerP99: number;
  readonly senderLagP99: number;
  readonly subscriberLoopP99: number;
  readonly serverCpu?: number;
  readonly serverCpuMsPerCommand?: number;
  readonly subscribersCpu: number;
}

export function summarise(steps: readonly StepResult[]): RateSummary[] {
  const rates = [...new Set(steps.map((s) => s.rate))].sort((a, b) => a - b);
  return rates.map((rate) => {
    const runs = steps.filter((s) => s.rate === rate);
    const m = (pick: (s: StepResult) => number) => median(runs.map(pick));
    const server = runs.flatMap((s) => (s.cpu.server === undefined ? [] : [s.cpu.server]));
    const perCommand = runs.flatMap((s) => (s.serverCpuMsPerCommand === undefined ? [] : [s.serverCpuMsPerCommand]));
    return {
      rate,
      runs: runs.length,
      achievedPerSecond: m((s) => s.achievedPerSecond),
      sustained: runs.every((s) => s.sustained),
      stoppedEarly: runs.filter((s) => s.stoppedEarly).length,
      expected: m((s) => s.deliveries.expected),
      // Any miss in any run counts: a subscriber must see every command.
      missed: runs.reduce((sum, s) => sum + s.deliveries.missed, 0),
      spurious: runs.reduce((sum, s) => sum + s.deliveries.spurious, 0),
      fromSend: {
        p50: m((s) => s.fromSend.p50),
        p95: m((s) => s.fromSend.p95),
        p99: m((s) => s.fromSend.p99),
        max: m((s) => s.fromSend.max),
      },
      fromAnswer: { p50: m((s) => s.fromAnswer.p50), p99: m((s) => s.fromAnswer.p99) },
      answerP99: m((s) => s.answer.p99),
      senderLagP99: m((s) => s.senderLag.p99),
      subscriberLoopP99: m((s) => s.subscriberLoopDelay.p99),
      ...(server.length > 0 ? { serverCpu: median(server) } : {}),
      ...(perCommand.length > 0 ? { serverCpuMsPerCommand: median(perCommand) } : {}),
      subscribersCpu: m((s) => s.cpu.subscribers),
    };
  });
}

const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => value.toFixed(1);

/** One column per rate, one row per figure: medians of the runs; misses and spurious events summed over the runs. */
export function formatRates(summaries: readonly RateSummary[]): string {
  const figures: [string, (s: RateSummary) => string][] = [
    ['commands/s offered', (s) => whole(s.rate)],
    ['commands/s achieved (201s)', (s) => whole(s.achievedPerSecond)],
    ['sustained', (s) => (s.sustained ? 'yes' : s.stoppedEarly > 0 ? `NO (${s.stoppedEarly} fell behind)` : 'NO')],
    ['deliveries expected per run', (s) => whole(s.expected)],
    ['deliveries missed (all runs)', (s) => whole(s.missed)],
    ['events with no change in scope', (s) => whole(s.spurious)],
    ['send → event p50 ms', (s) => ms(s.fromSend.p50)],
    ['send → event p95 ms', (s) => ms(s.fromSend.p95)],
    ['send → event p99 ms', (s) => ms(s.fromSend.p99)],
    ['send → event max ms', (s) => ms(s.fromSend.max)],
    ['201 → event p50 ms', (s) => ms(s.fromAnswer.p50)],
    ['201 → event p99 ms', (s) => ms(s.fromAnswer.p99)],
    ['send → 201 p99 ms', (s) => ms(s.answerP99)],
    ['sender lag p99 ms', (s) => ms(s.senderLagP99)],
    ["subscribers' event-loop delay p99 ms", (s) => ms(s.subscriberLoopP99)],
    ['server CPU % of a core', (s) => (s.serverCpu === undefined ? '' : whole(s.serverCpu))],
    ['server CPU ms per command', (s) => (s.serverCpuMsPerCommand === undefined ? '' : s.serverCpuMsPerCommand.toFixed(2))],
    ["subscribers' CPU % of a core", (s) => whole(s.subscribersCpu)],
  ];
  const table = figures.map(([name, cell]) => [name, ...summaries.map(cell)]);
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return table
    .map((row) => `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   ')}`)
    .join('\n');
}
