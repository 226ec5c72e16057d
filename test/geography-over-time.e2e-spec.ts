import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

describe('geography over time: records keep their unit; reports re-aggregate into today\'s units', () => {
  let t: TestLedger;
  let province: string;
  let viewer: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestLedger();
    province = await t.user('province.officer', 'officer', '19');
    viewer = await t.user('province.viewer', 'viewer', '19');
    const record = async (name: string, unitCode: string, heldOn: string, total: number) => {
      const response = await t
        .http()
        .post('/api/dialogues')
        .set('Authorization', `Bearer ${province}`)
        .send(dialogueBody({ unitCode, heldOn, participants: { total, women: 1 } }))
        .expect(201);
      ids[name] = response.body.id;
    };
    await record('lienMinh', '05752', '2023-10-12', 92); // Liên Minh, merged in full into Tràng Xá
    await record('oldTrangXa', '05746', '2023-11-01', 40); // Tràng Xá before the merger
    await record('newTrangXa', '05746', '2025-08-01', 30); // Tràng Xá after it
    await record('banDat', '05911', '2023-06-01', 25); // Bàn Đạt, merged in full into Tân Khánh
    await record('giaSang', '05461', '2023-03-01', 17); // Gia Sàng, split between two new wards
  });
  afterAll(() => t.close());

  const participants = async (query: string, token = viewer) => {
    const response = await t.http().get(`/api/indicators?${query}`).set('Authorization', `Bearer ${token}`).expect(200);
    const value = (rows: { indicator: string; value: number }[]) => rows.find((r) => r.indicator === 'dialogues.participants')?.value;
    return { body: response.body, value: value(response.body.rows), valueOf: value };
  };

  it('reads figures as recorded by default', async () => {
    expect((await participants('unit=05752')).value).toBe(92);
    expect((await participants('unit=170')).value).toBe(132);
    expect((await participants('unit=05746&geography=original')).value).toBe(70);
  });

  it('re-aggregates old communes merged in full into today\'s commune', async () => {
    const trangXa = await participants('unit=05746&geography=current');
    expect(trangXa.body.geography).toBe('current');
    expect(trangXa.value).toBe(92 + 40 + 30);
    expect((await participants('unit=05917&geography=current')).value).toBe(25);
    expect((await participants('unit=19&geography=current')).value).toBe(92 + 40 + 30 + 25 + 17);
  });

  it('reports a split commune apart instead of guessing its share', async () => {
    const ward = await participants('unit=05443&geography=current');
    expect(ward.value).toBe(0);
    expect(ward.body.partial).toEqual([
      expect.objectContaining({ unit: '05461', sharedWith: ['05443', '05467'] }),
    ]);
    expect(ward.valueOf(ward.body.partial[0].rows)).toBe(17);
  });

  it('refuses a unit that no longer exists under today\'s geography, naming its successor', async () => {
    const response = await t
      .http()
      .get('/api/indicators?unit=05752&geography=current')
      .set('Authorization', `Bearer ${viewer}`)
      .expect(400);
    expect(response.body.message).toMatch(/part of 05746 Xã Tràng Xá/);
  });

  it('lets a user of today\'s commune see the old communes merged into it', async () => {
    const trangXa = await t.user('trangxa.viewer', 'viewer', '05746');
    await t.http().get(`/api/dialogues/${ids.lienMinh}`).set('Authorization', `Bearer ${trangXa}`).expect(200);
    await t.http().get(`/api/dialogues/${ids.banDat}`).set('Authorization', `Bearer ${trangXa}`).expect(403);
    expect((await participants('unit=05752', trangXa)).value).toBe(92);
    expect((await participants('unit=05746&geography=current', trangXa)).value).toBe(162);
  });
});
