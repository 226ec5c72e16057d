import { startTestLedger, type TestLedger } from './support/test-ledger';

describe('erasure of a person', () => {
  let t: TestLedger;
  let officer: string;
  let admin: string;
  let loanId: string;
  let subjectId: string;

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const loansIntroduced = async () => {
    const response = await t.http().get('/api/indicators?unit=05752').set(as(admin)).expect(200);
    return response.body.rows.find((r: { indicator: string }) => r.indicator === 'loans.introduced').value as number;
  };

  beforeAll(async () => {
    t = await startTestLedger();
    officer = await t.user('erase.officer', 'officer', '05752');
    admin = await t.adminToken();
    const loan = await t
      .http()
      .post('/api/loans')
      .set(as(officer))
      .send({
        unitCode: '05752',
        lender: 'vbsp',
        purpose: 'livestock',
        amountRequested: 30_000_000,
        introducedOn: '2023-04-02',
        borrower: { sex: 'female', ethnicity: 'Tày', personal: { fullName: 'Hoàng Thị Quỳnh Erasable', phone: '0912000111' } },
      })
      .expect(201);
    loanId = loan.body.id;
    subjectId = loan.body.subjectId;
  });
  afterAll(() => t.close());

  it('refuses without a reason, out of scope, for an unknown person, and for roles that may not erase', async () => {
    const head = await t.head();
    await t.http().post(`/api/subjects/${subjectId}/erasure`).set(as(admin)).send({}).expect(400);
    const otherAdmin = await t.user('district.admin', 'admin', '173');
    await t.http().post(`/api/subjects/${subjectId}/erasure`).set(as(otherAdmin)).send({ reason: 'asked' }).expect(403);
    await t.http().post(`/api/subjects/${subjectId}/erasure`).set(as(officer)).send({ reason: 'asked' }).expect(403);
    await t.http().post('/api/subjects/00000000-0000-4000-8000-000000000000/erasure').set(as(admin)).send({ reason: 'asked' }).expect(404);
    expect(await t.head()).toBe(head + 1); // only the district admin's registration
  });

  it('destroys the key: details read as erased, counts stay, the log verifies, the erasure is audited', async () => {
    const before = await t.http().get(`/api/loans/${loanId}`).set(as(officer)).expect(200);
    expect(JSON.stringify(before.body)).toContain('Erasable');
    const count = await loansIntroduced();

    const erased = await t
      .http()
      .post(`/api/subjects/${subjectId}/erasure`)
      .set(as(admin))
      .send({ reason: 'the borrower asked to be forgotten' })
      .expect(201);
    expect(erased.body).toMatchObject({ id: subjectId, streamId: `subject-${subjectId}` });

    const after = await t.http().get(`/api/loans/${loanId}`).set(as(officer)).expect(200);
    expect(JSON.stringify(after.body)).not.toContain('Erasable');
    expect(JSON.stringify(after.body)).toContain('erased');
    expect(await loansIntroduced()).toBe(count);

    const verify = await t.http().get('/api/ledger/verify').set(as(admin)).expect(200);
    expect(verify.body.ok).toBe(true);
    const audit = await t.http().get(`/api/audit?streamId=subject-${subjectId}`).set(as(admin)).expect(200);
    const entry = audit.body.items.find((e: { type: string }) => e.type === 'SubjectErased');
    expect(entry).toMatchObject({ actor: { username: 'admin', role: 'admin' }, reason: 'the borrower asked to be forgotten' });
    expect(JSON.stringify(audit.body)).not.toContain('Erasable');

    await t.http().post(`/api/subjects/${subjectId}/erasure`).set(as(admin)).send({ reason: 'again' }).expect(409);
  });

  it('lists who read the details in the access log, for supervisors and admins only', async () => {
    const supervisor = await t.user('erase.supervisor', 'supervisor', '19');
    const log = await t.http().get(`/api/access-log?subjectId=${subjectId}`).set(as(supervisor)).expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({ actor: { username: 'erase.officer', role: 'officer' }, subjectId, streamId: `loan-${loanId}` }),
    ]);
    await t.http().get('/api/access-log').set(as(officer)).expect(403);
  });
});
