import { APPROVAL_SCHEMA_VERSION, type ApprovalEvent } from '../../events/approval';
import { assertNever, type Decider } from '../shared/decider';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';

export interface ApprovedPeriod {
  readonly unitCode: string;
  readonly periodFrom: string;
  readonly periodTo: string;
}

export type ApprovalState =
  | { readonly status: 'absent' }
  | { readonly status: 'approved'; readonly id: string; readonly period: ApprovedPeriod }
  | { readonly status: 'reopened'; readonly id: string; readonly period: ApprovedPeriod; readonly reason: string };

export type ApprovalCommand =
  | { readonly type: 'ApprovePeriod'; readonly approvalId: string; readonly period: ApprovedPeriod }
  | { readonly type: 'ReopenApproval'; readonly approvalId: string; readonly reason: string };

export function checkPeriod(period: ApprovedPeriod): void {
  if (period.periodFrom > period.periodTo) {
    throw new InvalidCommand(`periodFrom (${period.periodFrom}) is after periodTo (${period.periodTo})`);
  }
}

function decide(command: ApprovalCommand, state: ApprovalState): readonly ApprovalEvent[] {
  switch (command.type) {
    case 'ApprovePeriod':
      if (state.status !== 'absent') throw new RuleViolation(`approval ${command.approvalId} already exists`);
      checkPeriod(command.period);
      return [
        {
          type: 'PeriodApproved',
          schemaVersion: APPROVAL_SCHEMA_VERSION,
          data: { approvalId: command.approvalId, ...command.period },
        },
      ];
    case 'ReopenApproval':
      if (state.status === 'absent') throw new NotFound(`no approval with id ${command.approvalId}`);
      if (state.status === 'reopened') throw new RuleViolation(`approval ${command.approvalId} was already reopened`);
      return [
        {
          type: 'ApprovalReopened',
          schemaVersion: APPROVAL_SCHEMA_VERSION,
          data: { approvalId: command.approvalId, reason: command.reason },
        },
      ];
    default:
      return assertNever(command);
  }
}

function evolve(state: ApprovalState, event: ApprovalEvent): ApprovalState {
  switch (event.type) {
    case 'PeriodApproved': {
      const { approvalId, ...period } = event.data;
      return { status: 'approved', id: approvalId, period };
    }
    case 'ApprovalReopened':
      return state.status === 'approved' ? { ...state, status: 'reopened', reason: event.data.reason } : state;
    default:
      return assertNever(event);
  }
}

export const approvalDecider: Decider<ApprovalCommand, ApprovalState, ApprovalEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'absent' }),
};
