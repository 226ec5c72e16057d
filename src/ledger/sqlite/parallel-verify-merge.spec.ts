import {
  checkSeals,
  mergeStreams,
  planCoverages,
  planRanges,
  splitIntoLanes,
  StreamTable,
  streamKey,
} from './parallel-verify-merge';

// The worker is plain JavaScript; its key function must be this one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const worker = require('./verify-worker.js') as { streamKey: (id: string) => [number, number] };

/** A seal row as planning reads it: [position, fromPosition, toPosition, previousDigest, digest]. */
const seal = (
  position: number,
  fromPosition: number,
  toPosition: number,
  previousDigest: string,
  digest: string,
) => [position, fromPosition, toPosition, previousDigest, digest];

const streams = (
  names: string[],
  first: number[],
  chained: number[],
  lastRevisions: number[],
  lastPositions: number[],
) => ({
  keysHigh: Uint32Array.from(names.map((name) => streamKey(name)[0])),
  keysLow: Uint32Array.from(names.map((name) => streamKey(name)[1])),
  firstRevisions: Float64Array.from(first),
  chainedTo: Float64Array.from(chained),
  lastRevisions: Float64Array.from(lastRevisions),
  lastPositions: Float64Array.from(lastPositions),
});

describe('planning parallel verification', () => {
  it('plans the coverages of seals that follow on, and stops at the first that does not', () => {
    const coverages = planCoverages([
      seal(11, 0, 10, '', 'a'),
      seal(23, 10, 21, 'a', 'b'),
      seal(30, 20, 28, 'b', 'c'),
      seal(40, 28, 39, 'c', 'd'),
    ]);
    expect(coverages.map(({ from, to, previousDigest }) => ({ from, to, previousDigest }))).toEqual(
      [
        { from: 0, to: 10, previousDigest: '' },
        { from: 10, to: 21, previousDigest: 'a' },
      ],
    );
    expect(coverages[1]!.sealPosition).toBe(23);
    expect(planCoverages([seal(5, 0, 5, '', 'a')])).toEqual([]);
    expect(planCoverages([[5, null, null, null, null]])).toEqual([]);
  });

  it('cuts ranges at the end of a coverage near the size asked for', () => {
    const coverages = planCoverages([
      seal(11, 0, 10, '', 'a'),
      seal(23, 10, 21, 'a', 'b'),
      seal(40, 21, 38, 'b', 'c'),
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
  it('splits ranges into lanes of about as many events', () => {
    const ranges = planRanges(100, 10, []);
    expect(splitIntoLanes(ranges, 2)).toEqual([
      [0, 5],
      [5, 10],
    ]);
    expect(splitIntoLanes(ranges.slice(0, 1), 2)).toEqual([
      [0, 0],
      [0, 1],
    ]);
  });

  it('accepts a seal only as the next planned one, following the previous, with its digest', () => {
    const coverages = planCoverages([seal(11, 0, 10, '', 'a'), seal(23, 10, 21, 'a', 'b')]);
    const state = { seals: 0, sealedUpTo: 0, digest: '' };
    const read = (
      position: number,
      from: number,
      to: number,
      previous: string,
      digest: string,
    ) => ({
      position,
      fromPosition: from,
      toPosition: to,
      previousDigest: previous,
      digest,
    });
    const digestOf = (coverage: { key: number }) => ['a', 'b'][coverage.key];
    expect(
      checkSeals(
        state,
        [read(11, 0, 10, '', 'a'), read(23, 10, 21, 'a', 'b')],
        coverages,
        digestOf,
      ),
    ).toEqual({
      seals: 2,
      sealedUpTo: 21,
      digest: 'b',
    });
    expect(checkSeals(state, [read(11, 0, 10, '', 'x')], coverages, digestOf)).toBeUndefined();
    expect(checkSeals(state, [read(12, 0, 10, '', 'a')], coverages, digestOf)).toBeUndefined();
    expect(checkSeals(state, [read(23, 10, 21, 'a', 'b')], coverages, digestOf)).toBeUndefined();
    expect(checkSeals(state, [read(11, 0, 9, '', 'a')], coverages, digestOf)).toBeUndefined();
  });

  it('keys stream ids as the worker does', () => {
    for (const id of [
      '',
      'dialogue-1',
      'club-0f8e3c1a-2b4d-4e6f-8a9b-0c1d2e3f4a5b',
      'ledger-seals',
      'Bình đẳng giới 🌸',
    ]) {
      expect(worker.streamKey(id)).toEqual(streamKey(id));
    }
    expect(streamKey('dialogue-1')).not.toEqual(streamKey('dialogue-2'));
  });

  it('chains a stream across ranges by revision and position, and changes nothing on a doubt', () => {
    const table = new StreamTable();
    const at = (name: string) => {
      const entry = table.find(...streamKey(name));
      return entry < 0 ? undefined : [table.revisionAt(entry), table.positionAt(entry)];
    };
    expect(mergeStreams(table, streams(['a', 'b'], [0, 0], [0, 0], [2, 0], [5, 3]))).toBe(true);
    expect(mergeStreams(table, streams(['c', 'a'], [0, 4], [0, 5], [0, 4], [7, 8]))).toBe(false);
    expect(mergeStreams(table, streams(['c', 'a'], [0, 3], [0, 4], [0, 4], [7, 8]))).toBe(false);
    expect(mergeStreams(table, streams(['b'], [0], [0], [0], [9]))).toBe(false);
    expect(table.size).toBe(2);
    expect(mergeStreams(table, streams(['c', 'a'], [0, 3], [0, 5], [0, 4], [7, 8]))).toBe(true);
    expect([at('a'), at('b'), at('c'), at('d')]).toEqual([[4, 8], [0, 3], [0, 7], undefined]);
  });

  it('keeps every stream as the table grows', () => {
    const table = new StreamTable();
    const names = Array.from({ length: 100_000 }, (_, i) => `stream-${i}`);
    expect(
      mergeStreams(
        table,
        streams(
          names,
          names.map(() => 0),
          names.map(() => 0),
          names.map(() => 1),
          names.map((_, i) => i + 1),
        ),
      ),
    ).toBe(true);
    expect(table.size).toBe(100_000);
    for (const i of [0, 4_095, 65_536, 99_999])
      expect(table.positionAt(table.find(...streamKey(`stream-${i}`)))).toBe(i + 1);
  });
});
