import type { Database } from 'better-sqlite3';
import { closeSync, existsSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
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

/** The arrays of an index, in file order: 8-byte numbers first, so that every one stays aligned. */
function arraysOf(columns: FactColumns, lists: readonly Postings[]): (Float64Array | Int32Array | Uint8Array)[] {
  const n = columns.length;
  return [
    columns.posFrom.subarray(0, n),
    columns.posTo.subarray(0, n),
    columns.values.subarray(0, n),
    columns.ids.subarray(0, n),
    columns.cells.subarray(0, n),
    columns.dayFrom.subarray(0, n),
    columns.dayTo.subarray(0, n),
    ...lists.map((list) => list.slots.subarray(0, list.length)),
    columns.stocks.subarray(0, n),
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
    for (const array of arraysOf(columns, [...original, ...current].map(([, list]) => list))) writeSync(fd, array);
  } finally {
    closeSync(fd);
  }
  renameSync(`${file}.partial`, file);
}

/**
 * The index saved at the last clean stop, if it holds exactly what the table holds now:
 * the same table, at the same position, with the same last fact. The file goes once read:
 * a later crash leaves none behind to mislead.
 */
export function loadFactSnapshot(db: Database): FactIndex | undefined {
  const file = snapshotFile(db);
  if (!existsSync(file)) return undefined;
  try {
    return readSnapshot(db, file);
  } finally {
    rmSync(file, { force: true });
  }
}

function readSnapshot(db: Database, file: string): FactIndex | undefined {
  const fd = openSync(file, 'r');
  try {
    const lead = Buffer.alloc(8);
    readSync(fd, lead, 0, 8, 0);
    const jsonLength = lead.readUInt32LE(0);
    const json = Buffer.alloc(jsonLength);
    readSync(fd, json, 0, jsonLength, 8);
    const header = JSON.parse(json.toString('utf8')) as Header;
    const mark = tableMark(db);
    const last = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM indicator_facts').get()?.id ?? 0;
    if (
      header.format !== FORMAT ||
      !mark ||
      header.token !== mark.token ||
      header.position !== mark.position ||
      header.lastId !== last
    ) {
      return undefined;
    }
    const columns = new FactColumns();
    columns.reserve(Math.ceil(header.length * 1.1) + 1024);
    columns.length = header.length;
    const listsOf = (units: Header['original']) =>
      new Map(
        units.map(([unit, length]) => {
          const list = new Postings();
          list.slots = new Int32Array(length + 16);
          list.length = length;
          return [unit, list] as const;
        }),
      );
    const postings = { original: listsOf(header.original), current: listsOf(header.current) };
    let offset = 8 + Math.ceil(jsonLength / 8) * 8;
    for (const array of arraysOf(columns, [...postings.original.values(), ...postings.current.values()])) {
      const target = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      if (readSync(fd, target, 0, target.length, offset) !== target.length) return undefined;
      offset += target.length;
    }
    if (fstatSync(fd).size !== offset) return undefined;
    return new FactIndex({ columns, cells: header.cells, postings });
  } finally {
    closeSync(fd);
  }
}
