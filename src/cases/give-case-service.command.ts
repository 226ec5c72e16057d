import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseService } from '../../events/case';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { scopedDecision } from '../records/scoped-decision';
import { businessToday } from '../shared/business-date';
import { caseScopeOf, caseStreamCommand } from './case-stream';
import { caseDecider } from './case.decider';

export class GiveCaseServiceCommand {
  constructor(
    readonly caseId: string,
    readonly service: CaseService,
    readonly on: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(GiveCaseServiceCommand)
export class GiveCaseServiceHandler implements ICommandHandler<
  GiveCaseServiceCommand,
  CommandResult
> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ caseId, service, on, envelope }: GiveCaseServiceCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    return this.ledger.commands.run(
      caseStreamCommand(caseId, (state) =>
        scopedDecision(
          state,
          (s) => caseDecider.decide({ type: 'GiveCaseService', caseId, service, on, today }, s),
          caseScopeOf(envelope.actor),
        ),
      ),
      envelope,
    );
  }
}
