import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { InvalidCommand } from '../shared/domain-errors';
import { clubStreamCommand } from './club-stream';
import { clubDecider } from './club.decider';

export class WithdrawMemberCommand {
  constructor(
    readonly clubId: string,
    readonly memberId: string,
    readonly on: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(WithdrawMemberCommand)
export class WithdrawMemberHandler implements ICommandHandler<
  WithdrawMemberCommand,
  CommandResult
> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({
    clubId,
    memberId,
    on,
    reason,
    envelope,
  }: WithdrawMemberCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    // A date in the future is wrong whatever the member (400 before 404).
    if (on > today) throw new InvalidCommand(`on ${on} is in the future; today is ${today}`);
    return this.ledger.commands.run(
      clubStreamCommand(
        clubId,
        envelope.actor,
        (state) =>
          clubDecider.decide(
            { type: 'WithdrawMember', clubId, memberId, on, reason, today },
            state,
          ),
        { resultId: memberId },
      ),
      { ...envelope, reason },
    );
  }
}
