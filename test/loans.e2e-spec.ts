import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STATUS_CODES } from 'node:http';
import type request from 'supertest';
import { businessToday } from '../src/shared/business-date';
import { startTestLedger, type TestLedger } from './support/test-ledger';

/** A name no other test records: finding it anywhere in the data directory is a leak. */
const borrowerName = `Hoàng Thị Zyxqv ${randomUUID().slice(0, 8)}`;
const correctedPhone = `09${randomUUID().replace(/\D/g, '').slice(0, 8)}`;

function loanBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    unitCode: '05752',
    lender: 'vbsp',
    purpose: 'livestock',
    amountRequested: 30_000_000,
    introducedOn: '2022-05-10',
    borrower: { sex: 'female', ethnicity: 'Tày' },
    ...overrides,
  };
}

const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Every file under a directory, as paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('loans introduced to banks, end to end', () => {
  let t: TestLedger;
  /** Officer of Liên Minh commune (05752, Võ Nhai district 170). */
  let officer: string;
  /** Officer of Võ Nhai district: Liên Minh is in scope. */
  let districtOfficer: string;
  /** Officer of Phú Bình district (173): Liên Minh is out of scope. */
  let otherOfficer: string;
  let supervisor: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestLedger();
    officer = await t.user('lienminh.officer', 'officer', '05752');
    districtOfficer = await t.user('vonhai.officer', 'officer', '170');
    otherOfficer = await t.user('phubinh.officer', 'officer', '173');
    supervisor = await t.user('province.supervisor', 'supervisor', '19');
    viewer = await t.user('province.viewer', 'viewer', '19');
  });
  afterAll(() => t.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, body: unknown, token = officer) =>
    t
      .http()
      .post(path)
      .set(auth(token))
      .send(body as object);
  const introduce = async (body: Record<string, unknown> = loanBody()) =>
    (await post('/api/loans', body).expect(201)).body as {
      id: string;
      subjectId: string;
      position: number;
    };
  const approve = (id: string, on: string, amountApproved: number) =>
    post(`/api/loans/${id}/decision`, { decision: 'approved', on, amountApproved }).expect(201);
  const indicator = async (unit: string, code: string, from: string, to: string) => {
    const response = await t
      .http()
      .get(`/api/indicators?unit=${unit}&from=${from}&to=${to}`)
      .set(auth(supervisor))
      .expect(200);
    return (response.body.rows as { indicator: string; value: number; breakdown?: unknown }[]).find(
      (row) => row.indicator === code,
    );
  };

  /** The request is refused with `status`, a contract-shaped body whose message matches, and nothing appended. */
  async function expectRefused(
    send: () => request.Test,
    status: number,
    message: RegExp,
  ): Promise<void> {
    const head = await t.head();
    const response = await send();
    expect({ status: response.status, body: response.body as unknown }).toEqual({
      status,
      body: {
        statusCode: status,
        error: STATUS_CODES[status],
        message: expect.stringMatching(message),
      },
    });
    expect(await t.head()).toBe(head);
  }

  it('follows a loan from introduction to repayment, and the indicators move by window at commune, district and province', async () => {
    const created = await post(
      '/api/loans',
      loanBody({
        introducedOn: '2023-03-10',
        amountRequested: 50_000_000,
        borrower: { sex: 'female', ethnicity: 'Tày', personal: { fullName: borrowerName } },
      }),
    ).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      streamId: `loan-${created.body.id}`,
      revision: 0,
      position: expect.any(Number),
      subjectId: expect.any(String),
    });
    const id = created.body.id as string;
    expect((await approve(id, '2023-03-20', 40_000_000)).body.revision).toBe(1);
    await post(`/api/loans/${id}/disbursements`, { on: '2023-04-05', amount: 30_000_000 }).expect(
      201,
    );
    await post(`/api/loans/${id}/disbursements`, { on: '2023-06-15', amount: 10_000_000 }).expect(
      201,
    );
    const closed = await post(`/api/loans/${id}/repayment`, { on: '2024-03-05' }).expect(201);
    expect(closed.body).toMatchObject({ id, revision: 4 });
    // A rejected loan still counts as introduced.
    const other = await introduce(
      loanBody({ introducedOn: '2023-03-15', lender: 'agribank', borrower: { sex: 'male' } }),
    );
    await post(`/api/loans/${other.id}/decision`, {
      decision: 'rejected',
      on: '2023-03-25',
    }).expect(201);

    const got = await t.http().get(`/api/loans/${id}`).set(auth(supervisor)).expect(200);
    expect(got.headers.etag).toBe('"4"');
    expect(got.body).toMatchObject({
      id,
      status: 'repaid',
      unitCode: '05752',
      lender: 'vbsp',
      purpose: 'livestock',
      amountRequested: 50_000_000,
      introducedOn: '2023-03-10',
      borrower: { subjectId: created.body.subjectId, sex: 'female' },
      decision: { decision: 'approved', on: '2023-03-20', amountApproved: 40_000_000 },
      disbursements: [
        { on: '2023-04-05', amount: 30_000_000 },
        { on: '2023-06-15', amount: 10_000_000 },
      ],
      amountDisbursed: 40_000_000,
      amountUndisbursed: 0,
      repaidOn: '2024-03-05',
      recordedBy: 'lienminh.officer',
    });

    for (const unit of ['05752', '170', '19']) {
      expect(await indicator(unit, 'loans.introduced', '2023-03-01', '2023-03-31')).toMatchObject({
        value: 2,
        breakdown: { lender: { vbsp: 1, agribank: 1 }, sex: { female: 1, male: 1 } },
      });
      expect(
        await indicator(unit, 'loans.disbursed_amount', '2023-03-01', '2023-03-31'),
      ).toMatchObject({ value: 0 });
      expect(await indicator(unit, 'loans.introduced', '2023-04-01', '2023-04-30')).toMatchObject({
        value: 0,
      });
      expect(
        await indicator(unit, 'loans.disbursed_amount', '2023-04-01', '2023-04-30'),
      ).toMatchObject({
        value: 30_000_000,
        breakdown: { lender: { vbsp: 30_000_000 } },
      });
      expect(
        await indicator(unit, 'loans.disbursed_amount', '2023-06-01', '2023-06-30'),
      ).toMatchObject({ value: 10_000_000 });
      expect(
        await indicator(unit, 'loans.disbursed_amount', '2023-01-01', '2023-12-31'),
      ).toMatchObject({ value: 40_000_000 });
    }
    expect(await indicator('173', 'loans.introduced', '2023-01-01', '2023-12-31')).toMatchObject({
      value: 0,
    });
  });

  describe('refusals: the right status and nothing appended', () => {
    const tomorrow = dayAfter(businessToday(new Date()));

    it('refuses a bad introduction', async () => {
      await expectRefused(() => t.http().post('/api/loans').send(loanBody()), 401, /log in/);
      await expectRefused(
        () => post('/api/loans', loanBody(), supervisor),
        403,
        /needs the role officer/,
      );
      const cases: [Record<string, unknown>, RegExp][] = [
        [loanBody({ lender: 'bank' }), /lender must be one of vbsp, agribank, other/],
        [
          loanBody({ purpose: 'housing' }),
          /purpose must be one of livestock, crops, handicraft, trade, services, other/,
        ],
        [loanBody({ amountRequested: '30000000' }), /amountRequested must be a whole number/],
        [loanBody({ amountRequested: 1.5 }), /amountRequested must be a whole number/],
        [loanBody({ amountRequested: 0 }), /amountRequested must be at least 1 VND/],
        [loanBody({ amountRequested: -5 }), /amountRequested must be at least 1 VND/],
        [
          loanBody({ amountRequested: 10_000_000_001 }),
          /amountRequested must be at most 10000000000 VND/,
        ],
        [loanBody({ introducedOn: tomorrow }), /introducedOn .* is in the future/],
        [loanBody({ introducedOn: '2023-02-30' }), /introducedOn must be a date/],
        [
          loanBody({ unitCode: '170' }),
          /unitCode 170 .* is a district; this record needs a commune/,
        ],
        [loanBody({ unitCode: '99999' }), /unitCode 99999 is not a known administrative unit code/],
        [loanBody({ introducedOn: '2025-08-01' }), /unitCode 05752 .* did not exist on 2025-08-01/],
        [loanBody({ borrower: { sex: 'x' } }), /borrower\.sex must be one of female, male/],
        [
          loanBody({ borrower: { sex: 'female', personal: { phone: '0912' } } }),
          /borrower\.personal needs fullName/,
        ],
        [
          loanBody({ borrower: { sex: 'female', personal: { fullName: 7 } } }),
          /borrower\.personal field fullName must be text/,
        ],
        [
          loanBody({ borrower: { sex: 'female', ethnicity: null } }),
          /borrower\.ethnicity must be text/,
        ],
        [
          loanBody({ borrower: { sex: 'female', subjectId: 'mine' } }),
          /borrower\.subjectId is not a known field/,
        ],
        [loanBody({ borrower: undefined }), /borrower must be an object/],
        [loanBody({ amountApproved: 1 }), /amountApproved is not a known field/],
      ];
      for (const [body, message] of cases)
        await expectRefused(() => post('/api/loans', body), 400, message);
      await expectRefused(
        () => post('/api/loans', loanBody({ unitCode: '05911' })),
        403,
        /outside your scope/,
      );
      const { id } = await introduce();
      await expectRefused(() => post('/api/loans', loanBody({ id })), 409, /already recorded/);
    });

    it('refuses a bad decision, and a second one', async () => {
      const { id } = await introduce();
      const decide =
        (body: Record<string, unknown>, token = officer, loanId = id) =>
        () =>
          post(`/api/loans/${loanId}/decision`, body, token);
      await expectRefused(
        decide({ decision: 'approved', on: '2022-05-20' }, viewer),
        403,
        /needs the role officer/,
      );
      await expectRefused(
        decide({ decision: 'approved', on: '2022-05-20' }),
        400,
        /amountApproved is required/,
      );
      await expectRefused(
        decide({ decision: 'rejected', on: '2022-05-20', amountApproved: 1 }),
        400,
        /amountApproved must be left out/,
      );
      await expectRefused(
        decide({ decision: 'approved', on: '2022-05-20', amountApproved: '1' }),
        400,
        /amountApproved must be a whole number/,
      );
      await expectRefused(
        decide({ decision: 'approved', on: '2022-05-20', amountApproved: 0 }),
        400,
        /amountApproved must be at least 1/,
      );
      await expectRefused(
        decide({ decision: 'maybe', on: '2022-05-20' }),
        400,
        /decision must be approved or rejected/,
      );
      await expectRefused(
        decide({ decision: 'approved', on: '2022-05-20', amountApproved: 30_000_001 }),
        400,
        /amountApproved \(30,000,001 VND\) cannot be more than the amount requested \(30,000,000 VND\)/,
      );
      await expectRefused(
        decide({ decision: 'rejected', on: '2022-05-09' }),
        400,
        /before the loan was introduced \(2022-05-10\)/,
      );
      await expectRefused(decide({ decision: 'rejected', on: tomorrow }), 400, /in the future/);
      await expectRefused(
        decide({ decision: 'rejected', on: '2022-05-20' }, otherOfficer),
        403,
        /outside your scope/,
      );
      await expectRefused(
        decide({ decision: 'rejected', on: '2022-05-20' }, officer, randomUUID()),
        404,
        /no loan with id/,
      );
      await approve(id, '2022-05-20', 20_000_000);
      await expectRefused(
        decide({ decision: 'rejected', on: '2022-05-21' }),
        409,
        /already recorded: approved on 2022-05-20/,
      );
      await expectRefused(
        () =>
          post(`/api/loans/${id}/decision`, { decision: 'rejected', on: '2022-05-21' }).set(
            'If-Match',
            '"0"',
          ),
        409,
        /already recorded/,
      );
    });

    it('refuses a disbursement before approval, beyond the amount approved, or after the repayment closed', async () => {
      const disburse =
        (loanId: string, body: Record<string, unknown>, token = officer) =>
        () =>
          post(`/api/loans/${loanId}/disbursements`, body, token);
      const pending = await introduce();
      await expectRefused(
        disburse(pending.id, { on: '2022-05-20', amount: 1 }),
        409,
        /not approved yet/,
      );
      const rejected = await introduce();
      await post(`/api/loans/${rejected.id}/decision`, {
        decision: 'rejected',
        on: '2022-05-20',
      }).expect(201);
      await expectRefused(
        disburse(rejected.id, { on: '2022-05-21', amount: 1 }),
        409,
        /was rejected on 2022-05-20/,
      );

      const { id } = await introduce();
      await approve(id, '2022-05-20', 20_000_000);
      await expectRefused(
        disburse(id, { on: '2022-05-19', amount: 1 }),
        400,
        /before the loan was approved \(2022-05-20\)/,
      );
      await expectRefused(disburse(id, { on: tomorrow, amount: 1 }), 400, /in the future/);
      await expectRefused(
        disburse(id, { on: '2022-05-25', amount: 0 }),
        400,
        /amount must be at least 1/,
      );
      await expectRefused(disburse(id, { on: '2022-05-25' }), 400, /amount must be a whole number/);
      await expectRefused(
        disburse(id, { on: '2022-05-25', amount: 1 }, otherOfficer),
        403,
        /outside your scope/,
      );
      await expectRefused(disburse(randomUUID(), { on: '2022-05-25', amount: 1 }), 404, /no loan/);
      await expectRefused(
        () => post(`/api/loans/${id}/repayment`, { on: '2022-06-01' }),
        409,
        /nothing of loan .* was disbursed yet/,
      );
      await disburse(id, { on: '2022-05-25', amount: 15_000_000 })().expect(201);
      await expectRefused(
        disburse(id, { on: '2022-06-01', amount: 6_000_000 }),
        409,
        /5,000,000 VND remaining of the 20,000,000 VND approved \(15,000,000 VND already disbursed\)/,
      );
      await disburse(id, { on: '2022-06-01', amount: 5_000_000 })().expect(201);
      await expectRefused(disburse(id, { on: '2022-06-02', amount: 1 }), 409, /0 VND remaining/);

      await expectRefused(
        () => post(`/api/loans/${id}/repayment`, { on: '2022-05-31' }),
        400,
        /before the last disbursement \(2022-06-01\)/,
      );
      await expectRefused(
        () => post(`/api/loans/${id}/repayment`, { on: tomorrow }),
        400,
        /in the future/,
      );
      await post(`/api/loans/${id}/repayment`, { on: '2023-05-01' }).expect(201);
      await expectRefused(
        () => post(`/api/loans/${id}/repayment`, { on: '2023-05-02' }),
        409,
        /already closed on 2023-05-01/,
      );

      const partly = await introduce();
      await approve(partly.id, '2022-05-20', 20_000_000);
      await disburse(partly.id, { on: '2022-05-25', amount: 1_000_000 })().expect(201);
      await post(`/api/loans/${partly.id}/repayment`, { on: '2022-12-01' }).expect(201);
      await expectRefused(
        disburse(partly.id, { on: '2022-12-02', amount: 1 }),
        409,
        /repaid and closed on 2022-12-01/,
      );
    });
  });

  describe('corrections and voids', () => {
    it('corrects the introduction with a reason, holds it to the same rules, and shows before and after in the audit trail', async () => {
      const { id } = await introduce();
      await approve(id, '2022-05-20', 20_000_000);
      const correct =
        (changes: Record<string, unknown>, token = officer) =>
        () =>
          post(`/api/loans/${id}/corrections`, { changes, reason: 'bank form re-read' }, token);
      await expectRefused(
        correct({ amountRequested: 19_000_000 }),
        400,
        /amountRequested \(19,000,000 VND\) cannot be less than the amount approved \(20,000,000 VND\)/,
      );
      await expectRefused(
        correct({ introducedOn: '2022-05-21' }),
        400,
        /after the bank's decision on 2022-05-20/,
      );
      await expectRefused(correct({ unitCode: '170' }), 400, /is a district/);
      await expectRefused(
        correct({ lender: null, purpose: 'trade' }),
        400,
        /changes\.lender must be one of/,
      );
      await expectRefused(
        correct({ amountRequested: '1' }),
        400,
        /changes\.amountRequested must be a whole number/,
      );
      await expectRefused(
        correct({ borrower: { subjectId: 'x' } }),
        400,
        /changes\.borrower\.subjectId is not a known field/,
      );
      await expectRefused(correct({ lender: 'vbsp' }), 400, /nothing to correct/);
      await expectRefused(
        () => post(`/api/loans/${id}/corrections`, { changes: { lender: 'agribank' } }),
        400,
        /reason is required/,
      );
      await expectRefused(correct({ lender: 'agribank' }, otherOfficer), 403, /outside your scope/);
      await expectRefused(correct({ unitCode: '05911' }), 403, /outside your scope/);
      await expectRefused(
        () =>
          post(`/api/loans/${randomUUID()}/corrections`, {
            changes: { lender: 'agribank' },
            reason: 'r',
          }),
        404,
        /no loan/,
      );

      const corrected = await correct({
        amountRequested: 35_000_000,
        lender: 'agribank',
        borrower: { ethnicity: 'Nùng' },
      })().expect(201);
      expect(corrected.body).toMatchObject({ id, revision: 2 });
      const audit = await t
        .http()
        .get(`/api/audit?streamId=loan-${id}`)
        .set(auth(supervisor))
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          type: 'LoanIntroduced',
          actor: { username: 'lienminh.officer', role: 'officer' },
        }),
        expect.objectContaining({ type: 'LoanApproved' }),
        expect.objectContaining({
          type: 'LoanCorrected',
          reason: 'bank form re-read',
          changes: [
            { field: 'amountRequested', before: 30_000_000, after: 35_000_000 },
            { field: 'borrower.ethnicity', before: '[hidden]', after: '[hidden]' },
            { field: 'lender', before: 'vbsp', after: 'agribank' },
          ],
        }),
      ]);
      const got = await t.http().get(`/api/loans/${id}`).set(auth(officer)).expect(200);
      expect(got.headers.etag).toBe('"2"');
      expect(got.body).toMatchObject({
        amountRequested: 35_000_000,
        lender: 'agribank',
        borrower: { ethnicity: 'Nùng' },
      });
    });

    it('reseals corrected personal details under the same subject and records them only as sealed', async () => {
      const { id, subjectId } = await introduce(
        loanBody({
          borrower: { sex: 'female', personal: { fullName: borrowerName, phone: '0912000000' } },
        }),
      );
      await post(`/api/loans/${id}/corrections`, {
        changes: { borrower: { personal: { phone: correctedPhone } } },
        reason: 'new phone',
      }).expect(201);
      const audit = await t
        .http()
        .get(`/api/audit?streamId=loan-${id}`)
        .set(auth(supervisor))
        .expect(200);
      expect(audit.body.items[1]).toMatchObject({
        type: 'LoanCorrected',
        reason: 'new phone',
        changes: [{ field: 'borrower.personal', before: '[sealed]', after: '[sealed]' }],
      });
      expect(JSON.stringify(audit.body)).not.toContain(correctedPhone);
      const events = await t
        .http()
        .get(`/api/events?type=LoanCorrected`)
        .set(auth(supervisor))
        .expect(200);
      expect(JSON.stringify(events.body)).not.toContain(correctedPhone);
      const got = await t.http().get(`/api/loans/${id}`).set(auth(officer)).expect(200);
      expect(got.body.borrower).toMatchObject({
        subjectId,
        personal: {
          subjectId,
          status: 'available',
          details: { fullName: borrowerName, phone: correctedPhone },
        },
      });
      await expectRefused(
        () =>
          post(`/api/loans/${id}/corrections`, {
            changes: { borrower: { personal: { phone: correctedPhone } } },
            reason: 'again',
          }),
        400,
        /nothing to correct/,
      );
      const bare = await introduce();
      await expectRefused(
        () =>
          post(`/api/loans/${bare.id}/corrections`, {
            changes: { borrower: { personal: { phone: '0912' } } },
            reason: 'r',
          }),
        400,
        /changes\.borrower\.personal needs fullName/,
      );
    });

    it('voids with a reason: the loan and its disbursements stop counting, and nothing more can be recorded on it', async () => {
      const { id } = await introduce(loanBody({ introducedOn: '2022-08-08' }));
      await approve(id, '2022-08-10', 10_000_000);
      await post(`/api/loans/${id}/disbursements`, { on: '2022-08-12', amount: 10_000_000 }).expect(
        201,
      );
      expect(await indicator('19', 'loans.introduced', '2022-08-01', '2022-08-31')).toMatchObject({
        value: 1,
      });
      expect(
        await indicator('19', 'loans.disbursed_amount', '2022-08-01', '2022-08-31'),
      ).toMatchObject({ value: 10_000_000 });
      await expectRefused(() => post(`/api/loans/${id}/void`, {}), 400, /reason is required/);
      await expectRefused(
        () => post(`/api/loans/${id}/void`, { reason: 'entered twice' }, otherOfficer),
        403,
        /outside your scope/,
      );
      await post(`/api/loans/${id}/void`, { reason: 'entered twice' }).expect(201);
      expect(await indicator('19', 'loans.introduced', '2022-08-01', '2022-08-31')).toMatchObject({
        value: 0,
      });
      expect(
        await indicator('19', 'loans.disbursed_amount', '2022-08-01', '2022-08-31'),
      ).toMatchObject({ value: 0 });
      await expectRefused(
        () => post(`/api/loans/${id}/void`, { reason: 'again' }),
        409,
        /voided \(entered twice\)/,
      );
      await expectRefused(
        () =>
          post(`/api/loans/${id}/corrections`, { changes: { lender: 'other' }, reason: 'late' }),
        409,
        /a voided loan cannot be corrected/,
      );
      await expectRefused(
        () => post(`/api/loans/${id}/repayment`, { on: '2022-09-01' }),
        409,
        /voided/,
      );
      const audit = await t
        .http()
        .get(`/api/audit?streamId=loan-${id}`)
        .set(auth(supervisor))
        .expect(200);
      expect(audit.body.items[audit.body.items.length - 1]).toMatchObject({
        type: 'LoanVoided',
        reason: 'entered twice',
      });
      const got = await t.http().get(`/api/loans/${id}`).set(auth(supervisor)).expect(200);
      expect(got.body).toMatchObject({
        status: 'voided',
        voidReason: 'entered twice',
        amountDisbursed: 10_000_000,
      });
    });
  });

  it('answers a repeated Idempotency-Key with the first result, subject included, and appends nothing', async () => {
    const key = randomUUID();
    const body = loanBody({ borrower: { sex: 'female', personal: { fullName: borrowerName } } });
    const first = await post('/api/loans', body).set('Idempotency-Key', key).expect(201);
    const head = await t.head();
    const again = await post('/api/loans', body).set('Idempotency-Key', key).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await t.head()).toBe(head);
  });

  describe("the borrower's personal details", () => {
    let loan: { id: string; subjectId: string };
    const reads = async () => {
      const response = await t
        .http()
        .get('/api/events?type=PersonalDetailsRead')
        .set(auth(supervisor))
        .expect(200);
      return (
        response.body.items as {
          data: Record<string, unknown>;
          metadata: { actor: { username: string } };
        }[]
      ).filter((e) => e.data.subjectId === loan.subjectId);
    };

    beforeAll(async () => {
      loan = await introduce(
        loanBody({
          borrower: {
            sex: 'female',
            ethnicity: 'Dao',
            personal: { fullName: borrowerName, idNumber: '019123456789' },
          },
        }),
      );
    });

    it('are read back by an officer in scope, and the read is recorded', async () => {
      for (const token of [officer, districtOfficer]) {
        const got = await t.http().get(`/api/loans/${loan.id}`).set(auth(token)).expect(200);
        expect(got.body.borrower).toEqual({
          subjectId: loan.subjectId,
          sex: 'female',
          ethnicity: 'Dao',
          personal: {
            subjectId: loan.subjectId,
            status: 'available',
            details: { fullName: borrowerName, idNumber: '019123456789' },
          },
        });
      }
      const recorded = await reads();
      expect(recorded.map((e) => e.metadata.actor.username)).toEqual([
        'lienminh.officer',
        'vonhai.officer',
      ]);
      expect(recorded[0]?.data).toMatchObject({ streamId: `loan-${loan.id}`, recordId: loan.id });
      expect(JSON.stringify(recorded)).not.toContain(borrowerName);
    });

    it('are never shown to other roles, nor is the ethnicity, and nothing is recorded for them', async () => {
      const head = await t.head();
      for (const token of [supervisor, viewer]) {
        const got = await t.http().get(`/api/loans/${loan.id}`).set(auth(token)).expect(200);
        expect(got.body.borrower).toEqual({ subjectId: loan.subjectId, sex: 'female' });
        expect(JSON.stringify(got.body)).not.toContain(borrowerName);
      }
      expect(await t.head()).toBe(head);
      await expectRefused(
        () => t.http().get(`/api/loans/${loan.id}`).set(auth(otherOfficer)),
        403,
        /outside your scope/,
      );
      await expectRefused(
        () => t.http().get(`/api/loans/${randomUUID()}`).set(auth(officer)),
        404,
        /no loan/,
      );
    });
  });

  it("leaves no trace of the borrower's name or corrected phone in any file of the data directory", async () => {
    const files = filesUnder(t.dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const secret of [borrowerName, correctedPhone]) {
      const needle = Buffer.from(secret, 'utf8');
      const leaking = files.filter((file) => readFileSync(file).includes(needle));
      expect(leaking).toEqual([]);
    }
  });
});
