import { dialogueFacts } from './dialogue-facts';
import type { FactSource } from './fact';

/** Every kind of record that feeds indicators. */
export const FACT_SOURCES: readonly FactSource<unknown>[] = [dialogueFacts as FactSource<unknown>];

export const FACT_SOURCE_BY_TYPE: ReadonlyMap<string, FactSource<unknown>> = new Map(
  FACT_SOURCES.flatMap((source) => source.eventTypes.map((type) => [type, source] as const)),
);
