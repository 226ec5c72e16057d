import type { IndicatorRow } from './indicator-report';
import { cellsToHide, protectSiblings, publishRow } from './small-cells';

const row = (indicator: string, value: number, breakdown?: IndicatorRow['breakdown']): IndicatorRow => ({
  indicator,
  label: { vi: '', en: '' },
  unit: '19',
  value,
  counts: 'records',
  ...(breakdown ? { breakdown } : {}),
});

describe('small-cell suppression', () => {
  it('hides counts of 1 to 4 and one complementary cell, so that totals do not reveal them', () => {
    expect(cellsToHide({ physical: 12, sexual: 2, neglect: 7 }, false).cells.sort()).toEqual(['neglect', 'sexual']);
    expect(cellsToHide({ physical: 12, sexual: 2, neglect: 3 }, false).cells.sort()).toEqual(['neglect', 'physical', 'sexual']);
    expect(cellsToHide({ physical: 12, sexual: 0 }, false).cells).toEqual([]);
    expect(cellsToHide({ physical: 3, sexual: 0 }, true).cells).toEqual(['physical']);
  });

  it('publishes a small case total as null with suppressed, keeping other indicators as they are', () => {
    const published = publishRow(row('cases.opened', 3, { violenceType: { physical: 2, sexual: 1 } }), { closeBreakdowns: true });
    expect(published).toMatchObject({ value: null, suppressed: true, breakdown: { violenceType: { physical: null, sexual: null } } });
    expect(publishRow(row('dialogues.held', 2), { closeBreakdowns: false })).toMatchObject({ value: 2 });
  });

  it('no hidden cell can be worked out from the total and the shown cells', () => {
    const published = publishRow(row('cases.opened', 21, { violenceType: { physical: 12, sexual: 2, neglect: 7 } }), {
      closeBreakdowns: true,
    });
    const cells = published.breakdown?.violenceType ?? {};
    const hidden = Object.values(cells).filter((v) => v === null);
    expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
    expect(published.suppressedCells).toEqual({ violenceType: expect.arrayContaining(['sexual', 'neglect']) });
  });

  it('drops close breakdowns (violence type) for readers who may not see cases below the province', () => {
    const published = publishRow(row('cases.opened', 21, { violenceType: { physical: 21 } }), { closeBreakdowns: false });
    expect(published.breakdown).toEqual({});
  });

  it('hides a second sibling unit when one alone is suppressed', () => {
    const raw = [[row('cases.opened', 2)], [row('cases.opened', 9)], [row('cases.opened', 30)]];
    const siblings = raw.map((rows) => rows.map((r) => publishRow(r, { closeBreakdowns: true })));
    const protectedRows = protectSiblings(raw, siblings);
    expect(protectedRows.map((rows) => rows[0]?.value)).toEqual([null, null, 30]);
  });
});

describe('small-cell suppression, hidden sums', () => {
  it('hides enough that the hidden cells do not add up to a small, tell-tale sum', () => {
    // 1 + 1 hidden beside 10 shown under a total of 12 would give both away.
    expect(cellsToHide({ physical: 10, sexual: 1, neglect: 1 }, false).cells.sort()).toEqual(['neglect', 'physical', 'sexual']);
    expect(cellsToHide({ physical: 30, sexual: 2, neglect: 7 }, false).cells.sort()).toEqual(['neglect', 'sexual']);
  });

  it('hides the total when the hidden cells alone would still give themselves away', () => {
    // Five cases of five different types: five hidden cells adding up to 5 are each 1.
    expect(cellsToHide({ physical: 1, sexual: 1, neglect: 1, economic: 1, other: 1 }, false)).toEqual({
      cells: ['physical', 'sexual', 'neglect', 'economic', 'other'],
      total: true,
    });
    const published = publishRow(row('cases.opened', 5, { violenceType: { physical: 1, sexual: 1, neglect: 1, economic: 1, other: 1 } }), {
      closeBreakdowns: true,
    });
    expect(published).toMatchObject({ value: null, suppressed: true });
  });
});
