import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MemberRecord } from '../../events/club';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import type { PersonalDetails, SealedPersonal } from '../personal-data/personal-vault';
import { sealPersonalDetails } from '../records/seal-personal-details';
import { businessToday } from '../shared/business-date';
import { checkMember } from './club-rules';
import { assertClubInScope, clubStreamCommand } from './club-stream';
import { clubDecider, type ClubCommand } from './club.decider';
import { childMatchKey } from './member-personal';

export class EnrollMemberCommand {
  constructor(
    readonly clubId: string,
    readonly memberId: string,
    readonly record: MemberRecord,
    readonly personal: PersonalDetails | undefined,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(EnrollMemberCommand)
export class EnrollMemberHandler implements ICommandHandler<EnrollMemberCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({
    clubId,
    memberId,
    record,
    personal,
    envelope,
  }: EnrollMemberCommand): Promise<CommandResult> {
    const { vault } = this.ledger;
    const today = businessToday(envelope.now);
    // The member's own rules are wrong whatever the club (400 before 404).
    checkMember(record, today);
    const subjectId = vault.newSubjectId();
    const matchKey = personal ? childMatchKey(vault, personal, record.birthYear) : undefined;
    const enroll = (box?: SealedPersonal): ClubCommand => ({
      type: 'EnrollMember',
      clubId,
      today,
      member: {
        memberId,
        subjectId,
        record,
        ...(box ? { personal: box } : {}),
        ...(matchKey ? { matchKey } : {}),
      },
    });
    let sealed: SealedPersonal | undefined;
    return this.ledger.commands.run(
      clubStreamCommand(
        clubId,
        envelope.actor,
        (state) => {
          const accepted = clubDecider.decide(enroll(), state);
          if (!personal || state.status === 'absent') return accepted;
          // Sealing makes the child's key: only once the enrolment is accepted and in scope.
          assertClubInScope(envelope.actor, state.record);
          sealed ??= sealPersonalDetails(vault, subjectId, personal, envelope.now);
          return clubDecider.decide(enroll(sealed), state);
        },
        { resultId: memberId, subjectId },
      ),
      envelope,
    );
  }
}
