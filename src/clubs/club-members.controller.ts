import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Envelope } from '../http/command-envelope.decorator';
import { CurrentActor } from '../identity/actor.decorator';
import { Roles } from '../identity/roles.decorator';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import type { Actor } from '../ledger/envelope';
import { newRecordId } from '../records/new-record-id';
import { plainChanges } from '../records/plain-changes';
import type { RecordView } from '../records/record-view';
import { VoidRecordDto } from '../records/void-record.dto';
import { WithdrawMemberDto } from './club.dto';
import { CorrectMemberCommand } from './correct-member.command';
import { EnrollMemberCommand } from './enroll-member.command';
import { GetMemberQuery } from './get-member.query';
import { CorrectMemberDto, EnrollMemberDto } from './member.dto';
import { VoidMemberCommand } from './void-member.command';
import { WithdrawMemberCommand } from './withdraw-member.command';
import { answerWithETag } from '../http/etag';

@ApiTags('clubs')
@ApiBearerAuth()
@Controller('api/clubs/:clubId/members')
export class ClubMembersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('officer')
  @ApiOperation({
    summary: "Enroll a child in a club, with the guardian's consent (and the child's from age 7)",
  })
  @ApiResponse({ status: 201, description: '{ id, streamId, revision, position, subjectId }' })
  enroll(
    @Param('clubId') clubId: string,
    @Body() body: EnrollMemberDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    const { id, personal, consent, ...fields } = body;
    const record = { ...fields, consent: { ...consent } };
    const memberId = newRecordId(id);
    return this.commands.execute(
      new EnrollMemberCommand(
        clubId,
        memberId,
        record,
        personal ? { ...personal } : undefined,
        envelope,
      ),
    );
  }

  @Post(':memberId/withdrawal')
  @Roles('officer')
  @ApiOperation({ summary: 'A member leaves the club' })
  withdraw(
    @Param('clubId') clubId: string,
    @Param('memberId') memberId: string,
    @Body() body: WithdrawMemberDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new WithdrawMemberCommand(clubId, memberId, body.on, body.reason, envelope),
    );
  }

  @Post(':memberId/corrections')
  @Roles('officer')
  @ApiOperation({ summary: 'Correct fields of a member, personal details included, with a reason' })
  correct(
    @Param('clubId') clubId: string,
    @Param('memberId') memberId: string,
    @Body() body: CorrectMemberDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new CorrectMemberCommand(clubId, memberId, plainChanges(body.changes), body.reason, envelope),
    );
  }

  @Post(':memberId/void')
  @Roles('officer')
  @ApiOperation({ summary: 'Void a member entered by mistake, with a reason; they stop counting' })
  void(
    @Param('clubId') clubId: string,
    @Param('memberId') memberId: string,
    @Body() body: VoidRecordDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new VoidMemberCommand(clubId, memberId, body.reason, envelope));
  }

  @Get(':memberId')
  @ApiOperation({
    summary: 'A member as it stands now; ETag carries the club revision',
    description:
      'Personal details and ethnicity only for an officer in scope, and each such read is recorded.',
  })
  async get(
    @Param('clubId') clubId: string,
    @Param('memberId') memberId: string,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view: RecordView = await this.queries.execute(
      new GetMemberQuery(clubId, memberId, actor, request.id),
    );
    return answerWithETag(reply, view);
  }
}
