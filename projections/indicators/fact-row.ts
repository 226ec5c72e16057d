import { GEOGRAPHY } from '../../src/geography/geography';
import type { Fact } from './fact';
import { INDICATOR_BY_CODE } from './indicator-catalogue';

/** The columns of `indicator_facts` a fact is written with, in this order (`pos_to` comes later). */
export const FACT_ROW_COLUMNS = [
  'stream_id',
  'indicator',
  'kind',
  'unit_code',
  'l1',
  'l2',
  'date_from',
  'date_to',
  'value',
  'dimension',
  'category',
  'pos_from',
  'cu0',
  'cu1',
] as const;

/** A fact as written: its values in the order of FACT_ROW_COLUMNS. */
export type FactRow = unknown[];

/** A fact's row: where it was recorded (with its district and province then) and where it stands today. */
export function factRow(fact: Fact, streamId: string, position: number): FactRow {
  const lineage = GEOGRAPHY.lineageAt(fact.unitCode, fact.dateFrom);
  // Where the record stands in today's units; a share that cannot be moved keeps its candidates.
  const today = GEOGRAPHY.currentPlacement(fact.unitCode, fact.dateFrom);
  const current = today.kind === 'unit' ? today.lineage : [null, ...today.lineage];
  return [
    streamId,
    fact.indicator,
    INDICATOR_BY_CODE.get(fact.indicator)?.kind ?? 'flow',
    fact.unitCode,
    lineage[1] ?? null,
    lineage[2] ?? null,
    fact.dateFrom,
    fact.dateTo ?? null,
    fact.value,
    fact.dimension ?? null,
    fact.category ?? null,
    position,
    current[0] ?? null,
    current[1] ?? null,
  ];
}
