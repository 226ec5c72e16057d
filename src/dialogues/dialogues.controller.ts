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
import { VoidRecordDto } from '../records/void-record.dto';
import { CorrectDialogueCommand } from './correct-dialogue.command';
import { CorrectDialogueDto, RecordDialogueDto } from './dialogue.dto';
import { GetDialogueQuery, type DialogueView } from './get-dialogue.query';
import { RecordDialogueCommand } from './record-dialogue.command';
import { VoidDialogueCommand } from './void-dialogue.command';
import { answerWithETag } from '../http/etag';

@ApiTags('dialogues')
@ApiBearerAuth()
@Controller('api/dialogues')
export class DialoguesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('officer')
  @ApiOperation({ summary: 'Record a policy dialogue held in a commune' })
  @ApiResponse({ status: 201, description: '{ id, streamId, revision, position }' })
  record(@Body() body: RecordDialogueDto, @Envelope() envelope: CommandEnvelope): Promise<CommandResult> {
    const { id, ...record } = body;
    const dialogueId = newRecordId(id);
    return this.commands.execute(new RecordDialogueCommand(dialogueId, { ...record }, envelope));
  }

  @Post(':id/corrections')
  @Roles('officer')
  @ApiOperation({ summary: 'Correct fields of a dialogue, with a reason' })
  correct(
    @Param('id') id: string,
    @Body() body: CorrectDialogueDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new CorrectDialogueCommand(id, plainChanges(body.changes), body.reason, envelope));
  }

  @Post(':id/void')
  @Roles('officer')
  @ApiOperation({ summary: 'Void a dialogue, with a reason; it stops counting' })
  void(@Param('id') id: string, @Body() body: VoidRecordDto, @Envelope() envelope: CommandEnvelope): Promise<CommandResult> {
    return this.commands.execute(new VoidDialogueCommand(id, body.reason, envelope));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A dialogue as it stands now; ETag carries its revision' })
  async get(@Param('id') id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    const view: DialogueView = await this.queries.execute(new GetDialogueQuery(id, actor));
    return answerWithETag(reply, view);
  }
}

