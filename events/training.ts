import type { DomainEvent, FieldChange } from './event';
import type { Participants } from './participants';

/** Stream of one training class (lớp tập huấn): `training-<id>`. */
export const trainingStream = (trainingId: string): string => `training-${trainingId}`;

export const TRAINING_TOPICS = [
  'gender_mainstreaming',
  'policy_dialogue',
  'trusted_address',
  'leaders_of_change',
  'women_leadership',
  'other',
] as const;
export type TrainingTopic = (typeof TRAINING_TOPICS)[number];

/** A training class as recorded. */
export interface TrainingRecord {
  /** The unit that organised it: a commune, a district or the province. */
  readonly unitCode: string;
  readonly topic: TrainingTopic;
  readonly heldOn: string;
  /** Attendances: one person at two classes counts in both. */
  readonly participants: Participants;
  /** Copies of training manuals handed out at the class. */
  readonly manualsDistributed?: number;
  readonly title?: string;
}

export type TrainingHeld = DomainEvent<
  'TrainingHeld',
  { readonly trainingId: string } & TrainingRecord
>;
export type TrainingCorrected = DomainEvent<
  'TrainingCorrected',
  { readonly trainingId: string; readonly changes: readonly FieldChange[]; readonly reason: string }
>;
export type TrainingVoided = DomainEvent<
  'TrainingVoided',
  { readonly trainingId: string; readonly reason: string }
>;

export type TrainingEvent = TrainingHeld | TrainingCorrected | TrainingVoided;

export const TRAINING_SCHEMA_VERSION = 1;
export const TRAINING_EVENT_TYPES = [
  'TrainingHeld',
  'TrainingCorrected',
  'TrainingVoided',
] as const;
