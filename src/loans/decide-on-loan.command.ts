import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { loanStreamCommand } from './loan-stream';
import { loanDecider } from './loan.decider';

/** The bank approved (for an amount) or rejected the loan the union introduced. */
export class DecideOnLoanCommand {
  constructor(
    readonly loanId: string,
    readonly decision: 'approved' | 'rejected',
    readonly on: string,
    readonly amountApproved: number | undefined,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(DecideOnLoanCommand)
export class DecideOnLoanHandler implements ICommandHandler<DecideOnLoanCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({
    loanId,
    decision,
    on,
    amountApproved,
    envelope,
  }: DecideOnLoanCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    return this.ledger.commands.run(
      loanStreamCommand(loanId, envelope.actor, (state) =>
        loanDecider.decide(
          {
            type: 'DecideOnLoan',
            loanId,
            decision,
            on,
            today,
            ...(amountApproved !== undefined ? { amountApproved } : {}),
          },
          state,
        ),
      ),
      envelope,
    );
  }
}
