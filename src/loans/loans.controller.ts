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
import { CloseLoanRepaymentCommand } from './close-loan-repayment.command';
import { CorrectLoanCommand } from './correct-loan.command';
import { DecideOnLoanCommand } from './decide-on-loan.command';
import { DisburseLoanCommand } from './disburse-loan.command';
import { GetLoanQuery } from './get-loan.query';
import { IntroduceLoanCommand } from './introduce-loan.command';
import {
  CorrectLoanDto,
  IntroduceLoanDto,
  LoanDecisionDto,
  LoanDisbursementDto,
  LoanRepaymentDto,
} from './loan.dto';
import { VoidLoanCommand } from './void-loan.command';
import { answerWithETag } from '../http/etag';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans')
export class LoansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('officer')
  @ApiOperation({
    summary:
      'Record a loan the commune union introduced to a bank under its credit guarantee (tín chấp)',
    description:
      "The borrower's personal details are sealed under her own key; the answer names her pseudonymous subjectId.",
  })
  @ApiResponse({ status: 201, description: '{ id, streamId, revision, position, subjectId }' })
  introduce(
    @Body() body: IntroduceLoanDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    const { id, borrower, ...fields } = body;
    const { personal, ...person } = borrower;
    const loanId = newRecordId(id);
    return this.commands.execute(
      new IntroduceLoanCommand(
        loanId,
        { ...fields, borrower: { ...person, ...(personal ? { personal: { ...personal } } : {}) } },
        envelope,
      ),
    );
  }

  @Post(':id/decision')
  @Roles('officer')
  @ApiOperation({ summary: "Record the bank's decision: approved (with the amount) or rejected" })
  decide(
    @Param('id') id: string,
    @Body() body: LoanDecisionDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new DecideOnLoanCommand(id, body.decision, body.on, body.amountApproved, envelope),
    );
  }

  @Post(':id/disbursements')
  @Roles('officer')
  @ApiOperation({
    summary: 'Record a disbursement of an approved loan; never more than approved in all',
  })
  disburse(
    @Param('id') id: string,
    @Body() body: LoanDisbursementDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new DisburseLoanCommand(id, body.on, body.amount, envelope));
  }

  @Post(':id/repayment')
  @Roles('officer')
  @ApiOperation({ summary: 'Close the loan as repaid, after at least one disbursement' })
  repay(
    @Param('id') id: string,
    @Body() body: LoanRepaymentDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new CloseLoanRepaymentCommand(id, body.on, envelope));
  }

  @Post(':id/corrections')
  @Roles('officer')
  @ApiOperation({
    summary: "Correct fields of the introduction, the borrower's details included, with a reason",
  })
  correct(
    @Param('id') id: string,
    @Body() body: CorrectLoanDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new CorrectLoanCommand(id, plainChanges(body.changes), body.reason, envelope),
    );
  }

  @Post(':id/void')
  @Roles('officer')
  @ApiOperation({ summary: 'Void a loan entered by mistake, with a reason; it stops counting' })
  void(
    @Param('id') id: string,
    @Body() body: VoidRecordDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.commands.execute(new VoidLoanCommand(id, body.reason, envelope));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A loan as it stands now; ETag carries its revision',
    description:
      "The borrower's personal details and ethnicity only for an officer in scope, and each such read is recorded.",
  })
  async get(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view: RecordView = await this.queries.execute(new GetLoanQuery(id, actor, request.id));
    return answerWithETag(reply, view);
  }
}
