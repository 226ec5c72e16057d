import { randomUUID } from 'node:crypto';
import { expectRefused } from './support/expect-refused';
import { startTestLedger, type TestLedger } from './support/test-ledger';

interface IndicatorRow {
  indicator: string;
  value: number;
  breakdown?: Record<string, Record<string, number>>;
}

/** A commune-organised performance, as a recorder would send it. */
function communicationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    unitCode: '05752',
    heldOn: '2023-03-08',
    form: 'performance',
    participants: { total: 150, women: 90 },
    topic: 'Xóa bỏ tảo hôn trong cộng đồng',
    ...overrides,
  };
}

describe('communication events, end to end', () => {
  let t: TestLedger;
  let provinceOfficer: string;
  let districtOfficer: string;
  let communeOfficer: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await startTestLedger();
    provinceOfficer = await t.user('province.comms', 'officer', '19');
    districtOfficer = await t.user('vonhai.comms', 'officer', '170');
    communeOfficer = await t.user('lienminh.comms', 'officer', '05752');
    supervisor = await t.user('province.supervisor', 'supervisor', '19');
  });
  afterAll(() => t.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** communications.events of a unit: its value and its split by form. */
  const events = async (unit: string, query = '') => {
    const response = await t
      .http()
      .get(`/api/indicators?unit=${unit}${query}`)
      .set(auth(supervisor))
      .expect(200);
    const row = (response.body.rows as IndicatorRow[]).find(
      (r) => r.indicator === 'communications.events',
    );
    return { value: row?.value ?? 0, form: row?.breakdown?.form ?? {} };
  };
  const units = ['05752', '05722', '170', '19', '173'] as const;
  const counts = async () => Promise.all(units.map(async (u) => (await events(u)).value));
  /** How many events each unit gained between two counts. */
  const moves = (before: number[], after: number[]) =>
    Object.fromEntries(units.map((unit, i) => [unit, after[i]! - before[i]!]));
  const record = async (
    body: Record<string, unknown> = communicationBody(),
    token = communeOfficer,
  ) =>
    (await t.http().post('/api/communications').set(auth(token)).send(body).expect(201)).body as {
      id: string;
      streamId: string;
      revision: number;
    };

  it('counts a commune event at the commune, its district and the province, by form', async () => {
    const before = await counts();
    const performancesBefore = (await events('170')).form.performance ?? 0;
    const answer = await record();
    expect(answer).toMatchObject({ streamId: `communication-${answer.id}`, revision: 0 });
    expect(moves(before, await counts())).toEqual({
      '05752': 1,
      '05722': 0,
      '170': 1,
      '19': 1,
      '173': 0,
    });
    expect((await events('170')).form.performance).toBe(performancesBefore + 1);
  });

  it('counts a district event for the district and the province, not for its communes', async () => {
    const before = await counts();
    await record(communicationBody({ unitCode: '170', form: 'media' }), districtOfficer);
    expect(moves(before, await counts())).toEqual({
      '05752': 0,
      '05722': 0,
      '170': 1,
      '19': 1,
      '173': 0,
    });
    expect((await events('19')).form.media).toBeGreaterThanOrEqual(1);
  });

  it('counts a province event for the province only, inside its business-date window', async () => {
    const before = await counts();
    const window = '&from=2022-06-01&to=2022-06-30';
    const windowBefore = (await events('19', window)).value;
    await record(
      communicationBody({ unitCode: '19', heldOn: '2022-06-15', form: 'contest' }),
      provinceOfficer,
    );
    expect(moves(before, await counts())).toEqual({
      '05752': 0,
      '05722': 0,
      '170': 0,
      '19': 1,
      '173': 0,
    });
    expect((await events('19', window)).value).toBe(windowBefore + 1);
    expect((await events('19', '&from=2022-07-01&to=2022-07-31')).value).toBe(0);
  });

  it('answers the event with its revision as ETag', async () => {
    const { id } = await record();
    const got = await t.http().get(`/api/communications/${id}`).set(auth(supervisor)).expect(200);
    expect(got.headers.etag).toBe('"0"');
    expect(got.body).toMatchObject({
      id,
      status: 'held',
      form: 'performance',
      participants: { total: 150, women: 90 },
    });
    await expectRefused(
      t,
      () => t.http().get(`/api/communications/${randomUUID()}`).set(auth(supervisor)),
      404,
      /no communication event/,
    );
  });

  describe('refusals: the right status, and nothing appended', () => {
    const post = (body: unknown, token?: string) => () => {
      const request = t
        .http()
        .post('/api/communications')
        .send(body as object);
      return token ? request.set(auth(token)) : request;
    };

    it('401 without a token, 403 for a role that does not record', async () => {
      await expectRefused(t, post(communicationBody()), 401, /log in/);
      await expectRefused(t, post(communicationBody(), supervisor), 403, /role officer/);
      await expectRefused(t, post(communicationBody(), await t.adminToken()), 403, /role officer/);
    });

    it.each([
      ['an unknown field', { audience: 'youth' }, /audience is not a known field/],
      ['a missing form', { form: undefined }, /form must be one of/],
      ['a form off the list', { form: 'radio' }, /form must be one of meeting, contest/],
      ['a missing heldOn', { heldOn: undefined }, /heldOn must be a date/],
      [
        'women above the total',
        { participants: { total: 10, women: 11 } },
        /participants.women \(11\) cannot be more/,
      ],
      ['missing participants', { participants: undefined }, /participants must be an object/],
      [
        'a participant count as text',
        { participants: { total: 10, women: '5' } },
        /participants.women must be a whole number/,
      ],
      ['a future date', { heldOn: '2099-12-31' }, /in the future/],
      ['an unknown unit', { unitCode: '00000' }, /unitCode 00000 is not a known/],
      [
        'a commune that no longer existed',
        { unitCode: '05752', heldOn: '2025-08-01' },
        /did not exist on 2025-08-01/,
      ],
      ['a topic that is not text', { topic: 5 }, /topic must be a string/],
    ])('400 for %s', async (_, overrides, message) => {
      await expectRefused(t, post(communicationBody(overrides), provinceOfficer), 400, message);
    });

    it("403 outside the officer's scope", async () => {
      await expectRefused(
        t,
        post(communicationBody({ unitCode: '05911' }), communeOfficer),
        403,
        /outside your scope/,
      );
      await expectRefused(
        t,
        post(communicationBody({ unitCode: '170' }), communeOfficer),
        403,
        /outside your scope/,
      );
    });
  });

  it('corrects with a reason, shown before and after in the audit trail; a bad correction appends nothing', async () => {
    const { id } = await record();
    const before = await events('05752');
    const correct =
      (body: object, token = communeOfficer) =>
      () =>
        t.http().post(`/api/communications/${id}/corrections`).set(auth(token)).send(body);
    await expectRefused(
      t,
      correct({ changes: { form: 'radio' }, reason: 'r' }),
      400,
      /changes.form must be one of/,
    );
    await expectRefused(
      t,
      correct({ changes: { participants: { women: 151 } }, reason: 'r' }),
      400,
      /cannot be more/,
    );
    await expectRefused(
      t,
      correct({ changes: { unitCode: '170' }, reason: 'organised by the district' }),
      403,
      /scope/,
    );
    await expectRefused(t, correct({ changes: { form: 'contest' } }), 400, /reason is required/);
    await t
      .http()
      .post(`/api/communications/${id}/corrections`)
      .set(auth(communeOfficer))
      .send({ changes: { form: 'contest' }, reason: 'it was a contest' })
      .expect(201);
    const after = await events('05752');
    expect(after.value).toBe(before.value);
    expect(after.form.contest).toBe((before.form.contest ?? 0) + 1);
    expect(after.form.performance).toBe((before.form.performance ?? 0) - 1);
    // The district may move it up to itself: it then counts for the district, no longer the commune.
    await t
      .http()
      .post(`/api/communications/${id}/corrections`)
      .set(auth(districtOfficer))
      .send({ changes: { unitCode: '170' }, reason: 'organised by the district' })
      .expect(201);
    expect((await events('05752')).value).toBe(before.value - 1);
    const audit = await t
      .http()
      .get(`/api/audit?streamId=communication-${id}`)
      .set(auth(supervisor))
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ type: 'CommunicationHeld' }),
      expect.objectContaining({
        type: 'CommunicationCorrected',
        reason: 'it was a contest',
        changes: [{ field: 'form', before: 'performance', after: 'contest' }],
      }),
      expect.objectContaining({
        type: 'CommunicationCorrected',
        actor: { username: 'vonhai.comms', role: 'officer' },
        changes: [{ field: 'unitCode', before: '05752', after: '170' }],
      }),
    ]);
  });

  it('voids with a reason: the event stops counting and takes no correction', async () => {
    const before = await counts();
    const { id } = await record();
    await t
      .http()
      .post(`/api/communications/${id}/void`)
      .set(auth(communeOfficer))
      .send({ reason: 'never took place' })
      .expect(201);
    expect(await counts()).toEqual(before);
    await expectRefused(
      t,
      () =>
        t
          .http()
          .post(`/api/communications/${id}/corrections`)
          .set(auth(communeOfficer))
          .send({ changes: { form: 'media' }, reason: 'r' }),
      409,
      /voided/,
    );
    await expectRefused(
      t,
      () =>
        t
          .http()
          .post(`/api/communications/${id}/void`)
          .set(auth(communeOfficer))
          .send({ reason: 'again' }),
      409,
      /voided/,
    );
    await expectRefused(
      t,
      () =>
        t
          .http()
          .post(`/api/communications/${randomUUID()}/void`)
          .set(auth(communeOfficer))
          .send({ reason: 'r' }),
      404,
      /no communication event/,
    );
    const audit = await t
      .http()
      .get(`/api/audit?streamId=communication-${id}`)
      .set(auth(supervisor))
      .expect(200);
    expect(
      audit.body.items.map((e: { type: string; reason?: string }) => [e.type, e.reason]),
    ).toEqual([
      ['CommunicationHeld', undefined],
      ['CommunicationVoided', 'never took place'],
    ]);
  });
});
