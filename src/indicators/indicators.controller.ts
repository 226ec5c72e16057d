import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { TARGET_RULE } from '../../projections/targets/target-queries';
import { parseAsOf } from '../http/as-of';
import { QueryParams } from '../http/query-params';
import { CurrentActor } from '../identity/actor.decorator';
import type { Actor } from '../ledger/envelope';
import { GetIndicatorsQuery, type IndicatorsAnswer } from './get-indicators.query';

export const INDICATOR_PARAMS = ['unit', 'from', 'to', 'asOf', 'geography', 'by'] as const;

/** Reads `/api/indicators` parameters, shared with the reports. */
export function indicatorsQuery(actor: Actor, raw: Record<string, unknown>, extra: readonly string[] = []) {
  const params = new QueryParams(raw, [...INDICATOR_PARAMS, ...extra]);
  const geography = params.oneOf('geography', ['original', 'current']);
  const by = params.oneOf('by', ['children']);
  const unit = params.string('unit');
  const from = params.date('from');
  const to = params.date('to');
  const asOf = parseAsOf(params.string('asOf'));
  return new GetIndicatorsQuery(actor, {
    ...(unit ? { unit } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(asOf ? { asOf } : {}),
    byChildren: by === 'children',
    ...(geography ? { geography } : {}),
  });
}

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('api/indicators')
export class IndicatorsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Indicator totals for a unit and below, by business-date window, as of any moment',
    description: TARGET_RULE,
  })
  @ApiQuery({ name: 'unit', required: false, description: "GSO code; defaults to the user's unit" })
  @ApiQuery({ name: 'from', required: false, description: 'first business date, YYYY-MM-DD (inclusive)' })
  @ApiQuery({ name: 'to', required: false, description: 'last business date, YYYY-MM-DD (inclusive)' })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO time or position:N (inclusive)' })
  @ApiQuery({
    name: 'geography',
    required: false,
    enum: ['original', 'current'],
    description: "original (default): units as recorded; current: re-aggregated into today's units, split units reported apart",
  })
  @ApiQuery({ name: 'by', required: false, enum: ['children'] })
  get(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>): Promise<IndicatorsAnswer> {
    return this.queries.execute(indicatorsQuery(actor, query));
  }
}
