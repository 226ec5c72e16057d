import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { positionAt, recordedAtOf } from '../../projections/audit/audit-queries';
import { GEOGRAPHY } from '../geography/geography';
import type { AsOf } from '../http/as-of';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { InvalidCommand } from '../shared/domain-errors';
import { indicatorRows, type IndicatorRow } from './indicator-report';

export class GetIndicatorsQuery {
  constructor(
    readonly actor: Actor,
    readonly options: {
      readonly unit?: string;
      readonly from?: string;
      readonly to?: string;
      readonly asOf?: AsOf;
      readonly byChildren?: boolean;
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
  readonly rows: IndicatorRow[];
  readonly children?: { unit: string; name: string; rows: IndicatorRow[] }[];
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
    assertUnitReadable(actor, unit);
    const db = this.ledger.readModels;
    const reached = this.ledger.runner.position;
    const asOf = options.asOf;
    const position = !asOf
      ? reached
      : 'position' in asOf
        ? Math.min(asOf.position, reached)
        : Math.min(positionAt(db, asOf.time), reached);
    const query = { from: options.from, to: options.to, asOfPosition: position };
    const answer: IndicatorsAnswer = {
      asOf: asOf && 'time' in asOf ? asOf.time : (recordedAtOf(db, position) ?? new Date().toISOString()),
      position,
      unit,
      ...(GEOGRAPHY.anyUnit(unit) ? { unitName: GEOGRAPHY.anyUnit(unit)?.name } : {}),
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
      rows: indicatorRows(db, { ...query, unit }),
    };
    if (!options.byChildren) return answer;
    const date = options.to ?? businessToday(new Date());
    const children = GEOGRAPHY.childrenAt(unit, date).map((child) => ({
      unit: child.code,
      name: child.name,
      rows: indicatorRows(db, { ...query, unit: child.code }),
    }));
    return { ...answer, children };
  }
}
