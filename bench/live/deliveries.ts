/** A command answered 201, on the bench's clock. */
export interface AnsweredCommand {
  /** Its event's position in the log, from the 201 body. */
  readonly position: number;
  /** The unit it was recorded in. */
  readonly unit: string;
  /** When it was due to be sent (open loop: its scheduled time). */
  readonly sentAt: number;
  /** When its 201 arrived. */
  readonly answeredAt: number;
}

/** What one SSE subscriber received, on the bench's clock. */
export interface ReceivedFeed {
  /** Whether a command recorded in `unit` changes what this subscriber sees. */
  readonly inScope: (unit: string) => boolean;
  /** Event ids (log positions) as they arrived: strictly rising. */
  readonly ids: readonly number[];
  /** When each arrived. */
  readonly times: readonly number[];
  /** The id of the last event before these, 0 for none. */
  readonly previousId: number;
}

export interface Deliveries {
  /** (command, subscriber in scope) pairs. */
  readonly expected: number;
  /** Pairs whose subscriber received an event at or after the command's position. */
  readonly seen: number;
  readonly missed: number;
  /** Events that reflect no command in the subscriber's scope (nothing it sees changed). */
  readonly spurious: number;
  /** Of each seen pair, ms from the command's sending to the event's arrival. */
  readonly fromSend: number[];
  /** The same from the command's 201 (negative when the event came first). */
  readonly fromAnswer: number[];
}

/** Index of the first value >= `target` in rising `values`, or `values.length`. */
export function firstAtOrAfter(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Matches every command with every subscriber in its scope. The feed coalesces: an event
 * with id N shows the rows as of position N, so the first event whose id is at or after
 * a command's position is the one that shows that command to the subscriber.
 */
export function matchDeliveries(
  commands: readonly AnsweredCommand[],
  feeds: readonly ReceivedFeed[],
): Deliveries {
  const fromSend: number[] = [];
  const fromAnswer: number[] = [];
  let expected = 0;
  let spurious = 0;
  for (const feed of feeds) {
    const positions: number[] = [];
    for (const command of commands) {
      if (!feed.inScope(command.unit)) continue;
      expected += 1;
      positions.push(command.position);
      const index = firstAtOrAfter(feed.ids, command.position);
      if (index === feed.ids.length) continue;
      fromSend.push(feed.times[index]! - command.sentAt);
      fromAnswer.push(feed.times[index]! - command.answeredAt);
    }
    positions.sort((a, b) => a - b);
    let before = feed.previousId;
    for (const id of feed.ids) {
      // Some in-scope command in (before, id] is what this event shows.
      const next = firstAtOrAfter(positions, before + 1);
      if (next === positions.length || positions[next]! > id) spurious += 1;
      before = id;
    }
  }
  return { expected, seen: fromSend.length, missed: expected - fromSend.length, spurious, fromSend, fromAnswer };
}

export interface Distribution {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles (as bench/lib/stats.ts computes them) from one sort. */
export function distribution(samples: readonly number[]): Distribution {
  const sorted = Float64Array.from(samples).sort();
  const rank = (share: number) =>
    sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
  return { p50: rank(0.5), p95: rank(0.95), p99: rank(0.99), max: rank(1) };
}
