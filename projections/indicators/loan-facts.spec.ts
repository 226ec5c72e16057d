import Database from 'better-sqlite3';
import type { LoanEvent, LoanIntroduction } from '../../events/loan';
import type { RecordedEvent } from '../../src/ledger/event-store.port';
import { indicatorFactsProjection } from './indicator-facts.projection';
import { queryIndicators } from './indicator-queries';
import { loanFacts } from './loan-facts';

const introduction: LoanIntroduction = {
  unitCode: '05752',
  lender: 'vbsp',
  purpose: 'livestock',
  amountRequested: 50_000_000,
  introducedOn: '2023-03-10',
  borrower: {
    subjectId: 's-1',
    sex: 'female',
    ethnicity: 'Tày',
    personal: { subjectId: 's-1', sealed: 'c2VhbGVk' },
  },
};

const introduced = (loanId: string, changes: Partial<LoanIntroduction> = {}): LoanEvent => ({
  type: 'LoanIntroduced',
  schemaVersion: 1,
  data: { loanId, ...introduction, ...changes },
});
const approved = (loanId: string, on: string, amountApproved: number): LoanEvent => ({
  type: 'LoanApproved',
  schemaVersion: 1,
  data: { loanId, on, amountApproved },
});
const disbursed = (loanId: string, on: string, amount: number): LoanEvent => ({
  type: 'LoanDisbursed',
  schemaVersion: 1,
  data: { loanId, on, amount },
});

/** The events as the read model receives them: data is a plain record there. */
const fold = (...events: LoanEvent[]) =>
  events.reduce<ReturnType<typeof loanFacts.evolve>>(
    (state, event) =>
      loanFacts.evolve(state, {
        type: event.type,
        data: event.data as unknown as Record<string, unknown>,
      }),
    undefined,
  );

