import type { Database } from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { FactColumns, Postings } from './fact-columns';
import { FactIndex, type Cell } from './fact-index';

/** The read model whose facts the snapshot holds (its checkpoint dates the snapshot). */
export const FACTS_READ_MODEL = 'indicator-facts';
const FORMAT = 1;

interface Header {
  readonly format: number;
  /** The facts table it was taken from (`indicator_facts_token`) and the position it held. */
  readonly token: string;
  readonly position: number;
  readonly lastId: number;
  readonly length: number;
  readonly cells: readonly Cell[];
  /** Each unit's list, in file order: unit code and length. */
  readonly original: readonly (readonly [string, number])[];
  readonly current: readonly (readonly [string, number])[];
}

/** The facts in memory saved beside the read models at a clean stop, read back at the next start. */
export const snapshotFile = (db: Database): string => `${db.name}.facts`;

/** Which facts table the read models hold, and how far in the log their facts are. */
function tableMark(db: Database): { token: string; position: number } | undefined {
  const token = db.prepare<[], { token: string }>('SELECT token FROM indicator_facts_token').get()?.token;
  const position = db
    .prepare<[string], { position: number }>('SELECT position FROM projection_checkpoints WHERE name = ?')
    .get(FACTS_READ_MODEL)?.position;
  return token === undefined || position === undefined ? undefined : { token, position };
}

/**
 * An index's columns as the file holds them, 8-byte numbers first so that every array stays
 * aligned; the units' lists follow them, then `stocks`, one byte a fact.
 */
function columnArrays(columns: FactColumns): (Float64Array | Int32Array)[] {
  const n = columns.length;
  return [
    columns.posFrom.subarray(0, n),
    columns.posTo.subarray(0, n),
    columns.values.subarray(0, n),
    columns.ids.subarray(0, n),
    columns.cells.subarray(0, n),
    columns.dayFrom.subarray(0, n),
    columns.dayTo.subarray(0, n),
  ];
}

/**
 * Saves the index of a database whose writer has stopped (the service closing): a header,
 * then the arrays as they lie in memory. Written beside and renamed, never half there.
 */
export function saveFactSnapshot(db: Database, index: FactIndex): void {
  const mark = tableMark(db);
  if (!mark) return;
  const { columns, cells, postings } = index.state;
  const original = [...postings.original];
  const current = [...postings.current];
  const header: Header = {
    format: FORMAT,
    ...mark,
    lastId: columns.lastId,
    length: columns.length,
    cells,
    original: original.map(([unit, list]) => [unit, list.length]),
    current: current.map(([unit, list]) => [unit, list.length]),
  };
  const json = Buffer.from(JSON.stringify(header));
  const lead = Buffer.alloc(8 + Math.ceil(json.length / 8) * 8, 0x20);
  lead.writeUInt32LE(json.length, 0);
  json.copy(lead, 8);
  const file = snapshotFile(db);
  const fd = openSync(`${file}.partial`, 'w');
  try {
    writeSync(fd, lead);
    const lists = [...original, ...current].map(([, list]) => list.slots.subarray(0, list.length));
    for (const array of [...columnArrays(columns), ...lists, columns.stocks.subarray(0, columns.length)]) {
      writeSync(fd, array);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(`${file}.partial`, file);
}

/** A snapshot that matches the table, its header read, its arrays still to read. */
export interface SavedFacts {
  /** The row id of its last fact: later facts are read from the table. */
  readonly lastId: number;
  /** Reads its arrays off the event loop; undefined if the file turns out short or unreadable. */
  read(): Promise<FactIndex | undefined>;
}

/**
 * The facts saved at the last clean stop, if they hold exactly what the table holds now:
 * the same table, at the same position, with the same last fact. Checked at once, so that
 * no batch lands in between; the file goes once read, or at once when it does not match:
 * a later crash leaves none behind to mislead.
 */
export function savedFacts(db: Database): SavedFacts | undefined {
  const file = snapshotFile(db);
  if (!existsSync(file)) return undefined;
  let header: Header | undefined;
  let arraysAt = 0;
  try {
    const fd = openSync(file, 'r');
    try {
      const lead = Buffer.alloc(8);
      readSync(fd, lead, 0, 8, 0);
      const jsonLength = lead.readUInt32LE(0);
      const json = Buffer.alloc(jsonLength);
      readSync(fd, json, 0, jsonLength, 8);
      header = JSON.parse(json.toString('utf8')) as Header;
      arraysAt = 8 + Math.ceil(jsonLength / 8) * 8;
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    rmSync(file, { force: true });
    throw error;
  }
  if (!matchesTable(db, header)) {
    rmSync(file, { force: true });
    return undefined;
  }
  const matching = header;
  return {
    lastId: matching.lastId,
    read: async () => {
      try {
        return await readArrays(file, matching, arraysAt);
      } finally {
        rmSync(file, { force: true });
      }
    },
  };
}

function matchesTable(db: Database, header: Header): boolean {
  const mark = tableMark(db);
  const last = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM indicator_facts').get()?.id ?? 0;
  return (
    header.format === FORMAT &&
    mark !== undefined &&
    header.token === mark.token &&
    header.position === mark.position &&
    header.lastId === last
  );
}

/** Reads the arrays straight into the index's own typed arrays, one read of the file each. */
async function readArrays(file: string, header: Header, arraysAt: number): Promise<FactIndex | undefined> {
  const handle = await open(file, 'r');
  try {
    const columns = new FactColumns();
    columns.reserve(Math.ceil(header.length * 1.1) + 1024);
    columns.length = header.length;
    const units = [...header.original, ...header.current];
    const listed = units.reduce((sum, [, length]) => sum + length, 0);
    const lists = new Int32Array(listed);
    let offset = arraysAt;
    for (const array of [...columnArrays(columns), lists, columns.stocks.subarray(0, columns.length)]) {
      const target = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      const { bytesRead } = await handle.read(target, 0, target.length, offset);
      if (bytesRead !== target.length) return undefined;
      offset += target.length;
    }
    if ((await handle.stat()).size !== offset) return undefined;
    let at = 0;
    const listsOf = (of: Header['original']) =>
      new Map(
        of.map(([unit, length]) => {
          const list = new Postings();
          list.slots = new Int32Array(length + 16);
          list.slots.set(lists.subarray(at, at + length));
          list.length = length;
          at += length;
          return [unit, list] as const;
        }),
      );
    const postings = { original: listsOf(header.original), current: listsOf(header.current) };
    return new FactIndex({ columns, cells: header.cells, postings });
  } finally {
    await handle.close();
  }
}
