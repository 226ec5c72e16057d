import type { Fact } from './fact';

/** A fact the read model holds open, by its row. */
export interface OpenFact {
  readonly id: number;
  readonly key: string;
}

/**
 * What identifies a fact's content: two facts with the same key count the same. Built from
 * the fact's fields alone, so a row read back from the table gives the same key.
 */
export const factKey = (fact: Fact): string =>
  `${fact.indicator}\u0000${fact.unitCode}\u0000${fact.dateFrom}\u0000${fact.dateTo ?? ''}\u0000${fact.value}\u0000${fact.dimension ?? ''}\u0000${fact.category ?? ''}`;

/**
 * The open facts to close and the facts to open, as a multiset difference: a fact that is
 * still there stays open, so only what changed moves.
 */
export function factChanges(
  open: readonly OpenFact[],
  after: readonly Fact[],
): { close: OpenFact[]; kept: OpenFact[]; add: Fact[] } {
  const byKey = new Map<string, OpenFact[]>();
  for (const fact of open) {
    const same = byKey.get(fact.key);
    if (same) same.push(fact);
    else byKey.set(fact.key, [fact]);
  }
  const kept: OpenFact[] = [];
  const add: Fact[] = [];
  for (const fact of after) {
    const match = byKey.get(factKey(fact))?.pop();
    if (match) kept.push(match);
    else add.push(fact);
  }
  const close = [...byKey.values()].flat();
  return { close, kept, add };
}
