import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { queryIndicators } from '../projections/indicators/indicator-queries';
import { startTestLedger, type TestLedger } from './support/test-ledger';

interface IndicatorRow {
  indicator: string;
  value: number;
  breakdown?: Record<string, Record<string, number>>;
}

interface Opened {
  id: string;
  streamId: string;
  revision: number;
  position: number;
  subjectId: string;
}

/** Every file under a directory, as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

/** A case as a case worker opens it. */
function caseBody(
  overrides: Record<string, unknown> = {},
  subject: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    openedOn: '2023-05-14',
    violenceType: 'physical',
    consent: true,
    subject: { sex: 'female', ageBand: '30-59', ethnicity: 'Dao', ...subject },
    ...overrides,
  };
}

describe('cases taken in at trusted addresses, end to end', () => {
  // Unique enough that finding it anywhere on disk can only be a leak.
  const survivor = `Triệu Thị Xuqvezk ${randomUUID().slice(0, 8)}`;
  const renamed = `Triệu Thị Wojmabr ${randomUUID().slice(0, 8)}`;
  const noteWord = `Pfelqunt${randomUUID().slice(0, 8)}`;
  let t: TestLedger;
  let caseWorker: string;
  let districtCaseWorker: string;
  let otherCaseWorker: string;
  let officer: string;
  let supervisor: string;
  let viewer: string;
  let addressId: string;

  beforeAll(async () => {
    t = await startTestLedger();
    caseWorker = await t.user('lienminh.caseworker', 'case_worker', '05752');
    districtCaseWorker = await t.user('vonhai.caseworker', 'case_worker', '170');
    otherCaseWorker = await t.user('bandat.caseworker', 'case_worker', '05911');
    officer = await t.user('lienminh.case.officer', 'officer', '05752');
    supervisor = await t.user('province.case.supervisor', 'supervisor', '19');
    viewer = await t.user('province.case.viewer', 'viewer', '19');
    addressId = await newAddress();
  });
  afterAll(() => t.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  async function newAddress(overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await t
      .http()
      .post('/api/trusted-addresses')
      .set(auth(officer))
      .send({
        name: 'Địa chỉ tin cậy xóm Khuôn Ngục',
        unitCode: '05752',
        establishedOn: '2022-06-01',
        ...overrides,
      })
      .expect(201);
    return response.body.id as string;
  }
  const openCase = async (body = caseBody(), address = addressId): Promise<Opened> =>
    (
      await t
        .http()
        .post(`/api/trusted-addresses/${address}/cases`)
        .set(auth(caseWorker))
        .send(body)
        .expect(201)
    ).body as Opened;
  const indicator = async (
    unit: string,
    code: string,
    window = '',
    token = supervisor,
  ): Promise<IndicatorRow> => {
    const response = await t
      .http()
      .get(`/api/indicators?unit=${unit}${window}`)
      .set(auth(token))
      .expect(200);
    const row = (response.body.rows as IndicatorRow[]).find((r) => r.indicator === code);
    if (!row) throw new Error(`no row ${code}`);
    return row;
  };
  const readsOf = async (subjectId: string) => {
    const response = await t
      .http()
      .get('/api/events?type=PersonalDetailsRead')
      .set(auth(supervisor))
      .expect(200);
    return (
      response.body.items as {
        data: { subjectId: string; streamId: string };
        metadata: { actor: { username: string } };
      }[]
    ).filter((e) => e.data.subjectId === subjectId);
  };

  it('opens, refers, serves and closes cases; cases.opened and cases.closed move at commune, district and province', async () => {
    // Five cases in windows of their own: published case figures hide cells of 1 to 4.
    const march = '&from=2023-03-01&to=2023-03-31';
    const april = '&from=2023-04-01&to=2023-04-30';
    const opened = await openCase(
      caseBody(
        { openedOn: '2023-03-02' },
        { personal: { fullName: survivor, phone: '0912345678' } },
      ),
    );
    expect(opened).toEqual({
      id: expect.any(String),
      streamId: `case-${opened.id}`,
      revision: 0,
      position: expect.any(Number),
      subjectId: expect.any(String),
    });
    const others = [];
    for (const day of ['03', '04', '05', '06'])
      others.push(await openCase(caseBody({ openedOn: `2023-03-${day}` })));
    expect(new Set([opened, ...others].map((c) => c.subjectId)).size).toBe(5);

    const path = `/api/cases/${opened.id}`;
    await t
      .http()
      .post(`${path}/referrals`)
      .set(auth(caseWorker))
      .send({ to: 'police', on: '2023-03-03', note: `seen by ${noteWord}` })
      .expect(201);
    await t
      .http()
      .post(`${path}/services`)
      .set(auth(caseWorker))
      .send({ service: 'counselling', on: '2023-03-04' })
      .expect(201);
    const closed = await t
      .http()
      .post(`${path}/closure`)
      .set(auth(caseWorker))
      .send({ on: '2023-04-02', outcome: 'referred_on' })
      .expect(201);
    expect(closed.body).toMatchObject({ id: opened.id, streamId: opened.streamId, revision: 3 });
    for (const other of others) {
      await t
        .http()
        .post(`/api/cases/${other.id}/closure`)
        .set(auth(caseWorker))
        .send({ on: '2023-04-10', outcome: 'referred_on' })
        .expect(201);
    }

    // Violence types below the province are for case workers; the province supervisor sees them too.
    for (const [unit, token] of [
      ['05752', caseWorker],
      ['170', districtCaseWorker],
      ['19', supervisor],
    ] as const) {
      expect(await indicator(unit, 'cases.opened', march, token)).toMatchObject({
        value: 5,
        breakdown: { violenceType: { physical: 5 } },
      });
      expect(await indicator(unit, 'cases.closed', april, token)).toMatchObject({
        value: 5,
        breakdown: { outcome: { referred_on: 5 } },
      });
      expect((await indicator(unit, 'cases.opened', april, token)).value).toBe(0);
    }
    expect((await indicator('173', 'cases.opened', march)).value).toBe(0);

    const got = await t.http().get(path).set(auth(caseWorker)).expect(200);
    expect(got.headers.etag).toBe('"3"');
    expect(got.body).toMatchObject({
      id: opened.id,
      status: 'closed',
      addressId,
      unitCode: '05752',
      openedOn: '2023-03-02',
      violenceType: 'physical',
      consent: true,
      subject: {
        subjectId: opened.subjectId,
        sex: 'female',
        ageBand: '30-59',
        ethnicity: 'Dao',
        personal: { status: 'available', details: { fullName: survivor, phone: '0912345678' } },
      },
      referrals: [{ to: 'police', on: '2023-03-03', note: `seen by ${noteWord}` }],
      services: [{ service: 'counselling', on: '2023-03-04' }],
      closure: { on: '2023-04-02', outcome: 'referred_on' },
    });
  });

  describe('who sees what on GET /api/cases/{id}', () => {
    let opened: Opened;
    beforeAll(async () => {
      opened = await openCase(
        caseBody(
          { violenceType: 'sexual' },
          { ethnicity: 'Nùng', personal: { fullName: survivor } },
        ),
      );
      await t
        .http()
        .post(`/api/cases/${opened.id}/referrals`)
        .set(auth(caseWorker))
        .send({ to: 'health', on: '2023-05-20', note: noteWord })
        .expect(201);
    });

    it('shows a case worker in scope everything, and records the read first', async () => {
      const reads = (await readsOf(opened.subjectId)).length;
      for (const token of [caseWorker, districtCaseWorker]) {
        const got = await t.http().get(`/api/cases/${opened.id}`).set(auth(token)).expect(200);
        expect(got.body.violenceType).toBe('sexual');
        expect(got.body.subject).toMatchObject({
          sex: 'female',
          ageBand: '30-59',
          ethnicity: 'Nùng',
        });
        expect(got.body.subject.personal.details.fullName).toBe(survivor);
        expect(got.body.referrals).toEqual([{ to: 'health', on: '2023-05-20', note: noteWord }]);
      }
      const recorded = await readsOf(opened.subjectId);
      expect(recorded).toHaveLength(reads + 2);
      expect(recorded.map((e) => e.metadata.actor.username).slice(-2)).toEqual([
        'lienminh.caseworker',
        'vonhai.caseworker',
      ]);
      expect(recorded[recorded.length - 1]?.data.streamId).toBe(`case-${opened.id}`);
    });

    it('shows every other role in scope only status, unit, address and dates, and records no read', async () => {
      const reads = (await readsOf(opened.subjectId)).length;
      for (const token of [officer, supervisor, viewer]) {
        const got = await t.http().get(`/api/cases/${opened.id}`).set(auth(token)).expect(200);
        expect(got.headers.etag).toBe('"1"');
        expect(Object.keys(got.body).sort()).toEqual(
          [
            'addressId',
            'id',
            'openedOn',
            'recordedAt',
            'referrals',
            'revision',
            'status',
            'unitCode',
            'updatedAt',
          ].sort(),
        );
        expect(got.body).toMatchObject({
          status: 'open',
          unitCode: '05752',
          addressId,
          openedOn: '2023-05-14',
          referrals: [{ on: '2023-05-20' }],
        });
        const text = JSON.stringify(got.body);
        for (const secret of [
          'sexual',
          'Nùng',
          'female',
          '30-59',
          'health',
          survivor,
          noteWord,
          opened.subjectId,
        ]) {
          expect(text).not.toContain(secret);
        }
      }
      expect(await readsOf(opened.subjectId)).toHaveLength(reads);
    });

    it('refuses a case worker of another commune, and answers 404 for an unknown case', async () => {
      await t.http().get(`/api/cases/${opened.id}`).set(auth(otherCaseWorker)).expect(403);
      await t.http().get(`/api/cases/${randomUUID()}`).set(auth(caseWorker)).expect(404);
    });
  });

  it('refuses every bad command with the right status and appends nothing', async () => {
    const closedAddress = await newAddress();
    await t
      .http()
      .post(`/api/trusted-addresses/${closedAddress}/closure`)
      .set(auth(officer))
      .send({ on: '2023-01-01', reason: 'host moved' })
      .expect(201);
    const voidedAddress = await newAddress();
    await t
      .http()
      .post(`/api/trusted-addresses/${voidedAddress}/void`)
      .set(auth(officer))
      .send({ reason: 'entered twice' })
      .expect(201);
    const open = await openCase();
    const closedCase = await openCase();
    await t
      .http()
      .post(`/api/cases/${closedCase.id}/closure`)
      .set(auth(caseWorker))
      .send({ on: '2023-06-01', outcome: 'resolved' })
      .expect(201);
    const opens = `/api/trusted-addresses/${addressId}/cases`;
    const head = await t.head();
    const refusals: [string, string, unknown, number, RegExp][] = [
      [officer, opens, caseBody(), 403, /role case_worker/],
      [supervisor, opens, caseBody(), 403, /role case_worker/],
      [otherCaseWorker, opens, caseBody(), 403, /outside your scope/],
      [
        caseWorker,
        `/api/trusted-addresses/${randomUUID()}/cases`,
        caseBody(),
        404,
        /no trusted address/,
      ],
      [caseWorker, opens, caseBody({ consent: false }), 400, /consent must be true/],
      [
        caseWorker,
        opens,
        caseBody({ consent: 'true' }),
        400,
        /consent must be true \(the JSON value/,
      ],
      [caseWorker, opens, caseBody({ consent: undefined }), 400, /consent/],
      [
        caseWorker,
        opens,
        caseBody({ violenceType: 'verbal' }),
        400,
        /violenceType must be one of physical, sexual/,
      ],
      [
        caseWorker,
        opens,
        caseBody({}, { ageBand: '18-30' }),
        400,
        /subject.ageBand must be one of/,
      ],
      [caseWorker, opens, caseBody({}, { sex: 'f' }), 400, /subject.sex/],
      [
        caseWorker,
        opens,
        caseBody({}, { personal: { phone: '0912' } }),
        400,
        /subject.personal needs fullName/,
      ],
      [
        caseWorker,
        opens,
        caseBody({}, { personal: { fullName: 12 } }),
        400,
        /fullName must be text/,
      ],
      [caseWorker, opens, caseBody({ openedOn: '2999-01-01' }), 400, /future/],
      [
        caseWorker,
        opens,
        caseBody({ openedOn: '2022-05-31' }),
        400,
        /before trusted address .* was established/,
      ],
      [caseWorker, opens, caseBody({ unitCode: '05752' }), 400, /unitCode is not a known field/],
      [caseWorker, opens, caseBody({ id: 'not-a-uuid' }), 400, /id must be a UUID/],
      [caseWorker, opens, caseBody({ id: open.id }), 409, /already recorded/],
      [
        caseWorker,
        `/api/trusted-addresses/${closedAddress}/cases`,
        caseBody(),
        409,
        /closed on 2023-01-01/,
      ],
      [caseWorker, `/api/trusted-addresses/${voidedAddress}/cases`, caseBody(), 409, /voided/],
      [
        officer,
        `/api/cases/${open.id}/referrals`,
        { to: 'police', on: '2023-05-15' },
        403,
        /role case_worker/,
      ],
      [
        otherCaseWorker,
        `/api/cases/${open.id}/referrals`,
        { to: 'police', on: '2023-05-15' },
        403,
        /scope/,
      ],
      [
        caseWorker,
        `/api/cases/${randomUUID()}/referrals`,
        { to: 'police', on: '2023-05-15' },
        404,
        /no case/,
      ],
      [
        caseWorker,
        `/api/cases/${open.id}/referrals`,
        { to: 'army', on: '2023-05-15' },
        400,
        /to must be one of/,
      ],
      [
        caseWorker,
        `/api/cases/${open.id}/referrals`,
        { to: 'police', on: '2023-05-13' },
        400,
        /before case .* was opened/,
      ],
      [
        caseWorker,
        `/api/cases/${closedCase.id}/referrals`,
        { to: 'police', on: '2023-06-02' },
        409,
        /closed case cannot be referred/,
      ],
      [
        caseWorker,
        `/api/cases/${closedCase.id}/services`,
        { service: 'shelter', on: '2023-06-02' },
        409,
        /closed case/,
      ],
      [
        caseWorker,
        `/api/cases/${open.id}/services`,
        { service: 'massage', on: '2023-06-02' },
        400,
        /service must be one of/,
      ],
      [
        caseWorker,
        `/api/cases/${closedCase.id}/closure`,
        { on: '2023-06-03', outcome: 'resolved' },
        409,
        /not closed twice/,
      ],
      [
        caseWorker,
        `/api/cases/${open.id}/closure`,
        { on: '2023-06-03', outcome: 'fine' },
        400,
        /outcome must be one of/,
      ],
      [
        caseWorker,
        `/api/cases/${open.id}/closure`,
        { on: '2999-06-03', outcome: 'resolved' },
        400,
        /future/,
      ],
      [
        caseWorker,
        `/api/cases/${open.id}/corrections`,
        { changes: { unitCode: '05911' }, reason: 'x' },
        400,
        /unitCode is not a known field/,
      ],
      [
        caseWorker,
        `/api/cases/${open.id}/corrections`,
        { changes: { consent: false }, reason: 'x' },
        400,
        /consent is not a known field/,
      ],
      [
        caseWorker,
        `/api/cases/${open.id}/corrections`,
        { changes: { violenceType: null }, reason: 'x' },
        400,
        /violenceType/,
      ],
      [
        caseWorker,
        `/api/cases/${open.id}/corrections`,
        { changes: { violenceType: 'sexual' } },
        400,
        /reason/,
      ],
      [
        caseWorker,
        `/api/cases/${open.id}/corrections`,
        { changes: { openedOn: '2022-01-01' }, reason: 'x' },
        400,
        /before trusted address/,
      ],
      [otherCaseWorker, `/api/cases/${open.id}/void`, { reason: 'x' }, 403, /scope/],
    ];
    for (const [token, path, body, status, message] of refusals) {
      const response = await t
        .http()
        .post(path)
        .set(auth(token))
        .send(body as object);
      expect({ path, body, status: response.status }).toEqual({ path, body, status });
      expect(response.body.message).toMatch(message);
    }
    expect(await t.head()).toBe(head);
  });

  it('corrects with a reason: details resealed under the same subject and shown as [sealed]; a voided case counts nothing', async () => {
    // Straight from the read model: one case is a small cell the published figures hide.
    const february = () =>
      queryIndicators(t.ledger.readModels, {
        unit: '170',
        from: '2023-02-01',
        to: '2023-02-28',
      }).get('cases.opened');
    expect(february()).toBeUndefined();
    const opened = await openCase(
      caseBody({ openedOn: '2023-02-10' }, { personal: { fullName: survivor } }),
    );
    expect(february()).toEqual({ value: 1, breakdown: { violenceType: { physical: 1 } } });
    await t
      .http()
      .post(`/api/cases/${opened.id}/corrections`)
      .set(auth(caseWorker))
      .set('If-Match', '"0"')
      .send({
        changes: { violenceType: 'economic', subject: { personal: { fullName: renamed } } },
        reason: 'name and form misheard',
      })
      .expect(201);
    expect(february()).toEqual({ value: 1, breakdown: { violenceType: { economic: 1 } } });

    const audit = await t
      .http()
      .get(`/api/audit?streamId=case-${opened.id}`)
      .set(auth(supervisor))
      .expect(200);
    expect(audit.body.items[1]).toMatchObject({
      type: 'CaseCorrected',
      reason: 'name and form misheard',
    });
    expect(audit.body.items[1].changes).toContainEqual({
      field: 'subject.personal',
      before: '[sealed]',
      after: '[sealed]',
    });
    const got = await t.http().get(`/api/cases/${opened.id}`).set(auth(caseWorker)).expect(200);
    expect(got.body.violenceType).toBe('economic');
    expect(got.body.subject).toMatchObject({
      subjectId: opened.subjectId,
      personal: { details: { fullName: renamed } },
    });

    await t
      .http()
      .post(`/api/cases/${opened.id}/void`)
      .set(auth(caseWorker))
      .send({ reason: 'opened twice' })
      .expect(201);
    expect(february()).toBeUndefined();
    const head = await t.head();
    await t
      .http()
      .post(`/api/cases/${opened.id}/corrections`)
      .set(auth(caseWorker))
      .send({ changes: { violenceType: 'other' }, reason: 'x' })
      .expect(409);
    await t
      .http()
      .post(`/api/cases/${opened.id}/referrals`)
      .set(auth(caseWorker))
      .send({ to: 'police', on: '2023-06-01' })
      .expect(409);
    expect(await t.head()).toBe(head);
  });

  it('answers a repeated Idempotency-Key with the first answer, subjectId included, and appends nothing', async () => {
    const key = randomUUID();
    const body = caseBody({}, { personal: { fullName: survivor } });
    const first = await t
      .http()
      .post(`/api/trusted-addresses/${addressId}/cases`)
      .set(auth(caseWorker))
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    const head = await t.head();
    const again = await t
      .http()
      .post(`/api/trusted-addresses/${addressId}/cases`)
      .set(auth(caseWorker))
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(again.body).toEqual(first.body);
    expect(await t.head()).toBe(head);
  });

  it('after an erasure, reads the details and notes as erased, still counts the case, and records nothing personal again', async () => {
    const opened = await openCase(caseBody({}, { personal: { fullName: survivor } }));
    await t
      .http()
      .post(`/api/cases/${opened.id}/referrals`)
      .set(auth(caseWorker))
      .send({ to: 'legal_aid', on: '2023-05-15', note: noteWord })
      .expect(201);
    const counted = queryIndicators(t.ledger.readModels, { unit: '05752' }).get('cases.opened');
    await t
      .http()
      .post(`/api/subjects/${opened.subjectId}/erasure`)
      .set(auth(caseWorker))
      .send({ reason: 'she asked to be forgotten' })
      .expect(201);
    const got = await t.http().get(`/api/cases/${opened.id}`).set(auth(caseWorker)).expect(200);
    expect(got.body.subject.personal).toEqual({ subjectId: opened.subjectId, status: 'erased' });
    expect(got.body.referrals).toEqual([
      { to: 'legal_aid', on: '2023-05-15', noteStatus: 'erased' },
    ]);
    expect(queryIndicators(t.ledger.readModels, { unit: '05752' }).get('cases.opened')).toEqual(
      counted,
    );
    const head = await t.head();
    await t
      .http()
      .post(`/api/cases/${opened.id}/corrections`)
      .set(auth(caseWorker))
      .send({ changes: { subject: { personal: { fullName: renamed } } }, reason: 'x' })
      .expect(409);
    await t
      .http()
      .post(`/api/cases/${opened.id}/referrals`)
      .set(auth(caseWorker))
      .send({ to: 'police', on: '2023-05-16', note: 'x' })
      .expect(409);
    expect(await t.head()).toBe(head);
    await t
      .http()
      .post(`/api/cases/${opened.id}/referrals`)
      .set(auth(caseWorker))
      .send({ to: 'police', on: '2023-05-16' })
      .expect(201);
  });

  it('leaves no survivor name and no note in clear in any file of the data directory', async () => {
    const needles = [survivor, renamed, noteWord, 'Xuqvezk', 'Wojmabr'].map((text) =>
      Buffer.from(text, 'utf8'),
    );
    const files = filesUnder(t.dataDir);
    // The grep does see what the ledger holds in clear, such as an address's name.
    expect(files.some(({ bytes }) => bytes.includes(Buffer.from('xóm Khuôn Ngục', 'utf8')))).toBe(
      true,
    );
    const leaks = files
      .filter(({ bytes }) => needles.some((needle) => bytes.includes(needle)))
      .map(({ path }) => path);
    expect(leaks).toEqual([]);
  });
});
