import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

describe('operations: health and Prometheus metrics', () => {
  let t: TestLedger;
  beforeAll(async () => {
    t = await startTestLedger();
  });
  afterAll(() => t.close());

  it('counts commands by route and outcome, times them, and shows projection lag', async () => {
    const officer = await t.user('metrics.officer', 'officer', '05752');
    await t.http().post('/api/dialogues').set('Authorization', `Bearer ${officer}`).send(dialogueBody()).expect(201);
    await t.http().post('/api/dialogues').set('Authorization', `Bearer ${officer}`).send({}).expect(400);
    const metrics = await t.http().get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toContain('p8_commands_total{command="/api/dialogues",outcome="2xx"} 1');
    expect(metrics.text).toContain('p8_commands_total{command="/api/dialogues",outcome="4xx"} 1');
    expect(metrics.text).toMatch(/p8_command_duration_seconds_count\{command="\/api\/dialogues"\} 2/);
    expect(metrics.text).toMatch(/p8_projection_lag_events\{projection="indicator-facts"\} 0/);
    expect(metrics.text).toContain('p8_live_subscribers');
    expect(metrics.text).toMatch(/p8_append_duration_seconds_count \d+/);
    const health = await t.http().get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', store: { kind: 'sqlite', reachable: true } });
    expect(health.body.projections['indicator-facts'].lag).toBe(0);
  });
});
