import type { ClubRecord, MemberRecord } from '../../events/club';
import { GEOGRAPHY } from '../geography/geography';
import { InvalidCommand } from '../shared/domain-errors';
import { dissolutionOf, type ExistingClub, type MemberState } from './club-state';

/** Children enrol up to this age (in years reached during the year of enrolment). */
export const OLDEST_MEMBER_AGE = 18;
/** From this age the child's own consent is needed besides the guardian's. */
export const CHILD_CONSENT_AGE = 7;

/** The rules a club keeps on its own, whether new or corrected (400). */
export function checkClub(record: ClubRecord, today: string): void {
  if (record.establishedOn > today) {
    throw new InvalidCommand(
      `establishedOn ${record.establishedOn} is in the future; today is ${today}`,
    );
  }
  const problem = GEOGRAPHY.explainUnitProblem('unitCode', record.unitCode, record.establishedOn, [
    'commune',
  ]);
  if (problem) throw new InvalidCommand(problem);
}

/** A club's founding date must come before everything that happened in it (400). */
export function checkClubDates(record: ClubRecord, club: ExistingClub): void {
  const dissolution = dissolutionOf(club);
  if (dissolution && record.establishedOn > dissolution.on) {
    throw new InvalidCommand(
      `establishedOn ${record.establishedOn} is after the club was dissolved (${dissolution.on})`,
    );
  }
  const earliest = Object.values(club.members)
    .filter((member) => member.status !== 'voided')
    .map((member) => member.record.enrolledOn)
    .sort()[0];
  if (earliest !== undefined && record.establishedOn > earliest) {
    throw new InvalidCommand(
      `establishedOn ${record.establishedOn} is after a member was enrolled (${earliest}); correct that member first`,
    );
  }
}

/** Age in the year of enrolment, as schools count it. */
export function ageAtEnrolment(record: Pick<MemberRecord, 'birthYear' | 'enrolledOn'>): number {
  return Number(record.enrolledOn.slice(0, 4)) - record.birthYear;
}

/** The rules a member keeps on their own, whether new or corrected (400). */
export function checkMember(record: MemberRecord, today: string): void {
  if (record.enrolledOn > today) {
    throw new InvalidCommand(`enrolledOn ${record.enrolledOn} is in the future; today is ${today}`);
  }
  const age = ageAtEnrolment(record);
  if (age < 0) {
    throw new InvalidCommand(
      `birthYear ${record.birthYear} is after enrolledOn ${record.enrolledOn}`,
    );
  }
  if (age > OLDEST_MEMBER_AGE) {
    throw new InvalidCommand(
      `birthYear ${record.birthYear} makes the member ${age} in ${record.enrolledOn.slice(0, 4)}; members are children of at most ${OLDEST_MEMBER_AGE}`,
    );
  }
  if (record.consent.guardian !== true) {
    throw new InvalidCommand(
      'consent.guardian must be true: a parent or guardian must agree to the enrolment',
    );
  }
  if (age >= CHILD_CONSENT_AGE && record.consent.child !== true) {
    throw new InvalidCommand(
      `consent.child must be true: the child is ${age} in the year of enrolment, and from ${CHILD_CONSENT_AGE} the child's own consent is needed`,
    );
  }
}

/** A member's dates must fit the club's and their own withdrawal (400). */
export function checkMemberDates(
  record: MemberRecord,
  club: ClubRecord,
  member?: MemberState,
): void {
  if (record.enrolledOn < club.establishedOn) {
    throw new InvalidCommand(
      `enrolledOn ${record.enrolledOn} is before the club was established (${club.establishedOn})`,
    );
  }
  const withdrawal = member?.status === 'enrolled' ? undefined : member?.withdrawal;
  if (withdrawal && record.enrolledOn > withdrawal.on) {
    throw new InvalidCommand(
      `enrolledOn ${record.enrolledOn} is after the member withdrew (${withdrawal.on})`,
    );
  }
}

/** A dissolution date fits between the founding, the enrolments and today (400). */
export function checkDissolutionDate(on: string, club: ExistingClub, today: string): void {
  if (on > today) throw new InvalidCommand(`on ${on} is in the future; today is ${today}`);
  if (on < club.record.establishedOn) {
    throw new InvalidCommand(
      `on ${on} is before the club was established (${club.record.establishedOn})`,
    );
  }
  const latest = Object.values(club.members)
    .filter((member) => member.status !== 'voided')
    .map((member) => member.record.enrolledOn)
    .sort()
    .pop();
  if (latest !== undefined && on < latest) {
    throw new InvalidCommand(`on ${on} is before a member was enrolled (${latest})`);
  }
}

/** A withdrawal date fits between the enrolment, the club's dissolution and today (400). */
export function checkWithdrawalDate(
  on: string,
  member: MemberState,
  club: ExistingClub,
  today: string,
): void {
  if (on > today) throw new InvalidCommand(`on ${on} is in the future; today is ${today}`);
  if (on < member.record.enrolledOn) {
    throw new InvalidCommand(
      `on ${on} is before the member was enrolled (${member.record.enrolledOn})`,
    );
  }
  const dissolution = dissolutionOf(club);
  if (dissolution && on > dissolution.on) {
    throw new InvalidCommand(
      `on ${on} is after the club was dissolved (${dissolution.on}); its members left with it`,
    );
  }
}
