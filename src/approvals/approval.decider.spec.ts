import type { ApprovalEvent } from '../../events/approval';
import { approvalDecider, type ApprovalCommand } from './approval.decider';

const given = (events: ApprovalEvent[]) => events.reduce(approvalDecider.evolve, approvalDecider.initialState());
const when = (events: ApprovalEvent[], command: ApprovalCommand) => () => approvalDecider.decide(command, given(events));
const period = { unitCode: '19', periodFrom: '2023-01-01', periodTo: '2023-12-31' };
const approved: ApprovalEvent = { type: 'PeriodApproved', schemaVersion: 1, data: { approvalId: 'a1', ...period } };

describe('approval decider', () => {
  it('given nothing, when a period is approved, then PeriodApproved', () => {
    expect(when([], { type: 'ApprovePeriod', approvalId: 'a1', period })()).toEqual([approved]);
  });

  it('refuses a period that ends before it starts', () => {
    expect(when([], { type: 'ApprovePeriod', approvalId: 'a1', period: { ...period, periodTo: '2022-12-31' } })).toThrow(
      /periodFrom \(2023-01-01\) is after periodTo/,
    );
  });

  it('given an approval, when reopened with a reason, then ApprovalReopened; reopened twice is a conflict', () => {
    const reopened: ApprovalEvent = { type: 'ApprovalReopened', schemaVersion: 1, data: { approvalId: 'a1', reason: 'late data' } };
    expect(when([approved], { type: 'ReopenApproval', approvalId: 'a1', reason: 'late data' })()).toEqual([reopened]);
    expect(when([approved, reopened], { type: 'ReopenApproval', approvalId: 'a1', reason: 'x' })).toThrow(/already reopened/);
    expect(when([], { type: 'ReopenApproval', approvalId: 'a1', reason: 'x' })).toThrow(/no approval/);
  });
});
