import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { loanStreamCommand } from './loan-stream';
import { loanDecider } from './loan.decider';

/** The bank paid out (part of) an approved loan. */
export class DisburseLoanCommand {
  constructor(
    readonly loanId: string,
    readonly on: string,
    readonly amount: number,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(DisburseLoanCommand)
export class DisburseLoanHandler implements ICommandHandler<DisburseLoanCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ loanId, on, amount, envelope }: DisburseLoanCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    return this.ledger.commands.run(
      loanStreamCommand(loanId, envelope.actor, (state) =>
        loanDecider.decide({ type: 'DisburseLoan', loanId, on, amount, today }, state),
      ),
      envelope,
    );
  }
}
