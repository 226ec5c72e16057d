import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import type { PersonalDetails, SealedPersonal } from '../personal-data/personal-vault';
import { mergeChanges } from '../records/record-changes';
import { sealPersonalDetails } from '../records/seal-personal-details';
import { businessToday } from '../shared/business-date';
import { InvalidCommand, RuleViolation } from '../shared/domain-errors';
import { memberOf, type MemberState } from './club-state';
import { assertClubInScope, clubStreamCommand } from './club-stream';
import { clubDecider, type ClubCommand } from './club.decider';
import { childMatchKey } from './member-personal';

export class CorrectMemberCommand {
  constructor(
    readonly clubId: string,
    readonly memberId: string,
    readonly changes: Readonly<Record<string, unknown>>,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

/** What a correction does to the member's details, worked out from the details as they stand. */
interface PersonalCorrection {
  /** The merged details, when they differ from the recorded ones. */
  readonly details?: PersonalDetails;
  /** Why the recorded details cannot be changed (erased or unreadable), if so. */
  readonly blocked?: string;
  /** The new match key; null when it can no longer be known; undefined when unchanged. */
  readonly matchKey?: string | null;
}

@CommandHandler(CorrectMemberCommand)
export class CorrectMemberHandler implements ICommandHandler<CorrectMemberCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({
    clubId,
    memberId,
    changes,
    reason,
    envelope,
  }: CorrectMemberCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    const { personal: personalChanges, ...recordChanges } = changes as {
      personal?: PersonalDetails;
    } & Record<string, unknown>;
    const correct = (personal: PersonalCorrection, box?: SealedPersonal): ClubCommand => ({
      type: 'CorrectMember',
      clubId,
      memberId,
      changes: recordChanges,
      reason,
      today,
      ...(box ? { personal: box } : {}),
      ...(personal.matchKey !== undefined ? { matchKey: personal.matchKey } : {}),
    });
    let sealed: { readonly from: string | undefined; readonly box: SealedPersonal } | undefined;
    return this.ledger.commands.run(
      clubStreamCommand(
        clubId,
        envelope.actor,
        (state) => {
          const member = state.status === 'absent' ? undefined : memberOf(state, memberId);
          if (!member || state.status === 'absent') return clubDecider.decide(correct({}), state);
          const personal = this.personalCorrection(member, recordChanges, personalChanges);
          // A stand-in box lets the decider judge the correction before anything is sealed.
          const standIn = personal.details
            ? { subjectId: member.subjectId, sealed: '' }
            : undefined;
          const accepted = clubDecider.decide(correct(personal, standIn), state);
          if (personal.blocked) throw new RuleViolation(personal.blocked);
          if (!personal.details) return accepted;
          assertClubInScope(envelope.actor, state.record);
          // Seal once per version of the recorded details, even when the loop retries.
          if (sealed === undefined || sealed.from !== member.personal?.sealed) {
            sealed = {
              from: member.personal?.sealed,
              box: sealPersonalDetails(
                this.ledger.vault,
                member.subjectId,
                personal.details,
                envelope.now,
              ),
            };
          }
          return clubDecider.decide(correct(personal, sealed.box), state);
        },
        { resultId: memberId },
      ),
      { ...envelope, reason },
    );
  }

  private personalCorrection(
    member: MemberState,
    recordChanges: Readonly<Record<string, unknown>>,
    personalChanges: PersonalDetails | undefined,
  ): PersonalCorrection {
    const birthYear = mergeChanges(member.record, recordChanges).birthYear;
    const birthYearChanged = birthYear !== member.record.birthYear;
    if (!personalChanges && !birthYearChanged) return {};
    const opened = member.personal ? this.ledger.vault.open(member.personal) : undefined;
    if (opened && opened.status !== 'available') {
      return {
        ...(personalChanges
          ? {
              blocked: `the personal details of member ${member.id} are ${opened.status}; they cannot be corrected`,
            }
          : {}),
        ...(member.matchKey ? { matchKey: null } : {}),
      };
    }
    const current = opened?.details ?? {};
    const merged = personalChanges ? mergeChanges(current, personalChanges) : current;
    if (personalChanges && typeof merged.fullName !== 'string') {
      throw new InvalidCommand(
        'changes.personal needs fullName: this member has no personal details yet',
      );
    }
    const matchKey = childMatchKey(this.ledger.vault, merged, birthYear);
    const changed = JSON.stringify(merged) !== JSON.stringify(current);
    return {
      ...(changed ? { details: merged } : {}),
      ...(matchKey !== member.matchKey ? { matchKey: matchKey ?? null } : {}),
    };
  }
}
