import type { LoanEvent, LoanIntroduction } from '../../events/loan';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import { loanOf } from './loan-state';
import { loanDecider, type LoanCommand } from './loan.decider';

const loanId = 'loan-1';
const today = '2024-06-30';
const subjectId = 'subject-1';

const record: LoanIntroduction = {
  unitCode: '05752',
  lender: 'vbsp',
  purpose: 'livestock',
  amountRequested: 50_000_000,
  introducedOn: '2023-03-10',
  borrower: {
    subjectId,
    sex: 'female',
    ethnicity: 'Tày',
    personal: { subjectId, sealed: 'box-1' },
  },
};

const introduced = (changes: Partial<LoanIntroduction> = {}): LoanEvent => ({
  type: 'LoanIntroduced',
  schemaVersion: 1,
  data: { loanId, ...record, ...changes },
});
const approved = (on = '2023-03-20', amountApproved = 40_000_000): LoanEvent => ({
  type: 'LoanApproved',
  schemaVersion: 1,
  data: { loanId, on, amountApproved },
});
const rejected = (on = '2023-03-20'): LoanEvent => ({
  type: 'LoanRejected',
  schemaVersion: 1,
  data: { loanId, on },
});
const disbursed = (on: string, amount: number): LoanEvent => ({
  type: 'LoanDisbursed',
  schemaVersion: 1,
  data: { loanId, on, amount },
});
const repaid = (on = '2024-03-05'): LoanEvent => ({
  type: 'LoanRepaid',
  schemaVersion: 1,
  data: { loanId, on },
});
const voided = (reason = 'entered twice'): LoanEvent => ({
  type: 'LoanVoided',
  schemaVersion: 1,
  data: { loanId, reason },
});

const decision = (on: string, amountApproved?: number): LoanCommand => ({
  type: 'DecideOnLoan',
  loanId,
  decision: amountApproved === undefined ? 'rejected' : 'approved',
  on,
  today,
  ...(amountApproved === undefined ? {} : { amountApproved }),
});
const disburse = (on: string, amount: number): LoanCommand => ({
  type: 'DisburseLoan',
  loanId,
  on,
  amount,
  today,
});
const repay = (on: string): LoanCommand => ({ type: 'CloseLoanRepayment', loanId, on, today });
const correct = (
  changes: Record<string, unknown>,
  extra: Partial<Extract<LoanCommand, { type: 'CorrectLoan' }>> = {},
): LoanCommand => ({
  type: 'CorrectLoan',
  loanId,
  changes,
  reason: 'form re-read',
  today,
  ...extra,
});

type ErrorClass = typeof InvalidCommand | typeof NotFound | typeof RuleViolation;

const stateAfter = (...history: LoanEvent[]) =>
  history.reduce(loanDecider.evolve, loanDecider.initialState());

/** Given these events, when this command is decided, then these events (or this refusal). */
function given(...history: LoanEvent[]) {
  const state = stateAfter(...history);
  return {
    when(command: LoanCommand) {
      const decide = () => loanDecider.decide(command, state);
      return {
        then: (...expected: LoanEvent[]) => expect(decide()).toEqual(expected),
        thenRefused(error: ErrorClass, message: RegExp) {
          expect(decide).toThrow(error);
          expect(decide).toThrow(message);
        },
      };
    },
  };
}

