import { CLUB_SCHEMA_VERSION, type ClubEvent, type MemberSex } from '../../events/club';
import type { ClubState } from '../../src/clubs/club-state';
import { clubFacts } from './club-facts';

const clubId = 'c1';
const v1 = <E extends ClubEvent>(type: E['type'], data: E['data']) => ({
  type,
  schemaVersion: CLUB_SCHEMA_VERSION,
  data,
});
const established = v1('ClubEstablished', {
  clubId,
  name: 'CLB Thủ lĩnh của sự thay đổi',
  unitCode: '05752',
  school: 'Trường THCS Liên Minh',
  establishedOn: '2022-10-15',
});
const enrolled = (memberId: string, sex: MemberSex, enrolledOn = '2022-11-01') =>
  v1('MemberEnrolled', {
    clubId,
    memberId,
    subjectId: `s-${memberId}`,
    sex,
    birthYear: 2011,
    enrolledOn,
    consent: { guardian: true, child: true },
    personal: { subjectId: `s-${memberId}`, sealed: 'c2VhbGVk' },
    matchKey: `key-${memberId}`,
  });
const withdrawn = (memberId: string, on: string) =>
  v1('MemberWithdrawn', { clubId, memberId, on, reason: 'moved' });
const dissolved = (on: string) => v1('ClubDissolved', { clubId, on, reason: 'ended' });

const fold = (...events: { type: string; data: object }[]): ClubState | undefined =>
  events.reduce<ClubState | undefined>(
    (state, event) =>
      clubFacts.evolve(state, event as { type: string; data: Readonly<Record<string, unknown>> }),
    undefined,
  );
const factsOf = (...events: { type: string; data: object }[]) => clubFacts.facts(fold(...events));

describe('club facts', () => {
  it('counts a club from its founding, and no longer from the day it is dissolved', () => {
    expect(factsOf(established)).toEqual([
      { indicator: 'clubs.active', unitCode: '05752', dateFrom: '2022-10-15', value: 1 },
    ]);
    expect(factsOf(established, dissolved('2023-06-01'))).toEqual([
      {
        indicator: 'clubs.active',
        unitCode: '05752',
        dateFrom: '2022-10-15',
        dateTo: '2023-06-01',
        value: 1,
      },
    ]);
  });

  it('counts members who joined together as one span, split by sex (their total is the sum)', () => {
    const members = factsOf(
      established,
      enrolled('a', 'female'),
      enrolled('b', 'female'),
      enrolled('c', 'male'),
    ).filter((fact) => fact.indicator === 'clubs.members');
    const on = { indicator: 'clubs.members', unitCode: '05752', dateFrom: '2022-11-01' };
    expect(members).toEqual([
      { ...on, value: 2, dimension: 'sex', category: 'female' },
      { ...on, value: 1, dimension: 'sex', category: 'male' },
    ]);
  });

  it('ends a membership at the withdrawal or the dissolution, whichever comes first', () => {
    const members = factsOf(
      established,
      enrolled('a', 'female'),
      enrolled('b', 'male'),
      withdrawn('a', '2023-01-10'),
      withdrawn('b', '2023-09-01'),
      dissolved('2023-06-01'),
    ).filter((fact) => fact.indicator === 'clubs.members');
    expect(members).toEqual([
      {
        indicator: 'clubs.members',
        unitCode: '05752',
        dateFrom: '2022-11-01',
        dateTo: '2023-01-10',
        value: 1,
        dimension: 'sex',
        category: 'female',
      },
      {
        indicator: 'clubs.members',
        unitCode: '05752',
        dateFrom: '2022-11-01',
        dateTo: '2023-06-01',
        value: 1,
        dimension: 'sex',
        category: 'male',
      },
    ]);
  });

  it('counts nothing for a voided member, a member who left the day they joined, or a voided club', () => {
    const facts = factsOf(
      established,
      enrolled('a', 'female'),
      v1('MemberVoided', { clubId, memberId: 'a', reason: 'entered twice' }),
      enrolled('b', 'male', '2023-02-01'),
      withdrawn('b', '2023-02-01'),
    );
    expect(facts.filter((fact) => fact.indicator === 'clubs.members')).toEqual([]);
    expect(
      factsOf(
        established,
        enrolled('a', 'female'),
        v1('ClubVoided', { clubId, reason: 'not a club' }),
      ),
    ).toEqual([]);
  });

  it('follows corrections of the dates and the sex', () => {
    const facts = factsOf(
      established,
      enrolled('a', 'female'),
      v1('MemberCorrected', {
        clubId,
        memberId: 'a',
        changes: [
          { field: 'sex', before: 'female', after: 'male' },
          { field: 'enrolledOn', before: '2022-11-01', after: '2022-11-05' },
        ],
        reason: 'register checked',
      }),
    );
    expect(facts).toContainEqual({
      indicator: 'clubs.members',
      unitCode: '05752',
      dateFrom: '2022-11-05',
      value: 1,
      dimension: 'sex',
      category: 'male',
    });
  });

  it('gives the same facts when an event is applied twice', () => {
    const events = [
      established,
      enrolled('a', 'female'),
      withdrawn('a', '2023-01-10'),
      dissolved('2023-06-01'),
    ];
    const twice = events.flatMap((event) => [event, event]);
    expect(factsOf(...twice)).toEqual(factsOf(...events));
  });

  it('keeps neither sealed details nor match keys in the read model', () => {
    const corrected = {
      type: 'MemberCorrected',
      data: {
        clubId,
        memberId: 'a',
        changes: [{ field: 'sex', before: 'female', after: 'male' }],
        reason: 'misread',
        personal: { subjectId: 's-a', sealed: 'c2VhbGVk' },
        matchKey: 'key-a2',
      },
    };
    const state = fold(established, enrolled('a', 'female'), corrected);
    expect(JSON.stringify(state)).toContain('"male"');
    expect(JSON.stringify(state)).not.toMatch(/sealed|matchKey|c2VhbGVk|key-a/);
  });
});
