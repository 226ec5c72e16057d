import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { INDICATORS } from '../../projections/indicators/indicator-catalogue';
import { TARGET_RULE } from '../../projections/targets/target-queries';
import { Envelope } from '../http/command-envelope.decorator';
import { QueryParams } from '../http/query-params';
import { CurrentActor } from '../identity/actor.decorator';
import { Roles } from '../identity/roles.decorator';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import type { Actor } from '../ledger/envelope';
import { newRecordId } from '../records/new-record-id';
import { plainChanges } from '../records/plain-changes';
import type { RecordView } from '../records/record-view';
import { VoidRecordDto } from '../records/void-record.dto';
import { CorrectTargetCommand } from './correct-target.command';
import { GetTargetQuery } from './get-target.query';
import { ListTargetsQuery, type TargetList } from './list-targets.query';
import { SetTargetCommand } from './set-target.command';
import { CorrectTargetDto, SetTargetDto } from './target.dto';
import { VoidTargetCommand } from './void-target.command';
import { answerWithETag } from '../http/etag';

@ApiTags('targets')
@ApiBearerAuth()
@Controller('api/targets')
export class TargetsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Set a target for an indicator, a unit and a period',
    description: TARGET_RULE,
  })
  @ApiResponse({ status: 201, description: '{ id, streamId, revision, position }' })
  set(@Body() body: SetTargetDto, @Envelope() envelope: CommandEnvelope): Promise<CommandResult> {
    const { id, ...record } = body;
    const targetId = newRecordId(id);
    return this.commands.execute(new SetTargetCommand(targetId, { ...record }, envelope));
  }

  @Post(':id/corrections')
  @Roles('admin')
  @ApiOperation({ summary: 'Correct a target, with a reason', description: TARGET_RULE })
  correct(
    @Param('id') id: string,
    @Body() body: CorrectTargetDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new CorrectTargetCommand(id, plainChanges(body.changes), body.reason, envelope),
    );
  }

  @Post(':id/void')
  @Roles('admin')
  @ApiOperation({
    summary: 'Void a target, with a reason; it no longer applies to any indicator row',
  })
  void(
    @Param('id') id: string,
    @Body() body: VoidRecordDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new VoidTargetCommand(id, body.reason, envelope));
  }

  @Get()
  @ApiOperation({
    summary: 'The targets standing now for a unit and the units below it, within your scope',
    description: TARGET_RULE,
  })
  @ApiQuery({ name: 'unit', required: false, description: "GSO code; defaults to the user's unit" })
  @ApiQuery({ name: 'indicator', required: false, enum: INDICATORS.map((i) => i.code) })
  list(@CurrentActor() actor: Actor, @Query() raw: Record<string, unknown>): Promise<TargetList> {
    const params = new QueryParams(raw, ['unit', 'indicator']);
    const indicator = params.oneOf(
      'indicator',
      INDICATORS.map((i) => i.code),
    );
    return this.queries.execute(new ListTargetsQuery(actor, params.string('unit'), indicator));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A target as it stands now; ETag carries its revision' })
  async get(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view: RecordView = await this.queries.execute(new GetTargetQuery(id, actor));
    return answerWithETag(reply, view);
  }
}
