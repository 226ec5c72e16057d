import { startTestLedger, type TestLedger } from './support/test-ledger';

describe('OpenAPI description', () => {
  let t: TestLedger;
  beforeAll(async () => {
    t = await startTestLedger();
  });
  afterAll(() => t.close());

  it('describes every route of the contract with its errors', async () => {
    const html = await t.http().get('/api/docs').redirects(1).expect(200);
    expect(html.text).toContain('swagger');
    const { body } = await t.http().get('/api/docs-json').expect(200);
    const paths = Object.keys(body.paths);
    for (const path of [
      '/api/auth/login',
      '/api/users',
      '/api/users/{username}/disable',
      '/api/dialogues',
      '/api/clubs',
      '/api/clubs/{clubId}/members',
      '/api/loans',
      '/api/trusted-addresses',
      '/api/trusted-addresses/{addressId}/cases',
      '/api/cases/{caseId}/referrals',
      '/api/cases/{caseId}/closure',
      '/api/trainings',
      '/api/communications',
      '/api/targets',
      '/api/approvals',
      '/api/approvals/{id}/reopen',
      '/api/subjects/{subjectId}/erasure',
      '/api/indicators',
      '/api/audit',
      '/api/events',
      '/api/live/indicators',
      '/api/ledger/verify',
      '/api/access-log',
      '/api/reports/indicators.xlsx',
      '/api/reports/indicators.csv',
      '/api/health',
    ]) {
      expect(paths.some((p) => p.replace(/\{[^}]+\}/g, '{}') === path.replace(/\{[^}]+\}/g, '{}'))).toBe(true);
    }
    const dialogues = body.paths['/api/dialogues'].post;
    expect(Object.keys(dialogues.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '413', '503']));
    expect(body.components.schemas.Error.required).toEqual(['statusCode', 'error', 'message']);
  });
});
