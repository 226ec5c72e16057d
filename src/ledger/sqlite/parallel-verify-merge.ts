/**
 * The main thread's side of parallel verification: planning ranges around the seals, and
 * merging, in log order, what the workers (verify-worker.js) answer about each range. Every
 * function answers "as written" only when the sequential verifier would have accepted the
 * same events; anything else is a doubt, which the sequential verifier settles.
 */

/** Events a seal covers, (from, to], as planned from the seals' stored data. */
export interface Coverage {
  readonly key: number;
  readonly from: number;
  readonly to: number;
  readonly previousDigest: string;
  /** Where the seal sits. */
  readonly sealPosition: number;
}

export interface Range {
  readonly after: number;
  readonly to: number;
  /** The coverages the range has events of, in log order. */
  readonly coverages: readonly Coverage[];
}

/**
 * Per stream met in a range, in order of first appearance (see verify-worker.js), by the
 * 64-bit key of its id (streamKey): names never cross threads. Two streams with one key
 * only ever raise a doubt (see mergeStreams).
 */
export interface RangeStreams {
  readonly keysHigh: Uint32Array;
  readonly keysLow: Uint32Array;
  readonly firstRevisions: Float64Array;
  /** Position of the event the first one is chained to; 0 when it starts the stream. */
  readonly chainedTo: Float64Array;
  readonly lastRevisions: Float64Array;
  readonly lastPositions: Float64Array;
}

/** Two 32-bit FNV-1a-like hashes of a stream id; verify-worker.js has the same function. */
export function streamKey(streamId: string): [high: number, low: number] {
  let high = 0x811c9dc5;
  let low = 0x9747b28c;
  for (let i = 0; i < streamId.length; i++) {
    const c = streamId.charCodeAt(i);
    high = Math.imul(high ^ c, 0x01000193);
    low = Math.imul(low ^ c, 0x5bd1e995);
    low ^= low >>> 13;
  }
  return [high >>> 0, (low | 1) >>> 0];
}

/**
 * Each stream's last revision and the position of its last event, by key: an open-address
 * table of [key high, key low, revision, position] cells in one typed array (one cache line
 * per lookup), so that half a million streams cost neither map entries nor GC. Revisions
 * and positions fit 32 bits (the worker doubts any that do not).
 */
