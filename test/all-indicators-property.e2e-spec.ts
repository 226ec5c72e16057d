import * as fc from 'fast-check';
import { type Command, command, day } from './support/activity-commands';
import { type Ids, planner, noIds } from './support/activity-rules';
import {
  type Actor,
  CASE_INDICATORS,
  type Change,
  countIndicators,
  datesOf,
  DIMENSIONS,
  emptyModel,
  type Figure,
  type Model,
  PROVINCE,
  type Row,
  SMALL_CELL_MAX,
  suppressionProblems,
  UNITS,
} from './support/indicator-model';
import { plannerUsers } from './support/planner-users';
import { startTestLedger, type TestLedger } from './support/test-ledger';

/**
 * Every indicator against an independent model: random histories over all activities
 * (dialogues, trainings, communications, clubs and members, loans, trusted addresses and
 * cases) go through HTTP. Each command is judged against the model first (support/
 * activity-rules.ts): a command that breaks no rule must be accepted, one that breaks some
 * must be refused with one of their statuses and append nothing, and only accepted ones
 * change the model. Then every row the ledger answers, for any unit, window and moment,
 * equals a count made from the model (support/indicator-model.ts), case figures with their
 * small cells suppressed as the contract says.
 */

/** A seed whose histories accept every kind of command (checked by the test itself). */
const COVERING_SEED = Number(process.env.PROPERTY_SEED ?? 20261127);

/** A moment to ask about: now, a position recorded after an accepted command, or any position. */
type Moment =
  | { readonly kind: 'now' }
  | { readonly kind: 'recorded'; readonly pick: number }
  | { readonly kind: 'any'; readonly permille: number };
