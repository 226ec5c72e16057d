import * as fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { startTestLedger, type TestLedger } from './support/test-ledger';

/**
 * Indicators against an independent model: random histories of dialogue commands go
 * through HTTP, and every total the ledger answers (for any unit, window and moment)
 * equals a count made here from the commands it accepted.
 */

/** Communes of Võ Nhai (170) and Phú Bình (173), in Thái Nguyên (19), before the 2025 reform. */
const DISTRICT_OF: Readonly<Record<string, string>> = {
  '05716': '170',
  '05746': '170',
  '05752': '170',
  '05908': '173',
  '05911': '173',
  '05917': '173',
};
const COMMUNES = Object.keys(DISTRICT_OF);
const UNITS = [...COMMUNES, '170', '173', '19'];
const LEVELS = ['commune', 'village_cluster'] as const;

type Level = (typeof LEVELS)[number];
type Officer = 'province' | 'district170';

interface Dialogue {
  readonly unitCode: string;
  readonly heldOn: string;
  readonly level: Level;
  readonly total: number;
  readonly women: number;
  readonly voided: boolean;
}

type Command =
  | { readonly kind: 'record'; readonly by: Officer; readonly dialogue: Omit<Dialogue, 'voided'> }
  | {
      readonly kind: 'correct';
      readonly by: Officer;
      readonly target: number;
      readonly changes: Partial<Omit<Dialogue, 'voided'>>;
    }
  | { readonly kind: 'void'; readonly by: Officer; readonly target: number };

interface Query {
  readonly unit: string;
  readonly from?: string;
  readonly to?: string;
  /** Per mille of the log's length: the moment to ask about, or now. */
  readonly asOf?: number;
}

const day = fc
  .integer({ min: Date.UTC(2022, 0, 1) / 86_400_000, max: Date.UTC(2024, 11, 31) / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const officer = fc.constantFrom<Officer>('province', 'province', 'district170');
const counts = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 110 }))
  // Now and then more women than participants: a refusal.
  .map(([total, percent]) => ({
    total,
    women: Math.floor((total * percent) / 100) + (percent > 100 ? 1 : 0),
  }));
const dialogue = fc
  .record({
    unitCode: fc.constantFrom(...COMMUNES),
    heldOn: day,
    level: fc.constantFrom(...LEVELS),
    counts,
  })
  .map(({ counts: c, ...rest }) => ({ ...rest, ...c }));
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('record' as const), by: officer, dialogue }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('correct' as const),
      by: officer,
      target: fc.nat(),
      changes: fc
        .record(
          {
            unitCode: fc.constantFrom(...COMMUNES),
            heldOn: day,
            level: fc.constantFrom(...LEVELS),
            total: fc.integer({ min: 0, max: 200 }),
            women: fc.integer({ min: 0, max: 120 }),
          },
          { requiredKeys: [] },
        )
        .filter((changes) => Object.keys(changes).length > 0),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('void' as const), by: officer, target: fc.nat() }),
  },
);
const query: fc.Arbitrary<Query> = fc
  .record(
    {
      unit: fc.constantFrom(...UNITS),
      from: day,
      to: day,
      asOf: fc.integer({ min: 0, max: 1000 }),
    },
    { requiredKeys: ['unit'] },
  )
  .map((q) => (q.from && q.to && q.from > q.to ? { ...q, from: q.to, to: q.from } : q));

