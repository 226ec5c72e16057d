import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Envelope } from '../http/command-envelope.decorator';
import { Roles } from '../identity/roles.decorator';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { newRecordId } from '../records/new-record-id';
import { OpenCaseDto } from './case.dto';
import { OpenCaseCommand } from './open-case.command';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/trusted-addresses/:addressId/cases')
export class AddressCasesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('case_worker')
  @ApiOperation({
    summary:
      'Open a case of violence or abuse at a trusted address, with the consent of the person it is about',
    description:
      'The address must be open on openedOn and in your scope; the case takes its commune. `subject.personal` is sealed ' +
      'with a key kept for this person alone and never stored in clear.',
  })
  @ApiResponse({ status: 201, description: '{ id, streamId, revision, position, subjectId }' })
  open(
    @Param('addressId') addressId: string,
    @Body() body: OpenCaseDto,
    @Envelope() envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    const { id, subject, ...intake } = body;
    const { personal, ...described } = subject;
    const caseId = newRecordId(id);
    return this.commands.execute(
      new OpenCaseCommand(
        addressId,
        caseId,
        { ...intake, subject: { ...described } },
        personal,
        envelope,
      ),
    );
  }
}
