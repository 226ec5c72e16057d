import { sha256Hex } from '../event-hash';
import { mergeStreams, planCoverages, planRanges, type StreamState } from './parallel-verify-merge';

const seal = (fromPosition: number, toPosition: number, previousDigest: string, digest: string) =>
  JSON.stringify({
    fromPosition,
    toPosition,
    count: toPosition - fromPosition,
    previousDigest,
    digest,
    entries: '',
  });

const streams = (
  names: string[],
  first: number[],
  chained: number[],
  lastRevisions: number[],
  lastPositions: number[],
) => ({
  names,
  firstRevisions: Float64Array.from(first),
  chainedTo: Float64Array.from(chained),
  lastRevisions: Float64Array.from(lastRevisions),
  lastPositions: Float64Array.from(lastPositions),
});

describe('planning parallel verification', () => {
  it('plans the coverages of seals that follow on, and stops at the first that does not', () => {
    const rows: [number, string][] = [
      [11, seal(0, 10, '', 'a')],
      [23, seal(10, 21, 'a', 'b')],
      [30, seal(20, 28, 'b', 'c')],
      [40, seal(28, 39, 'c', 'd')],
    ];
    const coverages = planCoverages(rows);
    expect(coverages.map(({ from, to, previousDigest }) => ({ from, to, previousDigest }))).toEqual(
      [
        { from: 0, to: 10, previousDigest: '' },
        { from: 10, to: 21, previousDigest: 'a' },
      ],
    );
    expect(coverages[1]!.dataHash).toBe(sha256Hex(rows[1]![1]));
    expect(planCoverages([[5, seal(0, 5, '', 'a')]])).toEqual([]);
    expect(planCoverages([[5, '{not json']])).toEqual([]);
  });

  it('cuts ranges at the end of a coverage near the size asked for', () => {
    const coverages = planCoverages([
      [11, seal(0, 10, '', 'a')],
      [23, seal(10, 21, 'a', 'b')],
      [40, seal(21, 38, 'b', 'c')],
    ]);
    const ranges = planRanges(60, 12, coverages);
    expect(ranges.map(({ after, to }) => [after, to])).toEqual([
      [0, 10],
      [10, 21],
      [21, 38],
      [38, 50],
      [50, 60],
    ]);
    expect(ranges[2]!.coverages.map((c) => c.to)).toEqual([38]);
    // Without seals, plain cuts; a coverage across cuts is in every range it touches.
    expect(planRanges(25, 10, []).map(({ after, to }) => [after, to])).toEqual([
      [0, 10],
      [10, 20],
      [20, 25],
    ]);
    expect(
      planRanges(30, 4, coverages).filter((r) => r.coverages.some((c) => c.to === 21)).length,
    ).toBe(2);
  });
});

describe('merging ranges', () => {
  it('chains a stream across ranges by revision and position, and changes nothing on a doubt', () => {
    const state: StreamState = { slots: new Map(), revisions: [], positions: [] };
    expect(mergeStreams(state, streams(['a', 'b'], [0, 0], [0, 0], [2, 0], [5, 3]))).toBe(true);
    expect(mergeStreams(state, streams(['c', 'a'], [0, 4], [0, 5], [0, 4], [7, 8]))).toBe(false);
    expect(mergeStreams(state, streams(['c', 'a'], [0, 3], [0, 4], [0, 4], [7, 8]))).toBe(false);
    expect(mergeStreams(state, streams(['b'], [0], [0], [0], [9]))).toBe(false);
    expect(state.slots.size).toBe(2);
    expect(mergeStreams(state, streams(['c', 'a'], [0, 3], [0, 5], [0, 4], [7, 8]))).toBe(true);
    expect(state).toEqual({
      slots: new Map([
        ['a', 0],
        ['b', 1],
        ['c', 2],
      ]),
      revisions: [4, 0, 0],
      positions: [8, 3, 7],
    });
  });
});
