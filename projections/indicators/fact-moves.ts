import type { Database } from 'better-sqlite3';
import type { Fact } from './fact';
import { factRow, type FactRow } from './fact-row';

/**
 * A fact a committed batch opened or closed, as the sums over the whole of time count it:
 * every flow, and a stock while it has no end. The live feed moves its totals by these
 * instead of reading each record's facts again before and after every batch.
 */
export interface FactMove {
  readonly opened: boolean;
  readonly id: number;
  readonly indicator: string;
  readonly dimension: string | null;
  readonly category: string | null;
  readonly value: number;
  /** Where it was recorded, with its district and province then. */
  readonly units: readonly string[];
}

type MovesListener = (moves: readonly FactMove[]) => void;

const listeners = new WeakMap<Database, Set<MovesListener>>();

/** Tells `listener` the facts each committed batch of `db` opened and closed, in order. */
export function watchFactMoves(db: Database, listener: MovesListener): () => void {
  let watching = listeners.get(db);
  if (!watching) listeners.set(db, (watching = new Set()));
  watching.add(listener);
  return () => {
    watching.delete(listener);
    if (watching.size === 0) listeners.delete(db);
  };
}

/** Whether anyone watches `db`'s moves, so that its writer must note them. */
export function areFactMovesWatched(db: Database): boolean {
  return listeners.has(db);
}

export function reportFactMoves(db: Database, moves: readonly FactMove[]): void {
  for (const listener of listeners.get(db) ?? []) listener(moves);
}

/** The move of a fact just written as `row`, or none when the all-time sums leave it out. */
export function openedMove(id: number, row: FactRow): FactMove | undefined {
  // FACT_ROW_COLUMNS: stream_id, indicator, kind, unit_code, l1, l2, date_from, date_to, value, dimension, category, …
  if (row[2] === 'stock' && row[7] !== null) return undefined;
  return {
    opened: true,
    id,
    indicator: row[1] as string,
    dimension: row[9] as string | null,
    category: row[10] as string | null,
    value: row[8] as number,
    units: [row[3], row[4], row[5]].filter((unit): unit is string => typeof unit === 'string'),
  };
}

/** The move of an open fact being closed, or none when the all-time sums leave it out. */
export function closedMove(id: number, fact: Fact): FactMove | undefined {
  // Its row as it was written: where it counts is worked out in one place (factRow).
  const opened = openedMove(id, factRow(fact, '', 0));
  return opened && { ...opened, opened: false };
}
