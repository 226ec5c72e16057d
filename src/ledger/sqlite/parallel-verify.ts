import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SEAL_STREAM } from '../../../events/ledger-seal';
import { sha256Hex, splitHashedMetadata } from '../event-hash';
import type { VerifiedSoFar } from '../verify-log';
import type { SqliteEventStore } from './sqlite-event-store';
import {
  type Coverage,
  type RangeAnswer,
  type SealState,
  checkSeals,
  mergeStreams,
  planCoverages,
  planRanges,
  splitIntoLanes,
  StreamTable,
  streamKey,
} from './parallel-verify-merge';

export interface ParallelVerifyOptions {
  /** Worker threads; 0 checks everything in the calling thread. */
  readonly workers?: number;
  /** Events from which workers are worth starting. */
  readonly parallelFrom?: number;
  /** Events per range handed to a worker. */
  readonly rangeEvents?: number;
  readonly onProgress?: (checked: number) => void;
}

const MAX_WORKERS = 4;
const PARALLEL_FROM = 50_000;

/**
 * tsc copies no .js into dist/: under ts-jest the worker sits beside this module, and the
 * compiled service (dist/src/ledger/sqlite) runs it from the project's src/.
 */
function workerFile(): string | undefined {
  const beside = join(__dirname, 'verify-worker.js');
  if (existsSync(beside)) return beside;
  const source = resolve(__dirname, '../../../..', 'src/ledger/sqlite/verify-worker.js');
  return existsSync(source) ? source : undefined;
}

/**
 * Checks a SQLite ledger's positions in ranges on worker threads, each reading the file
 * itself, and merges what crosses ranges here, in log order: each stream's chain from one
 * range to the next, and the seals. Answers how far the log is as written, as the state
 * the sequential verifier picks up from: the end of the log checked so far, or the start of
 * the first range in doubt, which the sequential verifier then goes through to name the
 * position and the problem exactly as it would have alone. Undefined when workers are not
 * worth it or not available: the caller verifies sequentially from the start.
 */