/** An end of a window: any day, or a day something happened on (where stocks turn). */
type WindowEnd = { readonly day: string } | { readonly seen: number };
interface Query {
  readonly unit: string;
  readonly from?: WindowEnd;
  readonly to?: WindowEnd;
  readonly moment: Moment;
}
const windowEnd: fc.Arbitrary<WindowEnd> = fc.oneof(
  fc.record({ day }),
  fc.record({ seen: fc.nat() }),
);
const query: fc.Arbitrary<Query> = fc.record(
  {
    unit: fc.constantFrom(...UNITS, PROVINCE, '170', '173'),
    from: windowEnd,
    to: windowEnd,
    moment: fc.oneof(
      fc.constant<Moment>({ kind: 'now' }),
      fc.record({ kind: fc.constant('recorded' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('any' as const), permille: fc.integer({ min: 0, max: 1000 }) }),
    ),
  },
  { requiredKeys: ['unit', 'moment'] },
);

describe('every indicator equals an independent count of the accepted commands', () => {
  let t: TestLedger;
  const tokens = {} as Record<Actor | 'supervisor', string>;
  const ids: Ids = noIds();
  /** The model now, and every accepted change with its position, to rebuild any moment. */
  const current = emptyModel();
  const accepted: { readonly position: number; readonly change: Change }[] = [];
  const acceptedKinds = new Map<string, number>();
  const refusedStatuses = new Map<string, number>();
  /** The largest count each indicator was checked at: the checks were not all about zeros. */
  const largestChecked = new Map<string, number>();

  beforeAll(async () => {
    t = await startTestLedger();
    Object.assign(tokens, await plannerUsers(t));
  });
  afterAll(() => t.close());

  const post = (by: Actor, path: string, body: object) =>
    t.http().post(path).set('Authorization', `Bearer ${tokens[by]}`).send(body);
  const plan = planner({ current, ids, post });

  async function run(c: Command): Promise<void> {
    const p = plan(c);
    const head = await t.head();
    const response = await p.send();
    const allowed = p.refusals.length === 0 ? [201] : p.refusals;
    const body = response.body as { position?: number; message?: string };
    const kind = 'of' in c ? `${c.of}.${c.kind.split('.')[1] ?? ''}` : c.kind;
    expect({ command: p.what, status: response.status, message: body.message }).toEqual({
      command: p.what,
      status: allowed.includes(response.status) ? response.status : `one of ${allowed.join(', ')}`,
      message: body.message,
    });
    if (response.status === 201) {
      expect(body.position).toBe(head + 1);
      expect(await t.head()).toBe(head + 1);
      p.change(current);
      accepted.push({ position: body.position as number, change: p.change });
      if (p.created) ids[p.created.list].push(p.created.id);
      acceptedKinds.set(kind, (acceptedKinds.get(kind) ?? 0) + 1);
    } else {
      // A refusal appends nothing.
      expect({ command: p.what, head: await t.head() }).toEqual({ command: p.what, head });
      const key = `${kind} ${response.status}`;
      refusedStatuses.set(key, (refusedStatuses.get(key) ?? 0) + 1);
    }
  }

  function modelAt(position: number | undefined): Model {
    if (position === undefined) return current;
    const m = emptyModel();
    for (const entry of accepted) if (entry.position <= position) entry.change(m);
    return m;
  }

  interface Window {
    readonly from?: string;
    readonly to?: string;
  }

  async function indicators(
    by: Actor | 'supervisor',
    unit: string,
    window: Window,
    asOf: number | undefined,
  ) {
    const params = new URLSearchParams({
      unit,
      ...(window.from ? { from: window.from } : {}),
      ...(window.to ? { to: window.to } : {}),
      ...(asOf === undefined ? {} : { asOf: `position:${asOf}` }),
    });
    const response = await t
      .http()
      .get(`/api/indicators?${params.toString()}`)
      .set('Authorization', `Bearer ${tokens[by]}`);
    expect({ unit, status: response.status }).toEqual({ unit, status: 200 });
    return response.body as { position: number; rows: Row[] };
  }

  async function check(q: Query, head: number): Promise<void> {
    const asOf =
      q.moment.kind === 'now'
        ? undefined
        : q.moment.kind === 'any'
          ? Math.round((q.moment.permille / 1000) * head)
          : accepted[q.moment.pick % accepted.length]?.position;
    const model = modelAt(asOf);
    const seen = datesOf(current);
    const dayOf = (end: WindowEnd | undefined) =>
      end === undefined ? undefined : 'day' in end ? end.day : seen[end.seen % seen.length];
    const [from, to] = [dayOf(q.from), dayOf(q.to)];
    const window: Window =
      from && to && from > to
        ? { from: to, to: from }
        : { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    const moment = { unit: q.unit, ...window, asOf };

    // The supervisor: every figure, case figures with small cells hidden (and no violence
    // type below the province).
    const read = await indicators('supervisor', q.unit, window, asOf);
    expect({ ...moment, position: read.position }).toEqual({ ...moment, position: asOf ?? head });
    const counted = countIndicators(model, q.unit, window.from, window.to);
    expect({ ...moment, codes: read.rows.map((r) => r.indicator).sort() }).toEqual({
      ...moment,
      codes: Object.keys(DIMENSIONS).sort(),
    });
    const open = (code: string, breakdown: Row['breakdown']) =>
      Object.fromEntries(
        (DIMENSIONS[code] ?? []).map((d) => [
          d,
          Object.fromEntries(Object.entries(breakdown?.[d] ?? {}).filter(([, n]) => n !== 0)),
        ]),
      );
    const plain = read.rows.filter((r) => !CASE_INDICATORS.includes(r.indicator));
    expect({
      ...moment,
      rows: plain.map((r) => ({
        indicator: r.indicator,
        value: r.value,
        dimensions: Object.keys(r.breakdown ?? {}).sort(),
        breakdown: open(r.indicator, r.breakdown),
      })),
    }).toEqual({
      ...moment,
      rows: plain.map((r) => {
        const want = counted.get(r.indicator) as Figure;
        return {
          indicator: r.indicator,
          value: want.value,
          dimensions: [...(DIMENSIONS[r.indicator] ?? [])].sort(),
          breakdown: open(r.indicator, want.breakdown),
        };
      }),
    });
    for (const [code, figure] of counted)
      largestChecked.set(code, Math.max(largestChecked.get(code) ?? 0, figure.value));

    const caseFigures = async (by: Actor | 'supervisor', unit: string, rows: Row[]) => {
      const want = unit === q.unit ? counted : countIndicators(model, unit, window.from, window.to);
      const problems = CASE_INDICATORS.flatMap((code) => {
        const dimensions = (DIMENSIONS[code] ?? []).filter(
          (d) => d !== 'violenceType' || by !== 'supervisor' || unit === PROVINCE,
        );
        return suppressionProblems(
          rows.find((r) => r.indicator === code),
          want.get(code) as Figure,
          dimensions,
        ).map((problem) => `${code}: ${problem}`);
      });
      expect({ ...moment, by, unit, problems }).toEqual({ ...moment, by, unit, problems: [] });
      for (const code of CASE_INDICATORS) {
        largestChecked.set(
          `${code}@${unit}`,
          Math.max(largestChecked.get(`${code}@${unit}`) ?? 0, want.get(code)?.value ?? 0),
        );
      }
    };
    await caseFigures('supervisor', q.unit, read.rows);
    // A case worker: case figures at the province and at the unit asked, small cells hidden.
    for (const unit of new Set([PROVINCE, q.unit])) {
      const asCaseWorker = await indicators('caseProvince', unit, window, asOf);
      expect({ ...moment, position: asCaseWorker.position }).toEqual({
        ...moment,
        position: asOf ?? head,
      });
      await caseFigures('caseProvince', unit, asCaseWorker.rows);
    }
  }

  const histories = fc.asyncProperty(
    fc.noBias(fc.array(command, { minLength: 15, maxLength: 40, size: 'max' })),
    fc.array(query, { minLength: 5, maxLength: 5 }),
    async (commands, queries) => {
      for (const c of commands) await run(c);
      const head = await t.head();
      for (const q of queries) await check(q, head);
    },
  );

  it('for random histories of every activity, units, windows and moments', async () => {
    // The ledger lives across runs (histories pile up, as in a real one), so a shrunk
    // counterexample would replay onto another state: stop at the first failure instead.
    // First a fixed seed, whose histories are known to accept every kind of command and
    // reach every indicator (asserted below), so that coverage never depends on luck...
    await fc.assert(histories, { numRuns: 20, endOnFailure: true, seed: COVERING_SEED });
    // The whole history at the province, as it stands now.
    await check({ unit: PROVINCE, moment: { kind: 'now' } }, await t.head());
    // The seeded histories were not all refusals, and every indicator was checked above zero, case
    // figures above the small cells at the province.
    const missing = [
      'dialogue.record',
      'dialogue.correct',
      'dialogue.void',
      'training.record',
      'training.correct',
      'training.void',
      'communication.record',
      'communication.correct',
      'communication.void',
      'club.establish',
      'club.dissolve',
      'member.enrol',
      'member.withdraw',
      'loan.introduce',
      'loan.decide',
      'loan.disburse',
      'loan.repay',
      'address.establish',
      'address.close',
      'case.open',
      'case.refer',
      'case.close',
    ].filter((kind) => !acceptedKinds.has(kind));
    expect({ missing }).toEqual({ missing: [] });
    expect(refusedStatuses.get('loan.disburse 409')).toBeGreaterThan(0);
    for (const code of Object.keys(DIMENSIONS))
      expect({ code, checked: (largestChecked.get(code) ?? 0) > 0 }).toEqual({
        code,
        checked: true,
      });
    for (const code of CASE_INDICATORS) {
      expect({
        code,
        aboveSmallCells: (largestChecked.get(`${code}@${PROVINCE}`) ?? 0) > SMALL_CELL_MAX,
      }).toEqual({ code, aboveSmallCells: true });
    }
    // ...then fresh histories on every run, onto the same ledger; a failure prints its seed.
    await fc.assert(histories, { numRuns: 8, endOnFailure: true });
  }, 90_000);
});

describe('case figures give no hidden cell away', () => {
  // The property above meets these now and then; here they are on purpose. A category is
  // listed only when it holds a case, so hidden cells that share as many cases as there
  // are of them hold one each.
  it.each([
    ['two hidden types share 2 cases', { physical: 10, sexual: 1, neglect: 1 }],
    [
      'five types of one case each',
      { physical: 1, sexual: 1, psychological: 1, economic: 1, neglect: 1 },
    ],
  ])('%s', async (_name, counted: Record<string, number>) => {
    const t = await startTestLedger();
    try {
      const caseWorker = await t.user('province.caseworker', 'case_worker', PROVINCE);
      const auth = { Authorization: `Bearer ${caseWorker}` };
      const address = await t
        .http()
        .post('/api/trusted-addresses')
        .set(auth)
        .send({ name: 'Địa chỉ tin cậy', unitCode: '05752', establishedOn: '2023-01-10' })
        .expect(201);
      for (const [violenceType, cases] of Object.entries(counted)) {
        for (let n = 0; n < cases; n++) {
          await t
            .http()
            .post(`/api/trusted-addresses/${(address.body as { id: string }).id}/cases`)
            .set(auth)
            .send({
              openedOn: '2023-02-01',
              violenceType,
              consent: true,
              subject: { sex: 'female', ageBand: '30-59' },
            })
            .expect(201);
        }
      }
      const read = await t.http().get(`/api/indicators?unit=${PROVINCE}`).set(auth).expect(200);
      const row = (read.body as { rows: Row[] }).rows.find((r) => r.indicator === 'cases.opened');
      const value = Object.values(counted).reduce((sum, n) => sum + n, 0);
      const want = { value, breakdown: { violenceType: counted } };
      expect({ row, problems: suppressionProblems(row, want, ['violenceType']) }).toEqual({
        row,
        problems: [],
      });
    } finally {
      await t.close();
    }
  });
});
