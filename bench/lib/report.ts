import { median } from './stats';

/** One figure of the system under test against its baseline, over several runs. */
export interface Comparison {
  readonly figure: string;
  readonly unit: string;
  readonly goal: number;
  readonly subject: Side;
  readonly baseline: Side;
  /** Median of the subject's runs over median of the baseline's runs. */
  readonly ratio: number;
  readonly met: boolean;
  readonly notes: readonly string[];
}

export interface Side {
  readonly name: string;
  /** Rate of each run. */
  readonly runs: readonly number[];
  readonly median: number;
  /** Medians over the runs of each run's latency percentiles, when measured. */
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  /** Median over the runs of the server's CPU time per answer (user + system). */
  readonly cpuMsPerAnswer?: number;
}

interface RunFigures {
  readonly perSecond: number;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly cpuMsPerAnswer?: number;
}

export function side(name: string, runs: readonly RunFigures[]): Side {
  const medianOf = (pick: (run: RunFigures) => number | undefined) => {
    const values = runs.flatMap((run) => {
      const value = pick(run);
      return value === undefined ? [] : [value];
    });
    return values.length > 0 ? median(values) : undefined;
  };
  const p50Ms = medianOf((run) => run.p50Ms);
  const p99Ms = medianOf((run) => run.p99Ms);
  const cpuMsPerAnswer = medianOf((run) => run.cpuMsPerAnswer);
  return {
    name,
    runs: runs.map((run) => run.perSecond),
    median: median(runs.map((run) => run.perSecond)),
    ...(p50Ms === undefined ? {} : { p50Ms }),
    ...(p99Ms === undefined ? {} : { p99Ms }),
    ...(cpuMsPerAnswer === undefined ? {} : { cpuMsPerAnswer }),
  };
}

export function compare(
  figure: string,
  unit: string,
  goal: number,
  subject: Side,
  baseline: Side,
  notes: readonly string[] = [],
): Comparison {
  const ratio = subject.median / baseline.median;
  return { figure, unit, goal, subject, baseline, ratio, met: ratio >= goal, notes };
}

const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number | undefined, digits = 1) =>
  value === undefined ? '' : value.toFixed(digits);

/** The comparisons as a plain-text table, one block per figure. */
export function formatTable(comparisons: readonly Comparison[]): string {
  const rows: string[][] = [['', 'median', 'runs', 'p50 ms', 'p99 ms', 'CPU ms/answer']];
  const lines: string[] = [];
  for (const c of comparisons) {
    lines.push(
      `${c.figure}: ratio ${c.ratio.toFixed(2)} (goal ≥ ${c.goal}) ${c.met ? 'MET' : 'MISSED'}`,
    );
    const measured = [
      ...rows,
      ...[c.subject, c.baseline].map((s) => [
        `  ${s.name}`,
        `${whole(s.median)} ${c.unit}`,
        s.runs.map(whole).join(' / '),
        ms(s.p50Ms),
        ms(s.p99Ms),
        ms(s.cpuMsPerAnswer, 3),
      ]),
    ];
    // Columns a figure does not measure (latency of appends) are left out.
    const table = measured.map((row) =>
      row.filter((_, column) => measured.slice(1).some((other) => other[column] !== '')),
    );
    const widths = table[0]!.map((_, column) =>
      Math.max(...table.map((row) => row[column]!.length)),
    );
    for (const row of table) {
      lines.push(
        row
          .map((cell, column) =>
            column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
          )
          .join('   '),
      );
    }
    for (const note of c.notes) lines.push(`  ${note}`);
    lines.push('');
  }
  return lines.join('\n');
}