export async function verifyRangesInParallel(
  store: SqliteEventStore,
  options: ParallelVerifyOptions = {},
): Promise<VerifiedSoFar | undefined> {
  const db = store.connection;
  const count = Math.min(options.workers ?? availableParallelism(), MAX_WORKERS);
  const file = workerFile();
  if (count < 1 || db.memory || !file) return undefined;
  const head = await store.headPosition();
  if (head < (options.parallelFrom ?? PARALLEL_FROM)) return undefined;

  // Only to plan: the seals' fields as SQLite reads them, without parsing their entry lists
  // in JavaScript. What the checks use is what the workers parse, as the sequential verifier.
  const sealRows = db
    .prepare<[string, number], unknown[]>(
      `SELECT position, data ->> '$.fromPosition', data ->> '$.toPosition',
              data ->> '$.previousDigest', data ->> '$.digest'
       FROM events WHERE stream_id = ? AND position <= ? AND json_valid(data) ORDER BY position`,
    )
    .raw(true)
    .all(SEAL_STREAM, head);
  const coverages = planCoverages(sealRows);
  const size = Math.max(
    1,
    Math.floor(
      options.rangeEvents ?? Math.min(50_000, Math.max(2_000, Math.ceil(head / (count * 8)))),
    ),
  );
  const ranges = planRanges(head, size, coverages);

  let workers: Worker[];
  try {
    workers = Array.from(
      { length: Math.min(count, ranges.length) },
      () =>
        new Worker(file, {
          workerData: {
            verifyLedger: db.name,
            betterSqlite3: require.resolve('better-sqlite3'),
          },
        }),
    );
  } catch {
    return undefined;
  }

  const streams = new StreamTable();
  let seals: SealState = { seals: 0, sealedUpTo: 0, digest: '' };
  const digests = new Map<number, string>();
  const slices = new Map<number, Uint8Array[]>();
  const answers: (RangeAnswer | undefined)[] = [];
  let merged = 0;
  // The first range in doubt: nothing after it needs checking here.
  let doubt = ranges.length;

  const coverageDigest = (coverage: Coverage): string | undefined =>
    digests.get(coverage.key) ??
    (slices.has(coverage.key)
      ? sha256Hex(
          Buffer.concat([
            Buffer.from(coverage.previousDigest, 'latin1'),
            ...slices.get(coverage.key)!,
          ]),
        )
      : undefined);

  const mergeReady = (): void => {
    while (merged < doubt && answers[merged]) {
      const answer = answers[merged]!;
      if (!answer.ok) {
        doubt = merged;
        return;
      }
      for (const part of answer.coverages) {
        if (part.digest !== undefined) digests.set(part.key, part.digest);
        else slices.set(part.key, [...(slices.get(part.key) ?? []), part.bytes!]);
      }
      const sealed = checkSeals(seals, answer.seals, coverages, coverageDigest);
      if (!sealed || !mergeStreams(streams, answer.streams)) {
        doubt = merged;
        return;
      }
      seals = sealed;
      merged += 1;
    }
  };

  // Each worker checks one lane of consecutive ranges, in order, and chains a stream going
  // on from one of its ranges to the next without looking the stream up in the file. A
  // worker done with its lane takes the later half of what is left of the longest other one.
  const lanes = splitIntoLanes(ranges, workers.length).map(([next, end]) => ({ next, end }));
  const steal = (): { next: number; end: number } | undefined => {
    // Only ranges before the first one in doubt are worth checking.
    const left = (lane: { next: number; end: number }) => Math.min(lane.end, doubt) - lane.next;
    let longest: { next: number; end: number } | undefined;
    for (const lane of lanes) if (!longest || left(lane) > left(longest)) longest = lane;
    if (!longest || left(longest) < 2) return undefined;
    const half = { next: longest.next + Math.ceil(left(longest) / 2), end: longest.end };
    longest.end = half.next;
    lanes.push(half);
    return half;
  };
  let answered = 0;
  await Promise.all(
    workers.map(
      (worker, index) =>
        new Promise<void>((done) => {
          let lane = lanes[index]!;
          let current = -1;
          const give = (): void => {
            if (lane.next >= lane.end || lane.next >= doubt) {
              const stolen = steal();
              if (!stolen) {
                current = -1;
                done();
                return;
              }
              lane = stolen;
            }
            current = lane.next++;
            const range = ranges[current]!;
            worker.postMessage({
              index: current,
              after: range.after,
              to: range.to,
              coverages: range.coverages,
            });
          };
          worker.on('message', (answer: RangeAnswer & { index: number }) => {
            answers[answer.index] = answer;
            answered += ranges[answer.index]!.to - ranges[answer.index]!.after;
            if (answer.ok && doubt === ranges.length) options.onProgress?.(answered);
            mergeReady();
            // The rest of a lane after a range in doubt is left to the sequential verifier.
            if (!answer.ok) lane.next = lane.end;
            give();
          });
          // A worker that fails leaves its range in doubt: the sequential verifier decides.
          const fail = (): void => {
            if (current >= 0 && !answers[current]) {
              answers[current] = { ok: false };
              mergeReady();
            }
            done();
          };
          worker.on('error', fail);
          worker.on('exit', fail);
          give();
        }),
    ),
  );
  // Their threads wind down on their own: nothing waits for them.
  for (const worker of workers) void worker.terminate();

  const last = merged === ranges.length ? head : ranges[merged]!.after;
  const rowAt = db
    .prepare<[number], [unknown, unknown]>(
      'SELECT stream_id, metadata FROM events WHERE position = ?',
    )
    .raw(true);
  return {
    last,
    checked: last,
    seals: seals.seals,
    sealedUpTo: seals.sealedUpTo,
    sealDigest: seals.digest,
    streamAt: (streamId) => {
      const entry = streams.find(...streamKey(streamId));
      if (entry < 0) return undefined;
      // The stream of that key met before is this one only if its last event is.
      const [stream, metadata] = rowAt.get(streams.positionAt(entry)) ?? [];
      if (stream !== streamId || typeof metadata !== 'string') return undefined;
      return { revision: streams.revisionAt(entry), hash: splitHashedMetadata(metadata)?.hash };
    },
  };
}
