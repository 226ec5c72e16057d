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
import { CorrectClubDto, DissolveClubDto, EstablishClubDto } from './club.dto';
import { CorrectClubCommand } from './correct-club.command';
import { DissolveClubCommand } from './dissolve-club.command';
import { EstablishClubCommand } from './establish-club.command';
import { GetClubQuery } from './get-club.query';
import { VoidClubCommand } from './void-club.command';
import { answerWithETag } from '../http/etag';

@ApiTags('clubs')
@ApiBearerAuth()
@Controller('api/clubs')
export class ClubsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('officer')
  @ApiOperation({ summary: 'Establish a "Leaders of Change" club in a commune' })
  @ApiResponse({ status: 201, description: '{ id, streamId, revision, position }' })
  establish(
    @Body() body: EstablishClubDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    const { id, ...record } = body;
    return this.commands.execute(
      new EstablishClubCommand(newRecordId(id), { ...record }, envelope),
    );
  }

  @Post(':id/dissolution')
  @Roles('officer')
  @ApiOperation({
    summary: 'Dissolve a club: it stops counting, and nobody joins it from that date',
  })
  dissolve(
    @Param('id') id: string,
    @Body() body: DissolveClubDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new DissolveClubCommand(id, body.on, body.reason, envelope));
  }

  @Post(':id/corrections')
  @Roles('officer')
  @ApiOperation({ summary: 'Correct fields of a club, with a reason' })
  correct(
    @Param('id') id: string,
    @Body() body: CorrectClubDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new CorrectClubCommand(id, plainChanges(body.changes), body.reason, envelope),
    );
  }

  @Post(':id/void')
  @Roles('officer')
  @ApiOperation({
    summary: 'Void a club entered by mistake, with a reason; it and its members stop counting',
  })
  void(
    @Param('id') id: string,
    @Body() body: VoidRecordDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new VoidClubCommand(id, body.reason, envelope));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A club as it stands now, with member counts; ETag carries its revision',
  })
  async get(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view: RecordView = await this.queries.execute(new GetClubQuery(id, actor));
    return answerWithETag(reply, view);
  }
}
