import { startTestLedger, type TestLedger } from './support/test-ledger';

interface IndicatorRow {
  indicator: string;
  value: number;
}

/** A trusted address as an officer records it. */
function addressBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Địa chỉ tin cậy xóm Khuôn Ngục',
    unitCode: '05752',
    establishedOn: '2022-06-01',
    ...overrides,
  };
}

describe('trusted addresses in the community, end to end', () => {
  let t: TestLedger;
  let officer: string;
  let caseWorker: string;
  let otherOfficer: string;
  let supervisor: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestLedger();
    officer = await t.user('lienminh.ta.officer', 'officer', '05752');
    caseWorker = await t.user('lienminh.ta.caseworker', 'case_worker', '05752');
    otherOfficer = await t.user('bandat.ta.officer', 'officer', '05911');
    supervisor = await t.user('province.ta.supervisor', 'supervisor', '19');
    viewer = await t.user('vonhai.ta.viewer', 'viewer', '170');
  });
  afterAll(() => t.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const active = async (unit: string, to?: string): Promise<number | undefined> => {
    const query = to ? `&to=${to}` : '';
    const response = await t
      .http()
      .get(`/api/indicators?unit=${unit}${query}`)
      .set(auth(supervisor))
      .expect(200);
    return (response.body.rows as IndicatorRow[]).find(
      (r) => r.indicator === 'trusted_addresses.active',
    )?.value;
  };
  const establish = async (token: string, overrides: Record<string, unknown> = {}) =>
    (
      await t
        .http()
        .post('/api/trusted-addresses')
        .set(auth(token))
        .send(addressBody(overrides))
        .expect(201)
    ).body as {
      id: string;
      streamId: string;
      revision: number;
      position: number;
    };

  it('lets an officer or a case worker establish one, and the commune, district and province counts move', async () => {
    const before = {
      commune: await active('05752'),
      district: await active('170'),
      province: await active('19'),
    };
    const first = await establish(officer);
    expect(first).toEqual({
      id: expect.any(String),
      streamId: `trusted-address-${first.id}`,
      revision: 0,
      position: expect.any(Number),
    });
    await establish(caseWorker, { name: 'Nhà an toàn thôn Na Rì' });
    expect(await active('05752')).toBe((before.commune ?? 0) + 2);
    expect(await active('170')).toBe((before.district ?? 0) + 2);
    expect(await active('19')).toBe((before.province ?? 0) + 2);
    expect(await active('173')).toBe(0);
    // A stock: it did not stand yet at the end of a window that closes before it was established.
    expect(await active('05752', '2022-05-31')).toBe(0);
  });

  it('answers an address to any role in scope, with its revision as ETag', async () => {
    const { id } = await establish(officer);
    for (const token of [officer, caseWorker, supervisor, viewer]) {
      const got = await t.http().get(`/api/trusted-addresses/${id}`).set(auth(token)).expect(200);
      expect(got.headers.etag).toBe('"0"');
      expect(got.body).toMatchObject({
        id,
        status: 'established',
        unitCode: '05752',
        establishedOn: '2022-06-01',
      });
    }
    await t.http().get(`/api/trusted-addresses/${id}`).set(auth(otherOfficer)).expect(403);
    await t
      .http()
      .get('/api/trusted-addresses/00000000-0000-4000-8000-000000000000')
      .set(auth(officer))
      .expect(404);
  });

  it('closes an address from a date: it stands before and not after, and is not closed twice', async () => {
    const base = await active('05752', '2023-12-31');
    const { id } = await establish(officer);
    expect(await active('05752', '2023-12-31')).toBe((base ?? 0) + 1);
    const closed = await t
      .http()
      .post(`/api/trusted-addresses/${id}/closure`)
      .set(auth(caseWorker))
      .send({ on: '2023-12-31', reason: 'the host family moved away' })
      .expect(201);
    expect(closed.body.revision).toBe(1);
    expect(await active('05752', '2023-12-30')).toBe((base ?? 0) + 1);
    expect(await active('05752', '2023-12-31')).toBe(base);
    const got = await t.http().get(`/api/trusted-addresses/${id}`).set(auth(viewer)).expect(200);
    expect(got.body).toMatchObject({
      status: 'closed',
      closedOn: '2023-12-31',
      closureReason: 'the host family moved away',
    });
    expect(got.headers.etag).toBe('"1"');

    const head = await t.head();
    const twice = await t
      .http()
      .post(`/api/trusted-addresses/${id}/closure`)
      .set(auth(officer))
      .send({ on: '2024-01-05', reason: 'again' })
      .expect(409);
    expect(twice.body.message).toMatch(/already closed on 2023-12-31/);
    expect(await t.head()).toBe(head);
  });

  it('corrects with a reason, before and after in the audit trail, and voids: a voided address counts nothing', async () => {
    const before = await active('05752');
    const { id } = await establish(officer);
    await t
      .http()
      .post(`/api/trusted-addresses/${id}/corrections`)
      .set(auth(officer))
      .set('If-Match', '"0"')
      .send({ changes: { name: 'ĐCTC xóm Khuôn Ngục' }, reason: 'name as the commune writes it' })
      .expect(201);
    const audit = await t
      .http()
      .get(`/api/audit?streamId=trusted-address-${id}`)
      .set(auth(supervisor))
      .expect(200);
    expect(audit.body.items[1]).toMatchObject({
      type: 'TrustedAddressCorrected',
      reason: 'name as the commune writes it',
      changes: [
        { field: 'name', before: 'Địa chỉ tin cậy xóm Khuôn Ngục', after: 'ĐCTC xóm Khuôn Ngục' },
      ],
    });
    expect(await active('05752')).toBe((before ?? 0) + 1);
    await t
      .http()
      .post(`/api/trusted-addresses/${id}/void`)
      .set(auth(caseWorker))
      .send({ reason: 'entered twice' })
      .expect(201);
    expect(await active('05752')).toBe(before);
    const head = await t.head();
    await t
      .http()
      .post(`/api/trusted-addresses/${id}/corrections`)
      .set(auth(officer))
      .send({ changes: { name: 'x' }, reason: 'late' })
      .expect(409);
    await t
      .http()
      .post(`/api/trusted-addresses/${id}/closure`)
      .set(auth(officer))
      .send({ on: '2023-01-01', reason: 'x' })
      .expect(409);
    await t
      .http()
      .post(`/api/trusted-addresses/${id}/void`)
      .set(auth(officer))
      .send({ reason: 'again' })
      .expect(409);
    expect(await t.head()).toBe(head);
  });

  it('refuses every bad request with the right status and appends nothing', async () => {
    const { id } = await establish(officer);
    const head = await t.head();
    const post = (token: string | undefined, path: string, body: unknown) => {
      const request = t.http().post(path);
      return (token ? request.set(auth(token)) : request).send(body as object);
    };
    const refusals: [string | undefined, string, unknown, number, RegExp][] = [
      [undefined, '/api/trusted-addresses', addressBody(), 401, /log in/],
      [supervisor, '/api/trusted-addresses', addressBody(), 403, /role officer or case_worker/],
      [viewer, '/api/trusted-addresses', addressBody(), 403, /role/],
      [
        officer,
        '/api/trusted-addresses',
        addressBody({ unitCode: '05911' }),
        403,
        /outside your scope/,
      ],
      [
        officer,
        '/api/trusted-addresses',
        addressBody({ unitCode: '99999' }),
        400,
        /unitCode 99999 is not a known/,
      ],
      [officer, '/api/trusted-addresses', addressBody({ unitCode: '170' }), 400, /district/],
      [
        officer,
        '/api/trusted-addresses',
        addressBody({ establishedOn: '2999-01-01' }),
        400,
        /future/,
      ],
      [
        officer,
        '/api/trusted-addresses',
        addressBody({ establishedOn: '2023-02-30' }),
        400,
        /establishedOn/,
      ],
      [officer, '/api/trusted-addresses', addressBody({ name: '' }), 400, /name/],
      [
        officer,
        '/api/trusted-addresses',
        addressBody({ cases: 3 }),
        400,
        /cases is not a known field/,
      ],
      [officer, '/api/trusted-addresses', { name: 'x', unitCode: '05752' }, 400, /establishedOn/],
      [
        officer,
        `/api/trusted-addresses/${id}/closure`,
        { on: '2022-05-31', reason: 'x' },
        400,
        /before the address was established/,
      ],
      [officer, `/api/trusted-addresses/${id}/closure`, { on: '2023-01-01' }, 400, /reason/],
      [
        otherOfficer,
        `/api/trusted-addresses/${id}/closure`,
        { on: '2023-01-01', reason: 'x' },
        403,
        /scope/,
      ],
      [
        viewer,
        `/api/trusted-addresses/${id}/closure`,
        { on: '2023-01-01', reason: 'x' },
        403,
        /role/,
      ],
      [
        officer,
        '/api/trusted-addresses/no-such-address/closure',
        { on: '2023-01-01', reason: 'x' },
        404,
        /no trusted address/,
      ],
      [
        officer,
        `/api/trusted-addresses/${id}/corrections`,
        { changes: { name: null }, reason: 'x' },
        400,
        /name/,
      ],
      [
        officer,
        `/api/trusted-addresses/${id}/corrections`,
        { changes: { unitCode: '05911' }, reason: 'moved' },
        403,
        /scope/,
      ],
      [otherOfficer, `/api/trusted-addresses/${id}/void`, { reason: 'x' }, 403, /scope/],
    ];
    for (const [token, path, body, status, message] of refusals) {
      const response = await post(token, path, body);
      expect({ path, body, status: response.status }).toEqual({ path, body, status });
      expect(response.body.message).toMatch(message);
    }
    expect(await t.head()).toBe(head);
  });
});
