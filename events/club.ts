import type { SealedPersonal } from '../src/personal-data/personal-vault';
import type { DomainEvent, FieldChange } from './event';

/**
 * Stream of one "Leaders of Change" club (Câu lạc bộ "Thủ lĩnh của sự thay đổi") and its
 * members: `club-<id>`. Members live in their club's stream so that "a member is not
 * enrolled twice" and "nobody joins a dissolved club" are decided atomically.
 */
export const clubStream = (clubId: string): string => `club-${clubId}`;

/** A club as recorded. */
export interface ClubRecord {
  readonly name: string;
  /** The commune the club belongs to. */
  readonly unitCode: string;
  readonly school: string;
  readonly establishedOn: string;
  readonly notes?: string;
}

export type MemberSex = 'female' | 'male';

export interface MemberConsent {
  /** A parent or guardian agreed; a child cannot be enrolled without it. */
  readonly guardian: true;
  /** The child agreed too: required from age 7. */
  readonly child?: boolean;
}

/** A child's membership as recorded, without anything that identifies the child. */
export interface MemberRecord {
  readonly sex: MemberSex;
  readonly birthYear: number;
  readonly enrolledOn: string;
  readonly consent: MemberConsent;
  /** Sensitive: feeds counts, shown on a member only to officers in scope. */
  readonly ethnicity?: string;
}

/** What replaces the details of a corrected `personal` in a FieldChange: never the clear text. */
export const SEALED_MARKER = '[sealed]';

export type ClubEstablished = DomainEvent<
  'ClubEstablished',
  { readonly clubId: string } & ClubRecord
>;
export type ClubCorrected = DomainEvent<
  'ClubCorrected',
  { readonly clubId: string; readonly changes: readonly FieldChange[]; readonly reason: string }
>;
export type ClubVoided = DomainEvent<
  'ClubVoided',
  { readonly clubId: string; readonly reason: string }
>;
export type ClubDissolved = DomainEvent<
  'ClubDissolved',
  { readonly clubId: string; readonly on: string; readonly reason: string }
>;

export type MemberEnrolled = DomainEvent<
  'MemberEnrolled',
  {
    readonly clubId: string;
    readonly memberId: string;
    /** The child's pseudonym: the only link to their sealed details. */
    readonly subjectId: string;
    readonly personal?: SealedPersonal;
    /** Keyed hash of the child's name and birth year, to find the same child again. */
    readonly matchKey?: string;
  } & MemberRecord
>;
export type MemberWithdrawn = DomainEvent<
  'MemberWithdrawn',
  {
    readonly clubId: string;
    readonly memberId: string;
    readonly on: string;
    readonly reason: string;
  }
>;
export type MemberCorrected = DomainEvent<
  'MemberCorrected',
  {
    readonly clubId: string;
    readonly memberId: string;
    /** Record fields before and after; a change of `personal` shows only SEALED_MARKER. */
    readonly changes: readonly FieldChange[];
    readonly reason: string;
    /** The details sealed anew, when they changed. */
    readonly personal?: SealedPersonal;
    /** The new match key when it changed; null when it can no longer be known (details erased). */
    readonly matchKey?: string | null;
  }
>;
export type MemberVoided = DomainEvent<
  'MemberVoided',
  { readonly clubId: string; readonly memberId: string; readonly reason: string }
>;

export type ClubEvent =
  | ClubEstablished
  | ClubCorrected
  | ClubVoided
  | ClubDissolved
  | MemberEnrolled
  | MemberWithdrawn
  | MemberCorrected
  | MemberVoided;

export const CLUB_SCHEMA_VERSION = 1;
export const CLUB_EVENT_TYPES = [
  'ClubEstablished',
  'ClubCorrected',
  'ClubVoided',
  'ClubDissolved',
  'MemberEnrolled',
  'MemberWithdrawn',
  'MemberCorrected',
  'MemberVoided',
] as const;
