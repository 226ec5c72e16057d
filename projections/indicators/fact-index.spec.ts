import fc from 'fast-check';
import type { Fact } from './fact';
import { indicatorFactsProjection } from './indicator-facts.projection';
import { queryIndicators, type IndicatorQuery } from './indicator-queries';
import { applyFactChanges, factIndexOf, keepFactIndex } from './kept-fact-indexes';
import { openFacts, writer } from './testing/fact-steps';

/*
 * The facts kept in memory must sum exactly as the SQL over the table does, for any unit,
 * geography, window and "as of" position, including while they load beside new writes.
 */

// Liên Minh and Bàn Đạt (merged in full into Tràng Xá and Tân Khánh), Tràng Xá itself,
// and Cù Vân (05461), split between two of today's communes.
const RECORDED_IN = ['05752', '05911', '05746', '05461'];
const ASKED_FOR = [
  ...RECORDED_IN,
  '170',
  '173',
  '164',
  '19',
  '05917',
  '05443',
  '05467',
];
const CURRENT_UNITS = ['05746', '05917', '05443', '05467', '19'];
const DAYS = ['2022-03-01', '2022-12-31', '2023-01-01', '2023-06-15', '2023-12-31', '2024-05-20'];

const factArbitrary: fc.Arbitrary<Fact> = fc
  .record({
    indicator: fc.constantFrom('dialogues.held', 'dialogues.participants', 'clubs.active', 'clubs.members'),
    unitCode: fc.constantFrom(...RECORDED_IN),
    dateFrom: fc.constantFrom(...DAYS),
    ends: fc.option(fc.constantFrom(...DAYS), { nil: undefined }),
    value: fc.integer({ min: 0, max: 90 }),
    cell: fc.option(fc.constantFrom(['sex', 'female'], ['sex', 'male'], ['topic', 'credit']), { nil: undefined }),
  })
  .map(({ ends, cell, ...fact }) => ({
    ...fact,
    ...(ends !== undefined && ends > fact.dateFrom ? { dateTo: ends } : {}),
    ...(cell ? { dimension: cell[0], category: cell[1] } : {}),
  }));

/** A step of the log: a fact added, or an open one (picked by number) closed. */
const stepArbitrary = fc.oneof(
  fc.record({ add: factArbitrary }),
  fc.record({ close: fc.nat() }),
);

const queryArbitrary: fc.Arbitrary<IndicatorQuery> = fc.oneof(
  fc.record({ unit: fc.constantFrom(...ASKED_FOR), geography: fc.constant('original' as const) }),
  fc.record({ unit: fc.constantFrom(...CURRENT_UNITS), geography: fc.constant('current' as const) }),
).chain((placed) =>
  fc
    .record({
      from: fc.option(fc.constantFrom(...DAYS), { nil: undefined }),
      to: fc.option(fc.constantFrom(...DAYS), { nil: undefined }),
      asOfPosition: fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }),
    })
    .map((window) => ({
      ...placed,
      ...Object.fromEntries(Object.entries(window).filter(([, value]) => value !== undefined)),
    })),
);

/** The totals in their order, down to the order of breakdown cells, which reports show. */
const ordered = <T>(map: Map<string, T>) => JSON.stringify([...map.entries()]);

describe('the indicator facts kept in memory', () => {
  it('sum as the table does, whatever was written while they loaded', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArbitrary, { maxLength: 80 }),
        fc.nat({ max: 80 }),
        fc.array(queryArbitrary, { minLength: 1, maxLength: 15 }),
        async (steps, keptFrom, queries) => {
          const onDisk = openFacts(':memory:');
          const inMemory = openFacts(':memory:');
          const writeOnDisk = writer(onDisk);
          const writeInMemory = writer(inMemory);
          let loaded: Promise<boolean> | undefined;
          for (const [index, step] of steps.entries()) {
            if (index === keptFrom) loaded = keepFactIndex(inMemory, { step: 3 });
            writeOnDisk(step);
            writeInMemory(step);
            // Let a step of the load run between writes.
            if (loaded && index % 2 === 0) await new Promise((resolve) => setImmediate(resolve));
          }
          expect(await (loaded ?? keepFactIndex(inMemory, { step: 3 }))).toBe(true);
          expect(factIndexOf(inMemory)?.size).toBe(
            (inMemory.prepare('SELECT COUNT(*) AS n FROM indicator_facts').get() as { n: number }).n,
          );
          for (const query of queries) {
            expect(ordered(queryIndicators(inMemory, query))).toBe(ordered(queryIndicators(onDisk, query)));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('load again when the table is made anew', async () => {
    const db = openFacts(':memory:');
    const write = writer(db);
    write({ add: { indicator: 'dialogues.held', unitCode: '05752', dateFrom: '2023-10-12', value: 1 } });
    expect(await keepFactIndex(db)).toBe(true);
    expect(factIndexOf(db)?.size).toBe(1);
    indicatorFactsProjection.drop(db);
    indicatorFactsProjection.open(db);
    expect(factIndexOf(db)).toBeUndefined();
    expect(await keepFactIndex(db)).toBe(true);
    expect(factIndexOf(db)?.size).toBe(0);
  });

  it('give way to the table when a change cannot be followed', async () => {
    const db = openFacts(':memory:');
    const write = writer(db);
    write({ add: { indicator: 'dialogues.held', unitCode: '05752', dateFrom: '2023-10-12', value: 1 } });
    expect(await keepFactIndex(db)).toBe(true);
    // A close of a fact the index never saw: it loads the table again.
    applyFactChanges(db, [{ id: 99, closedAt: 5 }]);
    expect(factIndexOf(db)).toBeUndefined();
    expect(await keepFactIndex(db)).toBe(true);
    expect(queryIndicators(db, { unit: '19' }).get('dialogues.held')?.value).toBe(1);
  });

  it('leave a window they cannot read to the table', async () => {
    const db = openFacts(':memory:');
    writer(db)({ add: { indicator: 'dialogues.held', unitCode: '05752', dateFrom: '2023-10-12', value: 1 } });
    await keepFactIndex(db);
    expect(factIndexOf(db)?.sumsFor({ unit: '19', geography: 'original', asOf: 9, from: '2023', to: '2024' })).toBeUndefined();
  });
});
