import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

describe('approved periods', () => {
  let t: TestLedger;
  let officer: string;
  let supervisor: string;
  let otherSupervisor: string;
  let earlier: string;
  let later: string;

  beforeAll(async () => {
    t = await startTestLedger();
    officer = await t.user('appr.officer', 'officer', '170');
    supervisor = await t.user('appr.supervisor', 'supervisor', '170');
    otherSupervisor = await t.user('other.supervisor', 'supervisor', '173');
    earlier = (await record(dialogueBody({ heldOn: '2023-05-01' })).expect(201)).body.id;
    later = (await record(dialogueBody({ heldOn: '2024-02-01' })).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const record = (body: Record<string, unknown>) => t.http().post('/api/dialogues').set(as(officer)).send(body);
  const approve = (token: string, body: Record<string, unknown>) => t.http().post('/api/approvals').set(as(token)).send(body);

  it('locks the records of the unit and below in the period, naming the approval', async () => {
    const approval = await approve(supervisor, { unitCode: '170', periodFrom: '2023-01-01', periodTo: '2023-12-31' }).expect(201);
    const head = await t.head();
    const refused = await record(dialogueBody({ heldOn: '2023-10-12' })).expect(409);
    expect(refused.body.message).toContain(`approval ${approval.body.id}`);
    await t.http().post(`/api/dialogues/${earlier}/corrections`).set(as(officer)).send({ changes: { topic: 'x' }, reason: 'late' }).expect(409);
    await t.http().post(`/api/dialogues/${earlier}/void`).set(as(officer)).send({ reason: 'dup' }).expect(409);
    await t
      .http()
      .post(`/api/dialogues/${later}/corrections`)
      .set(as(officer))
      .send({ changes: { heldOn: '2023-12-30' }, reason: 'wrong year' })
      .expect(409);
    expect(await t.head()).toBe(head);
    await record(dialogueBody({ heldOn: '2024-03-01' })).expect(201);
    await t.http().post(`/api/dialogues/${later}/corrections`).set(as(officer)).send({ changes: { topic: 'y' }, reason: 'typo' }).expect(201);

    await t.http().post(`/api/approvals/${approval.body.id}/reopen`).set(as(supervisor)).send({}).expect(400);
    await t.http().post(`/api/approvals/${approval.body.id}/reopen`).set(as(otherSupervisor)).send({ reason: 'x' }).expect(403);
    await t.http().post(`/api/approvals/${approval.body.id}/reopen`).set(as(supervisor)).send({ reason: 'late lists from Liên Minh' }).expect(201);
    await t.http().post(`/api/approvals/${approval.body.id}/reopen`).set(as(supervisor)).send({ reason: 'again' }).expect(409);
    await record(dialogueBody({ heldOn: '2023-10-12' })).expect(201);

    const audit = await t.http().get(`/api/audit?streamId=approval-${approval.body.id}`).set(as(supervisor)).expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ type: 'PeriodApproved', actor: { username: 'appr.supervisor', role: 'supervisor' } }),
      expect.objectContaining({ type: 'ApprovalReopened', reason: 'late lists from Liên Minh' }),
    ]);
  });

  it('leaves other units alone, and only supervisors in scope approve', async () => {
    await approve(otherSupervisor, { unitCode: '173', periodFrom: '2022-01-01', periodTo: '2022-12-31' }).expect(201);
    await record(dialogueBody({ heldOn: '2022-06-01' })).expect(201);
    await approve(officer, { unitCode: '170', periodFrom: '2022-01-01', periodTo: '2022-12-31' }).expect(403);
    await approve(otherSupervisor, { unitCode: '170', periodFrom: '2022-01-01', periodTo: '2022-12-31' }).expect(403);
    await approve(supervisor, { unitCode: '170', periodFrom: '2022-12-31', periodTo: '2022-01-01' }).expect(400);
    await approve(supervisor, { unitCode: '99999', periodFrom: '2022-01-01', periodTo: '2022-12-31' }).expect(400);
    const list = await t.http().get('/api/approvals').set(as(supervisor)).expect(200);
    expect(list.body.items.every((a: { unitCode: string }) => a.unitCode !== '173')).toBe(true);
  });
});

describe('approved figures in indicators and reports', () => {
  let t: TestLedger;
  beforeAll(async () => {
    t = await startTestLedger();
  });
  afterAll(() => t.close());

  it('says which figures are approved, as of when', async () => {
    const supervisor = await t.user('mark.supervisor', 'supervisor', '19');
    const as = { Authorization: `Bearer ${supervisor}` };
    const before = await t.http().get('/api/indicators?unit=170&from=2023-01-01&to=2023-12-31').set(as).expect(200);
    expect(before.body.approval).toBeUndefined();
    const approval = await t.http().post('/api/approvals').set(as).send({ unitCode: '19', periodFrom: '2023-01-01', periodTo: '2023-12-31' }).expect(201);
    const after = await t.http().get('/api/indicators?unit=170&from=2023-01-01&to=2023-12-31&by=children').set(as).expect(200);
    expect(after.body.approval).toMatchObject({ approvalId: approval.body.id, unitCode: '19', approvedBy: 'mark.supervisor' });
    expect(after.body.children[0].approval).toMatchObject({ approvalId: approval.body.id });
    const asOfBefore = await t
      .http()
      .get(`/api/indicators?unit=170&from=2023-01-01&to=2023-12-31&asOf=position:${approval.body.position - 1}`)
      .set(as)
      .expect(200);
    expect(asOfBefore.body.approval).toBeUndefined();
    const wider = await t.http().get('/api/indicators?unit=170&from=2023-01-01&to=2024-01-31').set(as).expect(200);
    expect(wider.body.approval).toBeUndefined();
    const csv = await t.http().get('/api/reports/indicators.csv?unit=170&from=2023-01-01&to=2023-12-31').set(as).expect(200);
    expect(csv.text).toContain('đã phê duyệt (approved)');
  });
});
