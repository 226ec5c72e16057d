import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { clubStreamCommand } from './club-stream';
import { clubDecider } from './club.decider';

export class VoidMemberCommand {
  constructor(
    readonly clubId: string,
    readonly memberId: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(VoidMemberCommand)
export class VoidMemberHandler implements ICommandHandler<VoidMemberCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ clubId, memberId, reason, envelope }: VoidMemberCommand): Promise<CommandResult> {
    return this.ledger.commands.run(
      clubStreamCommand(
        clubId,
        envelope.actor,
        (state) => clubDecider.decide({ type: 'VoidMember', clubId, memberId, reason }, state),
        { resultId: memberId },
      ),
      { ...envelope, reason },
    );
  }
}
