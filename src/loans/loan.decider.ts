import type { FieldChange } from '../../events/event';
import {
  BORROWER_PERSONAL_FIELD,
  LOAN_SCHEMA_VERSION,
  SEALED_IN_CHANGES,
  type LoanEvent,
  type LoanIntroduction,
} from '../../events/loan';
import type { SealedPersonal } from '../personal-data/personal-vault';
import { diffRecords, mergeChanges } from '../records/record-changes';
import { assertNever, type Decider } from '../shared/decider';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import {
  checkDecision,
  checkDecisionAgainstLoan,
  checkDisbursement,
  checkDisbursementAgainstLoan,
  checkIntroduction,
  checkIntroductionAgainstLoan,
  checkRepayment,
  checkRepaymentAgainstLoan,
  formatVnd,
} from './loan-rules';
import {
  disbursedTotal,
  evolveLoan,
  initialLoanState,
  loanOf,
  type LoanState,
  type StandingLoan,
} from './loan-state';

/**
 * What a correction does to the borrower's details, as the handler worked it out: the
 * details sealed anew, or why the recorded ones cannot be changed.
 */
export type BorrowerPersonalCorrection =
  | { readonly kind: 'resealed'; readonly personal: SealedPersonal }
  | { readonly kind: 'blocked'; readonly why: string };

export type LoanCommand =
  | {
      readonly type: 'IntroduceLoan';
      readonly loanId: string;
      readonly record: LoanIntroduction;
      readonly today: string;
    }
  | {
      readonly type: 'DecideOnLoan';
      readonly loanId: string;
      readonly decision: 'approved' | 'rejected';
      readonly on: string;
      readonly amountApproved?: number;
      readonly today: string;
    }
  | {
      readonly type: 'DisburseLoan';
      readonly loanId: string;
      readonly on: string;
      readonly amount: number;
      readonly today: string;
    }
  | {
      readonly type: 'CloseLoanRepayment';
      readonly loanId: string;
      readonly on: string;
      readonly today: string;
    }
  | {
      readonly type: 'CorrectLoan';
      readonly loanId: string;
      /** Fields of the introduction; the borrower's details come in `personal`, already sealed. */
      readonly changes: Readonly<Record<string, unknown>>;
      readonly personal?: BorrowerPersonalCorrection;
      readonly reason: string;
      readonly today: string;
    }
  | { readonly type: 'VoidLoan'; readonly loanId: string; readonly reason: string };

const event = <E extends LoanEvent>(type: E['type'], data: E['data']): E =>
  ({ type, schemaVersion: LOAN_SCHEMA_VERSION, data }) as E;

