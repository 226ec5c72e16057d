import type { ClubEvent, ClubRecord, MemberRecord } from '../../events/club';
import type { FieldChange } from '../../events/event';
import type { SealedPersonal } from '../personal-data/personal-vault';
import { applyFieldChanges } from '../records/record-changes';
import { assertNever } from '../shared/decider';

export interface Dissolution {
  readonly on: string;
  readonly reason: string;
}

export interface Withdrawal {
  readonly on: string;
  readonly reason: string;
}

interface MemberCore {
  readonly id: string;
  readonly subjectId: string;
  readonly record: MemberRecord;
  readonly personal?: SealedPersonal;
  readonly matchKey?: string;
}

export type MemberState =
  | ({ readonly status: 'enrolled' } & MemberCore)
  | ({ readonly status: 'withdrawn'; readonly withdrawal: Withdrawal } & MemberCore)
  | ({
      readonly status: 'voided';
      readonly reason: string;
      readonly withdrawal?: Withdrawal;
    } & MemberCore);

interface ClubCore {
  readonly id: string;
  readonly record: ClubRecord;
  /** By member id; a plain object so that the state folds to JSON for read models. */
  readonly members: Readonly<Record<string, MemberState>>;
}

export type ClubState =
  | { readonly status: 'absent' }
  | ({ readonly status: 'active' } & ClubCore)
  | ({ readonly status: 'dissolved'; readonly dissolution: Dissolution } & ClubCore)
  | ({
      readonly status: 'voided';
      readonly reason: string;
      readonly dissolution?: Dissolution;
    } & ClubCore);

export type ExistingClub = Exclude<ClubState, { status: 'absent' }>;

export const initialClubState = (): ClubState => ({ status: 'absent' });

/** The member with this id, if the club has one (ids from URLs are never object keys like `__proto__`). */
export function memberOf(club: ExistingClub, memberId: string): MemberState | undefined {
  return Object.hasOwn(club.members, memberId) ? club.members[memberId] : undefined;
}

/** The date from which the club no longer counts, if it was dissolved. */
export function dissolutionOf(club: ExistingClub): Dissolution | undefined {
  return club.status === 'active' ? undefined : club.dissolution;
}

export function evolveClub(state: ClubState, event: ClubEvent): ClubState {
  switch (event.type) {
    case 'ClubEstablished': {
      const { clubId, ...record } = event.data;
      return { status: 'active', id: clubId, record, members: {} };
    }
    case 'ClubCorrected':
      return state.status === 'absent'
        ? state
        : { ...state, record: applyFieldChanges(state.record, event.data.changes) };
    case 'ClubDissolved':
      return state.status === 'active'
        ? {
            ...state,
            status: 'dissolved',
            dissolution: { on: event.data.on, reason: event.data.reason },
          }
        : state;
    case 'ClubVoided':
      return state.status === 'absent' || state.status === 'voided'
        ? state
        : {
            status: 'voided',
            id: state.id,
            record: state.record,
            members: state.members,
            reason: event.data.reason,
            ...(state.status === 'dissolved' ? { dissolution: state.dissolution } : {}),
          };
    case 'MemberEnrolled': {
      const { clubId: _club, memberId, subjectId, personal, matchKey, ...record } = event.data;
      const member: MemberState = {
        status: 'enrolled',
        id: memberId,
        subjectId,
        record,
        ...(personal ? { personal } : {}),
        ...(matchKey ? { matchKey } : {}),
      };
      return withMember(state, memberId, () => member, true);
    }
    case 'MemberWithdrawn':
      return withMember(state, event.data.memberId, (member) =>
        member.status === 'enrolled'
          ? {
              ...member,
              status: 'withdrawn',
              withdrawal: { on: event.data.on, reason: event.data.reason },
            }
          : member,
      );
    case 'MemberCorrected':
      return withMember(state, event.data.memberId, (member) =>
        correctedMember(member, event.data),
      );
    case 'MemberVoided':
      return withMember(state, event.data.memberId, (member) =>
        member.status === 'voided'
          ? member
          : { ...member, status: 'voided', reason: event.data.reason },
      );
    default:
      return assertNever(event);
  }
}

function withMember(
  state: ClubState,
  memberId: string,
  change: (member: MemberState) => MemberState,
  create = false,
): ClubState {
  if (state.status === 'absent') return state;
  const member = memberOf(state, memberId);
  if (!member && !create) return state;
  const next = change(member as MemberState);
  return { ...state, members: { ...state.members, [memberId]: next } };
}

function correctedMember(
  member: MemberState,
  data: {
    readonly changes: readonly FieldChange[];
    readonly personal?: SealedPersonal;
    readonly matchKey?: string | null;
  },
): MemberState {
  // The `personal` change is a marker for the audit trail; the sealed box comes separately.
  const record = applyFieldChanges(
    member.record,
    data.changes.filter((change) => change.field !== 'personal'),
  );
  const { matchKey: _previous, ...rest } = member;
  const matchKey = data.matchKey === undefined ? member.matchKey : (data.matchKey ?? undefined);
  return {
    ...rest,
    record,
    ...(data.personal ? { personal: data.personal } : {}),
    ...(matchKey ? { matchKey } : {}),
  };
}
