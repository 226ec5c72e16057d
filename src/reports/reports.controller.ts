import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../identity/actor.decorator';
import type { IndicatorsAnswer } from '../indicators/get-indicators.query';
import { indicatorsQuery } from '../indicators/indicators.controller';
import type { Actor } from '../ledger/envelope';
import { indicatorCsv } from './indicator-csv';
import { indicatorWorkbook } from './indicator-workbook';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  private answer(actor: Actor, query: Record<string, unknown>): Promise<IndicatorsAnswer> {
    return this.queries.execute(indicatorsQuery(actor, query));
  }

  @Get('indicators.xlsx')
  @ApiOperation({ summary: 'The indicator table as an Excel workbook; same query as /api/indicators' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async xlsx(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    const answer = await this.answer(actor, query);
    await reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${fileName(answer, 'xlsx')}"`)
      .send(await indicatorWorkbook(answer));
  }

  @Get('indicators.csv')
  @ApiOperation({ summary: 'The indicator table as CSV (UTF-8 with BOM); same query as /api/indicators' })
  @ApiProduces('text/csv')
  async csv(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    const answer = await this.answer(actor, query);
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(answer, 'csv')}"`)
      .send(indicatorCsv(answer));
  }
}

function fileName(answer: IndicatorsAnswer, extension: string): string {
  const period = [answer.from, answer.to].filter(Boolean).join('_') || 'all';
  return `p8-indicators-${answer.unit}-${period}-pos${answer.position}.${extension}`;
}
