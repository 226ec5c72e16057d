import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Envelope } from '../http/command-envelope.decorator';
import { CurrentActor } from '../identity/actor.decorator';
import { Roles } from '../identity/roles.decorator';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import type { Actor } from '../ledger/envelope';
import { newRecordId } from '../records/new-record-id';
import { plainChanges } from '../records/plain-changes';
import type { RecordView } from '../records/record-view';
import { VoidRecordDto } from '../records/void-record.dto';
import { CorrectTrainingCommand } from './correct-training.command';
import { GetTrainingQuery } from './get-training.query';
import { RecordTrainingCommand } from './record-training.command';
import { CorrectTrainingDto, RecordTrainingDto } from './training.dto';
import { VoidTrainingCommand } from './void-training.command';
import { answerWithETag } from '../http/etag';

@ApiTags('trainings')
@ApiBearerAuth()
@Controller('api/trainings')
export class TrainingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('officer')
  @ApiOperation({
    summary: 'Record a training class organised by a commune, a district or the province',
    description:
      'It counts in trainings.classes, trainings.participant_times and trainings.manuals_distributed ' +
      'for the organising unit and the units above it, never for the units below it.',
  })
  @ApiResponse({ status: 201, description: '{ id, streamId, revision, position }' })
  record(
    @Body() body: RecordTrainingDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    const { id, ...record } = body;
    const trainingId = newRecordId(id);
    return this.commands.execute(new RecordTrainingCommand(trainingId, { ...record }, envelope));
  }

  @Post(':id/corrections')
  @Roles('officer')
  @ApiOperation({ summary: 'Correct fields of a training class, with a reason' })
  correct(
    @Param('id') id: string,
    @Body() body: CorrectTrainingDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new CorrectTrainingCommand(id, plainChanges(body.changes), body.reason, envelope),
    );
  }

  @Post(':id/void')
  @Roles('officer')
  @ApiOperation({ summary: 'Void a training class, with a reason; it stops counting' })
  void(
    @Param('id') id: string,
    @Body() body: VoidRecordDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new VoidTrainingCommand(id, body.reason, envelope));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A training class as it stands now; ETag carries its revision' })
  async get(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view: RecordView = await this.queries.execute(new GetTrainingQuery(id, actor));
    return answerWithETag(reply, view);
  }
}