describe('loan decider', () => {
  describe('introducing a loan', () => {
    it('records the introduction', () => {
      given().when({ type: 'IntroduceLoan', loanId, record, today }).then(introduced());
    });

    it('refuses an introduction dated in the future', () => {
      given()
        .when({
          type: 'IntroduceLoan',
          loanId,
          record: { ...record, introducedOn: '2024-07-01' },
          today,
        })
        .thenRefused(InvalidCommand, /introducedOn 2024-07-01 is in the future/);
    });

    it('refuses a district as the unit: loans are introduced by a commune union', () => {
      given()
        .when({ type: 'IntroduceLoan', loanId, record: { ...record, unitCode: '170' }, today })
        .thenRefused(InvalidCommand, /unitCode 170 .* is a district; this record needs a commune/);
    });

    it('refuses a commune that no longer existed on the introduction date', () => {
      given()
        .when({
          type: 'IntroduceLoan',
          loanId,
          record: { ...record, introducedOn: '2025-08-01' },
          today: '2026-01-01',
        })
        .thenRefused(InvalidCommand, /unitCode 05752 .* did not exist on 2025-08-01/);
    });

    it('refuses a zero or oversized amount', () => {
      given()
        .when({ type: 'IntroduceLoan', loanId, record: { ...record, amountRequested: 0 }, today })
        .thenRefused(InvalidCommand, /amountRequested must be a whole number of VND from 1/);
      given()
        .when({
          type: 'IntroduceLoan',
          loanId,
          record: { ...record, amountRequested: 10_000_000_001 },
          today,
        })
        .thenRefused(InvalidCommand, /amountRequested/);
    });

    it('refuses a second introduction under the same id', () => {
      given(introduced())
        .when({ type: 'IntroduceLoan', loanId, record, today })
        .thenRefused(RuleViolation, /already recorded/);
    });
  });

  describe("recording the bank's decision", () => {
    it('records an approval with its amount', () => {
      given(introduced()).when(decision('2023-03-20', 40_000_000)).then(approved());
    });

    it('records a rejection', () => {
      given(introduced()).when(decision('2023-03-20')).then(rejected());
    });

    it('refuses an approval without an amount, and a rejection with one', () => {
      given(introduced())
        .when({ type: 'DecideOnLoan', loanId, decision: 'approved', on: '2023-03-20', today })
        .thenRefused(InvalidCommand, /amountApproved is required when the decision is approved/);
      given(introduced())
        .when({
          type: 'DecideOnLoan',
          loanId,
          decision: 'rejected',
          on: '2023-03-20',
          amountApproved: 1,
          today,
        })
        .thenRefused(
          InvalidCommand,
          /amountApproved must be left out when the decision is rejected/,
        );
    });

    it('refuses approving more than was requested', () => {
      given(introduced())
        .when(decision('2023-03-20', 50_000_001))
        .thenRefused(
          InvalidCommand,
          /amountApproved \(50,000,001 VND\) cannot be more than the amount requested \(50,000,000 VND\)/,
        );
    });

    it('refuses a decision dated before the introduction or in the future', () => {
      given(introduced())
        .when(decision('2023-03-09', 1))
        .thenRefused(
          InvalidCommand,
          /on 2023-03-09 is before the loan was introduced \(2023-03-10\)/,
        );
      given(introduced())
        .when(decision('2024-07-01', 1))
        .thenRefused(InvalidCommand, /in the future/);
    });

    it('refuses a decision on an unknown loan', () => {
      given()
        .when(decision('2023-03-20', 1))
        .thenRefused(NotFound, /no loan with id loan-1/);
    });

    it('refuses a second decision', () => {
      given(introduced(), approved())
        .when(decision('2023-03-21'))
        .thenRefused(RuleViolation, /already recorded: approved on 2023-03-20 for 40,000,000 VND/);
      given(introduced(), rejected())
        .when(decision('2023-03-21', 1))
        .thenRefused(RuleViolation, /rejected on 2023-03-20/);
    });

    it('refuses a decision on a voided loan', () => {
      given(introduced(), voided())
        .when(decision('2023-03-20', 1))
        .thenRefused(RuleViolation, /voided \(entered twice\)/);
    });
  });

  describe('disbursing', () => {
    it('records disbursements up to the amount approved', () => {
      given(introduced(), approved(), disbursed('2023-04-05', 30_000_000))
        .when(disburse('2023-06-15', 10_000_000))
        .then(disbursed('2023-06-15', 10_000_000));
    });

    it('refuses a disbursement before the bank approved the loan', () => {
      given(introduced())
        .when(disburse('2023-04-05', 1))
        .thenRefused(RuleViolation, /not approved yet/);
      given(introduced(), rejected())
        .when(disburse('2023-04-05', 1))
        .thenRefused(RuleViolation, /was rejected/);
    });

    it('refuses a disbursement dated before the approval', () => {
      given(introduced(), approved())
        .when(disburse('2023-03-19', 1))
        .thenRefused(
          InvalidCommand,
          /on 2023-03-19 is before the loan was approved \(2023-03-20\)/,
        );
    });

    it('refuses more than remains of the amount approved, naming what remains', () => {
      given(introduced(), approved(), disbursed('2023-04-05', 30_000_000))
        .when(disburse('2023-06-15', 10_000_001))
        .thenRefused(RuleViolation, /10,000,000 VND remaining of the 40,000,000 VND approved/);
    });

    it('refuses a disbursement once the repayment is closed', () => {
      given(introduced(), approved(), disbursed('2023-04-05', 30_000_000), repaid())
        .when(disburse('2024-04-01', 1))
        .thenRefused(RuleViolation, /repaid and closed on 2024-03-05/);
    });

    it('refuses a disbursement dated in the future', () => {
      given(introduced(), approved())
        .when(disburse('2024-07-01', 1))
        .thenRefused(InvalidCommand, /in the future/);
    });
  });

  describe('closing the repayment', () => {
    it('closes a disbursed loan as repaid', () => {
      given(introduced(), approved(), disbursed('2023-04-05', 30_000_000))
        .when(repay('2024-03-05'))
        .then(repaid());
    });

    it('refuses to close a loan nothing was disbursed of', () => {
      given(introduced(), approved())
        .when(repay('2024-03-05'))
        .thenRefused(RuleViolation, /nothing of loan loan-1 was disbursed/);
      given(introduced())
        .when(repay('2024-03-05'))
        .thenRefused(RuleViolation, /never approved/);
    });

    it('refuses to close it twice', () => {
      given(introduced(), approved(), disbursed('2023-04-05', 1), repaid())
        .when(repay('2024-03-06'))
        .thenRefused(RuleViolation, /already closed on 2024-03-05/);
    });

    it('refuses a closing dated before the last disbursement', () => {
      given(introduced(), approved(), disbursed('2023-04-05', 1), disbursed('2023-06-15', 1))
        .when(repay('2023-06-14'))
        .thenRefused(InvalidCommand, /before the last disbursement \(2023-06-15\)/);
    });
  });

  describe('correcting the introduction', () => {
    it('records each changed field before and after', () => {
      given(introduced())
        .when(correct({ amountRequested: 60_000_000, borrower: { ethnicity: 'Nùng' } }))
        .then({
          type: 'LoanCorrected',
          schemaVersion: 1,
          data: {
            loanId,
            reason: 'form re-read',
            changes: [
              { field: 'amountRequested', before: 50_000_000, after: 60_000_000 },
              { field: 'borrower.ethnicity', before: 'Tày', after: 'Nùng' },
            ],
          },
        });
    });

    it('records new personal details only as sealed, with the new box beside the changes', () => {
      const box = { subjectId, sealed: 'box-2' };
      const command = correct({}, { personal: { kind: 'resealed', personal: box } });
      given(introduced())
        .when(command)
        .then({
          type: 'LoanCorrected',
          schemaVersion: 1,
          data: {
            loanId,
            reason: 'form re-read',
            changes: [{ field: 'borrower.personal', before: '[sealed]', after: '[sealed]' }],
            personal: box,
          },
        });
      const after = stateAfter(
        introduced(),
        ...loanDecider.decide(command, stateAfter(introduced())),
      );
      expect(loanOf(after)?.record.borrower).toEqual({
        subjectId,
        sex: 'female',
        ethnicity: 'Tày',
        personal: box,
      });
    });

    it('records details given for the first time as sealed after none', () => {
      const { personal: _none, ...borrower } = record.borrower;
      const box = { subjectId, sealed: 'box-2' };
      given(introduced({ borrower }))
        .when(correct({}, { personal: { kind: 'resealed', personal: box } }))
        .then({
          type: 'LoanCorrected',
          schemaVersion: 1,
          data: {
            loanId,
            reason: 'form re-read',
            changes: [{ field: 'borrower.personal', before: null, after: '[sealed]' }],
            personal: box,
          },
        });
    });

    it('keeps the corrected loan to the rules of a new one and to what the bank did', () => {
      given(introduced(), approved())
        .when(correct({ amountRequested: 39_999_999 }))
        .thenRefused(
          InvalidCommand,
          /amountRequested \(39,999,999 VND\) cannot be less than the amount approved \(40,000,000 VND\)/,
        );
      given(introduced(), approved())
        .when(correct({ introducedOn: '2023-03-21' }))
        .thenRefused(
          InvalidCommand,
          /introducedOn 2023-03-21 is after the bank's decision on 2023-03-20/,
        );
      given(introduced())
        .when(correct({ unitCode: '173' }))
        .thenRefused(InvalidCommand, /is a district/);
      given(introduced())
        .when(correct({ introducedOn: '2024-07-01' }))
        .thenRefused(InvalidCommand, /in the future/);
    });

    it('refuses a correction that changes nothing', () => {
      given(introduced())
        .when(correct({ lender: 'vbsp' }))
        .thenRefused(InvalidCommand, /nothing to correct/);
    });

    it('refuses a correction of details that can no longer be opened', () => {
      given(introduced())
        .when(
          correct(
            {},
            { personal: { kind: 'blocked', why: "the borrower's personal details are erased" } },
          ),
        )
        .thenRefused(RuleViolation, /erased/);
    });

    it('refuses a correction of a voided or unknown loan', () => {
      given(introduced(), voided())
        .when(correct({ lender: 'agribank' }))
        .thenRefused(RuleViolation, /voided/);
      given()
        .when(correct({ lender: 'agribank' }))
        .thenRefused(NotFound, /no loan/);
    });
  });

  describe('voiding', () => {
    it('voids a loan whatever the bank did, keeping what it was', () => {
      given(introduced(), approved(), disbursed('2023-04-05', 1))
        .when({ type: 'VoidLoan', loanId, reason: 'entered twice' })
        .then(voided());
      expect(stateAfter(introduced(), approved(), voided())).toMatchObject({
        status: 'voided',
        reason: 'entered twice',
        loan: { status: 'approved' },
      });
    });

    it('refuses to void twice, or an unknown loan', () => {
      given(introduced(), voided())
        .when({ type: 'VoidLoan', loanId, reason: 'again' })
        .thenRefused(RuleViolation, /voided again/);
      given()
        .when({ type: 'VoidLoan', loanId, reason: 'x' })
        .thenRefused(NotFound, /no loan/);
    });
  });
});
