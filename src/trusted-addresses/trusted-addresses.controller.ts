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
import { CloseTrustedAddressCommand } from './close-trusted-address.command';
import { CorrectTrustedAddressCommand } from './correct-trusted-address.command';
import { EstablishTrustedAddressCommand } from './establish-trusted-address.command';
import { GetTrustedAddressQuery } from './get-trusted-address.query';
import {
  CloseTrustedAddressDto,
  CorrectTrustedAddressDto,
  EstablishTrustedAddressDto,
} from './trusted-address.dto';
import { VoidTrustedAddressCommand } from './void-trusted-address.command';
import { answerWithETag } from '../http/etag';

@ApiTags('trusted addresses')
@ApiBearerAuth()
@Controller('api/trusted-addresses')
export class TrustedAddressesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('officer', 'case_worker')
  @ApiOperation({
    summary: 'Establish a trusted address (Địa chỉ tin cậy tại cộng đồng) in a commune',
  })
  @ApiResponse({ status: 201, description: '{ id, streamId, revision, position }' })
  establish(
    @Body() body: EstablishTrustedAddressDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    const { id, ...record } = body;
    const addressId = newRecordId(id);
    return this.commands.execute(
      new EstablishTrustedAddressCommand(addressId, { ...record }, envelope),
    );
  }

  @Post(':id/closure')
  @Roles('officer', 'case_worker')
  @ApiOperation({
    summary: 'Close a trusted address from a date, with a reason; it takes in no case from then',
  })
  close(
    @Param('id') id: string,
    @Body() body: CloseTrustedAddressDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new CloseTrustedAddressCommand(id, body.on, body.reason, envelope),
    );
  }

  @Post(':id/corrections')
  @Roles('officer', 'case_worker')
  @ApiOperation({ summary: 'Correct fields of a trusted address, with a reason' })
  correct(
    @Param('id') id: string,
    @Body() body: CorrectTrustedAddressDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new CorrectTrustedAddressCommand(id, plainChanges(body.changes), body.reason, envelope),
    );
  }

  @Post(':id/void')
  @Roles('officer', 'case_worker')
  @ApiOperation({
    summary: 'Void a trusted address, with a reason; it stops counting and takes in no case',
  })
  void(
    @Param('id') id: string,
    @Body() body: VoidRecordDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new VoidTrustedAddressCommand(id, body.reason, envelope));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A trusted address as it stands now; ETag carries its revision' })
  async get(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view: RecordView = await this.queries.execute(new GetTrustedAddressQuery(id, actor));
    return answerWithETag(reply, view);
  }
}
