import {
  CLUB_SCHEMA_VERSION,
  SEALED_MARKER,
  type ClubEvent,
  type ClubRecord,
  type MemberRecord,
} from '../../events/club';
import type { FieldChange } from '../../events/event';
import type { SealedPersonal } from '../personal-data/personal-vault';
import { diffRecords, mergeChanges } from '../records/record-changes';
import { assertNever, type Decider } from '../shared/decider';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import {
  checkClub,
  checkClubDates,
  checkDissolutionDate,
  checkMember,
  checkMemberDates,
  checkWithdrawalDate,
} from './club-rules';
import {
  dissolutionOf,
  evolveClub,
  initialClubState,
  memberOf,
  type ClubState,
  type ExistingClub,
  type MemberState,
} from './club-state';

/** A child to enroll, with what the handler prepared outside the pure decision. */
export interface NewMember {
  readonly memberId: string;
  readonly subjectId: string;
  readonly record: MemberRecord;
  readonly personal?: SealedPersonal;
  readonly matchKey?: string;
}

export type ClubCommand =
  | {
      readonly type: 'EstablishClub';
      readonly clubId: string;
      readonly record: ClubRecord;
      readonly today: string;
    }
  | {
      readonly type: 'CorrectClub';
      readonly clubId: string;
      readonly changes: Readonly<Record<string, unknown>>;
      readonly reason: string;
      readonly today: string;
    }
  | { readonly type: 'VoidClub'; readonly clubId: string; readonly reason: string }
  | {
      readonly type: 'DissolveClub';
      readonly clubId: string;
      readonly on: string;
      readonly reason: string;
      readonly today: string;
    }
  | {
      readonly type: 'EnrollMember';
      readonly clubId: string;
      readonly member: NewMember;
      readonly today: string;
    }
  | {
      readonly type: 'WithdrawMember';
      readonly clubId: string;
      readonly memberId: string;
      readonly on: string;
      readonly reason: string;
      readonly today: string;
    }
  | {
      readonly type: 'CorrectMember';
      readonly clubId: string;
      readonly memberId: string;
      /** Record fields only; personal details arrive sealed in `personal`. */
      readonly changes: Readonly<Record<string, unknown>>;
      readonly personal?: SealedPersonal;
      /** The match key of the corrected member; null when it can no longer be known. */
      readonly matchKey?: string | null;
      readonly reason: string;
      readonly today: string;
    }
  | {
      readonly type: 'VoidMember';
      readonly clubId: string;
      readonly memberId: string;
      readonly reason: string;
    };

const event = <E extends ClubEvent>(type: E['type'], data: E['data']): E =>
  ({ type, schemaVersion: CLUB_SCHEMA_VERSION, data }) as E;

