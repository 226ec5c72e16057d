import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { positionAt, recordedAtOf } from '../../projections/audit/audit-queries';
import { factIndexSettled } from '../../projections/indicators/kept-fact-indexes';
import { GEOGRAPHY } from '../geography/geography';
import type { AsOf } from '../http/as-of';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { InvalidCommand } from '../shared/domain-errors';
import { approvalOf, type ApprovalMark } from '../approvals/approval-status';
import { publishedRows, publishedSiblings } from './published-rows';
import type { PublishedRow } from './small-cells';

export class GetIndicatorsQuery {
  constructor(
    readonly actor: Actor,
    readonly options: {
      readonly unit?: string;
      readonly from?: string;
      readonly to?: string;
      readonly asOf?: AsOf;
      readonly byChildren?: boolean;
      readonly geography?: 'original' | 'current';
    },
  ) {}
}

export interface IndicatorsAnswer {
  readonly asOf: string;
  readonly position: number;
  readonly unit: string;
  readonly unitName?: string;
  readonly from?: string;
  readonly to?: string;
  readonly rows: PublishedRow[];
  readonly geography: 'original' | 'current';
  /** Set when the figures of this unit and window are approved, and so final. */
  readonly approval?: ApprovalMark;
  readonly children?: { unit: string; name: string; rows: PublishedRow[]; approval?: ApprovalMark }[];
  /** With geography=current: old units split between several of today's, not moved. */
  readonly partial?: { unit: string; name: string; sharedWith: readonly string[]; rows: PublishedRow[] }[];
}

@QueryHandler(GetIndicatorsQuery)
export class GetIndicatorsHandler implements IQueryHandler<GetIndicatorsQuery, IndicatorsAnswer> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  async execute({ actor, options }: GetIndicatorsQuery): Promise<IndicatorsAnswer> {
    const unit = options.unit ?? actor.unitCode;
    if (!GEOGRAPHY.isKnown(unit)) throw new InvalidCommand(`unit ${unit} is not a known administrative unit code`);
    if (options.from && options.to && options.from > options.to) {
      throw new InvalidCommand(`from (${options.from}) is after to (${options.to})`);
    }
    const geography = options.geography ?? 'original';
    if (geography === 'current' && !GEOGRAPHY.isCurrent(unit)) {
      const successor = GEOGRAPHY.successorOf(unit);
      throw new InvalidCommand(
        `unit ${unit} is not a unit in force today${successor ? `; it is part of ${successor.code} ${successor.name}` : ''}: ` +
          'ask for a unit of today, or use geography=original',
      );
    }
    assertUnitReadable(actor, unit);
    const db = this.ledger.readModels;
    // Just after a start, the facts saved at the stop are read back within a second or so:
    // wait for them rather than sum the table.
    await factIndexSettled(db);
    const reached = this.ledger.runner.position;
    const asOf = options.asOf;
    const position = !asOf
      ? reached
      : 'position' in asOf
        ? Math.min(asOf.position, reached)
        : Math.min(positionAt(db, asOf.time), reached);
    const query = { from: options.from, to: options.to, asOfPosition: position, geography };
    const answer: IndicatorsAnswer = {
      asOf: asOf && 'time' in asOf ? asOf.time : (recordedAtOf(db, position) ?? new Date().toISOString()),
      position,
      unit,
      ...(GEOGRAPHY.anyUnit(unit) ? { unitName: GEOGRAPHY.anyUnit(unit)?.name } : {}),
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
      geography,
      ...approved(db, unit, query),
      rows: publishedRows(db, { ...query, unit }, actor),
    };
    const partial =
      geography === 'current'
        ? GEOGRAPHY.partialSourcesOf(unit).map((source) => ({
            unit: source.code,
            name: source.name,
            sharedWith: source.sharedWith,
            rows: publishedRows(db, { ...query, geography: 'original', unit: source.code }, actor),
          }))
        : [];
    const withPartial = partial.length > 0 ? { ...answer, partial } : answer;
    if (!options.byChildren) return withPartial;
    const date = options.to ?? businessToday(new Date());
    const childUnits = geography === 'current' ? GEOGRAPHY.currentChildren(unit) : GEOGRAPHY.childrenAt(unit, date);
    const rows = publishedSiblings(db, childUnits.map((child) => ({ ...query, unit: child.code })), actor);
    const children = childUnits.map((child, index) => ({
      unit: child.code,
      name: child.name,
      rows: rows[index] ?? [],
      ...approved(db, child.code, query),
    }));
    return { ...withPartial, children };
  }
}

function approved(
  db: Parameters<typeof approvalOf>[0],
  unit: string,
  query: { from?: string; to?: string; asOfPosition: number },
): { approval?: ApprovalMark } {
  const approval = approvalOf(db, unit, query, query.asOfPosition);
  return approval ? { approval } : {};
}
