import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Envelope } from '../http/command-envelope.decorator';
import { CurrentActor } from '../identity/actor.decorator';
import { Roles } from '../identity/roles.decorator';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import type { Actor } from '../ledger/envelope';
import { plainChanges } from '../records/plain-changes';
import type { RecordView } from '../records/record-view';
import { VoidRecordDto } from '../records/void-record.dto';
import { CloseCaseDto, CorrectCaseDto, GiveCaseServiceDto, ReferCaseDto } from './case.dto';
import { CloseCaseCommand } from './close-case.command';
import { CorrectCaseCommand } from './correct-case.command';
import { GetCaseQuery } from './get-case.query';
import { GiveCaseServiceCommand } from './give-case-service.command';
import { ReferCaseCommand } from './refer-case.command';
import { VoidCaseCommand } from './void-case.command';
import { answerWithETag } from '../http/etag';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':id/referrals')
  @Roles('case_worker')
  @ApiOperation({ summary: 'Refer an open case on (police, health, legal aid…)' })
  refer(
    @Param('id') id: string,
    @Body() body: ReferCaseDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new ReferCaseCommand(id, body.to, body.on, body.note, envelope));
  }

  @Post(':id/services')
  @Roles('case_worker')
  @ApiOperation({ summary: 'Record a service given on an open case (counselling, shelter…)' })
  giveService(
    @Param('id') id: string,
    @Body() body: GiveCaseServiceDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new GiveCaseServiceCommand(id, body.service, body.on, envelope));
  }

  @Post(':id/closure')
  @Roles('case_worker')
  @ApiOperation({ summary: 'Close a case with its outcome; a case is closed once' })
  close(
    @Param('id') id: string,
    @Body() body: CloseCaseDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new CloseCaseCommand(id, body.on, body.outcome, envelope));
  }

  @Post(':id/corrections')
  @Roles('case_worker')
  @ApiOperation({
    summary: 'Correct fields of a case, with a reason; personal details are resealed',
  })
  correct(
    @Param('id') id: string,
    @Body() body: CorrectCaseDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new CorrectCaseCommand(id, plainChanges(body.changes), body.reason, envelope),
    );
  }

  @Post(':id/void')
  @Roles('case_worker')
  @ApiOperation({ summary: 'Void a case, with a reason; it stops counting' })
  void(
    @Param('id') id: string,
    @Body() body: VoidRecordDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new VoidCaseCommand(id, body.reason, envelope));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A case as it stands now; ETag carries its revision',
    description:
      'A case worker in scope sees the whole case, personal details opened and the read recorded. Every other role ' +
      'in scope sees only its status, unit, address and dates.',
  })
  async get(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view: RecordView = await this.queries.execute(new GetCaseQuery(id, actor, request.id));
    return answerWithETag(reply, view);
  }
}
