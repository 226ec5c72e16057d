import type { Database } from 'better-sqlite3';
import { watchFactMoves, type FactMove } from '../../projections/indicators/fact-moves';
import { applicableTargets, type ApplicableTarget } from '../../projections/targets/target-queries';
import { targetsProjection } from '../../projections/targets/targets.projection';
import { rowsOf } from '../indicators/indicator-report';
import { seesCloseBreakdowns } from '../indicators/published-rows';
import { publishRow } from '../indicators/small-cells';
import type { RecordedEvent } from '../ledger/event-store.port';
import { loadTotals } from './live-facts';
import type { UnitTotals } from './unit-totals';

interface UnitView {
  totals: UnitTotals;
  /** Read again after a target event. */
  targets?: Map<string, ApplicableTarget>;
  /** The rows as each role sees them, until the totals or targets move. */
  readonly rendered: Map<string, string>;
  watchers: number;
}

const TARGET_EVENTS = targetsProjection.handles ?? new Set<string>();

/**
 * The rows of every unit someone watches, kept up to date by difference: the facts each
 * committed batch opened are added to the totals of their units, those it closed taken
 * away (the indicator writer reports them as it writes them). A batch costs what it
 * changes, whatever the size of the ledger or the number of watchers; only the units it
 * touches have new rows. A unit's totals come from the indicator sums when someone starts
 * watching it.
 */
export class LiveViews {
  private readonly units = new Map<string, UnitView>();
  /** The facts opened and closed since the last batch was taken in. */
  private moves: FactMove[] = [];
  private stopMoves?: () => void;
  private targetsMoved = false;

  constructor(private readonly db: Database) {}

  watch(unit: string): void {
    const view = this.units.get(unit);
    if (view) view.watchers++;
    else
      this.units.set(unit, { totals: loadTotals(this.db, unit), rendered: new Map(), watchers: 1 });
    this.stopMoves ??= watchFactMoves(this.db, (moves) => {
      for (const move of moves) this.moves.push(move);
    });
  }

  unwatch(unit: string): void {
    const view = this.units.get(unit);
    if (view && --view.watchers === 0) this.units.delete(unit);
    if (this.units.size > 0) return;
    this.stopMoves?.();
    this.stopMoves = undefined;
    this.moves = [];
  }

  /** Called just before the read models apply `events`. */
  beforeBatch(events: readonly RecordedEvent[]): void {
    if (this.units.size === 0 || this.targetsMoved) return;
    this.targetsMoved = events.some((event) => TARGET_EVENTS.has(event.type));
  }

  /** Called once the read models have applied the batch: the watched units whose rows may have changed. */
  afterBatch(): Set<string> {
    const moved = new Set<string>();
    for (const move of this.moves) this.move(move, moved);
    this.moves = [];
    if (this.targetsMoved) {
      this.targetsMoved = false;
      for (const [unit, view] of this.units) {
        view.targets = undefined;
        view.rendered.clear();
        moved.add(unit);
      }
    }
    return moved;
  }

  /** Every watched unit's totals from the sums again (a read model was rebuilt and swapped in). */
  reload(): Set<string> {
    this.moves = [];
    this.targetsMoved = false;
    for (const [unit, view] of this.units) {
      view.totals = loadTotals(this.db, unit);
      view.targets = undefined;
      view.rendered.clear();
    }
    return new Set(this.units.keys());
  }

  /** The rows of a watched unit as `role` sees them, as the read models stand. */
  rows(unit: string, role: string): string {
    const view = this.units.get(unit);
    if (!view) throw new Error(`unit ${unit} is not watched`);
    let rows = view.rendered.get(role);
    if (rows === undefined) {
      view.targets ??= applicableTargets(this.db, { unit });
      rows = render(unit, role, view.totals, view.targets);
      view.rendered.set(role, rows);
    }
    return rows;
  }

  /** The rows of `unit` as `role` saw them when the log stood at `position`. */
  rowsAt(unit: string, role: string, position: number): string {
    const targets = applicableTargets(this.db, { unit, asOfPosition: position });
    return render(unit, role, loadTotals(this.db, unit, position), targets);
  }

  private move(fact: FactMove, moved: Set<string>): void {
    for (const unit of fact.units) {
      const view = this.units.get(unit);
      if (!view) continue;
      view.totals.add(fact.opened ? fact : { ...fact, value: -fact.value }, fact.opened ? 1 : -1);
      view.rendered.clear();
      moved.add(unit);
    }
  }
}

function render(
  unit: string,
  role: string,
  totals: UnitTotals,
  targets: ReadonlyMap<string, ApplicableTarget>,
): string {
  const closeBreakdowns = seesCloseBreakdowns({ role }, unit);
  const rows = rowsOf(unit, totals.values(), targets).map((row) =>
    publishRow(row, { closeBreakdowns }),
  );
  return JSON.stringify(rows);
}