function decide(command: LoanCommand, state: LoanState): readonly LoanEvent[] {
  // In each case: the command's own rules (400), unknown loan (404), the command's rules
  // against the loan (400), then the rules of the loan's state (409). The stream command
  // puts the actor's scope (403) after the 400s.
  switch (command.type) {
    case 'IntroduceLoan': {
      checkIntroduction(command.record, command.today);
      if (state.status !== 'absent')
        throw new RuleViolation(`a loan with id ${command.loanId} is already recorded`);
      return [event('LoanIntroduced', { loanId: command.loanId, ...command.record })];
    }
    case 'DecideOnLoan': {
      const { decision, on, amountApproved } = command;
      const approved = checkDecision(decision, on, amountApproved, command.today);
      const loan = knownLoan(state, command.loanId);
      checkDecisionAgainstLoan(on, amountApproved, loan);
      assertNotVoided(state, 'decided on');
      if (loan.status !== 'introduced') {
        throw new RuleViolation(
          `the bank's decision on loan ${loan.id} is already recorded: ${decisionOf(loan)}`,
        );
      }
      return approved === undefined
        ? [event('LoanRejected', { loanId: loan.id, on })]
        : [event('LoanApproved', { loanId: loan.id, on, amountApproved: approved })];
    }
    case 'DisburseLoan': {
      checkDisbursement(command.on, command.amount, command.today);
      const loan = knownLoan(state, command.loanId);
      checkDisbursementAgainstLoan(command.on, loan);
      assertNotVoided(state, 'disbursed');
      switch (loan.status) {
        case 'introduced':
          throw new RuleViolation(
            `loan ${loan.id} is not approved yet: record the bank's approval before a disbursement`,
          );
        case 'rejected':
          throw new RuleViolation(
            `loan ${loan.id} was rejected on ${loan.rejectedOn}; nothing can be disbursed`,
          );
        case 'repaid':
          throw new RuleViolation(
            `loan ${loan.id} was repaid and closed on ${loan.repaidOn}; nothing more can be disbursed`,
          );
        case 'approved': {
          const disbursed = disbursedTotal(loan);
          const remaining = loan.approval.amountApproved - disbursed;
          if (command.amount > remaining) {
            throw new RuleViolation(
              `amount ${formatVnd(command.amount)} is more than remains to disburse: ${formatVnd(remaining)} remaining of the ${formatVnd(loan.approval.amountApproved)} approved (${formatVnd(disbursed)} already disbursed)`,
            );
          }
          return [
            event('LoanDisbursed', { loanId: loan.id, on: command.on, amount: command.amount }),
          ];
        }
        default:
          return assertNever(loan);
      }
    }
    case 'CloseLoanRepayment': {
      checkRepayment(command.on, command.today);
      const loan = knownLoan(state, command.loanId);
      checkRepaymentAgainstLoan(command.on, loan);
      assertNotVoided(state, 'closed');
      switch (loan.status) {
        case 'introduced':
        case 'rejected':
          throw new RuleViolation(
            `loan ${loan.id} was never approved and disbursed; there is no repayment to close`,
          );
        case 'repaid':
          throw new RuleViolation(
            `the repayment of loan ${loan.id} was already closed on ${loan.repaidOn}`,
          );
        case 'approved':
          if (loan.disbursements.length === 0) {
            throw new RuleViolation(
              `nothing of loan ${loan.id} was disbursed yet; a repayment closes only after a disbursement`,
            );
          }
          return [event('LoanRepaid', { loanId: loan.id, on: command.on })];
        default:
          return assertNever(loan);
      }
    }
    case 'CorrectLoan': {
      const loan = knownLoan(state, command.loanId);
      const resealed =
        command.personal?.kind === 'resealed' ? command.personal.personal : undefined;
      const corrected = correctedRecord(loan.record, command.changes, resealed);
      checkIntroduction(corrected, command.today);
      checkIntroductionAgainstLoan(corrected, loan);
      assertNotVoided(state, 'corrected');
      if (command.personal?.kind === 'blocked') throw new RuleViolation(command.personal.why);
      const changes: FieldChange[] = diffRecords(
        withoutPersonal(loan.record),
        withoutPersonal(corrected),
      );
      if (resealed) {
        changes.push({
          field: BORROWER_PERSONAL_FIELD,
          before: loan.record.borrower.personal ? SEALED_IN_CHANGES : null,
          after: SEALED_IN_CHANGES,
        });
      }
      if (changes.length === 0) {
        throw new InvalidCommand(
          'changes: every value given is already the recorded one; nothing to correct',
        );
      }
      return [
        event('LoanCorrected', {
          loanId: loan.id,
          changes,
          reason: command.reason,
          ...(resealed ? { personal: resealed } : {}),
        }),
      ];
    }
    case 'VoidLoan': {
      const loan = knownLoan(state, command.loanId);
      assertNotVoided(state, 'voided again');
      return [event('LoanVoided', { loanId: loan.id, reason: command.reason })];
    }
    default:
      return assertNever(command);
  }
}

function knownLoan(state: LoanState, id: string): StandingLoan {
  const loan = loanOf(state);
  if (!loan) throw new NotFound(`no loan with id ${id}`);
  return loan;
}

function assertNotVoided(state: LoanState, action: string): void {
  if (state.status === 'voided') {
    throw new RuleViolation(
      `loan ${state.loan.id} was voided (${state.reason}); a voided loan cannot be ${action}`,
    );
  }
}

function decisionOf(loan: StandingLoan): string {
  switch (loan.status) {
    case 'introduced':
      return 'none yet';
    case 'rejected':
      return `rejected on ${loan.rejectedOn}`;
    case 'approved':
    case 'repaid':
      return `approved on ${loan.approval.on} for ${formatVnd(loan.approval.amountApproved)}`;
    default:
      return assertNever(loan);
  }
}

/** The introduction with a correction's changes merged in, and the details sealed anew if any. */
export function correctedRecord(
  record: LoanIntroduction,
  changes: Readonly<Record<string, unknown>>,
  personal: SealedPersonal | undefined,
): LoanIntroduction {
  const merged = mergeChanges(record, changes);
  // The pseudonym is the borrower's for good: no correction moves her details to another.
  const borrower = { ...merged.borrower, subjectId: record.borrower.subjectId };
  return { ...merged, borrower: personal ? { ...borrower, personal } : borrower };
}

/** The introduction without the sealed box: its ciphertext is not a field a person changes. */
function withoutPersonal(record: LoanIntroduction): object {
  const { personal: _sealed, ...borrower } = record.borrower;
  return { ...record, borrower };
}

export const loanDecider: Decider<LoanCommand, LoanState, LoanEvent> = {
  decide,
  evolve: evolveLoan,
  initialState: initialLoanState,
};
