/**
 * One contribution of a record to an indicator: `value` on `dateFrom` (a flow), or
 * standing from `dateFrom` until the day before `dateTo` (a stock). With `dimension`
 * and `category` it is a breakdown cell, otherwise the total.
 */
export interface Fact {
  readonly indicator: string;
  readonly unitCode: string;
  readonly dateFrom: string;
  readonly dateTo?: string;
  readonly value: number;
  readonly dimension?: string;
  readonly category?: string;
}

/** How one kind of record contributes to indicators: a pure fold and a pure reading. */
export interface FactSource<State> {
  readonly eventTypes: readonly string[];
  evolve(state: State | undefined, event: { type: string; data: Readonly<Record<string, unknown>> }): State | undefined;
  facts(state: State | undefined): readonly Fact[];
}
