import { caseFacts } from './case-facts';
import { clubFacts } from './club-facts';
import { communicationFacts } from './communication-facts';
import { dialogueFacts } from './dialogue-facts';
import type { FactSource } from './fact';
import { loanFacts } from './loan-facts';
import { trustedAddressFacts } from './trusted-address-facts';
import { trainingFacts } from './training-facts';

/** Every kind of record that feeds indicators. */
export const FACT_SOURCES: readonly FactSource<unknown>[] = [
  dialogueFacts,
  clubFacts,
  trainingFacts,
  communicationFacts,
  loanFacts,
  trustedAddressFacts,
  caseFacts,
];

export const FACT_SOURCE_BY_TYPE: ReadonlyMap<string, FactSource<unknown>> = new Map(
  FACT_SOURCES.flatMap((source) => source.eventTypes.map((type) => [type, source] as const)),
);
