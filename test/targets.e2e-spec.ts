import { randomUUID } from 'node:crypto';
import { expectRefused } from './support/expect-refused';
import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

interface IndicatorRow {
  indicator: string;
  unit: string;
  value: number;
  target?: number;
  targetPeriod?: { from: string; to: string };
  achieved?: number;
}

/** The seed's target: 88 policy dialogues in Thai Nguyen over 2021–2025. */
function targetBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    indicator: 'dialogues.held',
    unitCode: '19',
    periodFrom: '2021-01-01',
    periodTo: '2025-12-31',
    value: 88,
    ...overrides,
  };
}

describe('indicator targets, end to end', () => {
  let t: TestLedger;
  let admin: string;
  let districtAdmin: string;
  let officer: string;
  let supervisor: string;
  let districtViewer: string;

  beforeAll(async () => {
    t = await startTestLedger();
    admin = await t.adminToken();
    districtAdmin = await t.user('vonhai.admin', 'admin', '170');
    officer = await t.user('lienminh.officer', 'officer', '05752');
    supervisor = await t.user('province.supervisor', 'supervisor', '19');
    districtViewer = await t.user('vonhai.viewer', 'viewer', '170');
    // Two dialogues held in 2023 in Liên Minh (Võ Nhai, Thai Nguyen).
    for (let i = 0; i < 2; i++) {
      await t.http().post('/api/dialogues').set(auth(officer)).send(dialogueBody()).expect(201);
    }
  });
  afterAll(() => t.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const row = async (unit: string, indicator: string, query = '', token = supervisor) => {
    const response = await t
      .http()
      .get(`/api/indicators?unit=${unit}${query}`)
      .set(auth(token))
      .expect(200);
    return (response.body.rows as IndicatorRow[]).find((r) => r.indicator === indicator);
  };
  const setTarget = async (body: Record<string, unknown>, token = admin) =>
    (await t.http().post('/api/targets').set(auth(token)).send(body).expect(201)).body as {
      id: string;
      streamId: string;
      revision: number;
      position: number;
    };
  const post = (body: unknown, token?: string) => () => {
    const request = t
      .http()
      .post('/api/targets')
      .send(body as object);
    return token ? request.set(auth(token)) : request;
  };

  it('shows the target and the share achieved on the rows it applies to', async () => {
    const set = await setTarget(targetBody());
    expect(set).toEqual({
      id: expect.any(String),
      streamId: `target-${set.id}`,
      revision: 0,
      position: expect.any(Number),
    });
    const whole = await row('19', 'dialogues.held');
    expect(whole).toMatchObject({
      value: 2,
      target: 88,
      targetPeriod: { from: '2021-01-01', to: '2025-12-31' },
      achieved: 0.023,
    });
    expect(await row('19', 'dialogues.held', '&from=2023-01-01&to=2023-12-31')).toMatchObject({
      target: 88,
      achieved: 0.023,
    });
    expect(await row('19', 'dialogues.held', '&from=2023-01-01')).toMatchObject({ target: 88 });
    const before = await row('19', 'dialogues.held', '&from=2020-01-01');
    expect(before?.value).toBe(2);
    expect(before).not.toHaveProperty('target');
    expect(before).not.toHaveProperty('targetPeriod');
    expect(before).not.toHaveProperty('achieved');
    // The target is the province's: its district and communes have none of their own.
    expect(await row('170', 'dialogues.held')).not.toHaveProperty('target');
    expect(await row('19', 'dialogues.participants')).not.toHaveProperty('target');
  });

  it('prefers the shortest period that contains the window, and leaves out achieved for a zero target', async () => {
    await setTarget(
      targetBody({ unitCode: '170', periodFrom: '2023-01-01', periodTo: '2023-12-31', value: 4 }),
    );
    await setTarget(
      targetBody({ unitCode: '170', periodFrom: '2021-01-01', periodTo: '2025-12-31', value: 30 }),
    );
    expect(await row('170', 'dialogues.held', '&from=2023-04-01&to=2023-10-31')).toMatchObject({
      value: 2,
      target: 4,
      targetPeriod: { from: '2023-01-01', to: '2023-12-31' },
      achieved: 0.5,
    });
    expect(await row('170', 'dialogues.held', '&from=2022-01-01&to=2023-12-31')).toMatchObject({
      target: 30,
      achieved: 0.067,
    });
    await setTarget(targetBody({ indicator: 'trainings.classes', unitCode: '05752', value: 0 }));
    const zero = await row('05752', 'trainings.classes');
    expect(zero).toMatchObject({ value: 0, target: 0 });
    expect(zero).not.toHaveProperty('achieved');
    // Rows of children carry their own targets.
    const children = await t
      .http()
      .get('/api/indicators?unit=170&by=children&to=2023-12-31')
      .set(auth(supervisor))
      .expect(200);
    const lienMinh = children.body.children.find((c: { unit: string }) => c.unit === '05752');
    expect(
      lienMinh.rows.find((r: IndicatorRow) => r.indicator === 'trainings.classes'),
    ).toMatchObject({ target: 0 });
  });

  it("answers a target with its ETag and lists the targets in the reader's scope", async () => {
    const { id } = await setTarget(
      targetBody({ indicator: 'communications.events', unitCode: '173', value: 12 }),
    );
    const got = await t.http().get(`/api/targets/${id}`).set(auth(supervisor)).expect(200);
    expect(got.headers.etag).toBe('"0"');
    expect(got.body).toMatchObject({
      id,
      status: 'set',
      indicator: 'communications.events',
      unitCode: '173',
      value: 12,
    });
    await expectRefused(
      t,
      () => t.http().get(`/api/targets/${id}`).set(auth(districtViewer)),
      403,
      /outside your scope/,
    );
    await expectRefused(
      t,
      () => t.http().get(`/api/targets/${randomUUID()}`).set(auth(supervisor)),
      404,
      /no target/,
    );

    const all = await t.http().get('/api/targets?unit=19').set(auth(supervisor)).expect(200);
    expect(all.body.items.map((i: { unitCode: string }) => i.unitCode)).toEqual(
      expect.arrayContaining(['19', '170', '173', '05752']),
    );
    const mine = await t.http().get('/api/targets').set(auth(districtViewer)).expect(200);
    expect(mine.body.unit).toBe('170');
    expect(new Set(mine.body.items.map((i: { unitCode: string }) => i.unitCode))).toEqual(
      new Set(['170', '05752']),
    );
    const one = await t
      .http()
      .get('/api/targets?unit=19&indicator=communications.events')
      .set(auth(admin))
      .expect(200);
    expect(one.body.items).toEqual([expect.objectContaining({ id, value: 12, setBy: 'admin' })]);
    await expectRefused(
      t,
      () => t.http().get('/api/targets?unit=19&indicator=x').set(auth(admin)),
      400,
      /indicator must be one of/,
    );
    await expectRefused(
      t,
      () => t.http().get('/api/targets?unit=99').set(auth(admin)),
      400,
      /unit 99 is not a known/,
    );
    await expectRefused(
      t,
      () => t.http().get('/api/targets?unit=173').set(auth(districtViewer)),
      403,
      /outside your scope/,
    );
  });

  describe('refusals: the right status, and nothing appended', () => {
    it('401 without a token; 403 for every role but admin, before the body is looked at', async () => {
      await expectRefused(t, post(targetBody()), 401, /log in/);
      await expectRefused(t, post(targetBody(), officer), 403, /role admin/);
      await expectRefused(t, post(targetBody(), supervisor), 403, /role admin/);
      await expectRefused(
        t,
        post(targetBody({ indicator: 'nonsense' }), districtViewer),
        403,
        /role admin/,
      );
    });

    it.each([
      [
        'an unknown indicator',
        { indicator: 'dialogues.planned' },
        /indicator must be an indicator code of the catalogue/,
      ],
      [
        'an unknown unit',
        { unitCode: '99999' },
        /unitCode 99999 is not a known administrative unit/,
      ],
      ['a unit code of the wrong shape', { unitCode: '1' }, /unitCode must be a GSO unit code/],
      [
        'a period that ends before it starts',
        { periodFrom: '2025-01-01', periodTo: '2024-12-31' },
        /periodFrom \(2025-01-01\) is after periodTo \(2024-12-31\)/,
      ],
      ['an impossible date', { periodTo: '2025-02-29' }, /periodTo must be a date/],
      ['a negative value', { value: -1 }, /value must not be less than 0/],
      ['a value as text', { value: '88' }, /value must be a whole number/],
      ['a fractional value', { value: 8.5 }, /value must be a whole number/],
      ['a missing value', { value: undefined }, /value must be a whole number/],
      ['an unknown field', { note: 'x' }, /note is not a known field/],
    ])('400 for %s', async (_, overrides, message) => {
      await expectRefused(t, post(targetBody(overrides), admin), 400, message);
    });

    it("403 for a unit outside the admin's scope", async () => {
      await expectRefused(
        t,
        post(targetBody({ unitCode: '19' }), districtAdmin),
        403,
        /outside your scope/,
      );
      await expectRefused(
        t,
        post(targetBody({ unitCode: '173' }), districtAdmin),
        403,
        /outside your scope/,
      );
      await setTarget(targetBody({ unitCode: '05722', value: 3 }), districtAdmin);
    });
  });

  it('corrects and voids targets, with the reasons and the changes in the audit trail', async () => {
    const { id, position } = await setTarget(
      targetBody({ indicator: 'trainings.participant_times', value: 2000 }),
    );
    const correct =
      (body: object, token = admin) =>
      () =>
        t.http().post(`/api/targets/${id}/corrections`).set(auth(token)).send(body);
    await expectRefused(
      t,
      correct({ changes: { value: 2160 }, reason: 'r' }, officer),
      403,
      /role admin/,
    );
    await expectRefused(t, correct({ changes: { value: 2160 } }), 400, /reason is required/);
    await expectRefused(
      t,
      correct({ changes: { periodTo: '2020-12-31' }, reason: 'r' }),
      400,
      /is after periodTo/,
    );
    await expectRefused(
      t,
      correct({ changes: { indicator: 'x' }, reason: 'r' }),
      400,
      /changes.indicator must be an indicator code/,
    );
    await expectRefused(
      t,
      correct({ changes: { value: 2000 }, reason: 'r' }),
      400,
      /nothing to correct/,
    );
    await expectRefused(
      t,
      correct({ changes: { value: 1 }, reason: 'r' }, districtAdmin),
      403,
      /outside your scope/,
    );
    await t
      .http()
      .post(`/api/targets/${id}/corrections`)
      .set(auth(admin))
      .set('If-Match', '"0"')
      .send({ changes: { value: 2160 }, reason: 'plan revised by the steering board' })
      .expect(201);
    expect(await row('19', 'trainings.participant_times')).toMatchObject({ target: 2160 });
    // As the ledger knew it when the target was first set.
    expect(
      await row('19', 'trainings.participant_times', `&asOf=position:${position}`),
    ).toMatchObject({ target: 2000 });

    await expectRefused(
      t,
      () => t.http().post(`/api/targets/${id}/void`).set(auth(admin)).send({}),
      400,
      /reason is required/,
    );
    await t
      .http()
      .post(`/api/targets/${id}/void`)
      .set(auth(admin))
      .send({ reason: 'set for the wrong indicator' })
      .expect(201);
    expect(await row('19', 'trainings.participant_times')).not.toHaveProperty('target');
    await expectRefused(t, correct({ changes: { value: 1 }, reason: 'r' }), 409, /voided/);
    await expectRefused(
      t,
      () => t.http().post(`/api/targets/${id}/void`).set(auth(admin)).send({ reason: 'again' }),
      409,
      /voided/,
    );
    await expectRefused(
      t,
      () =>
        t.http().post(`/api/targets/${randomUUID()}/void`).set(auth(admin)).send({ reason: 'r' }),
      404,
      /no target/,
    );
    const listed = await t
      .http()
      .get('/api/targets?unit=19&indicator=trainings.participant_times')
      .set(auth(admin))
      .expect(200);
    expect(listed.body.items).toEqual([]);

    const audit = await t
      .http()
      .get(`/api/audit?streamId=target-${id}`)
      .set(auth(admin))
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        type: 'TargetSet',
        actor: { username: 'admin', role: 'admin' },
        unitCode: '19',
      }),
      expect.objectContaining({
        type: 'TargetCorrected',
        reason: 'plan revised by the steering board',
        changes: [{ field: 'value', before: 2000, after: 2160 }],
      }),
      expect.objectContaining({ type: 'TargetVoided', reason: 'set for the wrong indicator' }),
    ]);
  });
});
