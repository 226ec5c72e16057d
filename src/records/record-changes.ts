import type { FieldChange } from '../../events/event';

type Plain = Readonly<Record<string, unknown>>;

const isPlainObject = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `changes` merged into `record` field by field, nested objects too. */
export function mergeChanges<T extends object>(record: T, changes: Plain): T {
  const merged: Record<string, unknown> = { ...(record as Plain) };
  for (const [key, value] of Object.entries(changes)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeChanges(current, value) : value;
  }
  return merged as T;
}

/** Every leaf that differs between two records, as dotted paths, in a stable order. */
export function diffRecords(beforeRecord: object, afterRecord: object, prefix = ''): FieldChange[] {
  const before = beforeRecord as Plain;
  const after = afterRecord as Plain;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) => {
    const field = prefix ? `${prefix}.${key}` : key;
    const a = before[key];
    const b = after[key];
    if (isPlainObject(a) && isPlainObject(b)) return diffRecords(a, b, field);
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ field, before: a, after: b }];
  });
}

/** The record after a correction's changes are applied. */
export function applyFieldChanges<T extends object>(record: T, changes: readonly FieldChange[]): T {
  let result = record as Plain;
  for (const change of changes) result = setPath(result, change.field.split('.'), change.after);
  return result as T;
}

function setPath(target: Plain, path: readonly string[], value: unknown): Plain {
  const [head, ...rest] = path;
  if (head === undefined) return target;
  const copy: Record<string, unknown> = { ...target };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
  } else {
    const inner = copy[head];
    copy[head] = setPath(isPlainObject(inner) ? inner : {}, rest, value);
  }
  return copy;
}