export class StreamTable {
  private cells = new Uint32Array(4 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The entry of a key, or -1. */
  find(high: number, low: number): number {
    const cells = this.cells;
    const mask = (cells.length >>> 2) - 1;
    for (let i = (low ^ Math.imul(high, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const at = i << 2;
      if (cells[at + 1] === 0) return -1;
      if (cells[at + 1] === low && cells[at] === high) return at;
    }
  }

  revisionAt(entry: number): number {
    return this.cells[entry + 2]!;
  }

  positionAt(entry: number): number {
    return this.cells[entry + 3]!;
  }

  update(entry: number, revision: number, position: number): void {
    this.cells[entry + 2] = revision;
    this.cells[entry + 3] = position;
  }

  /** Adds a key that is not in the table. */
  insert(high: number, low: number, revision: number, position: number): void {
    if ((this.count + 1) * 2 > this.cells.length >>> 2) this.grow();
    const cells = this.cells;
    const mask = (cells.length >>> 2) - 1;
    let i = (low ^ Math.imul(high, 0x9e3779b1)) & mask;
    while (cells[(i << 2) + 1] !== 0) i = (i + 1) & mask;
    const at = i << 2;
    cells[at] = high;
    cells[at + 1] = low;
    cells[at + 2] = revision;
    cells[at + 3] = position;
    this.count += 1;
  }

  private grow(): void {
    const old = this.cells;
    this.cells = new Uint32Array(old.length * 2);
    this.count = 0;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 1] !== 0) this.insert(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    }
  }
}

export type RangeAnswer =
  | { readonly ok: false }
  | {
      readonly ok: true;
      readonly streams: RangeStreams;
      /** Every LogSealed event: its position and fields, as the sequential verifier parses them. */
      readonly seals: readonly SealRead[];
      readonly coverages: readonly {
        readonly key: number;
        readonly digest?: string;
        readonly bytes?: Uint8Array;
      }[];
    };

export interface SealState {
  readonly seals: number;
  readonly sealedUpTo: number;
  readonly digest: string;
}

interface SealData {
  readonly fromPosition: number;
  readonly toPosition: number;
  readonly previousDigest: string;
  readonly digest: string;
}

export interface SealRead extends SealData {
  readonly position: number;
}

/**
 * The coverages of the seals as stored, [position, fromPosition, toPosition,
 * previousDigest, digest] in log order, while each follows on from the previous one and
 * covers events before itself: the ones a valid log has. Planning only decides which
 * digests the workers compute; the seals they read are checked on merge.
 */
export function planCoverages(seals: readonly (readonly unknown[])[]): Coverage[] {
  const coverages: Coverage[] = [];
  let to = 0;
  let digest = '';
  for (const [position, fromPosition, toPosition, previousDigest, sealDigest] of seals) {
    if (fromPosition !== to || previousDigest !== digest || typeof sealDigest !== 'string') break;
    if (!Number.isInteger(toPosition) || !Number.isInteger(position)) break;
    if ((toPosition as number) <= to || (toPosition as number) >= (position as number)) break;
    coverages.push({
      key: coverages.length,
      from: to,
      to: toPosition as number,
      previousDigest: digest,
      sealPosition: position as number,
    });
    to = toPosition as number;
    digest = sealDigest;
  }
  return coverages;
}

/**
 * Cuts (0, head] into ranges of about `size` events, each at the end of a seal's coverage
 * when one ends between half and twice the size, the nearest to the size: a coverage that
 * lies in one range is hashed by its worker; the others come back as text, hashed here.
 */
export function planRanges(head: number, size: number, coverages: readonly Coverage[]): Range[] {
  const ranges: Range[] = [];
  let c = 0;
  for (let after = 0; after < head;) {
    while (c < coverages.length && coverages[c]!.to <= after) c += 1;
    const target = after + size;
    let to = Math.min(head, target);
    if (to < head) {
      let best: number | undefined;
      for (let i = c; i < coverages.length && coverages[i]!.to <= after + 2 * size; i++) {
        const end = coverages[i]!.to;
        if (
          end > after + size / 2 &&
          (best === undefined || Math.abs(end - target) < Math.abs(best - target))
        )
          best = end;
      }
      if (best !== undefined) to = Math.min(head, best);
    }
    const touched: Coverage[] = [];
    for (let i = c; i < coverages.length && coverages[i]!.from < to; i++)
      touched.push(coverages[i]!);
    ranges.push({ after, to, coverages: touched });
    after = to;
  }
  return ranges;
}

/** Splits ranges into `count` runs of consecutive ranges with about as many events each. */
export function splitIntoLanes(
  ranges: readonly Range[],
  count: number,
): [from: number, to: number][] {
  const head = ranges[ranges.length - 1]?.to ?? 0;
  const lanes: [number, number][] = [];
  let from = 0;
  for (let lane = 1; lane <= count; lane++) {
    let to = from;
    while (to < ranges.length && (lane === count || ranges[to]!.to <= (head * lane) / count))
      to += 1;
    lanes.push([from, to]);
    from = to;
  }
  return lanes;
}

/**
 * Chains a range's streams onto the state before it: a stream's first event in the range
 * must follow on from its last event before the range (revision, and the position whose
 * stored hash the worker chained to), or start a stream never met. A stream sharing its key
 * with another one met before fails either way (the position chained to is a row of its
 * own), so a shared key is a doubt, never a pass. Changes nothing on a doubt.
 */
export function mergeStreams(table: StreamTable, streams: RangeStreams): boolean {
  const { keysHigh, keysLow, firstRevisions, chainedTo, lastRevisions, lastPositions } = streams;
  const found = new Int32Array(keysLow.length);
  for (let i = 0; i < keysLow.length; i++) {
    const entry = table.find(keysHigh[i]!, keysLow[i]!);
    if (entry < 0) {
      if (firstRevisions[i] !== 0) return false;
    } else if (
      firstRevisions[i] !== table.revisionAt(entry) + 1 ||
      chainedTo[i] !== table.positionAt(entry)
    ) {
      return false;
    }
    found[i] = entry;
  }
  // Existing entries first: inserting may grow the table and move them.
  for (let i = 0; i < keysLow.length; i++) {
    if (found[i]! >= 0) table.update(found[i]!, lastRevisions[i]!, lastPositions[i]!);
  }
  for (let i = 0; i < keysLow.length; i++) {
    if (found[i]! < 0)
      table.insert(keysHigh[i]!, keysLow[i]!, lastRevisions[i]!, lastPositions[i]!);
  }
  return true;
}

/**
 * The seals of a range, in log order, as the sequential verifier checks them: each follows
 * the previous seal and its digest matches the events it covers. Every event before a seal
 * is checked by then (ranges merge in order), so the digest of its coverage is known.
 * Answers the seal state after them, or undefined on a doubt.
 */
export function checkSeals(
  state: SealState,
  seals: readonly SealRead[],
  coverages: readonly Coverage[],
  digestOf: (coverage: Coverage) => string | undefined,
): SealState | undefined {
  let { seals: count, sealedUpTo, digest } = state;
  for (const seal of seals) {
    if (seal.fromPosition !== sealedUpTo || seal.previousDigest !== digest) return undefined;
    // Coverages are planned in log order, one per valid seal: this seal's is the next one.
    const coverage = coverages[count];
    if (!coverage || coverage.sealPosition !== seal.position) return undefined;
    if (coverage.from !== seal.fromPosition || coverage.to !== seal.toPosition) return undefined;
    if (coverage.previousDigest !== seal.previousDigest) return undefined;
    if (digestOf(coverage) !== seal.digest) return undefined;
    count += 1;
    sealedUpTo = seal.toPosition;
    digest = seal.digest;
  }
  return { seals: count, sealedUpTo, digest };
}
