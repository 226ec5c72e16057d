import type { DomainEvent } from './event';

/** Stream of what happened to one person's personal details: `subject-<subjectId>`. */
export const subjectStream = (subjectId: string): string => `subject-${subjectId}`;

/** Someone read a person's identifying details in clear. */
export type PersonalDetailsRead = DomainEvent<
  'PersonalDetailsRead',
  {
    readonly subjectId: string;
    /** The record whose details were read, e.g. `club-<id>` member `<memberId>`. */
    readonly streamId: string;
    readonly recordId: string;
    readonly requestId: string;
  }
>;

/** A person asked to be forgotten: their key is destroyed; counts stay, details read as erased. */
export type SubjectErased = DomainEvent<
  'SubjectErased',
  { readonly subjectId: string; readonly reason: string }
>;

export type SubjectEvent = PersonalDetailsRead | SubjectErased;

export const SUBJECT_SCHEMA_VERSION = 1;
