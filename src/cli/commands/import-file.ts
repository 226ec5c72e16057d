import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RecordedEvent } from '../../ledger/event-store.port';
import { fromRecorded, type EntryReader, type LogEntry } from '../../ledger/log-entries';

/** Why a line of an export cannot be imported, with its line number. */
export class ImportFileError extends Error {}

function problem(line: number, what: string): ImportFileError {
  return new ImportFileError(`line ${line}: ${what}; nothing was imported`);
}

function checkShape(value: unknown, line: number): RecordedEvent {
  if (typeof value !== 'object' || value === null) throw problem(line, 'not an event object');
  const e = value as Record<string, unknown>;
  const fields: [string, string][] = [
    ['position', 'number'],
    ['id', 'string'],
    ['streamId', 'string'],
    ['revision', 'number'],
    ['type', 'string'],
    ['schemaVersion', 'number'],
    ['data', 'object'],
    ['metadata', 'object'],
  ];
  for (const [field, type] of fields) {
    if (typeof e[field] !== type || e[field] === null) throw problem(line, `${field} is missing or not a ${type}`);
  }
  return value as RecordedEvent;
}

/** Reads an export line by line, checking that it is a whole, ordered, consistent log. */
export async function* readExport(file: string): AsyncGenerator<RecordedEvent> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const streamRevisions = new Map<string, number>();
  const ids = new Set<string>();
  let lastPosition = 0;
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw problem(line, 'not valid JSON (is the file truncated?)');
    }
    const event = checkShape(parsed, line);
    if (event.position <= lastPosition) throw problem(line, `position ${event.position} does not rise after ${lastPosition}`);
    const expected = (streamRevisions.get(event.streamId) ?? -1) + 1;
    if (event.revision !== expected) {
      throw problem(line, `${event.streamId} jumps to revision ${event.revision}, expected ${expected}`);
    }
    if (ids.has(event.id)) throw problem(line, `event id ${event.id} appears twice`);
    ids.add(event.id);
    streamRevisions.set(event.streamId, event.revision);
    lastPosition = event.position;
    yield event;
  }
}

/** An export read as log entries, page after page, for the same checks as `verify`. */
export function exportEntries(file: string): EntryReader {
  const events = readExport(file);
  return async (_after, limit) => {
    const page: LogEntry[] = [];
    while (page.length < limit) {
      const next = await events.next();
      if (next.done) break;
      page.push(fromRecorded(next.value));
    }
    return page;
  };
}
