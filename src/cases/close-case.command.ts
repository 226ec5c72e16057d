import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseOutcome } from '../../events/case';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { scopedDecision } from '../records/scoped-decision';
import { businessToday } from '../shared/business-date';
import { caseScopeOf, caseStreamCommand } from './case-stream';
import { caseDecider } from './case.decider';

export class CloseCaseCommand {
  constructor(
    readonly caseId: string,
    readonly on: string,
    readonly outcome: CaseOutcome,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(CloseCaseCommand)
export class CloseCaseHandler implements ICommandHandler<CloseCaseCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ caseId, on, outcome, envelope }: CloseCaseCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    return this.ledger.commands.run(
      caseStreamCommand(caseId, (state) =>
        scopedDecision(
          state,
          (s) => caseDecider.decide({ type: 'CloseCase', caseId, on, outcome, today }, s),
          caseScopeOf(envelope.actor),
        ),
      ),
      envelope,
    );
  }
}
