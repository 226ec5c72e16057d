/**
 * Fields that never leave the ledger in lists, whoever asks through the replay or the audit
 * trail: credentials, the keyed match of a person, and the sensitive facts that feed counts
 * but must not be read case by case (ethnicity, violence type).
 */
const HIDDEN = new Set(['passwordHash', 'matchKey', 'ethnicity', 'violenceType', 'ageBand']);
/** Inside a case's `subject`, even sex and age could single a survivor out. */
const HIDDEN_IN_SUBJECT = new Set(['sex']);
/** Of those, the ones left out altogether rather than marked hidden. */
const DROPPED = new Set(['passwordHash', 'matchKey']);

export const HIDDEN_VALUE = '[hidden]';

/** Whether a field (or dotted path) must be hidden. */
export function isHiddenField(path: string): boolean {
  const parts = path.split('.');
  return parts.some((part, i) => HIDDEN.has(part) || (HIDDEN_IN_SUBJECT.has(part) && parts[i - 1] === 'subject'));
}

/** A copy of `value` with hidden fields replaced, at any depth. */
export function hideCloseFields(value: unknown, parent = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => hideCloseFields(item, parent));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !DROPPED.has(key))
      .map(([key, inner]) => [
        key,
        HIDDEN.has(key) || (HIDDEN_IN_SUBJECT.has(key) && parent === 'subject') ? HIDDEN_VALUE : hideCloseFields(inner, key),
      ]),
  );
}

/** A correction's changes with hidden fields' before and after replaced. */
export function hideCloseChanges<T extends { field: string; before: unknown; after: unknown }>(changes: readonly T[]): T[] {
  return changes.map((change) =>
    isHiddenField(change.field) ? { ...change, before: HIDDEN_VALUE, after: HIDDEN_VALUE } : change,
  );
}
