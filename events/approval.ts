import type { DomainEvent } from './event';

/** Stream of one approval of a reported period: `approval-<id>`. */
export const approvalStream = (approvalId: string): string => `approval-${approvalId}`;

/** A supervisor approved the figures of a unit (and below) for a period: its records lock. */
export type PeriodApproved = DomainEvent<
  'PeriodApproved',
  { readonly approvalId: string; readonly unitCode: string; readonly periodFrom: string; readonly periodTo: string }
>;

/** The approval was lifted, with a reason: its records can change again. */
export type ApprovalReopened = DomainEvent<
  'ApprovalReopened',
  { readonly approvalId: string; readonly reason: string }
>;

export type ApprovalEvent = PeriodApproved | ApprovalReopened;

export const APPROVAL_SCHEMA_VERSION = 1;
export const APPROVAL_EVENT_TYPES = ['PeriodApproved', 'ApprovalReopened'] as const;
