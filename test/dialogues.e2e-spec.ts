import { randomUUID } from 'node:crypto';
import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

describe('policy dialogues, end to end', () => {
  let t: TestLedger;
  let officer: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await startTestLedger();
    officer = await t.user('lienminh.officer', 'officer', '05752');
    supervisor = await t.user('province.supervisor', 'supervisor', '19');
  });
  afterAll(() => t.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const indicator = async (unit: string, code: string, query = '') => {
    const response = await t.http().get(`/api/indicators?unit=${unit}${query}`).set(auth(supervisor)).expect(200);
    return (response.body.rows as { indicator: string; value: number }[]).find((r) => r.indicator === code)?.value;
  };

  it('records a dialogue, and the commune, district and province totals move', async () => {
    const before = await indicator('19', 'dialogues.participants');
    const response = await t.http().post('/api/dialogues').set(auth(officer)).send(dialogueBody()).expect(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      streamId: `dialogue-${response.body.id}`,
      revision: 0,
      position: expect.any(Number),
    });
    for (const unit of ['05752', '170', '19']) {
      expect(await indicator(unit, 'dialogues.held')).toBeGreaterThanOrEqual(1);
    }
    expect(await indicator('19', 'dialogues.participants')).toBe((before ?? 0) + 92);
    expect(await indicator('173', 'dialogues.held')).toBe(0);
  });

  it('answers the dialogue with its revision as ETag', async () => {
    const { body } = await t.http().post('/api/dialogues').set(auth(officer)).send(dialogueBody()).expect(201);
    const got = await t.http().get(`/api/dialogues/${body.id}`).set(auth(supervisor)).expect(200);
    expect(got.headers.etag).toBe('"0"');
    expect(got.body).toMatchObject({ id: body.id, status: 'held', unitCode: '05752', participants: { total: 92, women: 60 } });
  });

  it('corrects with a reason, shows before and after in the audit trail, and refuses a stale If-Match', async () => {
    const { body } = await t.http().post('/api/dialogues').set(auth(officer)).send(dialogueBody()).expect(201);
    const corrected = await t
      .http()
      .post(`/api/dialogues/${body.id}/corrections`)
      .set(auth(officer))
      .set('If-Match', '"0"')
      .send({ changes: { participants: { women: 61 } }, reason: 'attendance list recounted' })
      .expect(201);
    expect(corrected.body.revision).toBe(1);
    const headBefore = await t.head();
    await t
      .http()
      .post(`/api/dialogues/${body.id}/corrections`)
      .set(auth(officer))
      .set('If-Match', '"0"')
      .send({ changes: { topic: 'another' }, reason: 'typo' })
      .expect(412);
    expect(await t.head()).toBe(headBefore);
    const audit = await t.http().get(`/api/audit?streamId=dialogue-${body.id}`).set(auth(supervisor)).expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ type: 'DialogueHeld', actor: { username: 'lienminh.officer', role: 'officer' } }),
      expect.objectContaining({
        type: 'DialogueCorrected',
        reason: 'attendance list recounted',
        changes: [{ field: 'participants.women', before: 60, after: 61 }],
      }),
    ]);
    expect(audit.body.next).toBeNull();
  });

  it('voids with a reason: the dialogue stops counting and cannot be corrected', async () => {
    const unitBefore = await indicator('05752', 'dialogues.held');
    const { body } = await t.http().post('/api/dialogues').set(auth(officer)).send(dialogueBody()).expect(201);
    expect(await indicator('05752', 'dialogues.held')).toBe((unitBefore ?? 0) + 1);
    await t.http().post(`/api/dialogues/${body.id}/void`).set(auth(officer)).send({}).expect(400);
    await t.http().post(`/api/dialogues/${body.id}/void`).set(auth(officer)).send({ reason: 'entered twice' }).expect(201);
    expect(await indicator('05752', 'dialogues.held')).toBe(unitBefore);
    const head = await t.head();
    const refused = await t
      .http()
      .post(`/api/dialogues/${body.id}/corrections`)
      .set(auth(officer))
      .send({ changes: { topic: 'x' }, reason: 'late' })
      .expect(409);
    expect(refused.body.message).toMatch(/voided/);
    await t.http().post(`/api/dialogues/${body.id}/void`).set(auth(officer)).send({ reason: 'again' }).expect(409);
    expect(await t.head()).toBe(head);
  });

  it('answers a repeated Idempotency-Key with the first result and appends nothing', async () => {
    const key = randomUUID();
    const first = await t.http().post('/api/dialogues').set(auth(officer)).set('Idempotency-Key', key).send(dialogueBody()).expect(201);
    const head = await t.head();
    const again = await t.http().post('/api/dialogues').set(auth(officer)).set('Idempotency-Key', key).send(dialogueBody()).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await t.head()).toBe(head);
    await t
      .http()
      .post('/api/dialogues')
      .set(auth(officer))
      .set('Idempotency-Key', key)
      .send(dialogueBody({ topic: 'something else' }))
      .expect(409);
    expect(await t.head()).toBe(head);
  });

  it('keeps the same answer for concurrent repeats of one Idempotency-Key', async () => {
    const key = randomUUID();
    const head = await t.head();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.http().post('/api/dialogues').set(auth(officer)).set('Idempotency-Key', key).send(dialogueBody()),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.position)).size).toBe(1);
    expect(await t.head()).toBe(head + 1);
  });

  it('refuses a dialogue outside the officer\'s commune with 403 and appends nothing', async () => {
    const head = await t.head();
    const response = await t
      .http()
      .post('/api/dialogues')
      .set(auth(officer))
      .send(dialogueBody({ unitCode: '05911' }))
      .expect(403);
    expect(response.body.message).toMatch(/scope/);
    expect(await t.head()).toBe(head);
  });

  it('lets a district officer record in its communes only', async () => {
    const district = await t.user('vonhai.officer', 'officer', '170');
    await t.http().post('/api/dialogues').set(auth(district)).send(dialogueBody({ unitCode: '05722' })).expect(201);
    await t.http().post('/api/dialogues').set(auth(district)).send(dialogueBody({ unitCode: '05911' })).expect(403);
  });

  it('replays the log in order as JSON and as NDJSON', async () => {
    const page = await t.http().get('/api/events?after=0&limit=3').set(auth(supervisor)).expect(200);
    expect(page.body.items.map((e: { position: number }) => e.position)).toEqual([1, 2, 3]);
    expect(page.body.next).toBe(3);
    expect(JSON.stringify(page.body)).not.toContain('passwordHash');
    const stream = await t
      .http()
      .get('/api/events?type=DialogueHeld')
      .set(auth(supervisor))
      .set('Accept', 'application/x-ndjson')
      .expect(200);
    expect(stream.headers['content-type']).toContain('application/x-ndjson');
    const lines = stream.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.every((e: { type: string }) => e.type === 'DialogueHeld')).toBe(true);
    const positions = lines.map((e: { position: number }) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('answers indicators as of an earlier position', async () => {
    const { body } = await t.http().post('/api/dialogues').set(auth(officer)).send(dialogueBody({ participants: { total: 10, women: 5 } })).expect(201);
    const now = await indicator('19', 'dialogues.participants');
    const then = await indicator('19', 'dialogues.participants', `&asOf=position:${body.position - 1}`);
    expect(now! - then!).toBe(10);
  });

  it('stops a disabled user at once', async () => {
    const token = await t.user('soon.gone', 'officer', '05752');
    await t.http().post('/api/users/soon.gone/disable').set(auth(await t.adminToken())).expect(204);
    await t.http().post('/api/dialogues').set(auth(token)).send(dialogueBody()).expect(401);
    await t.http().post('/api/auth/login').send({ username: 'soon.gone', password: 'soon.gone-password-long' }).expect(401);
    const audit = await t.http().get('/api/audit?streamId=user-soon.gone').set(auth(await t.adminToken())).expect(200);
    expect(audit.body.items.map((e: { type: string }) => e.type)).toEqual(['UserRegistered', 'UserDisabled']);
  });
});
