import type { BorrowerSex, Lender, LoanPurpose } from '../src/loans/loan.vocabulary';
import type { SealedPersonal } from '../src/personal-data/personal-vault';
import type { DomainEvent, FieldChange } from './event';

/**
 * Stream of one loan introduced to a bank under the Women's Union's credit guarantee
 * (tín chấp): `loan-<id>`. Its decision, disbursements and repayment live in the same
 * stream so that "never more than approved" is decided atomically.
 */
export const loanStream = (loanId: string): string => `loan-${loanId}`;

/** The borrower, without anything that identifies her in clear. */
export interface Borrower {
  /** The borrower's pseudonym: the only link to her sealed details. */
  readonly subjectId: string;
  readonly sex: BorrowerSex;
  /** Sensitive: feeds counts, shown on a loan only to officers in scope. */
  readonly ethnicity?: string;
  readonly personal?: SealedPersonal;
}

/** What a FieldChange of the borrower's details shows before and after: never the details. */
export const SEALED_IN_CHANGES = '[sealed]';
/** The field a change of the borrower's details is recorded under. */
export const BORROWER_PERSONAL_FIELD = 'borrower.personal';

/** A loan as introduced to the bank; corrections change these fields. */
export interface LoanIntroduction {
  /** The commune whose union introduced the loan. */
  readonly unitCode: string;
  readonly lender: Lender;
  readonly purpose: LoanPurpose;
  /** VND, a whole number. */
  readonly amountRequested: number;
  readonly introducedOn: string;
  readonly borrower: Borrower;
}

export type LoanIntroduced = DomainEvent<
  'LoanIntroduced',
  { readonly loanId: string } & LoanIntroduction
>;
export type LoanApproved = DomainEvent<
  'LoanApproved',
  { readonly loanId: string; readonly on: string; readonly amountApproved: number }
>;
export type LoanRejected = DomainEvent<
  'LoanRejected',
  { readonly loanId: string; readonly on: string }
>;
export type LoanDisbursed = DomainEvent<
  'LoanDisbursed',
  { readonly loanId: string; readonly on: string; readonly amount: number }
>;
/** The loan was repaid in full and its file closed. */
export type LoanRepaid = DomainEvent<
  'LoanRepaid',
  { readonly loanId: string; readonly on: string }
>;
export type LoanCorrected = DomainEvent<
  'LoanCorrected',
  {
    readonly loanId: string;
    /** Fields of the introduction before and after; a change of `borrower.personal` shows only SEALED_IN_CHANGES. */
    readonly changes: readonly FieldChange[];
    readonly reason: string;
    /** The borrower's details sealed anew, when they changed. */
    readonly personal?: SealedPersonal;
  }
>;
export type LoanVoided = DomainEvent<
  'LoanVoided',
  { readonly loanId: string; readonly reason: string }
>;

export type LoanEvent =
  | LoanIntroduced
  | LoanApproved
  | LoanRejected
  | LoanDisbursed
  | LoanRepaid
  | LoanCorrected
  | LoanVoided;

export const LOAN_SCHEMA_VERSION = 1;
export const LOAN_EVENT_TYPES = [
  'LoanIntroduced',
  'LoanApproved',
  'LoanRejected',
  'LoanDisbursed',
  'LoanRepaid',
  'LoanCorrected',
  'LoanVoided',
] as const;
