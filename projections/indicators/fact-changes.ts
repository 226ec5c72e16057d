import type { Fact } from './fact';

/** A fact the read model holds open, by its row. */
export interface OpenFact {
  readonly id: number;
  readonly key: string;
  readonly fact: Fact;
}

/**
 * What identifies a fact's content: two facts with the same key count the same. Built from
 * the fact's fields alone, so a row read back from the table gives the same key.
 */
export const factKey = (fact: Fact): string =>
  `${fact.indicator}\u0000${fact.unitCode}\u0000${fact.dateFrom}\u0000${fact.dateTo ?? ''}\u0000${fact.value}\u0000${fact.dimension ?? ''}\u0000${fact.category ?? ''}`;

/**
 * The open facts to close and the facts to open, as a multiset difference: a fact that is
 * still there stays open, so only what changed moves. Runs on every event of a record
 * (a club's every enrolment), so it allocates little: a key holds its one open fact, and
 * a list only when several open facts count the same.
 */
export function factChanges(
  open: readonly OpenFact[],
  after: readonly Fact[],
): { close: OpenFact[]; kept: OpenFact[]; add: Fact[] } {
  if (open.length === 0) return { close: [], kept: [], add: [...after] };
  const byKey = new Map<string, OpenFact | OpenFact[]>();
  for (const fact of open) {
    const same = byKey.get(fact.key);
    if (same === undefined) byKey.set(fact.key, fact);
    else if (Array.isArray(same)) same.push(fact);
    else byKey.set(fact.key, [same, fact]);
  }
  const kept: OpenFact[] = [];
  const add: Fact[] = [];
  for (const fact of after) {
    const key = factKey(fact);
    const same = byKey.get(key);
    if (same === undefined) {
      add.push(fact);
    } else if (!Array.isArray(same)) {
      byKey.delete(key);
      kept.push(same);
    } else {
      // The last of identical facts is kept first, as a stack.
      const match = same.pop();
      if (match) kept.push(match);
      else add.push(fact);
    }
  }
  const close: OpenFact[] = [];
  for (const same of byKey.values()) {
    if (Array.isArray(same)) close.push(...same);
    else close.push(same);
  }
  return { close, kept, add };
}
