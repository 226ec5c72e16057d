import type { DomainEvent, FieldChange } from './event';
import type { Participants } from './participants';

/** Stream of one communication event (sự kiện truyền thông): `communication-<id>`. */
export const communicationStream = (communicationId: string): string =>
  `communication-${communicationId}`;

export const COMMUNICATION_FORMS = [
  'meeting',
  'contest',
  'performance',
  'media',
  'home_visit',
  'other',
] as const;
export type CommunicationForm = (typeof COMMUNICATION_FORMS)[number];

/** A communication event as recorded. */
export interface CommunicationRecord {
  /** The unit that organised it: a commune, a district or the province. */
  readonly unitCode: string;
  readonly heldOn: string;
  readonly form: CommunicationForm;
  readonly participants: Participants;
  /** What it was about, in the organisers' words. */
  readonly topic?: string;
}

export type CommunicationHeld = DomainEvent<
  'CommunicationHeld',
  { readonly communicationId: string } & CommunicationRecord
>;
export type CommunicationCorrected = DomainEvent<
  'CommunicationCorrected',
  {
    readonly communicationId: string;
    readonly changes: readonly FieldChange[];
    readonly reason: string;
  }
>;
export type CommunicationVoided = DomainEvent<
  'CommunicationVoided',
  { readonly communicationId: string; readonly reason: string }
>;

export type CommunicationEvent = CommunicationHeld | CommunicationCorrected | CommunicationVoided;

export const COMMUNICATION_SCHEMA_VERSION = 1;
export const COMMUNICATION_EVENT_TYPES = [
  'CommunicationHeld',
  'CommunicationCorrected',
  'CommunicationVoided',
] as const;
