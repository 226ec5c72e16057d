import type { FieldChange } from '../../events/event';
import { BORROWER_PERSONAL_FIELD, type LoanEvent, type LoanIntroduction } from '../../events/loan';
import type { SealedPersonal } from '../personal-data/personal-vault';
import { applyFieldChanges } from '../records/record-changes';
import { assertNever } from '../shared/decider';

export interface Approval {
  readonly on: string;
  readonly amountApproved: number;
}

export interface Disbursement {
  readonly on: string;
  readonly amount: number;
}

interface LoanCore {
  readonly id: string;
  readonly record: LoanIntroduction;
}

/** A loan that stands: waiting for the bank, rejected, approved (and disbursing), or repaid. */
export type StandingLoan =
  | ({ readonly status: 'introduced' } & LoanCore)
  | ({ readonly status: 'rejected'; readonly rejectedOn: string } & LoanCore)
  | ({
      readonly status: 'approved';
      readonly approval: Approval;
      readonly disbursements: readonly Disbursement[];
    } & LoanCore)
  | ({
      readonly status: 'repaid';
      readonly approval: Approval;
      readonly disbursements: readonly Disbursement[];
      readonly repaidOn: string;
    } & LoanCore);

/** A voided loan keeps what it was, to be shown, but counts nothing and changes no more. */
export interface VoidedLoan {
  readonly status: 'voided';
  readonly reason: string;
  readonly loan: StandingLoan;
}

export type LoanState = { readonly status: 'absent' } | StandingLoan | VoidedLoan;

export const initialLoanState = (): LoanState => ({ status: 'absent' });

/** The loan as it stands or stood before it was voided; undefined before it is recorded. */
export function loanOf(state: LoanState): StandingLoan | undefined {
  switch (state.status) {
    case 'absent':
      return undefined;
    case 'voided':
      return state.loan;
    case 'introduced':
    case 'rejected':
    case 'approved':
    case 'repaid':
      return state;
    default:
      return assertNever(state);
  }
}

/** The bank's decision date, once it decided. */
export function decisionDateOf(loan: StandingLoan): string | undefined {
  switch (loan.status) {
    case 'introduced':
      return undefined;
    case 'rejected':
      return loan.rejectedOn;
    case 'approved':
    case 'repaid':
      return loan.approval.on;
    default:
      return assertNever(loan);
  }
}

export function disbursementsOf(loan: StandingLoan): readonly Disbursement[] {
  return loan.status === 'approved' || loan.status === 'repaid' ? loan.disbursements : [];
}

export function disbursedTotal(loan: StandingLoan): number {
  return disbursementsOf(loan).reduce((sum, d) => sum + d.amount, 0);
}

export function evolveLoan(state: LoanState, event: LoanEvent): LoanState {
  switch (event.type) {
    case 'LoanIntroduced': {
      const { loanId, ...record } = event.data;
      return state.status === 'absent' ? { status: 'introduced', id: loanId, record } : state;
    }
    case 'LoanApproved':
      return state.status === 'introduced'
        ? {
            status: 'approved',
            id: state.id,
            record: state.record,
            approval: { on: event.data.on, amountApproved: event.data.amountApproved },
            disbursements: [],
          }
        : state;
    case 'LoanRejected':
      return state.status === 'introduced'
        ? { status: 'rejected', id: state.id, record: state.record, rejectedOn: event.data.on }
        : state;
    case 'LoanDisbursed':
      return state.status === 'approved'
        ? {
            ...state,
            disbursements: [
              ...state.disbursements,
              { on: event.data.on, amount: event.data.amount },
            ],
          }
        : state;
    case 'LoanRepaid':
      return state.status === 'approved'
        ? { ...state, status: 'repaid', repaidOn: event.data.on }
        : state;
    case 'LoanCorrected': {
      const loan = state.status === 'voided' ? undefined : loanOf(state);
      return loan
        ? {
            ...loan,
            record: correctedIntroduction(loan.record, event.data.changes, event.data.personal),
          }
        : state;
    }
    case 'LoanVoided': {
      const loan = state.status === 'voided' ? undefined : loanOf(state);
      return loan ? { status: 'voided', reason: event.data.reason, loan } : state;
    }
    default:
      return assertNever(event);
  }
}

/**
 * The introduction after a correction. The `borrower.personal` change is only a marker
 * for the audit trail; the details sealed anew come beside it.
 */
export function correctedIntroduction(
  record: LoanIntroduction,
  changes: readonly FieldChange[],
  personal: SealedPersonal | undefined,
): LoanIntroduction {
  const corrected = applyFieldChanges(
    record,
    changes.filter((change) => change.field !== BORROWER_PERSONAL_FIELD),
  );
  return personal ? { ...corrected, borrower: { ...corrected.borrower, personal } } : corrected;
}
