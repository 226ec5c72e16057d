import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

/** A null in a correction must be refused like any wrong value, for every kind of record. */
describe('corrections carrying null, for every collection', () => {
  let t: TestLedger;
  let officer: string;
  let caseWorker: string;

  beforeAll(async () => {
    t = await startTestLedger();
    officer = await t.user('null.officer', 'officer', '05752');
    caseWorker = await t.user('null.caseworker', 'case_worker', '05752');
  });
  afterAll(() => t.close());

  const create = async (token: string, url: string, body: Record<string, unknown>) =>
    (await t.http().post(url).set('Authorization', `Bearer ${token}`).send(body).expect(201)).body.id as string;

  it.each([
    ['dialogues', { topic: null }],
    ['dialogues', { participants: { women: null } }],
    ['clubs', { name: null }],
    ['members', { birthYear: null }],
    ['loans', { amountRequested: null }],
    ['trainings', { participants: { total: null } }],
    ['communications', { form: null }],
    ['trusted-addresses', { name: null }],
    ['cases', { violenceType: null }],
  ])('%s: %j is refused with 400 and appends nothing', async (collection, changes) => {
    const clubId = await create(officer, '/api/clubs', {
      name: 'CLB Liên Minh',
      unitCode: '05752',
      school: 'Trường THCS Liên Minh',
      establishedOn: '2023-01-10',
    });
    const addressId = await create(caseWorker, '/api/trusted-addresses', { name: 'Nhà bà Lan', unitCode: '05752', establishedOn: '2023-01-05' });
    const urls: Record<string, () => Promise<[string, string]>> = {
      dialogues: async () => [`/api/dialogues/${await create(officer, '/api/dialogues', dialogueBody())}`, officer],
      clubs: async () => [`/api/clubs/${clubId}`, officer],
      members: async () => {
        const memberId = await create(officer, `/api/clubs/${clubId}/members`, {
          sex: 'female',
          birthYear: 2011,
          enrolledOn: '2023-02-01',
          consent: { guardian: true, child: true },
        });
        return [`/api/clubs/${clubId}/members/${memberId}`, officer];
      },
      loans: async () => [
        `/api/loans/${await create(officer, '/api/loans', {
          unitCode: '05752',
          lender: 'vbsp',
          purpose: 'crops',
          amountRequested: 20_000_000,
          introducedOn: '2023-03-01',
          borrower: { sex: 'female' },
        })}`,
        officer,
      ],
      trainings: async () => [
        `/api/trainings/${await create(officer, '/api/trainings', {
          unitCode: '05752',
          topic: 'gender_mainstreaming',
          heldOn: '2023-04-01',
          participants: { total: 30, women: 20 },
        })}`,
        officer,
      ],
      communications: async () => [
        `/api/communications/${await create(officer, '/api/communications', {
          unitCode: '05752',
          heldOn: '2023-04-02',
          form: 'meeting',
          participants: { total: 50, women: 30 },
        })}`,
        officer,
      ],
      'trusted-addresses': async () => [`/api/trusted-addresses/${addressId}`, caseWorker],
      cases: async () => [
        `/api/cases/${await create(caseWorker, `/api/trusted-addresses/${addressId}/cases`, {
          openedOn: '2023-05-01',
          violenceType: 'physical',
          consent: true,
          subject: { sex: 'female', ageBand: '30-59' },
        })}`,
        caseWorker,
      ],
    };
    const [url, token] = await urls[collection]!();
    const head = await t.head();
    const refused = await t
      .http()
      .post(`${url}/corrections`)
      .set('Authorization', `Bearer ${token}`)
      .send({ changes, reason: 'testing null' })
      .expect(400);
    expect(refused.body.message).toMatch(/changes\./);
    expect(await t.head()).toBe(head);
  });
});