describe('loan facts', () => {
  it("counts an introduced loan once, by lender and by the borrower's sex, on its introduction date", () => {
    expect(loanFacts.facts(fold(introduced('a')))).toEqual([
      { indicator: 'loans.introduced', unitCode: '05752', dateFrom: '2023-03-10', value: 1 },
      {
        indicator: 'loans.introduced',
        unitCode: '05752',
        dateFrom: '2023-03-10',
        value: 1,
        dimension: 'lender',
        category: 'vbsp',
      },
      {
        indicator: 'loans.introduced',
        unitCode: '05752',
        dateFrom: '2023-03-10',
        value: 1,
        dimension: 'sex',
        category: 'female',
      },
    ]);
  });

  it('still counts a rejected loan as introduced', () => {
    const rejected: LoanEvent = {
      type: 'LoanRejected',
      schemaVersion: 1,
      data: { loanId: 'a', on: '2023-03-20' },
    };
    expect(loanFacts.facts(fold(introduced('a'), rejected))).toEqual(
      loanFacts.facts(fold(introduced('a'))),
    );
  });

  it('counts each disbursement by its own date', () => {
    const facts = loanFacts.facts(
      fold(
        introduced('a'),
        approved('a', '2023-03-20', 50_000_000),
        disbursed('a', '2023-04-05', 30_000_000),
        disbursed('a', '2023-06-15', 20_000_000),
      ),
    );
    expect(facts.filter((f) => f.indicator === 'loans.disbursed_amount')).toEqual([
      {
        indicator: 'loans.disbursed_amount',
        unitCode: '05752',
        dateFrom: '2023-04-05',
        value: 30_000_000,
      },
      {
        indicator: 'loans.disbursed_amount',
        unitCode: '05752',
        dateFrom: '2023-04-05',
        value: 30_000_000,
        dimension: 'lender',
        category: 'vbsp',
      },
      {
        indicator: 'loans.disbursed_amount',
        unitCode: '05752',
        dateFrom: '2023-06-15',
        value: 20_000_000,
      },
      {
        indicator: 'loans.disbursed_amount',
        unitCode: '05752',
        dateFrom: '2023-06-15',
        value: 20_000_000,
        dimension: 'lender',
        category: 'vbsp',
      },
    ]);
  });

  it('counts nothing of a voided loan', () => {
    const voided: LoanEvent = {
      type: 'LoanVoided',
      schemaVersion: 1,
      data: { loanId: 'a', reason: 'entered twice' },
    };
    expect(
      loanFacts.facts(
        fold(
          introduced('a'),
          approved('a', '2023-03-20', 1),
          disbursed('a', '2023-04-05', 1),
          voided,
        ),
      ),
    ).toEqual([]);
  });

  it('keeps neither the sealed details nor the ethnicity in the read model', () => {
    const kept = JSON.stringify(fold(introduced('a')));
    expect(kept).not.toContain('c2VhbGVk');
    expect(kept).not.toContain('Tày');
  });

  describe('in the indicator read model', () => {
    let db: Database.Database;
    let position = 0;
    const apply = (
      writer: ReturnType<typeof indicatorFactsProjection.open>,
      streamId: string,
      events: LoanEvent[],
    ) =>
      events.forEach((event, revision) => {
        position += 1;
        const recorded: RecordedEvent = {
          id: `${streamId}-${revision}`,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data as unknown as Record<string, unknown>,
          metadata: {
            actor: { userId: 'u', username: 'officer', role: 'officer', unitCode: '05752' },
            recordedAt: '2024-01-01T00:00:00.000Z',
            unitCode: '05752',
            correlationId: 'c',
            causationId: 'c',
          },
          streamId,
          revision,
          position,
        };
        writer.apply(recorded);
        // One batch per event, as the runner would deliver them one at a time.
        writer.flush?.();
      });
    const value = (unit: string, indicator: string, from?: string, to?: string) =>
      queryIndicators(db, { unit, ...(from ? { from } : {}), ...(to ? { to } : {}) }).get(
        indicator,
      );

    beforeEach(() => {
      db = new Database(':memory:');
      position = 0;
      const writer = indicatorFactsProjection.open(db);
      apply(writer, 'loan-a', [
        introduced('a'),
        approved('a', '2023-03-20', 50_000_000),
        disbursed('a', '2023-04-05', 30_000_000),
        disbursed('a', '2023-06-15', 20_000_000),
      ]);
      apply(writer, 'loan-b', [
        introduced('b', {
          lender: 'agribank',
          introducedOn: '2023-04-20',
          borrower: { subjectId: 's-2', sex: 'male' },
        }),
        { type: 'LoanRejected', schemaVersion: 1, data: { loanId: 'b', on: '2023-05-02' } },
      ]);
    });
    afterEach(() => db.close());

    it('lands each disbursement in the window of its own date, at commune, district and province', () => {
      for (const unit of ['05752', '170', '19']) {
        expect(value(unit, 'loans.disbursed_amount', '2023-03-01', '2023-03-31')).toBeUndefined();
        expect(value(unit, 'loans.disbursed_amount', '2023-04-01', '2023-04-30')).toEqual({
          value: 30_000_000,
          breakdown: { lender: { vbsp: 30_000_000 } },
        });
        expect(value(unit, 'loans.disbursed_amount', '2023-06-15', '2023-06-15')?.value).toBe(
          20_000_000,
        );
        expect(value(unit, 'loans.disbursed_amount', '2023-01-01', '2023-12-31')?.value).toBe(
          50_000_000,
        );
      }
      expect(value('173', 'loans.disbursed_amount')).toBeUndefined();
    });

    it('counts introductions by their introduction date, the rejected one too', () => {
      expect(value('19', 'loans.introduced', '2023-03-01', '2023-03-31')).toEqual({
        value: 1,
        breakdown: { lender: { vbsp: 1 }, sex: { female: 1 } },
      });
      expect(value('19', 'loans.introduced', '2023-04-01', '2023-04-30')).toEqual({
        value: 1,
        breakdown: { lender: { agribank: 1 }, sex: { male: 1 } },
      });
      expect(value('170', 'loans.introduced')?.value).toBe(2);
    });

    it('changes nothing when the same event is applied twice', () => {
      const before = db.prepare('SELECT * FROM indicator_facts ORDER BY id').all();
      const writer = indicatorFactsProjection.open(db);
      apply(writer, 'loan-a', [
        introduced('a'),
        approved('a', '2023-03-20', 50_000_000),
        disbursed('a', '2023-04-05', 30_000_000),
      ]);
      expect(db.prepare('SELECT * FROM indicator_facts ORDER BY id').all()).toEqual(before);
    });
  });
});
