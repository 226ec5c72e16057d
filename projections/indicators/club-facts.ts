import { CLUB_EVENT_TYPES, type ClubEvent } from '../../events/club';
import {
  dissolutionOf,
  evolveClub,
  initialClubState,
  type ClubState,
  type MemberState,
} from '../../src/clubs/club-state';
import type { Fact, FactSource } from './fact';

/**
 * A club counts in `clubs.active` from its founding until its dissolution; each member
 * counts in `clubs.members` from enrolment until withdrawal or the club's dissolution,
 * whichever comes first. A voided club or member counts nothing.
 */
export const clubFacts: FactSource<ClubState> = {
  eventTypes: CLUB_EVENT_TYPES,
  evolve(state, event) {
    return evolveClub(state ?? initialClubState(), {
      type: event.type,
      data: counted(event.type, event.data),
    } as unknown as ClubEvent);
  },
  facts(state) {
    if (state === undefined || state.status === 'absent' || state.status === 'voided') return [];
    const { unitCode, establishedOn } = state.record;
    const dissolution = dissolutionOf(state);
    const club: Fact = dissolution
      ? {
          indicator: 'clubs.active',
          unitCode,
          dateFrom: establishedOn,
          dateTo: dissolution.on,
          value: 1,
        }
      : { indicator: 'clubs.active', unitCode, dateFrom: establishedOn, value: 1 };
    const facts = memberFacts(Object.values(state.members), unitCode, dissolution?.on);
    facts.unshift(club);
    return facts;
  },
};

/**
 * Read models keep only what counts: no sealed details, no match keys, and of a member only
 * the day it joined and the sex it counts under. A club's state is written back with each
 * batch that touches it and read again when it comes back: its members are most of it.
 */
function counted(type: string, data: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  if (type === 'MemberEnrolled') {
    const { clubId, memberId, sex, enrolledOn } = data;
    return { clubId, memberId, sex, enrolledOn };
  }
  if (!('personal' in data) && !('matchKey' in data)) return data;
  const { personal: _personal, matchKey: _matchKey, ...rest } = data;
  return rest;
}

interface Span {
  readonly dateFrom: string;
  readonly dateTo: string | undefined;
  female: number;
  male: number;
}

/**
 * Members who come and go on the same days count together: one fact per span, not per child.
 * Called on every event of a club (a rebuild enrols thousands of children), so it builds
 * the facts without intermediate objects.
 */
function memberFacts(
  members: readonly MemberState[],
  unitCode: string,
  dissolvedOn: string | undefined,
): Fact[] {
  const spans = new Map<string, Span>();
  for (const member of members) {
    if (member.status === 'voided') continue;
    const dateFrom = member.record.enrolledOn;
    const dateTo = earliest(
      member.status === 'withdrawn' ? member.withdrawal.on : undefined,
      dissolvedOn,
    );
    if (dateTo !== undefined && dateTo <= dateFrom) continue;
    const key = dateTo === undefined ? `${dateFrom}|` : `${dateFrom}|${dateTo}`;
    let span = spans.get(key);
    if (!span) {
      span = { dateFrom, dateTo, female: 0, male: 0 };
      spans.set(key, span);
    }
    const sex = member.record.sex;
    if (sex === 'female') span.female += 1;
    else if (sex === 'male') span.male += 1;
  }
  const keys = [...spans.keys()];
  if (keys.length > 1) keys.sort();
  const facts: Fact[] = [];
  for (const key of keys) {
    const { dateFrom, dateTo, female, male } = spans.get(key) as Span;
    // No total fact: the sexes add up to it (`totalOf` in the indicator catalogue).
    if (female > 0) facts.push(spanFact(unitCode, dateFrom, dateTo, female, 'female'));
    if (male > 0) facts.push(spanFact(unitCode, dateFrom, dateTo, male, 'male'));
  }
  return facts;
}

/** Written out as literals: spreading a smaller object into each fact costs microseconds a fact. */
function spanFact(
  unitCode: string,
  dateFrom: string,
  dateTo: string | undefined,
  value: number,
  sex: 'female' | 'male',
): Fact {
  const indicator = 'clubs.members';
  return dateTo === undefined
    ? { indicator, unitCode, dateFrom, value, dimension: 'sex', category: sex }
    : { indicator, unitCode, dateFrom, dateTo, value, dimension: 'sex', category: sex };
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}
