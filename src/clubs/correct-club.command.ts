import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { mergeChanges } from '../records/record-changes';
import { businessToday } from '../shared/business-date';
import { checkClub, checkClubDates } from './club-rules';
import { assertClubInScope, clubStreamCommand } from './club-stream';
import { clubDecider } from './club.decider';

export class CorrectClubCommand {
  constructor(
    readonly clubId: string,
    readonly changes: Readonly<Record<string, unknown>>,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(CorrectClubCommand)
export class CorrectClubHandler implements ICommandHandler<CorrectClubCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ clubId, changes, reason, envelope }: CorrectClubCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    return this.ledger.commands.run(
      clubStreamCommand(clubId, envelope.actor, (state) => {
        if (state.status !== 'absent') {
          // A club moved to another commune must land in the actor's scope too.
          const corrected = mergeChanges(state.record, changes);
          checkClub(corrected, today);
          checkClubDates(corrected, state);
          assertClubInScope(envelope.actor, corrected);
        }
        return clubDecider.decide({ type: 'CorrectClub', clubId, changes, reason, today }, state);
      }),
      { ...envelope, reason },
    );
  }
}
