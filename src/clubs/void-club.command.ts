import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { clubStreamCommand } from './club-stream';
import { clubDecider } from './club.decider';

export class VoidClubCommand {
  constructor(
    readonly clubId: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(VoidClubCommand)
export class VoidClubHandler implements ICommandHandler<VoidClubCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ clubId, reason, envelope }: VoidClubCommand): Promise<CommandResult> {
    return this.ledger.commands.run(
      clubStreamCommand(clubId, envelope.actor, (state) =>
        clubDecider.decide({ type: 'VoidClub', clubId, reason }, state),
      ),
      { ...envelope, reason },
    );
  }
}
