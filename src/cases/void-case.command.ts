import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { scopedDecision } from '../records/scoped-decision';
import { caseScopeOf, caseStreamCommand } from './case-stream';
import { caseDecider } from './case.decider';

export class VoidCaseCommand {
  constructor(
    readonly caseId: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(VoidCaseCommand)
export class VoidCaseHandler implements ICommandHandler<VoidCaseCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ caseId, reason, envelope }: VoidCaseCommand): Promise<CommandResult> {
    return this.ledger.commands.run(
      caseStreamCommand(caseId, (state) =>
        scopedDecision(
          state,
          (s) => caseDecider.decide({ type: 'VoidCase', caseId, reason }, s),
          caseScopeOf(envelope.actor),
        ),
      ),
      { ...envelope, reason },
    );
  }
}
