import * as fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type request from 'supertest';
import { findUser } from '../projections/users/users.projection';
import { AccessTokens } from '../src/identity/access-token';
import { businessToday } from '../src/shared/business-date';
import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

/**
 * Every row of the contract's status table, for dialogues and the read endpoints: the
 * status, a JSON error that names the field, and nothing appended to the log.
 */
describe('bad input', () => {
  let t: TestLedger;
  /** Officer of Liên Minh commune (05752, district 170). */
  let officer: string;
  /** Officer of Phú Bình district (173): outside Liên Minh. */
  let otherOfficer: string;
  /** Officer of the whole province. */
  let provinceOfficer: string;
  let supervisor: string;
  let viewer: string;
  let admin: string;
  /** A held dialogue in Liên Minh, revision 0. */
  let dialogueId: string;
  /** A voided dialogue in Liên Minh, revision 1. */
  let voidedId: string;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const json = { 'Content-Type': 'application/json' };
  const dayAfter = (date: string) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestLedger();
    admin = await t.adminToken();
    officer = await t.user('lienminh.officer', 'officer', '05752');
    otherOfficer = await t.user('phubinh.officer', 'officer', '173');
    provinceOfficer = await t.user('province.officer', 'officer', '19');
    supervisor = await t.user('province.supervisor', 'supervisor', '19');
    viewer = await t.user('province.viewer', 'viewer', '19');
    dialogueId = (
      await t.http().post('/api/dialogues').set(auth(officer)).send(dialogueBody()).expect(201)
    ).body.id;
    voidedId = (
      await t.http().post('/api/dialogues').set(auth(officer)).send(dialogueBody()).expect(201)
    ).body.id;
    await t
      .http()
      .post(`/api/dialogues/${voidedId}/void`)
      .set(auth(officer))
      .send({ reason: 'entered twice' })
      .expect(201);
  });
  afterAll(() => t.close());

  /** The request is refused with `status`, a contract-shaped body whose message matches, and no append. */
  async function expectRefused(
    send: () => request.Test,
    status: number,
    message: RegExp,
  ): Promise<void> {
    const head = await t.head();
    const response = await send();
    expect({ status: response.status, body: response.body as unknown }).toEqual({
      status,
      body: {
        statusCode: status,
        error: STATUS_CODES[status],
        message: expect.stringMatching(message),
      },
    });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(await t.head()).toBe(head);
  }

  const postDialogue =
    (body: unknown, token = officer) =>
    () =>
      t.http().post('/api/dialogues').set(auth(token)).set(json).send(JSON.stringify(body));
  const postRaw =
    (path: string, raw: string, headers: Record<string, string> = json, token = officer) =>
    () =>
      t.http().post(path).set(auth(token)).set(headers).send(raw);
  const correct =
    (id: string, body: unknown, token = officer, ifMatch?: string) =>
    () => {
      const req = t.http().post(`/api/dialogues/${id}/corrections`).set(auth(token)).set(json);
      return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(
        JSON.stringify(body),
      );
    };
  const voidIt =
    (id: string, body: unknown, token = officer, ifMatch?: string) =>
    () => {
      const req = t.http().post(`/api/dialogues/${id}/void`).set(auth(token)).set(json);
      return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(
        JSON.stringify(body),
      );
    };
  const get =
    (path: string, token = supervisor) =>
    () =>
      t.http().get(path).set(auth(token));

  const participants = (p: Record<string, unknown>) => dialogueBody({ participants: p });
  const without = (field: string) => {
    const body = dialogueBody();
    delete body[field];
    return body;
  };

  describe('POST /api/dialogues', () => {
    describe('a body that is not a JSON object', () => {
      it.each([
        ['malformed JSON', '{"level": "commune", "unitCode": ', /not valid JSON/],
        ['a trailing comma', '{"level": "commune",}', /not valid JSON/],
        ['an empty body', '', /empty/],
        ['a JSON array', JSON.stringify([dialogueBody()]), /must be a JSON object/],
        ['JSON null', 'null', /must be a JSON object/],
        ['a JSON string', '"a dialogue"', /must be a JSON object/],
        ['a JSON number', '92', /must be a JSON object/],
        [
          'a __proto__ key',
          '{"__proto__": {"role": "admin"}, "level": "commune"}',
          /not valid JSON/,
        ],
        [
          'a constructor.prototype key',
          '{"constructor": {"prototype": {"role": "admin"}}, "level": "commune"}',
          /not valid JSON/,
        ],
      ])('refuses %s with 400', (_, raw, message) =>
        expectRefused(postRaw('/api/dialogues', raw), 400, message),
      );
    });

    it.each([
      ['a top-level field', { ...dialogueBody(), women: 60 }, /^women is not a known field/],
      [
        'a nested field',
        participants({ total: 92, women: 60, men: 32 }),
        /participants\.men is not a known field/,
      ],
      ['a role', { ...dialogueBody(), role: 'admin' }, /role is not a known field/],
      [
        'an actor',
        { ...dialogueBody(), actor: { username: 'admin' } },
        /actor is not a known field/,
      ],
      [
        'a recordedAt',
        { ...dialogueBody(), recordedAt: '2023-10-12T00:00:00Z' },
        /recordedAt is not a known field/,
      ],
    ])('refuses an unknown field (%s) with 400', (_, body, message) =>
      expectRefused(postDialogue(body), 400, message),
    );

    it.each([
      ['level', without('level'), /level must be commune or village_cluster/],
      ['unitCode', without('unitCode'), /unitCode must be a string/],
      ['heldOn', without('heldOn'), /heldOn must be a date written YYYY-MM-DD/],
      ['topic', without('topic'), /topic must be a string/],
      ['participants', without('participants'), /participants must be an object/],
      [
        'participants.total',
        participants({ women: 60 }),
        /participants\.total must be a whole number/,
      ],
      [
        'participants.women',
        participants({ total: 92 }),
        /participants\.women must be a whole number/,
      ],
      ['everything', {}, /level.*unitCode.*heldOn.*topic.*participants/],
    ])('refuses a missing %s with 400', (_, body, message) =>
      expectRefused(postDialogue(body), 400, message),
    );

    it.each([
      [
        '"92" for a number',
        participants({ total: '92', women: 60 }),
        /participants\.total must be a whole number/,
      ],
      [
        '"60" for a number',
        participants({ total: 92, women: '60' }),
        /participants\.women must be a whole number/,
      ],
      [
        '12.5 for a whole number',
        participants({ total: 12.5, women: 1 }),
        /participants\.total must be a whole number/,
      ],
      [
        'true for a number',
        participants({ total: true, women: 1 }),
        /participants\.total must be a whole number/,
      ],
      [
        'participants as a string',
        dialogueBody({ participants: '92 people, 60 women' }),
        /participants must be an object/,
      ],
      [
        'participants as an array',
        dialogueBody({ participants: [92, 60] }),
        /participants must be an object/,
      ],
      [
        'participants as null',
        dialogueBody({ participants: null }),
        /participants must be an object/,
      ],
      [
        '"true" for true',
        dialogueBody({ provincialSupport: 'true' }),
        /provincialSupport must be a boolean/,
      ],
      ['1 for true', dialogueBody({ provincialSupport: 1 }), /provincialSupport must be a boolean/],
      ['a number for the unit code', dialogueBody({ unitCode: 5752 }), /unitCode must be a string/],
      ['a number for the date', dialogueBody({ heldOn: 20231012 }), /heldOn must be a date/],
      ['a number for the topic', dialogueBody({ topic: 42 }), /topic must be a string/],
      ['an object for the topic', dialogueBody({ topic: { vi: 'x' } }), /topic must be a string/],
      [
        'an unknown level',
        dialogueBody({ level: 'province' }),
        /level must be commune or village_cluster/,
      ],
      ['a non-UUID id', dialogueBody({ id: 'dialogue-1' }), /id must be a UUID/],
      ['a null topic', dialogueBody({ topic: null }), /topic must be a string/],
      ['a number for notes', dialogueBody({ notes: 7 }), /notes must be a string/],
      ['null notes', dialogueBody({ notes: null }), /notes must be a string/],
      [
        'null for true',
        dialogueBody({ provincialSupport: null }),
        /provincialSupport must be a boolean/,
      ],
    ])('refuses a wrong type (%s) with 400', (_, body, message) =>
      expectRefused(postDialogue(body), 400, message),
    );

    it('refuses impossible values with 400, naming the field', async () => {
      const tomorrow = dayAfter(businessToday(new Date()));
      const cases: [Record<string, unknown>, RegExp][] = [
        [
          participants({ total: 92, women: 93 }),
          /participants\.women \(93\) cannot be more than participants\.total \(92\)/,
        ],
        [participants({ total: -1, women: 0 }), /participants\.total must not be less than 0/],
        [participants({ total: 10, women: -3 }), /participants\.women must not be less than 0/],
        [
          participants({ total: 10_000_000, women: 3 }),
          /participants\.total must not be greater than/,
        ],
        [
          dialogueBody({ heldOn: '2023-02-30' }),
          /heldOn must be a date written YYYY-MM-DD that exists/,
        ],
        [dialogueBody({ heldOn: '2023-13-01' }), /heldOn must be a date/],
        [
          dialogueBody({ heldOn: '2023-10-12T00:00:00Z' }),
          /heldOn must be a date written YYYY-MM-DD/,
        ],
        [dialogueBody({ heldOn: '12/10/2023' }), /heldOn must be a date/],
        [dialogueBody({ heldOn: '2023-1-5' }), /heldOn must be a date/],
        [dialogueBody({ heldOn: tomorrow }), new RegExp(`heldOn ${tomorrow} is in the future`)],
        [dialogueBody({ topic: '' }), /topic should not be empty/],
        [dialogueBody({ topic: 'x'.repeat(501) }), /topic must be shorter than or equal to 500/],
        [
          dialogueBody({ unitCode: '99999' }),
          /unitCode 99999 is not a known administrative unit code/,
        ],
        [dialogueBody({ unitCode: 'Liên Minh' }), /unitCode must be a GSO unit code/],
        [dialogueBody({ unitCode: '5752' }), /unitCode must be a GSO unit code/],
        [
          dialogueBody({ unitCode: '170' }),
          /unitCode 170 \(Huyện Võ Nhai\) is a district; this record needs a commune/,
        ],
        [
          dialogueBody({ unitCode: '19' }),
          /unitCode 19 .* is a province; this record needs a commune/,
        ],
        [
          dialogueBody({ heldOn: '2025-07-02' }),
          /unitCode 05752 \(Xã Liên Minh\) did not exist on 2025-07-02; from 2025-07-01 it is part of 05746/,
        ],
      ];
      for (const [body, message] of cases)
        await expectRefused(postDialogue(body, provinceOfficer), 400, message);
    });

    it('takes today in Viet Nam as the last allowed date', async () => {
      // 05746 exists in both catalogue versions, so only the date can be wrong.
      const today = businessToday(new Date());
      await t
        .http()
        .post('/api/dialogues')
        .set(auth(provinceOfficer))
        .send(dialogueBody({ unitCode: '05746', heldOn: today }))
        .expect(201);
      await expectRefused(
        postDialogue(dialogueBody({ unitCode: '05746', heldOn: dayAfter(today) }), provinceOfficer),
        400,
        /is in the future/,
      );
    });

    it("refuses a unit outside the officer's scope with 403", async () => {
      await expectRefused(
        postDialogue(dialogueBody({ unitCode: '05911' })),
        403,
        /unit 05911 is outside your scope/,
      );
      await expectRefused(
        postDialogue(dialogueBody(), otherOfficer),
        403,
        /unit 05752 is outside your scope/,
      );
      // A Bắc Kạn commune before the 2025 merger is outside a Võ Nhai account.
      await expectRefused(
        postDialogue(dialogueBody({ unitCode: '01834' })),
        403,
        /unit 01834 is outside your scope/,
      );
    });

    it('refuses an id that is already recorded with 409', () =>
      expectRefused(postDialogue(dialogueBody({ id: dialogueId })), 409, /already recorded/));

    it('refuses a body over 1 MiB with 413', () =>
      expectRefused(
        postDialogue(dialogueBody({ notes: 'x'.repeat(1024 * 1024 + 1) })),
        413,
        /larger than 1 MiB/,
      ));

    it.each([
      ['text/plain', JSON.stringify(dialogueBody())],
      ['application/x-www-form-urlencoded', 'level=commune&unitCode=05752'],
      ['application/xml', '<dialogue/>'],
      ['multipart/form-data; boundary=x', '--x--'],
    ])('refuses Content-Type %s with 415', (type, raw) =>
      expectRefused(
        postRaw('/api/dialogues', raw, { 'Content-Type': type }),
        415,
        /Content-Type: application\/json/,
      ),
    );

    it('accepts application/json with a charset', async () => {
      await t
        .http()
        .post('/api/dialogues')
        .set(auth(officer))
        .set('Content-Type', 'application/json; charset=utf-8')
        .send(JSON.stringify(dialogueBody()))
        .expect(201);
    });

    it('refuses a malformed Idempotency-Key with 400', () =>
      expectRefused(
        () => postDialogue(dialogueBody())().set('Idempotency-Key', 'not a key!'),
        400,
        /Idempotency-Key must be/,
      ));
  });

  describe('tokens and roles', () => {
    it('refuses no token, a malformed, forged or expired token with 401', async () => {
      const send = (authorization?: string) => () => {
        const req = t.http().post('/api/dialogues').set(json);
        return (authorization === undefined ? req : req.set('Authorization', authorization)).send(
          JSON.stringify(dialogueBody()),
        );
      };
      await expectRefused(send(), 401, /log in first/);
      await expectRefused(send('Bearer'), 401, /log in first/);
      await expectRefused(
        send(`Basic ${Buffer.from('admin:x').toString('base64')}`),
        401,
        /log in first/,
      );
      await expectRefused(send('Bearer abc'), 401, /malformed/);
      await expectRefused(send('Bearer a.b.c'), 401, /malformed/);

      // Forged: the officer's token with the payload swapped for the admin's.
      const [header, , signature] = officer.split('.');
      const adminUser = findUser(t.ledger.readModels, 'admin');
      const payload = Buffer.from(
        JSON.stringify({ sub: adminUser?.user_id, usr: 'admin', iat: 1, exp: 4_000_000_000 }),
      ).toString('base64url');
      await expectRefused(send(`Bearer ${header}.${payload}.${signature}`), 401, /not valid/);
      // Signed with another secret.
      const stranger = new AccessTokens('a-secret-that-is-not-the-ledgers-own-secret', 3600);
      const lienMinh = findUser(t.ledger.readModels, 'lienminh.officer');
      await expectRefused(
        send(`Bearer ${stranger.issue(lienMinh?.user_id ?? '', 'lienminh.officer', new Date())}`),
        401,
        /not valid/,
      );
      // Unsigned ("alg": "none").
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      await expectRefused(send(`Bearer ${none}.${payload}.`), 401, /malformed/);
      // Well signed, but expired.
      const tokens = t.app.get(AccessTokens);
      const expired = tokens.issue(
        lienMinh?.user_id ?? '',
        'lienminh.officer',
        new Date(Date.now() - 2 * tokens.ttlSeconds * 1000),
      );
      await expectRefused(send(`Bearer ${expired}`), 401, /expired/);
    });

    it('refuses a role that may not record with 403', async () => {
      await expectRefused(postDialogue(dialogueBody(), supervisor), 403, /needs the role officer/);
      await expectRefused(postDialogue(dialogueBody(), viewer), 403, /needs the role officer/);
      await expectRefused(postDialogue(dialogueBody(), admin), 403, /needs the role officer/);
      await expectRefused(
        correct(dialogueId, { changes: { topic: 'x' }, reason: 'r' }, supervisor),
        403,
        /role/,
      );
      await expectRefused(voidIt(dialogueId, { reason: 'r' }, viewer), 403, /role/);
    });

    it('refuses reading the audit trail and the log without the role with 403', async () => {
      await expectRefused(get('/api/audit', officer), 403, /needs the role supervisor or admin/);
      await expectRefused(get('/api/events', viewer), 403, /needs the role supervisor or admin/);
    });
  });

  describe('POST /api/dialogues/{id}/corrections', () => {
    it.each([
      ['malformed JSON', '{"changes": {', /not valid JSON/],
      ['a JSON array', '[]', /must be a JSON object/],
      ['JSON null', 'null', /must be a JSON object/],
    ])('refuses %s with 400', async (_, raw, message) =>
      expectRefused(postRaw(`/api/dialogues/${dialogueId}/corrections`, raw), 400, message),
    );

    it.each([
      ['no reason', { changes: { topic: 'x' } }, /reason is required/],
      ['an empty reason', { changes: { topic: 'x' }, reason: '' }, /reason is required/],
      ['a number as reason', { changes: { topic: 'x' }, reason: 12 }, /^reason is required/],
      ['no changes', { reason: 'r' }, /changes must be an object/],
      ['empty changes', { changes: {}, reason: 'r' }, /^changes/],
      ['changes as a string', { changes: 'topic=x', reason: 'r' }, /changes must be an object/],
      [
        'an unknown top-level field',
        { changes: { topic: 'x' }, reason: 'r', actor: 'admin' },
        /actor is not a known field/,
      ],
      [
        'an unknown field in changes',
        { changes: { colour: 'red' }, reason: 'r' },
        /changes\.colour is not a known field/,
      ],
      [
        'a status in changes',
        { changes: { status: 'held' }, reason: 'r' },
        /changes\.status is not a known field/,
      ],
      [
        'an id in changes',
        { changes: { id: randomUUID() }, reason: 'r' },
        /changes\.id is not a known field/,
      ],
      [
        'an unknown nested field in changes',
        { changes: { participants: { men: 3 } }, reason: 'r' },
        /changes\.participants\.men is not a known field/,
      ],
      [
        '"61" for a number',
        { changes: { participants: { women: '61' } }, reason: 'r' },
        /changes\.participants\.women must be a whole number/,
      ],
      [
        '12.5 for a whole number',
        { changes: { participants: { total: 12.5 } }, reason: 'r' },
        /changes\.participants\.total must be a whole number/,
      ],
      [
        'participants as a string',
        { changes: { participants: '92' }, reason: 'r' },
        /changes\.participants must be an object/,
      ],
      [
        'a null topic',
        { changes: { topic: null }, reason: 'r' },
        /changes\.topic must be a string/,
      ],
      ['a null date', { changes: { heldOn: null }, reason: 'r' }, /changes\.heldOn must be a date/],
      [
        'a null unit',
        { changes: { unitCode: null }, reason: 'r' },
        /changes\.unitCode must be a string/,
      ],
      [
        'a null level',
        { changes: { level: null }, reason: 'r' },
        /changes\.level must be commune or village_cluster/,
      ],
      [
        'null participants',
        { changes: { participants: null }, reason: 'r' },
        /changes\.participants must be an object/,
      ],
      [
        'a null count',
        { changes: { participants: { women: null } }, reason: 'r' },
        /changes\.participants\.women must be a whole number/,
      ],
      [
        '"true" for true',
        { changes: { provincialSupport: 'true' }, reason: 'r' },
        /changes\.provincialSupport must be a boolean/,
      ],
      [
        'an impossible date',
        { changes: { heldOn: '2023-02-30' }, reason: 'r' },
        /changes\.heldOn must be a date/,
      ],
      [
        'a time for a date',
        { changes: { heldOn: '2023-10-12T00:00:00Z' }, reason: 'r' },
        /changes\.heldOn must be a date/,
      ],
      [
        'women above the recorded total',
        { changes: { participants: { women: 93 } }, reason: 'r' },
        /participants\.women \(93\) cannot be more than participants\.total \(92\)/,
      ],
      [
        'a total below the recorded women',
        { changes: { participants: { total: 59 } }, reason: 'r' },
        /participants\.women \(60\) cannot be more than participants\.total \(59\)/,
      ],
      [
        'a district for a commune',
        { changes: { unitCode: '170' }, reason: 'r' },
        /unitCode 170 .* is a district/,
      ],
      [
        'an unknown unit',
        { changes: { unitCode: '99999' }, reason: 'r' },
        /unitCode 99999 is not a known/,
      ],
      [
        'a date on which the commune no longer existed',
        { changes: { heldOn: '2025-07-01' }, reason: 'r' },
        /unitCode 05752 .* did not exist on 2025-07-01; from 2025-07-01 it is part of 05746/,
      ],
      [
        'nothing that differs',
        { changes: { topic: dialogueBody().topic }, reason: 'r' },
        /nothing to correct/,
      ],
    ])('refuses %s with 400', (_, body, message) =>
      expectRefused(correct(dialogueId, body), 400, message),
    );

    it('refuses a future date with 400', () => {
      const tomorrow = dayAfter(businessToday(new Date()));
      return expectRefused(
        correct(dialogueId, { changes: { heldOn: tomorrow }, reason: 'r' }),
        400,
        /is in the future/,
      );
    });

    it('refuses an unknown id with 404, and a dialogue outside the scope with 403', async () => {
      await expectRefused(
        correct(randomUUID(), { changes: { topic: 'x' }, reason: 'r' }),
        404,
        /no dialogue with id/,
      );
      await expectRefused(
        correct('not-even-a-uuid', { changes: { topic: 'x' }, reason: 'r' }),
        404,
        /no dialogue/,
      );
      await expectRefused(
        correct(dialogueId, { changes: { topic: 'x' }, reason: 'r' }, otherOfficer),
        403,
        /outside your scope/,
      );
      // Moving a record out of one's own scope is refused too.
      await expectRefused(
        correct(dialogueId, { changes: { unitCode: '05911' }, reason: 'r' }),
        403,
        /unit 05911 is outside/,
      );
    });

    it('refuses a malformed If-Match with 400 and a stale one with 412', async () => {
      for (const ifMatch of ['abc', '"abc"', '"-1"', '"1.5"', '"0', '*', '"0", "1"']) {
        await expectRefused(
          correct(dialogueId, { changes: { topic: 'x' }, reason: 'r' }, officer, ifMatch),
          400,
          /If-Match must be/,
        );
      }
      await expectRefused(
        correct(dialogueId, { changes: { topic: 'x' }, reason: 'r' }, officer, '"7"'),
        412,
        /revision 7/,
      );
    });

    it('refuses correcting a voided dialogue with 409', () =>
      expectRefused(correct(voidedId, { changes: { topic: 'x' }, reason: 'late' }), 409, /voided/));
  });

  describe('POST /api/dialogues/{id}/void', () => {
    it.each([
      ['no reason', {}, /reason is required/],
      ['an empty reason', { reason: '' }, /reason is required/],
      ['a number as reason', { reason: 12 }, /reason is required/],
      ['an unknown field', { reason: 'r', force: true }, /force is not a known field/],
      [
        'a reason over 1000 characters',
        { reason: 'x'.repeat(1001) },
        /reason must be shorter than or equal to 1000/,
      ],
    ])('refuses %s with 400', (_, body, message) =>
      expectRefused(voidIt(dialogueId, body), 400, message),
    );

    it('refuses malformed JSON and a JSON string with 400', async () => {
      await expectRefused(
        postRaw(`/api/dialogues/${dialogueId}/void`, '{reason: "x"}'),
        400,
        /not valid JSON/,
      );
      await expectRefused(
        postRaw(`/api/dialogues/${dialogueId}/void`, '"entered twice"'),
        400,
        /JSON object/,
      );
    });

    it('refuses an unknown id (404), another scope (403), a second void (409), a stale If-Match (412)', async () => {
      await expectRefused(voidIt(randomUUID(), { reason: 'r' }), 404, /no dialogue with id/);
      await expectRefused(
        voidIt(dialogueId, { reason: 'r' }, otherOfficer),
        403,
        /outside your scope/,
      );
      await expectRefused(voidIt(voidedId, { reason: 'again' }), 409, /voided/);
      await expectRefused(voidIt(dialogueId, { reason: 'r' }, officer, '"3"'), 412, /revision 3/);
      await expectRefused(
        voidIt(dialogueId, { reason: 'r' }, officer, 'W/"zero"'),
        400,
        /If-Match must be/,
      );
    });
  });

  describe("the contract's order of refusals: 401, 403 role, 400, 403 scope, 404, 409, 412", () => {
    const invalid = dialogueBody({ participants: { total: 1, women: 2 }, unitCode: '05911' });

    it('answers 401 before anything else', () =>
      expectRefused(
        () =>
          t
            .http()
            .post('/api/dialogues')
            .set(json)
            .send(JSON.stringify({ nonsense: true })),
        401,
        /log in/,
      ));

    it('answers 403 for the role before 400 for the body', () =>
      expectRefused(postDialogue({ nonsense: true }, supervisor), 403, /role/));

    it('answers 400 for the body before 403 for the scope', async () => {
      await expectRefused(postDialogue(invalid), 400, /participants\.women/);
      await expectRefused(
        postDialogue({ ...dialogueBody({ unitCode: '05911' }), extra: 1 }),
        400,
        /extra is not a known field/,
      );
      await expectRefused(
        correct(
          dialogueId,
          { changes: { participants: { women: 500 } }, reason: 'r' },
          otherOfficer,
        ),
        400,
        /participants\.women/,
      );
      await expectRefused(voidIt(dialogueId, {}, otherOfficer), 400, /reason is required/);
      await expectRefused(
        () => postDialogue(dialogueBody({ unitCode: '05911' }))().set('If-Match', 'garbage'),
        400,
        /If-Match must be/,
      );
    });

    it('answers 403 for the scope when the body is valid, before 409 and 412', async () => {
      await expectRefused(postDialogue(dialogueBody({ unitCode: '05911' })), 403, /scope/);
      await expectRefused(voidIt(voidedId, { reason: 'r' }, otherOfficer), 403, /scope/);
      await expectRefused(voidIt(dialogueId, { reason: 'r' }, otherOfficer, '"9"'), 403, /scope/);
      await expectRefused(
        correct(voidedId, { changes: { topic: 'x' }, reason: 'r' }, otherOfficer, '"9"'),
        403,
        /scope/,
      );
    });

    it('answers 404 for an unknown id before 412', () =>
      expectRefused(voidIt(randomUUID(), { reason: 'r' }, officer, '"4"'), 404, /no dialogue/));

    it('answers 409 on a voided dialogue before 412 for a stale If-Match', async () => {
      await expectRefused(
        correct(voidedId, { changes: { topic: 'x' }, reason: 'r' }, officer, '"0"'),
        409,
        /voided/,
      );
      await expectRefused(voidIt(voidedId, { reason: 'r' }, officer, '"0"'), 409, /voided/);
    });

    it('answers 412 only when everything else is right', async () => {
      await expectRefused(
        correct(dialogueId, { changes: { topic: 'new' }, reason: 'r' }, officer, '"1"'),
        412,
        /revision/,
      );
      await expectRefused(
        () => postDialogue(dialogueBody({ id: dialogueId }))().set('If-Match', '"5"'),
        409,
        /already recorded/,
      );
    });
  });

  describe('read endpoints', () => {
    it('GET /api/dialogues/{id}: 401 without a token, 404 unknown, 403 outside the scope', async () => {
      await expectRefused(() => t.http().get(`/api/dialogues/${dialogueId}`), 401, /log in/);
      await expectRefused(get(`/api/dialogues/${randomUUID()}`), 404, /no dialogue with id/);
      await expectRefused(
        get(`/api/dialogues/${dialogueId}`, otherOfficer),
        403,
        /unit 05752 is outside your scope/,
      );
    });

    it.each([
      ['an unknown parameter', '?unit=19&colour=red', /unknown query parameter colour/],
      ['an unknown unit', '?unit=99999', /unit 99999 is not a known administrative unit code/],
      [
        'a unit that is not a code',
        '?unit=Th%C3%A1i%20Nguy%C3%AAn',
        /is not a known administrative unit code/,
      ],
      ['an impossible from', '?from=2023-02-30', /from must be a date written YYYY-MM-DD/],
      ['a time as to', '?to=2023-10-12T00:00:00Z', /to must be a date written YYYY-MM-DD/],
      [
        'from after to',
        '?from=2024-01-01&to=2023-01-01',
        /from \(2024-01-01\) is after to \(2023-01-01\)/,
      ],
      ['a repeated parameter', '?unit=19&unit=170', /unit must be given once/],
      ['a malformed asOf', '?asOf=yesterday', /asOf must be position:N or an ISO time/],
      ['a negative asOf position', '?asOf=position:-1', /asOf must be/],
      ['an asOf time without a zone', '?asOf=2024-01-01T10:00:00', /asOf must be/],
      ['an impossible asOf date', '?asOf=2023-02-30', /asOf must be/],
      ['an impossible asOf time', '?asOf=2023-02-30T10:00:00Z', /asOf must be/],
      ['an unknown geography', '?geography=imaginary', /geography must be one of/],
      ['an unknown grouping', '?by=village', /by must be one of/],
    ])('GET /api/indicators refuses %s with 400', (_, query, message) =>
      expectRefused(get(`/api/indicators${query}`), 400, message),
    );

    it('GET /api/indicators refuses a unit outside the scope with 403, and 401 without a token', async () => {
      await expectRefused(
        get('/api/indicators?unit=173', officer),
        403,
        /unit 173 is outside your scope/,
      );
      await expectRefused(
        get('/api/indicators?unit=05752', otherOfficer),
        403,
        /unit 05752 is outside your scope/,
      );
      await expectRefused(() => t.http().get('/api/indicators'), 401, /log in/);
      await expectRefused(
        () => t.http().get('/api/indicators').set('Authorization', 'Bearer x.y.z'),
        401,
        /malformed|not valid/,
      );
    });

    it.each([
      ['/api/audit?limit=0', /limit must be a whole number from 1 to 10000/],
      ['/api/audit?limit=10001', /limit must be a whole number from 1 to 10000/],
      ['/api/audit?after=-1', /after must be a whole number/],
      ['/api/audit?from=last%20week', /from must be a date YYYY-MM-DD or an ISO time/],
      ['/api/audit?from=2023-02-30', /from must be a date YYYY-MM-DD or an ISO time/],
      ['/api/audit?to=2023-02-30T10:00:00Z', /to must be a date YYYY-MM-DD or an ISO time/],
      ['/api/audit?unit=99999', /unit 99999 is not a known/],
      ['/api/audit?asOf=soon', /asOf must be/],
      ['/api/audit?actor=admin&actor=x', /actor must be given once/],
      ['/api/audit?role=admin', /unknown query parameter role/],
      ['/api/events?after=abc', /after must be a whole number/],
      ['/api/events?after=1.5', /after must be a whole number/],
      ['/api/events?limit=0', /limit must be a whole number from 1 to 10000/],
      ['/api/events?limit=99999999999999999999', /limit must be a whole number from 1 to 10000/],
      ['/api/events?unit=abc', /unit abc is not a known/],
      ['/api/events?since=3', /unknown query parameter since/],
    ])('GET %s answers 400', (path, message) => expectRefused(get(path), 400, message));

    it("GET /api/audit and /api/events refuse a unit outside the reader's scope with 403", async () => {
      const districtSupervisor = await t.user('phubinh.supervisor', 'supervisor', '173');
      await expectRefused(
        get('/api/audit?unit=170', districtSupervisor),
        403,
        /unit 170 is outside your scope/,
      );
      await expectRefused(
        get('/api/events?unit=05752', districtSupervisor),
        403,
        /unit 05752 is outside your scope/,
      );
    });

    it('answers an unknown route with a JSON 404', () =>
      expectRefused(get('/api/nothing-here'), 404, /nothing-here/));
  });

  describe('fuzzing', () => {
    const DIALOGUE_PATHS = [
      'level',
      'unitCode',
      'heldOn',
      'topic',
      'participants',
      'participants.total',
      'participants.women',
      'provincialSupport',
      'notes',
      'id',
    ];
    const CORRECTION_PATHS = [
      'changes',
      'reason',
      ...DIALOGUE_PATHS.map((path) => `changes.${path}`),
    ];
    /** Values that look almost right: the confusions a careless client makes. */
    const nearMiss = fc.constantFrom(
      null,
      '12',
      12.5,
      -1,
      0,
      true,
      'true',
      [],
      {},
      '',
      '2023-02-30',
      '05752',
      '170',
      1e308,
    );
    const value = fc.oneof(
      { weight: 3, arbitrary: nearMiss },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
      { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
    );
    type Mutation =
      | { op: 'set'; path: string; value: unknown }
      | { op: 'delete'; path: string }
      | { op: 'replace'; value: unknown };
    const mutation = (paths: readonly string[]): fc.Arbitrary<Mutation> => {
      const path = fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...paths) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      );
      return fc.oneof(
        { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), path, value }) },
        { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), path }) },
        { weight: 1, arbitrary: fc.record({ op: fc.constant('replace' as const), value }) },
      );
    };

    /** The body with each mutation applied along its dotted path (skipped where the path is gone). */
    function mutate(body: Record<string, unknown>, mutations: readonly Mutation[]): unknown {
      let result: unknown = body;
      for (const m of mutations) {
        if (m.op === 'replace') {
          result = structuredClone(m.value);
          continue;
        }
        const path = m.path.split('.');
        const last = path.pop() ?? '';
        let target: unknown = result;
        for (const step of path)
          target =
            typeof target === 'object' && target !== null
              ? (target as Record<string, unknown>)[step]
              : undefined;
        if (typeof target !== 'object' || target === null) continue;
        if (m.op === 'delete') delete (target as Record<string, unknown>)[last];
        // defineProperty, so that a "__proto__" key becomes a key of the body like any other.
        else
          Object.defineProperty(target, last, {
            value: structuredClone(m.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return result;
    }

    /**
     * No 5xx; a refusal is contract-shaped and appends nothing; an acceptance leaves a
     * dialogue that keeps its rules and read models that keep up with the log.
     */
    async function neverFails(
      path: string,
      valid: () => Record<string, unknown>,
      paths: readonly string[],
      runs: number,
    ): Promise<void> {
      await fc.assert(
        fc.asyncProperty(
          fc.array(mutation(paths), { minLength: 1, maxLength: 3 }),
          async (mutations) => {
            const raw = JSON.stringify(mutate(valid(), mutations)) ?? 'undefined';
            const head = await t.head();
            const response = await t
              .http()
              .post(path)
              .set(auth(provinceOfficer))
              .set(json)
              .send(raw);
            expect(response.status).toBeLessThan(500);
            if (response.status >= 400) {
              expect(response.body).toEqual({
                statusCode: response.status,
                error: STATUS_CODES[response.status],
                message: expect.any(String),
              });
              expect(await t.head()).toBe(head);
              return;
            }
            expect(t.ledger.runner.position).toBe(await t.head());
            const stored = await t
              .http()
              .get(`/api/dialogues/${response.body.id}`)
              .set(auth(supervisor))
              .expect(200);
            expect(stored.body).toMatchObject({
              level: expect.stringMatching(/^(commune|village_cluster)$/),
              unitCode: expect.stringMatching(/^\d{5}$/),
              heldOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
              topic: expect.any(String),
              participants: { total: expect.any(Number), women: expect.any(Number) },
            });
            const { total, women } = stored.body.participants as { total: number; women: number };
            expect(
              Number.isInteger(total) && Number.isInteger(women) && women >= 0 && women <= total,
            ).toBe(true);
            for (const optional of ['notes', 'provincialSupport'])
              expect(stored.body[optional]).not.toBeNull();
          },
        ),
        { numRuns: runs },
      );
    }

    it(
      'never answers 5xx to 200 mutated dialogues',
      () => neverFails('/api/dialogues', () => dialogueBody(), DIALOGUE_PATHS, 200),
      60_000,
    );

    it('never answers 5xx to 150 mutated corrections', async () => {
      const { body } = await t
        .http()
        .post('/api/dialogues')
        .set(auth(provinceOfficer))
        .send(dialogueBody())
        .expect(201);
      // A new topic each time, so that the unmutated correction always changes something.
      let run = 0;
      const valid = () => ({
        changes: { topic: `topic ${(run += 1)}`, participants: { women: run % 50 } },
        reason: 'recounted',
      });
      await neverFails(`/api/dialogues/${body.id}/corrections`, valid, CORRECTION_PATHS, 150);
    }, 60_000);

    it('never answers 5xx to 50 random JSON texts', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.json({ maxDepth: 3 }), fc.string()), async (raw) => {
          const head = await t.head();
          const response = await t
            .http()
            .post('/api/dialogues')
            .set(auth(officer))
            .set(json)
            .send(raw);
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(await t.head()).toBe(head);
        }),
        { numRuns: 50 },
      );
    });
  });
});
