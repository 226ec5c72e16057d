import { distribution, firstAtOrAfter, matchDeliveries, type AnsweredCommand } from './deliveries';

const command = (position: number, unit: string, sentAt: number, answeredAt: number): AnsweredCommand => ({
  position,
  unit,
  sentAt,
  answeredAt,
});
const only = (...units: string[]) => (unit: string) => units.includes(unit);

describe('matchDeliveries', () => {
  it('times each command to the first event at or after its position, for each subscriber in scope', () => {
    const commands = [command(10, 'A', 0, 5), command(11, 'B', 1, 6), command(12, 'A', 2, 7)];
    const province = { inScope: only('A', 'B'), ids: [11, 12], times: [20, 30], previousId: 9 };
    const communeA = { inScope: only('A'), ids: [12], times: [40], previousId: 9 };
    const result = matchDeliveries(commands, [province, communeA]);
    expect(result).toMatchObject({ expected: 5, seen: 5, missed: 0, spurious: 0 });
    // Province: 10 and 11 coalesced into event 11, 12 in event 12; commune A: 10 and 12 in event 12.
    expect(result.fromSend).toEqual([20, 19, 28, 40, 38]);
    expect(result.fromAnswer).toEqual([15, 14, 23, 35, 33]);
  });

  it('counts a command no subscriber in scope received as missed', () => {
    const commands = [command(10, 'A', 0, 5), command(11, 'A', 1, 6)];
    const feed = { inScope: only('A'), ids: [10], times: [8], previousId: 0 };
    expect(matchDeliveries(commands, [feed])).toMatchObject({ expected: 2, seen: 1, missed: 1 });
  });

  it('expects nothing of a subscriber out of scope, and counts every event it receives as spurious', () => {
    const commands = [command(10, 'A', 0, 5), command(11, 'A', 1, 6)];
    const silent = { inScope: only('C'), ids: [11], times: [9], previousId: 3 };
    expect(matchDeliveries(commands, [silent])).toMatchObject({ expected: 0, seen: 0, spurious: 1 });
  });

  it('counts an event with no in-scope command since the previous event as spurious', () => {
    const commands = [command(10, 'A', 0, 5), command(11, 'B', 1, 6), command(12, 'B', 2, 7)];
    const communeA = { inScope: only('A'), ids: [10, 12], times: [8, 9], previousId: 4 };
    expect(matchDeliveries(commands, [communeA])).toMatchObject({ expected: 1, seen: 1, spurious: 1 });
  });
});

describe('firstAtOrAfter', () => {
  it('finds the first value at or after the target in rising values', () => {
    expect(firstAtOrAfter([2, 4, 6], 1)).toBe(0);
    expect(firstAtOrAfter([2, 4, 6], 4)).toBe(1);
    expect(firstAtOrAfter([2, 4, 6], 5)).toBe(2);
    expect(firstAtOrAfter([2, 4, 6], 7)).toBe(3);
    expect(firstAtOrAfter([], 1)).toBe(0);
  });
});

describe('distribution', () => {
  it('gives nearest-rank percentiles and the maximum', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(distribution(samples)).toEqual({ p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('answers NaN for no samples', () => {
    expect(distribution([]).p99).toBeNaN();
  });
});
