import { sha256Hex } from '../event-hash';

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
  /** The seal's data, and the sha256 of its stored text, which the worker hashes again. */
  readonly seal: SealData;
  readonly dataHash: string;
}

export interface Range {
  readonly after: number;
  readonly to: number;
  /** The coverages the range has events of, in log order. */
  readonly coverages: readonly Coverage[];
}

/** Per stream met in a range, in order of first appearance (see verify-worker.js). */
export interface RangeStreams {
  readonly names: readonly string[];
  readonly firstRevisions: Float64Array;
  /** Position of the event the first one is chained to; 0 when it starts the stream. */
  readonly chainedTo: Float64Array;
  readonly lastRevisions: Float64Array;
  readonly lastPositions: Float64Array;
}

export type RangeAnswer =
  | { readonly ok: false }
  | {
      readonly ok: true;
      readonly streams: RangeStreams;
      /** Every LogSealed event: its position and the sha256 of its data text. */
      readonly seals: readonly SealRead[];
      readonly coverages: readonly {
        readonly key: number;
        readonly digest?: string;
        readonly bytes?: Uint8Array;
      }[];
    };

/** Each stream's last revision and the position of its last event, by slot. */
export interface StreamState {
  readonly slots: Map<string, number>;
  readonly revisions: number[];
  readonly positions: number[];
}

export interface SealState {
  readonly seals: number;
  readonly sealedUpTo: number;
  readonly digest: string;
}

export interface SealRead {
  readonly position: number;
  readonly dataHash: string;
}

interface SealData {
  readonly fromPosition: number;
  readonly toPosition: number;
  readonly previousDigest: string;
  readonly digest: string;
}

function sealData(text: unknown): SealData | undefined {
  if (typeof text !== 'string') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { fromPosition, toPosition, previousDigest, digest } = data as Record<string, unknown>;
  if (!Number.isInteger(fromPosition) || !Number.isInteger(toPosition)) return undefined;
  if (typeof previousDigest !== 'string' || typeof digest !== 'string') return undefined;
  return {
    fromPosition: fromPosition as number,
    toPosition: toPosition as number,
    previousDigest,
    digest,
  };
}

/**
 * The coverages of the seals as stored, [position, data text] in log order, while each
 * follows on from the previous one and covers events before itself: the ones a valid log
 * has. Planning only decides which digests the workers compute; the seals they read are
 * checked again on merge.
 */
export function planCoverages(seals: readonly (readonly [number, unknown])[]): Coverage[] {
  const coverages: Coverage[] = [];
  let to = 0;
  let digest = '';
  for (const [position, text] of seals) {
    const data = sealData(text);
    if (!data || data.fromPosition !== to || data.previousDigest !== digest) break;
    if (data.toPosition <= to || data.toPosition >= position) break;
    const dataHash = sha256Hex(text as string);
    coverages.push({
      key: coverages.length,
      from: to,
      to: data.toPosition,
      previousDigest: digest,
      seal: data,
      dataHash,
    });
    to = data.toPosition;
    digest = data.digest;
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

/**
 * Chains a range's streams onto the state before it: a stream's first event in the range
 * must follow on from its last event before the range (revision, and the position whose
 * stored hash the worker chained to), or start the stream. Changes nothing on a doubt.
 */
export function mergeStreams(state: StreamState, streams: RangeStreams): boolean {
  const { slots, revisions, positions } = state;
  const { names, firstRevisions, chainedTo, lastRevisions, lastPositions } = streams;
  const found = new Int32Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const slot = slots.get(names[i]!);
    if (slot === undefined) {
      if (firstRevisions[i] !== 0) return false;
      found[i] = -1;
    } else {
      if (firstRevisions[i] !== revisions[slot]! + 1 || chainedTo[i] !== positions[slot])
        return false;
      found[i] = slot;
    }
  }
  for (let i = 0; i < names.length; i++) {
    let slot = found[i]!;
    if (slot < 0) {
      slot = revisions.length;
      slots.set(names[i]!, slot);
    }
    revisions[slot] = lastRevisions[i]!;
    positions[slot] = lastPositions[i]!;
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
    // Coverages are planned in log order, one per valid seal: this seal's is the next one,
    // planned from the same data text when the worker read it the same.
    const coverage = coverages[count];
    if (!coverage || coverage.dataHash !== seal.dataHash) return undefined;
    const data = coverage.seal;
    if (data.fromPosition !== sealedUpTo || data.previousDigest !== digest) return undefined;
    if (coverage.to >= seal.position) return undefined;
    if (digestOf(coverage) !== data.digest) return undefined;
    count += 1;
    sealedUpTo = data.toPosition;
    digest = data.digest;
  }
  return { seals: count, sealedUpTo, digest };
}
