'use strict';
/*
 * A worker of parallel verification (parallel-verify.ts), in plain JavaScript so that it
 * runs the same from dist/, from ts-jest and from a clean clone: a worker thread cannot load
 * TypeScript. It opens the SQLite ledger read-only and checks ranges of positions the main
 * thread hands it, one message per range.
 *
 * It only ever answers "this range is as written" or "it is not": the main thread merges
 * what crosses ranges, and any doubt sends it back to the sequential verifier, which names
 * the position and the problem. So nothing here decides a report, but what it accepts must
 * be exactly what the sequential checks accept: the hash text below is eventHashOfText's
 * (src/ledger/event-hash.ts) over splitHashedMetadata's split, byte for byte, and the seal
 * digest is SealDigest's (src/ledger/seal-digest.ts); verify-worker.spec.ts pins both.
 */
const { Buffer } = require('node:buffer');
const crypto = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');

const HASH_FIELD = ',"hash":"';
const HASH_TAIL = HASH_FIELD.length + 64 + '"}'.length;
const PAGE = 500;

const sha256Hex =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** Two 32-bit hashes of a stream id: streamKey of parallel-verify-merge.ts, the same. */
function streamKey(streamId) {
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
 * What a worker knows of the streams met in the ranges it checked so far, one after another
 * (a lane): each stream's last revision, position and hash. A stream going on in the next
 * range is chained to it without looking its previous event up in the file.
 */
function newLane() {
  return { to: -1, slots: new Map(), revisions: [], positions: [], hashes: [], seen: [], range: 0 };
}

/** The seal fields the checks use, parsed as the sequential verifier parses them; or undefined. */
function sealFields(data) {
  let parsed;
  try {
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { fromPosition, toPosition, previousDigest, digest } = parsed;
  if (!Number.isInteger(fromPosition) || !Number.isInteger(toPosition)) return undefined;
  if (typeof previousDigest !== 'string' || typeof digest !== 'string') return undefined;
  return { fromPosition, toPosition, previousDigest, digest };
}

/**
 * Checks the events at positions (after, to]: every position present, each stream's
 * revisions following on, every hash matching the stored one. A stream's first event in
 * the range is chained to its last event in the lane's earlier ranges, or else to the
 * stored hash of its previous revision, wherever that sits; the main thread checks that
 * either is the stream's last event before the range.
 *
 * Answers { ok: false } at the first doubt, or { ok: true, streams, seals, coverages }:
 * - streams: per stream met in the range, in order of first appearance, the key of its id
 *   (two streams of the range with one key are a doubt), its first revision, the position
 *   of the event it is chained to (0 when the first revision is 0), and its last revision
 *   and position in the range;
 * - seals: the position and fields (as parsed) of every LogSealed event;
 * - coverages: for each seal coverage asked for ({ key, from, to, previousDigest }, in
 *   log order, none overlapping), its digest when it lies wholly in the range, else the
 *   `position:hash\n` bytes of the part that does.
 */
function checkRange(statements, task, lane = newLane()) {
  const { after, to } = task;
  // A range that does not follow the lane's last one starts a lane afresh.
  if (lane.to !== after) Object.assign(lane, newLane());
  lane.to = -1;
  const range = ++lane.range;
  const { slots, revisions, positions, hashes, seen } = lane;
  const plans = task.coverages;
  const met = [];
  const keysHigh = [];
  const keysLow = [];
  const keys = new Set();
  const firstRevisions = [];
  const chainedTo = [];
  const seals = [];
  const coverages = [];
  let plan = 0;
  // The `position:hash\n` text of the coverage under way, written into a buffer rather
  // than kept as strings: holding a coverage's hashes alive costs more GC than hashing.
  let text = Buffer.allocUnsafe(64 * 1024);
  let length = 0;
  const write = (piece) => {
    if (length + piece.length > text.length) {
      const larger = Buffer.allocUnsafe(Math.max(text.length * 2, length + piece.length));
      text.copy(larger, 0, 0, length);
      text = larger;
    }
    length += text.latin1Write(piece, length);
  };
  let expected = after + 1;

  const wholly = (coverage) => coverage.from >= after && coverage.to <= to;
  const startCoverage = () => {
    length = 0;
    if (plan < plans.length && wholly(plans[plan])) write(plans[plan].previousDigest);
  };
  const finishCoverage = (whole) => {
    const { key } = plans[plan];
    const written = text.subarray(0, length);
    // A coverage wholly in the range is hashed here (its text begins with the previous
    // digest); the part of one that is not goes back as bytes, hashed on merge.
    coverages.push(
      whole ? { key, digest: sha256Hex(written) } : { key, bytes: new Uint8Array(written) },
    );
    plan += 1;
    startCoverage();
  };
  startCoverage();

  for (let from = after; from < to;) {
    const rows = statements.range.all(from, to, PAGE);
    if (rows.length === 0) return { ok: false };
    for (let i = 0; i < rows.length; i++) {
      const [position, id, streamId, revision, type, schemaVersion, data, metadata] = rows[i];
      // Positions and revisions past 32 bits are left to the sequential verifier (the main
      // thread keeps them in 32-bit cells).
      if (position !== expected || position > 0xffffffff) return { ok: false };
      expected += 1;
      if (
        typeof metadata !== 'string' ||
        typeof data !== 'string' ||
        typeof streamId !== 'string' ||
        typeof id !== 'string' ||
        typeof type !== 'string' ||
        typeof schemaVersion !== 'number' ||
        typeof revision !== 'number'
      ) {
        return { ok: false };
      }
      const at = metadata.length - HASH_TAIL;
      if (at < 0 || !metadata.startsWith(HASH_FIELD, at) || !metadata.endsWith('"}'))
        return { ok: false };
      let slot = slots.get(streamId);
      if (slot === undefined || seen[slot] !== range) {
        // The stream's first event in this range.
        let chained = 0;
        if (slot !== undefined) {
          chained = positions[slot];
        } else if (revision !== 0) {
          if (!Number.isInteger(revision) || revision < 0 || revision > 0xffffffff)
            return { ok: false };
          const before = statements.previous.get(streamId, revision - 1);
          if (before === undefined || before[0] > after || typeof before[1] !== 'string')
            return { ok: false };
          const stored = before[1];
          const cut = stored.length - HASH_TAIL;
          if (cut < 0 || !stored.startsWith(HASH_FIELD, cut) || !stored.endsWith('"}'))
            return { ok: false };
          chained = before[0];
          slot = revisions.length;
          slots.set(streamId, slot);
          revisions[slot] = revision - 1;
          hashes[slot] = stored.slice(cut + HASH_FIELD.length, stored.length - 2);
        }
        const [high, low] = streamKey(streamId);
        const key = high * 0x100000000 + low;
        if (keys.has(key)) return { ok: false };
        keys.add(key);
        if (slot === undefined) {
          slot = revisions.length;
          slots.set(streamId, slot);
          revisions[slot] = -1;
        }
        seen[slot] = range;
        met.push(slot);
        keysHigh.push(high);
        keysLow.push(low);
        firstRevisions.push(revision);
        chainedTo.push(chained);
      }
      if (revision !== revisions[slot] + 1 || revision > 0xffffffff) return { ok: false };
      const previous = hashes[slot];
      const hash = sha256Hex(
        `${previous ?? ''}\u0000${streamId}\u0000${revision}\u0000${id}\u0000${type}\u0000${schemaVersion}\u0000${data}\u0000${metadata.slice(0, at)}}`,
      );
      if (metadata.slice(at + HASH_FIELD.length, metadata.length - 2) !== hash)
        return { ok: false };
      revisions[slot] = revision;
      positions[slot] = position;
      hashes[slot] = hash;
      if (type === 'LogSealed') {
        const fields = sealFields(data);
        if (!fields) return { ok: false };
        seals.push({ position, ...fields });
      }
      while (plan < plans.length && plans[plan].to < position) finishCoverage(false);
      if (plan < plans.length && position > plans[plan].from) {
        write(`${position}:${hash}\n`);
        if (position === plans[plan].to) finishCoverage(wholly(plans[plan]));
      }
    }
    from = rows[rows.length - 1][0];
  }
  while (plan < plans.length) finishCoverage(false);
  lane.to = to;
  return {
    ok: true,
    streams: {
      keysHigh: Uint32Array.from(keysHigh),
      keysLow: Uint32Array.from(keysLow),
      firstRevisions: Float64Array.from(firstRevisions),
      chainedTo: Float64Array.from(chainedTo),
      lastRevisions: Float64Array.from(met, (slot) => revisions[slot]),
      lastPositions: Float64Array.from(met, (slot) => positions[slot]),
    },
    seals,
    coverages,
  };
}

function prepare(db) {
  return {
    range: db
      .prepare(
        `SELECT position, event_id, stream_id, revision, type, schema_version, data, metadata
         FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
      )
      .raw(true),
    previous: db
      .prepare('SELECT position, metadata FROM events WHERE stream_id = ? AND revision = ?')
      .raw(true),
  };
}

if (parentPort && workerData && workerData.verifyLedger) {
  const Database = require(workerData.betterSqlite3);
  const db = new Database(workerData.verifyLedger, { readonly: true, fileMustExist: true });
  const statements = prepare(db);
  const lane = newLane();
  parentPort.on('message', (task) => {
    let answer;
    try {
      answer = checkRange(statements, task, lane);
    } catch (error) {
      answer = { ok: false, error: String(error) };
    }
    const transfer = answer.ok
      ? [
          answer.streams.keysHigh.buffer,
          answer.streams.keysLow.buffer,
          answer.streams.firstRevisions.buffer,
          answer.streams.chainedTo.buffer,
          answer.streams.lastRevisions.buffer,
          answer.streams.lastPositions.buffer,
          ...answer.coverages.filter((part) => part.bytes).map((part) => part.bytes.buffer),
        ]
      : [];
    parentPort.postMessage({ index: task.index, ...answer }, transfer);
  });
}

module.exports = { checkRange, newLane, prepare, streamKey };
