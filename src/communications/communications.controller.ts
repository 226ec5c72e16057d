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
import { CorrectCommunicationDto, RecordCommunicationDto } from './communication.dto';
import { CorrectCommunicationCommand } from './correct-communication.command';
import { GetCommunicationQuery } from './get-communication.query';
import { RecordCommunicationCommand } from './record-communication.command';
import { VoidCommunicationCommand } from './void-communication.command';
import { answerWithETag } from '../http/etag';

@ApiTags('communications')
@ApiBearerAuth()
@Controller('api/communications')
export class CommunicationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('officer')
  @ApiOperation({
    summary: 'Record a communication event organised by a commune, a district or the province',
    description:
      'It counts in communications.events for the organising unit and the units above it, ' +
      'never for the units below it.',
  })
  @ApiResponse({ status: 201, description: '{ id, streamId, revision, position }' })
  record(
    @Body() body: RecordCommunicationDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    const { id, ...record } = body;
    const communicationId = newRecordId(id);
    return this.commands.execute(
      new RecordCommunicationCommand(communicationId, { ...record }, envelope),
    );
  }

  @Post(':id/corrections')
  @Roles('officer')
  @ApiOperation({ summary: 'Correct fields of a communication event, with a reason' })
  correct(
    @Param('id') id: string,
    @Body() body: CorrectCommunicationDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new CorrectCommunicationCommand(id, plainChanges(body.changes), body.reason, envelope),
    );
  }

  @Post(':id/void')
  @Roles('officer')
  @ApiOperation({ summary: 'Void a communication event, with a reason; it stops counting' })
  void(
    @Param('id') id: string,
    @Body() body: VoidRecordDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new VoidCommunicationCommand(id, body.reason, envelope));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A communication event as it stands now; ETag carries its revision' })
  async get(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view: RecordView = await this.queries.execute(new GetCommunicationQuery(id, actor));
    return answerWithETag(reply, view);
  }
}
