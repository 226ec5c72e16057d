import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { loanStreamCommand } from './loan-stream';
import { loanDecider } from './loan.decider';

/** The borrower repaid the loan and its file is closed. */
export class CloseLoanRepaymentCommand {
  constructor(
    readonly loanId: string,
    readonly on: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(CloseLoanRepaymentCommand)
export class CloseLoanRepaymentHandler implements ICommandHandler<
  CloseLoanRepaymentCommand,
  CommandResult
> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ loanId, on, envelope }: CloseLoanRepaymentCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    return this.ledger.commands.run(
      loanStreamCommand(loanId, envelope.actor, (state) =>
        loanDecider.decide({ type: 'CloseLoanRepayment', loanId, on, today }, state),
      ),
      envelope,
    );
  }
}
