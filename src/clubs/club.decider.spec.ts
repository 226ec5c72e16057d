import {
  CLUB_SCHEMA_VERSION,
  type ClubEvent,
  type ClubRecord,
  type MemberEnrolled,
  type MemberRecord,
} from '../../events/club';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import { memberOf, type ClubState } from './club-state';
import { clubDecider, type ClubCommand, type NewMember } from './club.decider';

const today = '2024-03-01';
const clubId = 'club-1';
const club: ClubRecord = {
  name: 'CLB Thủ lĩnh của sự thay đổi THCS Liên Minh',
  unitCode: '05752',
  school: 'Trường THCS Liên Minh',
  establishedOn: '2022-10-15',
};
const girl: MemberRecord = {
  sex: 'female',
  birthYear: 2011,
  enrolledOn: '2022-11-01',
  consent: { guardian: true, child: true },
};
const sealedBox = { subjectId: 'subject-a', sealed: 'c2VhbGVk' };

const v1 = <E extends ClubEvent>(type: E['type'], data: E['data']): ClubEvent =>
  ({ type, schemaVersion: CLUB_SCHEMA_VERSION, data }) as ClubEvent;
const established = v1('ClubEstablished', { clubId, ...club });
const enrolled = (
  memberId: string,
  record: MemberRecord = girl,
  extra: Partial<MemberEnrolled['data']> = {},
): ClubEvent =>
  v1('MemberEnrolled', { clubId, memberId, subjectId: `subject-${memberId}`, ...record, ...extra });
const dissolved = (on: string) => v1('ClubDissolved', { clubId, on, reason: 'school year ended' });

const newMember = (
  memberId: string,
  record: Partial<MemberRecord> = {},
  extra: Partial<NewMember> = {},
): NewMember => ({
  memberId,
  subjectId: `subject-${memberId}`,
  record: { ...girl, ...record },
  ...extra,
});
const enroll = (member: NewMember): ClubCommand => ({
  type: 'EnrollMember',
  clubId,
  member,
  today,
});

/** Given these events, when this command: the events it decides on, or its refusal. */
function given(...history: ClubEvent[]) {
  const state = history.reduce(clubDecider.evolve, clubDecider.initialState());
  return {
    when: (command: ClubCommand) => ({
      then: (...expected: ClubEvent[]) =>
        expect(clubDecider.decide(command, state)).toEqual(expected),
      thenRefuses: (
        error: typeof InvalidCommand | typeof NotFound | typeof RuleViolation,
        message: RegExp,
      ) => {
        expect(() => clubDecider.decide(command, state)).toThrow(error);
        expect(() => clubDecider.decide(command, state)).toThrow(message);
      },
    }),
    state,
  };
}

