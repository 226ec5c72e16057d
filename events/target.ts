import type { DomainEvent, FieldChange } from './event';

/** Stream of one indicator target: `target-<id>`. */
export const targetStream = (targetId: string): string => `target-${targetId}`;

/** What an indicator should reach in a unit over a period, as an admin set it. */
export interface TargetRecord {
  /** An indicator code of the catalogue, e.g. `dialogues.held`. */
  readonly indicator: string;
  /** Any unit: the target is for that unit exactly, counting everything below it. */
  readonly unitCode: string;
  /** Inclusive business dates. */
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly value: number;
}

export type TargetSet = DomainEvent<'TargetSet', { readonly targetId: string } & TargetRecord>;
export type TargetCorrected = DomainEvent<
  'TargetCorrected',
  { readonly targetId: string; readonly changes: readonly FieldChange[]; readonly reason: string }
>;
export type TargetVoided = DomainEvent<
  'TargetVoided',
  { readonly targetId: string; readonly reason: string }
>;

export type TargetEvent = TargetSet | TargetCorrected | TargetVoided;

export const TARGET_SCHEMA_VERSION = 1;
export const TARGET_EVENT_TYPES = ['TargetSet', 'TargetCorrected', 'TargetVoided'] as const;
