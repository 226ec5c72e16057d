import { LOAN_EVENT_TYPES, type LoanEvent, type LoanIntroduction } from '../../events/loan';
import {
  disbursementsOf,
  evolveLoan,
  initialLoanState,
  type LoanState,
  type StandingLoan,
} from '../../src/loans/loan-state';
import type { Fact, FactSource } from './fact';

/**
 * A loan counts once as introduced, on its introduction date, whatever the bank decided;
 * each disbursement counts its amount on its own date. A voided loan counts nothing.
 */
export const loanFacts: FactSource<LoanState> = {
  eventTypes: LOAN_EVENT_TYPES,
  evolve: (state, event) =>
    withoutBorrowerDetails(evolveLoan(state ?? initialLoanState(), event as unknown as LoanEvent)),
  facts(state): Fact[] {
    if (state === undefined || state.status === 'absent' || state.status === 'voided') return [];
    const { unitCode, introducedOn, lender, borrower } = state.record;
    const dateFrom = introducedOn;
    // Literal facts, not spreads of one another: spreads cost microseconds a fact.
    const facts: Fact[] = [
      { indicator: 'loans.introduced', unitCode, dateFrom, value: 1 },
      {
        indicator: 'loans.introduced',
        unitCode,
        dateFrom,
        value: 1,
        dimension: 'lender',
        category: lender,
      },
      {
        indicator: 'loans.introduced',
        unitCode,
        dateFrom,
        value: 1,
        dimension: 'sex',
        category: borrower.sex,
      },
    ];
    for (const { on, amount } of disbursementsOf(state)) {
      facts.push(
        { indicator: 'loans.disbursed_amount', unitCode, dateFrom: on, value: amount },
        {
          indicator: 'loans.disbursed_amount',
          unitCode,
          dateFrom: on,
          value: amount,
          dimension: 'lender',
          category: lender,
        },
      );
    }
    return facts;
  },
};

/** Read models keep only what counts: not the sealed details, not the borrower's ethnicity. */
function withoutBorrowerDetails(state: LoanState): LoanState {
  switch (state.status) {
    case 'absent':
      return state;
    case 'voided':
      return { ...state, loan: withoutDetails(state.loan) };
    default:
      return withoutDetails(state);
  }
}

function withoutDetails(loan: StandingLoan): StandingLoan {
  const { personal, ethnicity, ...borrower } = loan.record.borrower;
  if (personal === undefined && ethnicity === undefined) return loan;
  const record: LoanIntroduction = { ...loan.record, borrower };
  return { ...loan, record };
}