describe('indicators equal an independent count of the accepted commands', () => {
  let t: TestLedger;
  const tokens = {} as Record<Officer | 'supervisor', string>;
  /** The model: every dialogue's state now, and after each accepted command. */
  let current = new Map<string, Dialogue>();
  const snapshots: { position: number; dialogues: ReadonlyMap<string, Dialogue> }[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestLedger();
    tokens.province = await t.user('province.officer', 'officer', '19');
    tokens.district170 = await t.user('vonhai.officer', 'officer', '170');
    tokens.supervisor = await t.user('province.supervisor', 'supervisor', '19');
  });
  afterAll(() => t.close());

  const inScope = (by: Officer, unitCode: string) =>
    by === 'province' || DISTRICT_OF[unitCode] === '170';

  /** What the ledger must answer, by the contract's order of refusals; the new state when accepted. */
  function expected(c: Command, id: string): { status: number; next?: Dialogue } {
    const standing = current.get(id);
    switch (c.kind) {
      case 'record': {
        if (c.dialogue.women > c.dialogue.total) return { status: 400 };
        if (!inScope(c.by, c.dialogue.unitCode)) return { status: 403 };
        return { status: 201, next: { ...c.dialogue, voided: false } };
      }
      case 'correct': {
        if (!standing) return { status: 404 };
        const next = { ...standing, ...c.changes };
        if (next.women > next.total) return { status: 400 };
        if (!inScope(c.by, standing.unitCode) || !inScope(c.by, next.unitCode))
          return { status: 403 };
        if (standing.voided) return { status: 409 };
        const changed = (Object.keys(c.changes) as (keyof typeof c.changes)[]).some(
          (k) => c.changes[k] !== standing[k],
        );
        return changed ? { status: 201, next } : { status: 400 };
      }
      case 'void': {
        if (!standing) return { status: 404 };
        if (!inScope(c.by, standing.unitCode)) return { status: 403 };
        if (standing.voided) return { status: 409 };
        return { status: 201, next: { ...standing, voided: true } };
      }
    }
  }

  function send(c: Command, id: string) {
    const http = t.http();
    const auth = { Authorization: `Bearer ${tokens[c.by]}` };
    switch (c.kind) {
      case 'record': {
        const { total, women, ...rest } = c.dialogue;
        return http
          .post('/api/dialogues')
          .set(auth)
          .send({ id, ...rest, topic: 'credit', participants: { total, women } });
      }
      case 'correct': {
        const { total, women, ...rest } = c.changes;
        const participants = {
          ...(total !== undefined ? { total } : {}),
          ...(women !== undefined ? { women } : {}),
        };
        const changes = {
          ...rest,
          ...(Object.keys(participants).length > 0 ? { participants } : {}),
        };
        return http
          .post(`/api/dialogues/${id}/corrections`)
          .set(auth)
          .send({ changes, reason: 'recount' });
      }
      case 'void':
        return http.post(`/api/dialogues/${id}/void`).set(auth).send({ reason: 'duplicate' });
    }
  }

  /** Ids: a new one for a record; for the others a known dialogue, or now and then an unknown one. */
  function idFor(c: Command): string {
    if (c.kind === 'record') return randomUUID();
    return c.target % 10 === 0 || ids.length === 0
      ? randomUUID()
      : (ids[c.target % ids.length] ?? randomUUID());
  }

  function modelAt(position: number | undefined): ReadonlyMap<string, Dialogue> {
    if (position === undefined) return current;
    let found: ReadonlyMap<string, Dialogue> = new Map();
    for (const snapshot of snapshots) if (snapshot.position <= position) found = snapshot.dialogues;
    return found;
  }

  function count(dialogues: ReadonlyMap<string, Dialogue>, q: Query) {
    const counted = [...dialogues.values()].filter(
      (d) =>
        !d.voided &&
        (d.unitCode === q.unit || DISTRICT_OF[d.unitCode] === q.unit || q.unit === '19') &&
        (q.from === undefined || d.heldOn >= q.from) &&
        (q.to === undefined || d.heldOn <= q.to),
    );
    const sum = (f: (d: Dialogue) => number) => counted.reduce((s, d) => s + f(d), 0);
    return {
      held: counted.length,
      level: Object.fromEntries(
        LEVELS.map((l) => [l, counted.filter((d) => d.level === l).length]),
      ),
      participants: sum((d) => d.total),
      sex: { female: sum((d) => d.women), male: sum((d) => d.total - d.women) },
    };
  }

  interface Row {
    indicator: string;
    value: number;
    breakdown?: Record<string, Record<string, number>>;
  }

  async function ask(q: Query, head: number) {
    const asOf = q.asOf === undefined ? undefined : Math.round((q.asOf / 1000) * head);
    const params = new URLSearchParams({
      unit: q.unit,
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(asOf !== undefined ? { asOf: `position:${asOf}` } : {}),
    });
    const response = await t
      .http()
      .get(`/api/indicators?${params.toString()}`)
      .set('Authorization', `Bearer ${tokens.supervisor}`)
      .expect(200);
    const rows = response.body.rows as Row[];
    const row = (code: string) => rows.find((r) => r.indicator === code);
    const cells = (code: string, dimension: string, categories: readonly string[]) =>
      Object.fromEntries(categories.map((c) => [c, row(code)?.breakdown?.[dimension]?.[c] ?? 0]));
    return {
      position: response.body.position as number,
      asOf,
      answer: {
        held: row('dialogues.held')?.value,
        level: cells('dialogues.held', 'level', LEVELS),
        participants: row('dialogues.participants')?.value,
        sex: cells('dialogues.participants', 'sex', ['female', 'male']),
      },
    };
  }

  it('for random histories, units, windows and moments', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 1, maxLength: 8 }),
        fc.array(query, { minLength: 4, maxLength: 4 }),
        async (commands, queries) => {
          for (const c of commands) {
            const id = idFor(c);
            const want = expected(c, id);
            const response = await send(c, id);
            expect({ command: c, status: response.status }).toEqual({
              command: c,
              status: want.status,
            });
            if (want.next) {
              current = new Map(current).set(id, want.next);
              if (c.kind === 'record') ids.push(id);
              snapshots.push({ position: response.body.position as number, dialogues: current });
            }
          }
          const head = await t.head();
          for (const q of queries) {
            const { position, asOf, answer } = await ask(q, head);
            expect(position).toBe(asOf ?? head);
            expect({ query: q, asOf, answer }).toEqual({
              query: q,
              asOf,
              answer: count(modelAt(asOf), q),
            });
          }
        },
      ),
      { numRuns: 30 },
    );
    // The histories were not all refusals.
    expect(snapshots.length).toBeGreaterThan(30);
  }, 30_000);
});