describe('club decider', () => {
  describe('establishing a club', () => {
    it('records a club in a commune', () => {
      given().when({ type: 'EstablishClub', clubId, record: club, today }).then(established);
    });

    it('refuses a date in the future, a district and an id already used', () => {
      given()
        .when({
          type: 'EstablishClub',
          clubId,
          record: { ...club, establishedOn: '2024-03-02' },
          today,
        })
        .thenRefuses(InvalidCommand, /establishedOn 2024-03-02 is in the future/);
      given()
        .when({ type: 'EstablishClub', clubId, record: { ...club, unitCode: '170' }, today })
        .thenRefuses(InvalidCommand, /unitCode 170 .* is a district/);
      given(established)
        .when({ type: 'EstablishClub', clubId, record: club, today })
        .thenRefuses(RuleViolation, /already recorded/);
    });
  });

  describe('enrolling a member', () => {
    it('records the child with their pseudonym, sealed details and match key', () => {
      given(established)
        .when(enroll(newMember('m1', {}, { personal: sealedBox, matchKey: 'key-a' })))
        .then(enrolled('m1', girl, { personal: sealedBox, matchKey: 'key-a' }));
    });

    it("needs the child's own consent from age 7, not before", () => {
      const seven = { birthYear: 2015, consent: { guardian: true as const } };
      given(established)
        .when(enroll(newMember('m1', seven)))
        .thenRefuses(InvalidCommand, /consent.child must be true: the child is 7/);
      given(established)
        .when(enroll(newMember('m1', { birthYear: 2016, consent: { guardian: true } })))
        .then(enrolled('m1', { ...girl, birthYear: 2016, consent: { guardian: true } }));
    });

    it('refuses a child older than 18, one born after the enrolment, and dates out of bounds', () => {
      given(established)
        .when(enroll(newMember('m1', { birthYear: 2003 })))
        .thenRefuses(InvalidCommand, /birthYear 2003 makes the member 19/);
      given(established)
        .when(enroll(newMember('m1', { birthYear: 2023 })))
        .thenRefuses(InvalidCommand, /birthYear 2023 is after enrolledOn/);
      given(established)
        .when(enroll(newMember('m1', { enrolledOn: '2022-10-14' })))
        .thenRefuses(InvalidCommand, /before the club was established/);
      given(established)
        .when(enroll(newMember('m1', { enrolledOn: '2024-03-02' })))
        .thenRefuses(InvalidCommand, /in the future/);
    });

    it('refuses an unknown club', () => {
      given()
        .when(enroll(newMember('m1')))
        .thenRefuses(NotFound, /no club with id club-1/);
    });

    it('does not enroll the same member id twice', () => {
      given(established, enrolled('m1'))
        .when(enroll(newMember('m1')))
        .thenRefuses(RuleViolation, /member with id m1 is already recorded/);
    });

    it('does not enroll the same child twice while they are enrolled, but again after they left', () => {
      const first = enrolled('m1', girl, { matchKey: 'same-child' });
      given(established, first)
        .when(enroll(newMember('m2', {}, { matchKey: 'same-child' })))
        .thenRefuses(RuleViolation, /already enrolled .* as member m1/);
      const left = v1('MemberWithdrawn', {
        clubId,
        memberId: 'm1',
        on: '2023-05-30',
        reason: 'moved away',
      });
      given(established, first, left)
        .when(enroll(newMember('m2', { enrolledOn: '2023-09-05' }, { matchKey: 'same-child' })))
        .then(enrolled('m2', { ...girl, enrolledOn: '2023-09-05' }, { matchKey: 'same-child' }));
    });

    it('lets nobody join a dissolved club, while an earlier enrolment can still be recorded late', () => {
      given(established, dissolved('2023-06-01'))
        .when(enroll(newMember('m1', { enrolledOn: '2023-06-01' })))
        .thenRefuses(RuleViolation, /dissolved on 2023-06-01; nobody can join it/);
      given(established, dissolved('2023-06-01'))
        .when(enroll(newMember('m1', { enrolledOn: '2023-05-31' })))
        .then(enrolled('m1', { ...girl, enrolledOn: '2023-05-31' }));
    });

    it('lets nobody join a voided club', () => {
      given(established, v1('ClubVoided', { clubId, reason: 'entered twice' }))
        .when(enroll(newMember('m1')))
        .thenRefuses(RuleViolation, /voided/);
    });
  });

  describe('withdrawing a member', () => {
    const withdraw = (on: string, memberId = 'm1'): ClubCommand => ({
      type: 'WithdrawMember',
      clubId,
      memberId,
      on,
      reason: 'moved away',
      today,
    });

    it('records the withdrawal once, and refuses it while not enrolled', () => {
      const withdrawn = v1('MemberWithdrawn', {
        clubId,
        memberId: 'm1',
        on: '2023-05-30',
        reason: 'moved away',
      });
      given(established, enrolled('m1')).when(withdraw('2023-05-30')).then(withdrawn);
      given(established, enrolled('m1'), withdrawn)
        .when(withdraw('2023-06-30'))
        .thenRefuses(RuleViolation, /not enrolled: they withdrew on 2023-05-30/);
    });

    it('refuses an unknown member and dates outside the membership', () => {
      given(established)
        .when(withdraw('2023-05-30', 'nobody'))
        .thenRefuses(NotFound, /no member with id nobody/);
      given(established, enrolled('m1'))
        .when(withdraw('2022-10-31'))
        .thenRefuses(InvalidCommand, /before the member was enrolled/);
      given(established, enrolled('m1'), dissolved('2023-06-01'))
        .when(withdraw('2023-06-02'))
        .thenRefuses(InvalidCommand, /after the club was dissolved/);
    });
  });

  describe('dissolving a club', () => {
    const dissolve = (on: string): ClubCommand => ({
      type: 'DissolveClub',
      clubId,
      on,
      reason: 'school year ended',
      today,
    });

    it('dissolves once', () => {
      given(established).when(dissolve('2023-06-01')).then(dissolved('2023-06-01'));
      given(established, dissolved('2023-06-01'))
        .when(dissolve('2023-07-01'))
        .thenRefuses(RuleViolation, /already dissolved on 2023-06-01/);
    });

    it('refuses a date before the founding or before a member joined', () => {
      given(established)
        .when(dissolve('2022-10-14'))
        .thenRefuses(InvalidCommand, /before the club was established/);
      given(established, enrolled('m1'))
        .when(dissolve('2022-10-20'))
        .thenRefuses(InvalidCommand, /before a member was enrolled \(2022-11-01\)/);
    });
  });

  describe('corrections and voids', () => {
    const correctMember = (
      changes: Record<string, unknown>,
      extra: Partial<ClubCommand> = {},
    ): ClubCommand =>
      ({
        type: 'CorrectMember',
        clubId,
        memberId: 'm1',
        changes,
        reason: 'checked the register',
        today,
        ...extra,
      }) as ClubCommand;

    it('corrects a member field by field, the details only as a sealed marker', () => {
      given(established, enrolled('m1', girl, { personal: sealedBox, matchKey: 'old' }))
        .when(
          correctMember(
            { birthYear: 2012 },
            { personal: { ...sealedBox, sealed: 'bmV3' }, matchKey: 'new' },
          ),
        )
        .then(
          v1('MemberCorrected', {
            clubId,
            memberId: 'm1',
            changes: [
              { field: 'birthYear', before: 2011, after: 2012 },
              { field: 'personal', before: '[sealed]', after: '[sealed]' },
            ],
            reason: 'checked the register',
            personal: { ...sealedBox, sealed: 'bmV3' },
            matchKey: 'new',
          }),
        );
    });

    it('holds the corrected member to the rules of a new one', () => {
      given(established, enrolled('m1', { ...girl, birthYear: 2016, consent: { guardian: true } }))
        .when(correctMember({ birthYear: 2015 }))
        .thenRefuses(InvalidCommand, /consent.child must be true/);
      given(established, enrolled('m1'))
        .when(correctMember({ sex: 'female' }))
        .thenRefuses(InvalidCommand, /nothing to correct/);
    });

    it('refuses a correction that would make a member the same child as another enrolled one', () => {
      given(
        established,
        enrolled('m1', girl, { matchKey: 'a' }),
        enrolled('m2', girl, { matchKey: 'b' }),
      )
        .when(correctMember({ birthYear: 2012 }, { matchKey: 'b' }))
        .thenRefuses(RuleViolation, /already enrolled .* as member m2/);
    });

    it('refuses a founding date after the first enrolment', () => {
      given(established, enrolled('m1'))
        .when({
          type: 'CorrectClub',
          clubId,
          changes: { establishedOn: '2022-12-01' },
          reason: 'typo',
          today,
        })
        .thenRefuses(InvalidCommand, /after a member was enrolled \(2022-11-01\)/);
    });

    it('voids once, and a voided member or club can no longer be changed', () => {
      const voided = v1('MemberVoided', { clubId, memberId: 'm1', reason: 'entered twice' });
      given(established, enrolled('m1'))
        .when({ type: 'VoidMember', clubId, memberId: 'm1', reason: 'entered twice' })
        .then(voided);
      given(established, enrolled('m1'), voided)
        .when(correctMember({ birthYear: 2012 }))
        .thenRefuses(RuleViolation, /member m1 was voided/);
      // The club's founding corrected past the voided member's enrolment: still "voided" (409),
      // not a date the recorder never sent (400).
      given(
        established,
        enrolled('m1'),
        voided,
        v1('ClubCorrected', {
          clubId,
          changes: [{ field: 'establishedOn', before: '2022-10-15', after: '2023-01-10' }],
          reason: 'founding date from the school',
        }),
      )
        .when(correctMember({ sex: 'male' }))
        .thenRefuses(RuleViolation, /member m1 was voided/);
      given(established, v1('ClubVoided', { clubId, reason: 'not a real club' }))
        .when({ type: 'VoidClub', clubId, reason: 'again' })
        .thenRefuses(RuleViolation, /club club-1 was voided/);
    });
  });

  describe('evolving the state', () => {
    it('replaces the sealed details and forgets a match key that can no longer be known', () => {
      const { state } = given(
        established,
        enrolled('m1', girl, { personal: sealedBox, matchKey: 'a' }),
        v1('MemberCorrected', {
          clubId,
          memberId: 'm1',
          changes: [{ field: 'personal', before: '[sealed]', after: '[sealed]' }],
          reason: 'new phone',
          personal: { ...sealedBox, sealed: 'bmV3' },
          matchKey: null,
        }),
      );
      const member = memberOf(state as Exclude<ClubState, { status: 'absent' }>, 'm1');
      expect(member).toMatchObject({
        status: 'enrolled',
        record: girl,
        personal: { sealed: 'bmV3' },
      });
      expect(member).not.toHaveProperty('matchKey');
    });

    it('keeps members as plain data: no inherited names are members', () => {
      const { state } = given(established);
      expect(
        memberOf(state as Exclude<ClubState, { status: 'absent' }>, '__proto__'),
      ).toBeUndefined();
      expect(
        memberOf(state as Exclude<ClubState, { status: 'absent' }>, 'toString'),
      ).toBeUndefined();
    });
  });
});
