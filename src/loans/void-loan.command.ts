import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { loanStreamCommand } from './loan-stream';
import { loanDecider } from './loan.decider';

export class VoidLoanCommand {
  constructor(
    readonly loanId: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(VoidLoanCommand)
export class VoidLoanHandler implements ICommandHandler<VoidLoanCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ loanId, reason, envelope }: VoidLoanCommand): Promise<CommandResult> {
    return this.ledger.commands.run(
      loanStreamCommand(loanId, envelope.actor, (state) =>
        loanDecider.decide({ type: 'VoidLoan', loanId, reason }, state),
      ),
      { ...envelope, reason },
    );
  }
}
