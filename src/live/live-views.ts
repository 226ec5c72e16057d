import type { Database } from 'better-sqlite3';
import { indicatorFactsProjection } from '../../projections/indicators/indicator-facts.projection';
import { applicableTargets, type ApplicableTarget } from '../../projections/targets/target-queries';
import { targetsProjection } from '../../projections/targets/targets.projection';
import { rowsOf } from '../indicators/indicator-report';
import { seesCloseBreakdowns } from '../indicators/published-rows';
import { publishRow } from '../indicators/small-cells';
import type { RecordedEvent } from '../ledger/event-store.port';
import { loadTotals, openFacts, type CountedFact } from './live-facts';
import type { UnitTotals } from './unit-totals';

interface UnitView {
  totals: UnitTotals;
  /** Read again after a target event. */
  targets?: Map<string, ApplicableTarget>;
  /** The rows as each role sees them, until the totals or targets move. */
  readonly rendered: Map<string, string>;
  watchers: number;
}

const FACT_EVENTS = indicatorFactsProjection.handles ?? new Set<string>();
const TARGET_EVENTS = targetsProjection.handles ?? new Set<string>();

/**
 * The rows of every unit someone watches, kept up to date by difference: before the read
 * models apply a batch, the open facts of the records it touches are noted; after, the
 * facts those records no longer hold are taken from the totals of their units and the new
 * ones added. A batch costs what it changes, whatever the size of the ledger or the number
 * of watchers; only the units it touches have new rows. A unit's totals come from the
 * indicator sums when someone starts watching it.
 */
export class LiveViews {
  private readonly units = new Map<string, UnitView>();
  /** The open facts of the records in the batch being applied, as they stood before it. */
  private readonly before = new Map<string, CountedFact[]>();
  private targetsMoved = false;

  constructor(private readonly db: Database) {}

  watch(unit: string): void {
    const view = this.units.get(unit);
    if (view) view.watchers++;
    else
      this.units.set(unit, { totals: loadTotals(this.db, unit), rendered: new Map(), watchers: 1 });
  }

  unwatch(unit: string): void {
    const view = this.units.get(unit);
    if (view && --view.watchers === 0) this.units.delete(unit);
  }

  /** Called just before the read models apply `events`. */
  beforeBatch(events: readonly RecordedEvent[]): void {
    if (this.units.size === 0) return;
    for (const event of events) {
      if (TARGET_EVENTS.has(event.type)) this.targetsMoved = true;
      if (FACT_EVENTS.has(event.type) && !this.before.has(event.streamId)) {
        this.before.set(event.streamId, openFacts(this.db, event.streamId));
      }
    }
  }

  /** Called once the read models have applied the batch: the watched units whose rows may have changed. */
  afterBatch(): Set<string> {
    const moved = new Set<string>();
    for (const [streamId, was] of this.before) {
      const now = openFacts(this.db, streamId);
      // Facts never change once written: the same id on both sides counts the same.
      const kept = new Set(now.map((fact) => fact.id));
      const had = new Set(was.map((fact) => fact.id));
      for (const fact of was) if (!kept.has(fact.id)) this.move(fact, -1, moved);
      for (const fact of now) if (!had.has(fact.id)) this.move(fact, 1, moved);
    }
    this.before.clear();
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
    this.before.clear();
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

  private move(fact: CountedFact, sign: 1 | -1, moved: Set<string>): void {
    for (const unit of fact.units) {
      const view = this.units.get(unit);
      if (!view) continue;
      view.totals.add(sign === 1 ? fact : { ...fact, value: -fact.value }, sign);
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
