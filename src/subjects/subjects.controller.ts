import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { queryAccessLog, type AccessEntry } from '../../projections/subjects/subjects.projection';
import { GEOGRAPHY } from '../geography/geography';
import { Envelope } from '../http/command-envelope.decorator';
import { QueryParams } from '../http/query-params';
import { CurrentActor } from '../identity/actor.decorator';
import { Roles } from '../identity/roles.decorator';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { ReasonDto } from '../records/reason.dto';
import { EraseSubjectCommand } from './erase-subject.command';

@ApiTags('personal data')
@ApiBearerAuth()
@Controller('api')
export class SubjectsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(LEDGER) private readonly ledger: Ledger,
  ) {}

  @Post('subjects/:subjectId/erasure')
  @Roles('admin', 'case_worker')
  @ApiOperation({ summary: "Forget a person: destroy their key; details read as erased everywhere, counts stay" })
  erase(
    @Param('subjectId') subjectId: string,
    @Body() body: ReasonDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new EraseSubjectCommand(subjectId, body.reason, envelope));
  }

  @Get('access-log')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: "Who read whose personal details, when, through which request" })
  accessLog(@CurrentActor() actor: Actor, @Query() raw: Record<string, unknown>): { items: AccessEntry[]; next: number | null } {
    const params = new QueryParams(raw, ['subjectId', 'after', 'limit']);
    const subjectId = params.string('subjectId');
    return queryAccessLog(this.ledger.readModels, {
      ...(subjectId ? { subjectId } : {}),
      units: GEOGRAPHY.unitsCoveredBy(actor.unitCode),
      after: params.integer('after', 0, Number.MAX_SAFE_INTEGER) ?? 0,
      limit: params.integer('limit', 1, 10000) ?? 1000,
    });
  }
}
