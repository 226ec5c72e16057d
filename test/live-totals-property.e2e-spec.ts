import * as fc from 'fast-check';
import { publishedRows } from '../src/indicators/published-rows';
import { LiveViews } from '../src/live/live-views';
import { type Command, command } from './support/activity-commands';
import { type Ids, planner, noIds } from './support/activity-rules';
import { type Actor, emptyModel, PROVINCE, UNITS } from './support/indicator-model';
import { plannerUsers } from './support/planner-users';
import { startTestLedger, type TestLedger } from './support/test-ledger';

/**
 * The live feed keeps each watched unit's totals in memory and moves them by the facts
 * each batch opens and closes (src/live/live-views.ts). For random histories of every
 * activity, and targets set, corrected and voided, the rows it holds always equal the rows
 * the indicator sums give (GET /api/indicators' own code), for every unit and role; a unit
 * whose rows changed is always among those it says moved; and the rows as of an earlier
 * position (a reconnecting dashboard) equal the sums as of then.
 */

/** Kinds of command the seeded histories must have accepted. */
const COVERED = [
  'gathering.correct',
  'gathering.void',
  'member.enrol',
  'member.withdraw',
  'club.dissolve',
  'case.close',
  'target.set',
  'target.correct',
  'target.void',
];
const ROLES = ['officer', 'case_worker'] as const;
const WATCHED = [...UNITS, '165'];

/** A target command: set one on a unit, correct or void one set before. */
type TargetCommand =
  | {
      readonly kind: 'target.set';
      readonly unit: string;
      readonly indicator: string;
      readonly value: number;
    }
  | { readonly kind: 'target.correct'; readonly pick: number; readonly value: number }
  | { readonly kind: 'target.void'; readonly pick: number };
const targetCommand: fc.Arbitrary<TargetCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('target.set' as const),
    unit: fc.constantFrom(PROVINCE, '170', '05752'),
    indicator: fc.constantFrom('dialogues.held', 'clubs.members', 'cases.opened'),
    value: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({
    kind: fc.constant('target.correct' as const),
    pick: fc.nat(),
    value: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({ kind: fc.constant('target.void' as const), pick: fc.nat() }),
);

describe('live totals moved fact by fact equal the indicator sums', () => {
  let t: TestLedger;
  let views: LiveViews;
  const tokens = {} as Record<Actor | 'supervisor' | 'admin', string>;
  const ids: Ids = noIds();
  const targets: string[] = [];
  const current = emptyModel();
  const moved = new Set<string>();
  const positions: number[] = [];
  const stops: (() => void)[] = [];
  const accepted = new Set<string>();

  beforeAll(async () => {
    t = await startTestLedger();
    Object.assign(tokens, await plannerUsers(t));
    tokens.admin = await t.adminToken();
    views = new LiveViews(t.ledger.readModels);
    stops.push(t.ledger.runner.onBatch((events) => views.beforeBatch(events)));
    stops.push(
      t.ledger.runner.onAdvance(() => views.afterBatch().forEach((unit) => moved.add(unit))),
    );
    // Half the units watched from the start, the others once the ledger holds a history.
    for (const unit of WATCHED.slice(0, WATCHED.length / 2)) views.watch(unit);
  });
  afterAll(async () => {
    stops.forEach((stop) => stop());
    await t.close();
  });

  const post = (by: Actor | 'admin', path: string, body: object) =>
    t.http().post(path).set('Authorization', `Bearer ${tokens[by]}`).send(body);
  const plan = planner({ current, ids, post });

  async function run(c: Command | TargetCommand): Promise<void> {
    if (c.kind === 'target.set' || c.kind === 'target.correct' || c.kind === 'target.void') {
      await runTarget(c);
    } else {
      const p = plan(c);
      const response = await p.send();
      if (response.status === 201) {
        accepted.add(c.kind);
        p.change(current);
        if (p.created) ids[p.created.list].push(p.created.id);
      }
    }
    const head = await t.head();
    expect(await t.ledger.runner.waitFor(head)).toBe(true);
    positions.push(head);
  }

  async function runTarget(c: TargetCommand): Promise<void> {
    const id = targets[('pick' in c ? c.pick : 0) % Math.max(1, targets.length)];
    if (c.kind === 'target.set') {
      const body = {
        indicator: c.indicator,
        unitCode: c.unit,
        periodFrom: '2021-01-01',
        periodTo: '2025-12-31',
        value: c.value,
      };
      const response = await post('admin', '/api/targets', body).expect(201);
      targets.push((response.body as { id: string }).id);
      accepted.add(c.kind);
    } else if (id && c.kind === 'target.correct') {
      const response = await post('admin', `/api/targets/${id}/corrections`, {
        changes: { value: c.value },
        reason: 'plan revised',
      });
      if (response.status === 201) accepted.add(c.kind);
    } else if (id) {
      const response = await post('admin', `/api/targets/${id}/void`, { reason: 'set by mistake' });
      if (response.status === 201) accepted.add(c.kind);
    }
  }

  const recomputed = (unit: string, role: string, asOfPosition?: number) =>
    JSON.parse(
      JSON.stringify(publishedRows(t.ledger.readModels, { unit, asOfPosition }, { role })),
    ) as unknown;
  const held = (unit: string, role: string) => JSON.parse(views.rows(unit, role)) as unknown;

  /** What each watched unit showed after the previous command. */
  const before = new Map<string, unknown>();

  function check(watched: readonly string[], pick: number): void {
    for (const unit of watched) {
      for (const role of ROLES) {
        const want = recomputed(unit, role);
        expect({ unit, role, rows: held(unit, role) }).toEqual({ unit, role, rows: want });
        const key = `${unit}|${role}`;
        const changed = before.has(key) && JSON.stringify(before.get(key)) !== JSON.stringify(want);
        // Rows that changed belong to a unit the batch said moved.
        expect({ unit, role, changedUnmoved: changed && !moved.has(unit) }).toEqual({
          unit,
          role,
          changedUnmoved: false,
        });
        before.set(key, want);
      }
    }
    moved.clear();
    const position = positions[pick % positions.length];
    const unit = watched[pick % watched.length];
    if (position === undefined || unit === undefined) return;
    for (const role of ROLES) {
      expect({
        unit,
        role,
        position,
        rows: JSON.parse(views.rowsAt(unit, role, position)) as unknown,
      }).toEqual({
        unit,
        role,
        position,
        rows: recomputed(unit, role, position),
      });
    }
  }

  it('for random histories of every activity and of targets, every unit and role, now and as of before', async () => {
    const step = fc.oneof(
      { arbitrary: command, weight: 5 },
      { arbitrary: targetCommand, weight: 1 },
    );
    let watched = WATCHED.slice(0, WATCHED.length / 2);
    const histories = fc.asyncProperty(
      fc.noBias(fc.array(fc.tuple(step, fc.nat()), { minLength: 10, maxLength: 30, size: 'max' })),
      async (steps) => {
        for (const [c, pick] of steps) {
          await run(c);
          check(watched, pick);
        }
        if (watched.length < WATCHED.length) {
          for (const unit of WATCHED.slice(watched.length)) views.watch(unit);
          watched = WATCHED;
          check(watched, 0);
        }
      },
    );
    await fc.assert(histories, { numRuns: 12, endOnFailure: true, seed: 20261127 });
    await fc.assert(histories, { numRuns: 4, endOnFailure: true });
    // The seeded histories set, corrected and voided targets, and took facts away (corrections,
    // voids, withdrawals, closures) as well as adding them.
    expect([...accepted].sort()).toEqual(expect.arrayContaining(COVERED));
  }, 120_000);
});
