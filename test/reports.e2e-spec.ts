import ExcelJS from 'exceljs';
import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

describe('indicator reports', () => {
  let t: TestLedger;
  let supervisor: string;

  beforeAll(async () => {
    t = await startTestLedger();
    const officer = await t.user('report.officer', 'officer', '170');
    supervisor = await t.user('report.supervisor', 'supervisor', '19');
    for (const [unitCode, total] of [['05752', 92], ['05722', 50]] as const) {
      await t
        .http()
        .post('/api/dialogues')
        .set('Authorization', `Bearer ${officer}`)
        .send(dialogueBody({ unitCode, participants: { total, women: 30 } }))
        .expect(201);
    }
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set('Authorization', `Bearer ${supervisor}`);

  it('answers an Excel workbook with Vietnamese headers and the same figures as the API, by child unit', async () => {
    const query = 'unit=170&from=2023-01-01&to=2023-12-31&by=children';
    const api = await get(`/api/indicators?${query}`).expect(200);
    const response = await get(`/api/reports/indicators.xlsx?${query}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="p8-indicators-170-2023-01-01_2023-12-31-pos\d+\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const headerIndex = rows.findIndex((r) => r[0] === 'Mã đơn vị (unit code)');
    expect(rows[headerIndex]).toContain('Chỉ tiêu');
    const body = rows.slice(headerIndex + 1);
    const participants = (unit: string) => body.find((r) => r[0] === unit && r[2] === 'dialogues.participants')?.[6];
    const apiValue = (rowsOf: { indicator: string; value: number }[]) =>
      rowsOf.find((r) => r.indicator === 'dialogues.participants')?.value;
    expect(participants('170')).toBe(apiValue(api.body.rows));
    expect(participants('170')).toBe(142);
    const lienMinh = api.body.children.find((c: { unit: string }) => c.unit === '05752');
    expect(participants('05752')).toBe(apiValue(lienMinh.rows));
    expect(body.find((r) => r[0] === '05752')?.[1]).toBe('Xã Liên Minh');
  });

  it('answers CSV with a BOM, a Vietnamese header and the figures', async () => {
    const response = await get('/api/reports/indicators.csv?unit=170').expect(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.text.charCodeAt(0)).toBe(0xfeff);
    const lines = response.text.slice(1).trim().split('\r\n');
    const header = lines.find((l) => l.startsWith('Mã đơn vị'));
    expect(header).toContain('Kết quả (value)');
    expect(lines.find((l) => l.includes(',dialogues.held,'))).toMatch(/^170,Huyện Võ Nhai,dialogues\.held,.*,2,/);
  });

  it('refuses what /api/indicators refuses', async () => {
    await t.http().get('/api/reports/indicators.csv').expect(401);
    const bad = await get('/api/reports/indicators.xlsx?from=2023-02-30').expect(400);
    expect(bad.body.message).toMatch(/from must be a date/);
  });
});
