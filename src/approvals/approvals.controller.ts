import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { GEOGRAPHY } from '../geography/geography';
import { Envelope } from '../http/command-envelope.decorator';
import { CurrentActor } from '../identity/actor.decorator';
import { Roles } from '../identity/roles.decorator';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import type { Actor } from '../ledger/envelope';
import { newRecordId } from '../records/new-record-id';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { ReasonDto } from '../records/reason.dto';
import { NotFound } from '../shared/domain-errors';
import { ApprovePeriodCommand, ReopenApprovalCommand } from './approval-commands';
import { ApprovePeriodDto } from './approval.dto';
import { listApprovals } from './approval-queries';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('api/approvals')
export class ApprovalsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(LEDGER) private readonly ledger: Ledger,
  ) {}

  @Post()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Approve a period of a unit: its records, and those below, lock (409 on change)' })
  @ApiResponse({ status: 201, description: '{ id, streamId, revision, position }' })
  approve(@Body() body: ApprovePeriodDto, @Envelope() envelope: CommandEnvelope): Promise<CommandResult> {
    const { id, ...period } = body;
    const approvalId = newRecordId(id);
    return this.commands.execute(new ApprovePeriodCommand(approvalId, { ...period }, envelope));
  }

  @Post(':id/reopen')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Reopen an approved period, with a reason' })
  reopen(@Param('id') id: string, @Body() body: ReasonDto, @Envelope() envelope: CommandEnvelope): Promise<CommandResult> {
    return this.commands.execute(new ReopenApprovalCommand(id, body.reason, envelope));
  }

  @Get()
  @ApiOperation({ summary: 'Approvals of units in your scope' })
  list(@CurrentActor() actor: Actor) {
    const units = new Set(GEOGRAPHY.unitsCoveredBy(actor.unitCode));
    return { items: listApprovals(this.ledger.readModels).filter((a) => units.has(a.unitCode)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One approval' })
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const found = listApprovals(this.ledger.readModels).find((a) => a.id === id);
    if (!found || !GEOGRAPHY.unitsCoveredBy(actor.unitCode).includes(found.unitCode)) {
      throw new NotFound(`no approval with id ${id}`);
    }
    return found;
  }
}
