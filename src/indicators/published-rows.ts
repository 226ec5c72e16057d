import type { Database } from 'better-sqlite3';
import type { IndicatorQuery } from '../../projections/indicators/indicator-queries';
import { GEOGRAPHY } from '../geography/geography';
import type { Actor } from '../ledger/envelope';
import { indicatorRows } from './indicator-report';
import { protectSiblings, publishRow, type PublishedRow } from './small-cells';

/** Whether a reader may see case figures broken down by violence type, ethnicity or age. */
export function seesCloseBreakdowns(actor: Pick<Actor, 'role'>, unit: string): boolean {
  return actor.role === 'case_worker' || GEOGRAPHY.anyUnit(unit)?.level === 'province';
}

/** Indicator rows as a reader may see them: small case cells suppressed. */
export function publishedRows(db: Database, query: IndicatorQuery, actor: Pick<Actor, 'role'>): PublishedRow[] {
  const closeBreakdowns = seesCloseBreakdowns(actor, query.unit);
  return indicatorRows(db, query).map((row) => publishRow(row, { closeBreakdowns }));
}

/** Rows of sibling units, each as a reader may see it, and none given away by the others. */
export function publishedSiblings(
  db: Database,
  queries: readonly IndicatorQuery[],
  actor: Pick<Actor, 'role'>,
): PublishedRow[][] {
  const raw = queries.map((query) => indicatorRows(db, query));
  const published = raw.map((rows, index) => {
    const closeBreakdowns = seesCloseBreakdowns(actor, queries[index]?.unit ?? '');
    return rows.map((row) => publishRow(row, { closeBreakdowns }));
  });
  return protectSiblings(raw, published);
}
