import { UnitTotals } from './unit-totals';

describe('UnitTotals', () => {
  it('takes the total of an indicator whose breakdown adds up to it from that breakdown', () => {
    const totals = new UnitTotals();
    totals.add(
      { indicator: 'dialogues.participants', dimension: 'sex', category: 'female', value: 60 },
      1,
    );
    totals.add(
      { indicator: 'dialogues.participants', dimension: 'sex', category: 'male', value: 32 },
      1,
    );
    totals.add(
      { indicator: 'loans.disbursed_amount', dimension: 'lender', category: 'vbsp', value: 5 },
      1,
    );
    expect(totals.values().get('dialogues.participants')).toEqual({
      value: 92,
      breakdown: { sex: { female: 60, male: 32 } },
    });
    // A breakdown that need not cover every record gives no total.
    expect(totals.values().get('loans.disbursed_amount')?.value).toBe(0);
  });

  it('counts a total kept as a fact of its own (read models of version 5) once', () => {
    const totals = new UnitTotals();
    totals.add(
      { indicator: 'dialogues.participants', dimension: null, category: null, value: 92 },
      1,
    );
    totals.add(
      { indicator: 'dialogues.participants', dimension: 'sex', category: 'female', value: 60 },
      1,
    );
    totals.add(
      { indicator: 'dialogues.participants', dimension: 'sex', category: 'male', value: 32 },
      1,
    );
    expect(totals.values().get('dialogues.participants')?.value).toBe(92);
  });
});