function decide(command: ClubCommand, state: ClubState): readonly ClubEvent[] {
  // In each case: unknown ids (404), then the command's own rules (400), then the rules of
  // the club's state (409); the stream command puts the actor's scope (403) after the 400s.
  switch (command.type) {
    case 'EstablishClub': {
      checkClub(command.record, command.today);
      if (state.status !== 'absent')
        throw new RuleViolation(`a club with id ${command.clubId} is already recorded`);
      return [event('ClubEstablished', { clubId: command.clubId, ...command.record })];
    }
    case 'CorrectClub': {
      const club = knownClub(state, command.clubId);
      const corrected = mergeChanges(club.record, command.changes);
      checkClub(corrected, command.today);
      checkClubDates(corrected, club);
      const changes = diffRecords(club.record, corrected);
      if (changes.length === 0) throw nothingToCorrect();
      assertNotVoided(club, 'corrected');
      return [event('ClubCorrected', { clubId: command.clubId, changes, reason: command.reason })];
    }
    case 'VoidClub': {
      assertNotVoided(knownClub(state, command.clubId), 'voided again');
      return [event('ClubVoided', { clubId: command.clubId, reason: command.reason })];
    }
    case 'DissolveClub': {
      const club = knownClub(state, command.clubId);
      checkDissolutionDate(command.on, club, command.today);
      assertNotVoided(club, 'dissolved');
      if (club.status === 'dissolved') {
        throw new RuleViolation(
          `club ${command.clubId} was already dissolved on ${club.dissolution.on}`,
        );
      }
      return [
        event('ClubDissolved', { clubId: command.clubId, on: command.on, reason: command.reason }),
      ];
    }
    case 'EnrollMember': {
      const { member } = command;
      const club = knownClub(state, command.clubId);
      checkMember(member.record, command.today);
      checkMemberDates(member.record, club.record);
      assertNotVoided(club, 'joined');
      assertOpenOn(club, member.record.enrolledOn);
      if (memberOf(club, member.memberId)) {
        throw new RuleViolation(
          `a member with id ${member.memberId} is already recorded in club ${command.clubId}`,
        );
      }
      assertNotEnrolledYet(club, member.matchKey, member.memberId);
      return [
        event('MemberEnrolled', {
          clubId: command.clubId,
          memberId: member.memberId,
          subjectId: member.subjectId,
          ...member.record,
          ...(member.personal ? { personal: member.personal } : {}),
          ...(member.matchKey ? { matchKey: member.matchKey } : {}),
        }),
      ];
    }
    case 'WithdrawMember': {
      const club = knownClub(state, command.clubId);
      const member = knownMember(club, command.memberId);
      checkWithdrawalDate(command.on, member, club, command.today);
      assertNotVoided(club, 'changed');
      assertMemberNotVoided(member, 'withdrawn');
      if (member.status === 'withdrawn') {
        throw new RuleViolation(
          `member ${command.memberId} is not enrolled: they withdrew on ${member.withdrawal.on}`,
        );
      }
      return [
        event('MemberWithdrawn', {
          clubId: command.clubId,
          memberId: command.memberId,
          on: command.on,
          reason: command.reason,
        }),
      ];
    }
    case 'CorrectMember': {
      const club = knownClub(state, command.clubId);
      const member = knownMember(club, command.memberId);
      const corrected = mergeChanges(member.record, command.changes);
      checkMember(corrected, command.today);
      // A voided member's dates count for nothing (the club's own dates may since have moved
      // past them): the correction is refused below as one of a voided member.
      if (member.status !== 'voided') checkMemberDates(corrected, club.record, member);
      const changes: FieldChange[] = diffRecords(member.record, corrected);
      if (command.personal) {
        changes.push({
          field: 'personal',
          before: member.personal ? SEALED_MARKER : null,
          after: SEALED_MARKER,
        });
      }
      if (changes.length === 0) throw nothingToCorrect();
      assertNotVoided(club, 'changed');
      assertMemberNotVoided(member, 'corrected');
      assertOpenOn(club, corrected.enrolledOn);
      const matchKeyChanged =
        command.matchKey !== undefined && (command.matchKey ?? undefined) !== member.matchKey;
      if (matchKeyChanged && member.status === 'enrolled') {
        assertNotEnrolledYet(club, command.matchKey ?? undefined, member.id);
      }
      return [
        event('MemberCorrected', {
          clubId: command.clubId,
          memberId: command.memberId,
          changes,
          reason: command.reason,
          ...(command.personal ? { personal: command.personal } : {}),
          ...(matchKeyChanged ? { matchKey: command.matchKey ?? null } : {}),
        }),
      ];
    }
    case 'VoidMember': {
      const club = knownClub(state, command.clubId);
      const member = knownMember(club, command.memberId);
      assertNotVoided(club, 'changed');
      assertMemberNotVoided(member, 'voided again');
      return [
        event('MemberVoided', {
          clubId: command.clubId,
          memberId: command.memberId,
          reason: command.reason,
        }),
      ];
    }
    default:
      return assertNever(command);
  }
}

function knownClub(state: ClubState, id: string): ExistingClub {
  if (state.status === 'absent') throw new NotFound(`no club with id ${id}`);
  return state;
}

function assertNotVoided(club: ExistingClub, action: string): void {
  if (club.status === 'voided') {
    throw new RuleViolation(
      `club ${club.id} was voided (${club.reason}); a voided club cannot be ${action}`,
    );
  }
}

function knownMember(club: ExistingClub, memberId: string): MemberState {
  const member = memberOf(club, memberId);
  if (!member) throw new NotFound(`club ${club.id} has no member with id ${memberId}`);
  return member;
}

function assertMemberNotVoided(member: MemberState, action: string): void {
  if (member.status === 'voided') {
    throw new RuleViolation(
      `member ${member.id} was voided (${member.reason}); a voided member cannot be ${action}`,
    );
  }
}

/** Nobody joins a dissolved club: a membership must start before the dissolution. */
function assertOpenOn(club: ExistingClub, enrolledOn: string): void {
  const dissolution = dissolutionOf(club);
  if (dissolution && enrolledOn >= dissolution.on) {
    throw new RuleViolation(
      `club ${club.id} was dissolved on ${dissolution.on}; nobody can join it from then on`,
    );
  }
}

/** The same child, found by match key, is not enrolled twice in one club. */
function assertNotEnrolledYet(
  club: ExistingClub,
  matchKey: string | undefined,
  memberId: string,
): void {
  if (matchKey === undefined) return;
  const same = Object.values(club.members).find(
    (other) => other.id !== memberId && other.status === 'enrolled' && other.matchKey === matchKey,
  );
  if (same) {
    throw new RuleViolation(
      `this child (same full name and birth year) is already enrolled in club ${club.id} as member ${same.id}`,
    );
  }
}

function nothingToCorrect(): InvalidCommand {
  return new InvalidCommand(
    'changes: every value given is already the recorded one; nothing to correct',
  );
}

export const clubDecider: Decider<ClubCommand, ClubState, ClubEvent> = {
  decide,
  evolve: evolveClub,
  initialState: initialClubState,
};
