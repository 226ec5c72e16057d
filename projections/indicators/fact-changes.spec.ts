import type { Fact } from './fact';
import { factChanges, factKey, type OpenFact } from './fact-changes';

const member = (dateFrom: string, category: string): Fact => ({
  indicator: 'clubs.members',
  unitCode: '05752',
  dateFrom,
  value: 1,
  dimension: 'sex',
  category,
});

const opened = (facts: Fact[]): OpenFact[] => facts.map((fact, id) => ({ id, key: factKey(fact), fact }));

describe('fact changes', () => {
  it('moves only what changed, counting identical facts as many', () => {
    const open = opened([
      member('2023-01-01', 'female'),
      member('2023-01-01', 'female'),
      member('2023-02-01', 'male'),
    ]);
    const after = [
      member('2023-01-01', 'female'),
      member('2023-02-01', 'male'),
      member('2023-03-01', 'male'),
    ];
    const { close, kept, add } = factChanges(open, after);
    expect(close).toHaveLength(1);
    expect(close[0]?.key).toBe(factKey(member('2023-01-01', 'female')));
    expect(kept.map((f) => f.id).sort()).toEqual([1, 2]);
    expect(add).toEqual([member('2023-03-01', 'male')]);
  });

  it('changes nothing when the facts are the same', () => {
    const facts = [member('2023-01-01', 'female')];
    const { close, kept, add } = factChanges(opened(facts), [...facts]);
    expect(close).toEqual([]);
    expect(kept).toEqual(opened(facts));
    expect(add).toEqual([]);
  });

  it('tells facts apart by every field, an absent one from an empty one', () => {
    const total: Fact = {
      indicator: 'clubs.members',
      unitCode: '05752',
      dateFrom: '2023-01-01',
      value: 1,
    };
    const keys = new Set(
      [
        total,
        { ...total, dateTo: '2023-06-01' },
        { ...total, value: 2 },
        { ...total, unitCode: '05746' },
        { ...total, dimension: 'sex', category: 'female' },
        { ...total, dimension: 'sex', category: 'male' },
        { ...total, indicator: 'clubs.active' },
      ].map(factKey),
    );
    expect(keys.size).toBe(7);
  });
});
