import type { DomainEvent, FieldChange } from './event';
import type { Participants } from './participants';

/** Stream of one policy dialogue: `dialogue-<id>`. */
export const dialogueStream = (dialogueId: string): string => `dialogue-${dialogueId}`;

export type DialogueLevel = 'commune' | 'village_cluster';

/** A policy dialogue (đối thoại chính sách) as recorded. */
export interface DialogueRecord {
  readonly level: DialogueLevel;
  readonly unitCode: string;
  readonly heldOn: string;
  readonly topic: string;
  readonly participants: Participants;
  /** Held by a commune union with direct support from the province. */
  readonly provincialSupport?: boolean;
  readonly notes?: string;
}

export type DialogueHeld = DomainEvent<
  'DialogueHeld',
  { readonly dialogueId: string } & DialogueRecord
>;
export type DialogueCorrected = DomainEvent<
  'DialogueCorrected',
  { readonly dialogueId: string; readonly changes: readonly FieldChange[]; readonly reason: string }
>;
export type DialogueVoided = DomainEvent<
  'DialogueVoided',
  { readonly dialogueId: string; readonly reason: string }
>;

export type DialogueEvent = DialogueHeld | DialogueCorrected | DialogueVoided;

export const DIALOGUE_SCHEMA_VERSION = 1;
export const DIALOGUE_EVENT_TYPES = ['DialogueHeld', 'DialogueCorrected', 'DialogueVoided'] as const;
