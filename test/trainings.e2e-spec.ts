import { randomUUID } from 'node:crypto';
import { expectRefused } from './support/expect-refused';
import { startTestLedger, type TestLedger } from './support/test-ledger';

interface IndicatorRow {
  indicator: string;
  value: number;
  breakdown?: Record<string, Record<string, number>>;
}

/** A district-organised gender-mainstreaming class, as a recorder would send it. */
function trainingBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    unitCode: '170',
    topic: 'gender_mainstreaming',
    heldOn: '2023-05-10',
    participants: { total: 60, women: 40 },
    manualsDistributed: 30,
    title: 'Lồng ghép giới cho cán bộ cấp xã',
    ...overrides,
  };
}

describe('training classes, end to end', () => {
  let t: TestLedger;
  let provinceOfficer: string;
  let districtOfficer: string;
  let communeOfficer: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await startTestLedger();
    provinceOfficer = await t.user('province.trainings', 'officer', '19');
    districtOfficer = await t.user('vonhai.trainings', 'officer', '170');
    communeOfficer = await t.user('lienminh.trainings', 'officer', '05752');
    supervisor = await t.user('province.supervisor', 'supervisor', '19');
  });
  afterAll(() => t.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const rows = async (unit: string, query = '') => {
    const response = await t
      .http()
      .get(`/api/indicators?unit=${unit}${query}`)
      .set(auth(supervisor))
      .expect(200);
    return new Map((response.body.rows as IndicatorRow[]).map((row) => [row.indicator, row]));
  };
  /** The training figures of a unit, flattened for comparison. */
  const figures = async (unit: string, query = '') => {
    const all = await rows(unit, query);
    const participants = all.get('trainings.participant_times');
    return {
      classes: all.get('trainings.classes')?.value ?? 0,
      gender: all.get('trainings.classes')?.breakdown?.topic?.gender_mainstreaming ?? 0,
      attendances: participants?.value ?? 0,
      women: participants?.breakdown?.sex?.female ?? 0,
      men: participants?.breakdown?.sex?.male ?? 0,
      manuals: all.get('trainings.manuals_distributed')?.value ?? 0,
    };
  };
  const record = async (body: Record<string, unknown> = trainingBody(), token = provinceOfficer) =>
    (await t.http().post('/api/trainings').set(auth(token)).send(body).expect(201)).body as {
      id: string;
      streamId: string;
      revision: number;
      position: number;
    };
  type Figures = Awaited<ReturnType<typeof figures>>;
  const units = ['05752', '170', '19', '173'] as const;
  const snapshot = async () =>
    new Map(await Promise.all(units.map(async (u) => [u, await figures(u)] as const)));
  /** How each unit's figures moved between two snapshots. */
  const moves = (before: Map<string, Figures>, after: Map<string, Figures>) =>
    Object.fromEntries(
      units.map((unit) => {
        const [b, a] = [before.get(unit)!, after.get(unit)!];
        const keys = Object.keys(a) as (keyof Figures)[];
        return [unit, Object.fromEntries(keys.map((key) => [key, a[key] - b[key]]))];
      }),
    );
  const still = { classes: 0, gender: 0, attendances: 0, women: 0, men: 0, manuals: 0 };

  it('counts a district class for the district and the province, never for its communes', async () => {
    const before = await snapshot();
    const answer = await record();
    expect(answer).toEqual({
      id: expect.any(String),
      streamId: `training-${answer.id}`,
      revision: 0,
      position: expect.any(Number),
    });
    const moved = { classes: 1, gender: 1, attendances: 60, women: 40, men: 20, manuals: 30 };
    expect(moves(before, await snapshot())).toEqual({
      '05752': still,
      '170': moved,
      '19': moved,
      '173': still,
    });
  });

  it('counts a commune class at the commune, its district and the province', async () => {
    const before = await snapshot();
    await record(
      trainingBody({ unitCode: '05752', topic: 'policy_dialogue', manualsDistributed: undefined }),
      communeOfficer,
    );
    const moved = { ...still, classes: 1, attendances: 60, women: 40, men: 20 };
    expect(moves(before, await snapshot())).toEqual({
      '05752': moved,
      '170': moved,
      '19': moved,
      '173': still,
    });
    const topics = (await rows('05752')).get('trainings.classes')?.breakdown?.topic;
    expect(topics?.policy_dialogue).toBe(1);
  });

  it('counts a province class only for the province, and filters by business date', async () => {
    const before170 = await figures('170');
    const window = '&from=2022-03-01&to=2022-03-31';
    const beforeWindow = await figures('19', window);
    await record(
      trainingBody({
        unitCode: '19',
        heldOn: '2022-03-15',
        participants: { total: 25, women: 25 },
      }),
    );
    expect(await figures('170')).toEqual(before170);
    const inWindow = await figures('19', window);
    expect(inWindow.classes).toBe(beforeWindow.classes + 1);
    expect(inWindow.women).toBe(beforeWindow.women + 25);
    expect(inWindow.men).toBe(beforeWindow.men);
    expect((await figures('19', '&from=2022-04-01&to=2022-04-30')).classes).toBe(0);
  });

  it('answers the class with its revision as ETag, to any role in scope', async () => {
    const { id } = await record();
    const got = await t.http().get(`/api/trainings/${id}`).set(auth(supervisor)).expect(200);
    expect(got.headers.etag).toBe('"0"');
    expect(got.body).toMatchObject({
      id,
      status: 'held',
      unitCode: '170',
      topic: 'gender_mainstreaming',
      participants: { total: 60, women: 40 },
      manualsDistributed: 30,
      recordedBy: 'province.trainings',
    });
    await expectRefused(
      t,
      () => t.http().get(`/api/trainings/${randomUUID()}`).set(auth(supervisor)),
      404,
      /no training class/,
    );
  });

  describe('refusals: the right status, and nothing appended', () => {
    const post = (body: unknown, token?: string) => () => {
      const request = t
        .http()
        .post('/api/trainings')
        .send(body as object);
      return token ? request.set(auth(token)) : request;
    };

    it('401 without a token, 403 for a role that does not record', async () => {
      await expectRefused(t, post(trainingBody()), 401, /log in/);
      await expectRefused(t, post(trainingBody(), supervisor), 403, /role officer/);
    });

    it.each([
      ['an unknown field', { venue: 'hall' }, /venue is not a known field/],
      ['a missing topic', { topic: undefined }, /topic must be one of/],
      ['a topic off the list', { topic: 'cooking' }, /topic must be one of gender_mainstreaming/],
      [
        'women above the total',
        { participants: { total: 10, women: 11 } },
        /participants.women \(11\) cannot be more/,
      ],
      [
        'a number as text',
        { participants: { total: '60', women: 40 } },
        /participants.total must be a whole number/,
      ],
      [
        'negative manuals',
        { manualsDistributed: -1 },
        /manualsDistributed must not be less than 0/,
      ],
      [
        'fractional manuals',
        { manualsDistributed: 2.5 },
        /manualsDistributed must be a whole number/,
      ],
      [
        'manuals sent as null',
        { manualsDistributed: null },
        /manualsDistributed must be a whole number/,
      ],
      ['an impossible date', { heldOn: '2023-02-30' }, /heldOn must be a date/],
      ['a date with a time', { heldOn: '2023-05-10T00:00:00Z' }, /heldOn must be a date/],
      ['a future date', { heldOn: '2099-01-01' }, /heldOn 2099-01-01 is in the future/],
      [
        'an unknown unit',
        { unitCode: '99999' },
        /unitCode 99999 is not a known administrative unit/,
      ],
      [
        'a district after districts were abolished',
        { heldOn: '2025-08-01' },
        /unitCode 170 .*did not exist on 2025-08-01/,
      ],
      ['an id that is not a UUID', { id: 'abc' }, /id must be a UUID/],
    ])('400 for %s', async (_, overrides, message) => {
      await expectRefused(t, post(trainingBody(overrides), provinceOfficer), 400, message);
    });

    it("403 for a unit outside the officer's scope, including the district above a commune officer", async () => {
      await expectRefused(
        t,
        post(trainingBody({ unitCode: '170' }), communeOfficer),
        403,
        /outside your scope/,
      );
      await expectRefused(
        t,
        post(trainingBody({ unitCode: '19' }), districtOfficer),
        403,
        /outside your scope/,
      );
      await expectRefused(
        t,
        post(trainingBody({ unitCode: '173' }), districtOfficer),
        403,
        /outside your scope/,
      );
    });

    it('409 for an id already recorded', async () => {
      const id = randomUUID();
      await record(trainingBody({ id }));
      await expectRefused(t, post(trainingBody({ id }), provinceOfficer), 409, /already recorded/);
    });
  });

  describe('corrections and voids', () => {
    const correct =
      (id: string, body: unknown, token = districtOfficer) =>
      () =>
        t
          .http()
          .post(`/api/trainings/${id}/corrections`)
          .set(auth(token))
          .send(body as object);

    it('corrects with a reason: figures move and the audit trail shows before and after', async () => {
      const { id } = await record(trainingBody(), districtOfficer);
      const before = await figures('170');
      const corrected = await t
        .http()
        .post(`/api/trainings/${id}/corrections`)
        .set(auth(districtOfficer))
        .set('If-Match', '"0"')
        .send({
          changes: { participants: { women: 45 }, manualsDistributed: 35 },
          reason: 'attendance sheet recounted',
        })
        .expect(201);
      expect(corrected.body).toMatchObject({ id, revision: 1 });
      const after = await figures('170');
      expect(after.women - before.women).toBe(5);
      expect(after.men - before.men).toBe(-5);
      expect(after.manuals - before.manuals).toBe(5);
      expect(after.classes).toBe(before.classes);
      const audit = await t
        .http()
        .get(`/api/audit?streamId=training-${id}`)
        .set(auth(supervisor))
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          type: 'TrainingHeld',
          actor: { username: 'vonhai.trainings', role: 'officer' },
        }),
        expect.objectContaining({
          type: 'TrainingCorrected',
          reason: 'attendance sheet recounted',
          changes: [
            { field: 'manualsDistributed', before: 30, after: 35 },
            { field: 'participants.women', before: 40, after: 45 },
          ],
        }),
      ]);
      const got = await t.http().get(`/api/trainings/${id}`).set(auth(districtOfficer)).expect(200);
      expect(got.headers.etag).toBe('"1"');
      expect(got.body.participants).toEqual({ total: 60, women: 45 });
    });

    it('refuses a bad correction with the right status and appends nothing', async () => {
      const { id } = await record(trainingBody(), districtOfficer);
      await expectRefused(
        t,
        correct(id, { changes: { manualsDistributed: 1 } }),
        400,
        /reason is required/,
      );
      await expectRefused(
        t,
        correct(id, { changes: {}, reason: 'r' }),
        400,
        /changes must name at least one field/,
      );
      await expectRefused(
        t,
        correct(id, { changes: { room: 'B' }, reason: 'r' }),
        400,
        /changes.room is not a known field/,
      );
      await expectRefused(
        t,
        correct(id, { changes: { participants: { women: null } }, reason: 'r' }),
        400,
        /changes.participants.women must be a whole number/,
      );
      await expectRefused(
        t,
        correct(id, { changes: { topic: null }, reason: 'r' }),
        400,
        /changes.topic must be one of/,
      );
      await expectRefused(
        t,
        correct(id, { changes: { participants: { total: 39 } }, reason: 'r' }),
        400,
        /participants.women \(40\)/,
      );
      await expectRefused(
        t,
        correct(id, { changes: { topic: 'gender_mainstreaming' }, reason: 'r' }),
        400,
        /nothing to correct/,
      );
      await expectRefused(
        t,
        correct(id, { changes: { unitCode: '173' }, reason: 'moved' }),
        403,
        /outside your scope/,
      );
      await expectRefused(
        t,
        correct(id, { changes: { title: 'x' }, reason: 'r' }, communeOfficer),
        403,
        /outside your scope/,
      );
      await expectRefused(
        t,
        correct(id, { changes: { title: 'x' }, reason: 'r' }, supervisor),
        403,
        /role officer/,
      );
      await expectRefused(
        t,
        correct(randomUUID(), { changes: { title: 'x' }, reason: 'r' }),
        404,
        /no training class/,
      );
      await expectRefused(
        t,
        () => correct(id, { changes: { title: 'x' }, reason: 'r' })().set('If-Match', '"3"'),
        412,
        /has changed since revision 3/,
      );
    });

    it('voids with a reason: the class stops counting and cannot be corrected or voided again', async () => {
      const before = await figures('19');
      const { id } = await record();
      expect((await figures('19')).classes).toBe(before.classes + 1);
      await expectRefused(
        t,
        () => t.http().post(`/api/trainings/${id}/void`).set(auth(provinceOfficer)).send({}),
        400,
        /reason is required/,
      );
      await expectRefused(
        t,
        () =>
          t
            .http()
            .post(`/api/trainings/${id}/void`)
            .set(auth(communeOfficer))
            .send({ reason: 'r' }),
        403,
        /outside your scope/,
      );
      await t
        .http()
        .post(`/api/trainings/${id}/void`)
        .set(auth(provinceOfficer))
        .send({ reason: 'entered twice' })
        .expect(201);
      expect(await figures('19')).toEqual(before);
      await expectRefused(
        t,
        correct(id, { changes: { title: 'x' }, reason: 'late' }, provinceOfficer),
        409,
        /voided/,
      );
      await expectRefused(
        t,
        () =>
          t
            .http()
            .post(`/api/trainings/${id}/void`)
            .set(auth(provinceOfficer))
            .send({ reason: 'again' }),
        409,
        /voided/,
      );
      const got = await t.http().get(`/api/trainings/${id}`).set(auth(supervisor)).expect(200);
      expect(got.body).toMatchObject({ status: 'voided', voidReason: 'entered twice' });
      const audit = await t
        .http()
        .get(`/api/audit?streamId=training-${id}`)
        .set(auth(supervisor))
        .expect(200);
      expect(audit.body.items.map((e: { type: string }) => e.type)).toEqual([
        'TrainingHeld',
        'TrainingVoided',
      ]);
      expect(audit.body.items[1].reason).toBe('entered twice');
    });
  });
});
