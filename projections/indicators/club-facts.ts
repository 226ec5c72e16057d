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
    // Read models keep only what counts: no sealed details, no match keys.
    const { personal: _personal, matchKey: _matchKey, ...counted } = event.data;
    return evolveClub(state ?? initialClubState(), {
      ...event,
      data: counted,
    } as unknown as ClubEvent);
  },
  facts(state) {
    if (state === undefined || state.status === 'absent' || state.status === 'voided') return [];
    const { unitCode, establishedOn } = state.record;
    const dissolution = dissolutionOf(state);
    const club: Fact = {
      indicator: 'clubs.active',
      unitCode,
      dateFrom: establishedOn,
      ...(dissolution ? { dateTo: dissolution.on } : {}),
      value: 1,
    };
    return [club, ...memberFacts(Object.values(state.members), unitCode, dissolution?.on)];
  },
};

/** Members who come and go on the same days count together: one fact per span, not per child. */
function memberFacts(
  members: readonly MemberState[],
  unitCode: string,
  dissolvedOn: string | undefined,
): Fact[] {
  const spans = new Map<
    string,
    { dateFrom: string; dateTo?: string; female: number; male: number }
  >();
  for (const member of members) {
    if (member.status === 'voided') continue;
    const dateFrom = member.record.enrolledOn;
    const dateTo = earliest(
      member.status === 'withdrawn' ? member.withdrawal.on : undefined,
      dissolvedOn,
    );
    if (dateTo !== undefined && dateTo <= dateFrom) continue;
    const key = `${dateFrom}|${dateTo ?? ''}`;
    const span = spans.get(key) ?? { dateFrom, ...(dateTo ? { dateTo } : {}), female: 0, male: 0 };
    span[member.record.sex] += 1;
    spans.set(key, span);
  }
  return [...spans.keys()].sort().flatMap((key) => {
    const { female, male, ...dates } = spans.get(key) as {
      dateFrom: string;
      dateTo?: string;
      female: number;
      male: number;
    };
    const on = { indicator: 'clubs.members', unitCode, ...dates };
    return [
      { ...on, value: female + male },
      ...(female > 0 ? [{ ...on, value: female, dimension: 'sex', category: 'female' }] : []),
      ...(male > 0 ? [{ ...on, value: male, dimension: 'sex', category: 'male' }] : []),
    ];
  });
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}
