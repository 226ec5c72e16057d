import type { LoanIntroduction } from '../../events/loan';
import { GEOGRAPHY } from '../geography/geography';
import { InvalidCommand } from '../shared/domain-errors';
import { decisionDateOf, disbursedTotal, disbursementsOf, type StandingLoan } from './loan-state';

/** The largest amount a loan, an approval or a disbursement may name: ten billion đồng. */
export const MAX_LOAN_AMOUNT = 10_000_000_000;

/** An amount as a recorder reads it: 30,000,000 VND. */
export const formatVnd = (amount: number): string => `${amount.toLocaleString('en-US')} VND`;

function checkAmount(field: string, amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > MAX_LOAN_AMOUNT) {
    throw new InvalidCommand(`${field} must be a whole number of VND from 1 to ${MAX_LOAN_AMOUNT}`);
  }
}

function checkNotFuture(field: string, date: string, today: string): void {
  if (date > today)
    throw new InvalidCommand(`${field} ${date} is in the future; today is ${today}`);
}

/** The rules an introduction keeps on its own, whether new or corrected (400). */
export function checkIntroduction(record: LoanIntroduction, today: string): void {
  checkAmount('amountRequested', record.amountRequested);
  checkNotFuture('introducedOn', record.introducedOn, today);
  const problem = GEOGRAPHY.explainUnitProblem('unitCode', record.unitCode, record.introducedOn, [
    'commune',
  ]);
  if (problem) throw new InvalidCommand(problem);
}

/** A corrected introduction must still fit what the bank did since (400). */
export function checkIntroductionAgainstLoan(record: LoanIntroduction, loan: StandingLoan): void {
  const decidedOn = decisionDateOf(loan);
  if (decidedOn !== undefined && record.introducedOn > decidedOn) {
    throw new InvalidCommand(
      `introducedOn ${record.introducedOn} is after the bank's decision on ${decidedOn}`,
    );
  }
  if (
    (loan.status === 'approved' || loan.status === 'repaid') &&
    record.amountRequested < loan.approval.amountApproved
  ) {
    throw new InvalidCommand(
      `amountRequested (${formatVnd(record.amountRequested)}) cannot be less than the amount approved (${formatVnd(loan.approval.amountApproved)})`,
    );
  }
  const disbursed = disbursedTotal(loan);
  if (record.amountRequested < disbursed) {
    throw new InvalidCommand(
      `amountRequested (${formatVnd(record.amountRequested)}) cannot be less than the amount already disbursed (${formatVnd(disbursed)})`,
    );
  }
}

/** The bank's decision as sent, whatever the loan (400); answers the amount approved, if approved. */
export function checkDecision(
  decision: 'approved' | 'rejected',
  on: string,
  amountApproved: number | undefined,
  today: string,
): number | undefined {
  checkNotFuture('on', on, today);
  if (decision === 'rejected') {
    if (amountApproved !== undefined)
      throw new InvalidCommand('amountApproved must be left out when the decision is rejected');
    return undefined;
  }
  if (amountApproved === undefined) {
    throw new InvalidCommand(
      'amountApproved is required when the decision is approved: say how much the bank approved',
    );
  }
  checkAmount('amountApproved', amountApproved);
  return amountApproved;
}

/** A decision fits the loan it is about (400). */
export function checkDecisionAgainstLoan(
  on: string,
  amountApproved: number | undefined,
  loan: StandingLoan,
): void {
  if (on < loan.record.introducedOn) {
    throw new InvalidCommand(
      `on ${on} is before the loan was introduced (${loan.record.introducedOn})`,
    );
  }
  if (amountApproved !== undefined && amountApproved > loan.record.amountRequested) {
    throw new InvalidCommand(
      `amountApproved (${formatVnd(amountApproved)}) cannot be more than the amount requested (${formatVnd(loan.record.amountRequested)})`,
    );
  }
}

/** A disbursement as sent, whatever the loan (400). */
export function checkDisbursement(on: string, amount: number, today: string): void {
  checkAmount('amount', amount);
  checkNotFuture('on', on, today);
}

/** A disbursement is dated on or after the approval (400); whether there is one is a 409. */
export function checkDisbursementAgainstLoan(on: string, loan: StandingLoan): void {
  if ((loan.status === 'approved' || loan.status === 'repaid') && on < loan.approval.on) {
    throw new InvalidCommand(
      `on ${on} is before the loan was approved (${loan.approval.on}); nothing is disbursed before approval`,
    );
  }
}

/** The closing of a repayment as sent, whatever the loan (400). */
export function checkRepayment(on: string, today: string): void {
  checkNotFuture('on', on, today);
}

/** A loan is repaid on or after its last disbursement (400). */
export function checkRepaymentAgainstLoan(on: string, loan: StandingLoan): void {
  const last = disbursementsOf(loan)
    .map((d) => d.on)
    .sort()
    .pop();
  if (last !== undefined && on < last) {
    throw new InvalidCommand(
      `on ${on} is before the last disbursement (${last}); a loan is repaid after it is disbursed`,
    );
  }
}
