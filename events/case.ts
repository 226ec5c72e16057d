import type { SealedPersonal } from '../src/personal-data/personal-vault';
import type { DomainEvent, FieldChange } from './event';

/**
 * Stream of one case of violence or abuse taken in at a trusted address: `case-<id>`.
 * A trusted address takes in many cases, each in its own stream.
 */
export const caseStream = (caseId: string): string => `case-${caseId}`;

export type ViolenceType =
  'physical' | 'sexual' | 'psychological' | 'economic' | 'neglect' | 'other';
export type AgeBand = '0-5' | '6-11' | '12-15' | '16-17' | '18-29' | '30-59' | '60+';
export type SubjectSex = 'female' | 'male';
export type ReferralTarget =
  'police' | 'health' | 'legal_aid' | 'social_protection' | 'justice' | 'other';
export type CaseService = 'counselling' | 'shelter' | 'medical' | 'legal' | 'financial' | 'other';
export type CaseOutcome = 'resolved' | 'referred_on' | 'withdrawn' | 'other';

/**
 * The person the case is about (a survivor), without anything that identifies them in
 * clear. Sex, age band and ethnicity are sensitive too: they feed counts and are shown
 * only to case workers.
 */
export interface CaseSubject {
  /** The pseudonym: the only link to the sealed details. */
  readonly subjectId: string;
  readonly sex: SubjectSex;
  readonly ageBand: AgeBand;
  readonly ethnicity?: string;
  readonly personal?: SealedPersonal;
}

/** A case as opened; corrections change openedOn, violenceType and the subject. */
export interface CaseRecord {
  readonly addressId: string;
  /** The commune of the trusted address when the case was opened. */
  readonly unitCode: string;
  readonly openedOn: string;
  readonly violenceType: ViolenceType;
  /** The person agreed to the case being opened; a case is never opened without it. */
  readonly consent: true;
  readonly subject: CaseSubject;
}

/** What a FieldChange of the subject's details shows before and after: never the details. */
export const SEALED_IN_CHANGES = '[sealed]';
/** The field a change of the subject's details is recorded under. */
export const SUBJECT_PERSONAL_FIELD = 'subject.personal';

export type CaseOpened = DomainEvent<'CaseOpened', { readonly caseId: string } & CaseRecord>;
export type CaseReferred = DomainEvent<
  'CaseReferred',
  {
    readonly caseId: string;
    readonly to: ReferralTarget;
    readonly on: string;
    /** Free text about the survivor, so sealed under their key like their details. */
    readonly note?: SealedPersonal;
  }
>;
export type CaseServiceGiven = DomainEvent<
  'CaseServiceGiven',
  { readonly caseId: string; readonly service: CaseService; readonly on: string }
>;
export type CaseClosed = DomainEvent<
  'CaseClosed',
  { readonly caseId: string; readonly on: string; readonly outcome: CaseOutcome }
>;
export type CaseCorrected = DomainEvent<
  'CaseCorrected',
  {
    readonly caseId: string;
    /** Fields before and after; a change of `subject.personal` shows only SEALED_IN_CHANGES. */
    readonly changes: readonly FieldChange[];
    readonly reason: string;
    /** The subject's details sealed anew (same subjectId), when they changed. */
    readonly personal?: SealedPersonal;
  }
>;
export type CaseVoided = DomainEvent<
  'CaseVoided',
  { readonly caseId: string; readonly reason: string }
>;

export type CaseEvent =
  CaseOpened | CaseReferred | CaseServiceGiven | CaseClosed | CaseCorrected | CaseVoided;

export const CASE_SCHEMA_VERSION = 1;
export const CASE_EVENT_TYPES = [
  'CaseOpened',
  'CaseReferred',
  'CaseServiceGiven',
  'CaseClosed',
  'CaseCorrected',
  'CaseVoided',
] as const;
