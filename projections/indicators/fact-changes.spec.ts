import type { Fact } from './fact';
import { factChanges } from './indicator-facts.projection';

const member = (dateFrom: string, category: string): Fact => ({
  indicator: 'clubs.members',
  unitCode: '05752',
  dateFrom,
  value: 1,
  dimension: 'sex',
  category,
});

describe('fact changes', () => {
  it('moves only what changed, counting identical facts as many', () => {
    const before = [member('2023-01-01', 'female'), member('2023-01-01', 'female'), member('2023-02-01', 'male')];
    const after = [member('2023-01-01', 'female'), member('2023-02-01', 'male'), member('2023-03-01', 'male')];
    const { gone, added } = factChanges(before, after);
    expect([...gone.values()]).toEqual([1]);
    expect(added.map(([, fact]) => fact)).toEqual([member('2023-03-01', 'male')]);
  });

  it('changes nothing when the facts are the same', () => {
    const facts = [member('2023-01-01', 'female')];
    const { gone, added } = factChanges(facts, [...facts]);
    expect(gone.size).toBe(0);
    expect(added).toEqual([]);
  });
});
