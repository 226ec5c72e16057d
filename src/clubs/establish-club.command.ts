import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ClubRecord } from '../../events/club';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { checkClub } from './club-rules';
import { assertClubInScope, clubStreamCommand } from './club-stream';
import { clubDecider } from './club.decider';

export class EstablishClubCommand {
  constructor(
    readonly clubId: string,
    readonly record: ClubRecord,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(EstablishClubCommand)
export class EstablishClubHandler implements ICommandHandler<EstablishClubCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ clubId, record, envelope }: EstablishClubCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    // The body's rules (400) come before the scope (403).
    checkClub(record, today);
    assertClubInScope(envelope.actor, record);
    return this.ledger.commands.run(
      clubStreamCommand(
        clubId,
        envelope.actor,
        (state) => clubDecider.decide({ type: 'EstablishClub', clubId, record, today }, state),
        { fallbackUnit: record.unitCode },
      ),
      envelope,
    );
  }
}
