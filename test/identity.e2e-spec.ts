import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../src/config/ledger-config';
import { createApp } from '../src/http/create-app';
import { ensureInitialAdmin, INITIAL_PASSWORD_FILE } from '../src/identity/initial-admin';
import { Ledger } from '../src/ledger/ledger';
import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('identity', () => {
  let t: TestLedger;
  let admin: string;

  beforeAll(async () => {
    t = await startTestLedger();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  /** The request is refused with `status` and a message matching `message`, and nothing is appended. */
  async function expectRefused(
    send: () => request.Test,
    status: number,
    message: RegExp,
  ): Promise<request.Response> {
    const head = await t.head();
    const response = await send();
    expect({ status: response.status, message: response.body.message as unknown }).toEqual({
      status,
      message: expect.stringMatching(message),
    });
    expect(await t.head()).toBe(head);
    return response;
  }

  const newUser =
    (body: Record<string, unknown>, token = admin) =>
    () =>
      t.http().post('/api/users').set(auth(token)).send(body);
  const valid = (overrides: Record<string, unknown> = {}) => ({
    username: 'new.officer',
    password: 'a-long-enough-password',
    role: 'officer',
    unitCode: '05752',
    ...overrides,
  });

  describe('login', () => {
    it('answers an access token and its lifetime, and the token opens the API', async () => {
      const response = await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'admin', password: 'admin-password-for-tests' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        expiresIn: 8 * 3600,
      });
      await t.http().get('/api/indicators').set(auth(response.body.accessToken)).expect(200);
    });

    it('refuses a wrong password and an unknown user with 401 and the same message', async () => {
      const wrong = await expectRefused(
        () =>
          t
            .http()
            .post('/api/auth/login')
            .send({ username: 'admin', password: 'not-the-password' }),
        401,
        /username or password is wrong/,
      );
      const unknown = await expectRefused(
        () =>
          t
            .http()
            .post('/api/auth/login')
            .send({ username: 'nobody.here', password: 'not-the-password' }),
        401,
        /username or password is wrong/,
      );
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.any(String),
      });
    });

    it('refuses a body without a username or password, or with other fields, with 400', async () => {
      const login = (body: unknown) => () =>
        t
          .http()
          .post('/api/auth/login')
          .send(body as object);
      await expectRefused(login({ password: 'admin-password-for-tests' }), 400, /username/);
      await expectRefused(login({ username: 'admin' }), 400, /password/);
      await expectRefused(
        login({ username: 'admin', password: 12345678901234 }),
        400,
        /password must be a string/,
      );
      await expectRefused(
        login({ username: 'admin', password: 'admin-password-for-tests', role: 'admin' }),
        400,
        /role is not a known field/,
      );
    });
  });

  describe('POST /api/users', () => {
    it('registers a user as an event and answers its username as id', async () => {
      const head = await t.head();
      const response = await newUser(
        valid({ username: 'first.officer', displayName: 'Hoàng Thị Lan' }),
      )();
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: 'first.officer',
        streamId: 'user-first.officer',
        revision: 0,
        position: head + 1,
      });
      await t.login('first.officer', 'a-long-enough-password');
      const events = await t
        .http()
        .get(`/api/events?after=${head}&type=UserRegistered`)
        .set(auth(admin))
        .expect(200);
      expect(events.body.items).toEqual([
        expect.objectContaining({
          type: 'UserRegistered',
          data: expect.objectContaining({
            username: 'first.officer',
            role: 'officer',
            unitCode: '05752',
          }),
          metadata: expect.objectContaining({
            actor: expect.objectContaining({ username: 'admin', role: 'admin' }),
          }),
        }),
      ]);
      expect(JSON.stringify(events.body)).not.toContain('a-long-enough-password');
    });

    it('accepts usernames of 3 and 32 characters of a-z 0-9 . _ -', async () => {
      await newUser(valid({ username: 'a.b' }))().then((r) => expect(r.status).toBe(201));
      await newUser(valid({ username: `x_-.${'9'.repeat(28)}` }))().then((r) =>
        expect(r.status).toBe(201),
      );
    });

    it.each([
      [
        'a username of 2 characters',
        valid({ username: 'ab' }),
        /username must be 3 to 32 characters/,
      ],
      [
        'a username of 33 characters',
        valid({ username: 'a'.repeat(33) }),
        /username must be 3 to 32 characters/,
      ],
      [
        'a username with capitals',
        valid({ username: 'Lan.Officer' }),
        /username must be 3 to 32 characters/,
      ],
      [
        'a username with a space',
        valid({ username: 'lan officer' }),
        /username must be 3 to 32 characters/,
      ],
      [
        'a username with a Vietnamese letter',
        valid({ username: 'lân' }),
        /username must be 3 to 32 characters/,
      ],
      [
        'a username with a slash',
        valid({ username: '../admin' }),
        /username must be 3 to 32 characters/,
      ],
      ['a number as username', valid({ username: 12345 }), /username must be a string/],
      [
        'a password of 11 characters',
        valid({ password: '12345678901' }),
        /password must be at least 12 characters/,
      ],
      ['a number as password', valid({ password: 123456789012345 }), /password must be a string/],
      [
        'an unknown role',
        valid({ role: 'superuser' }),
        /role must be one of admin, officer, case_worker, supervisor, viewer/,
      ],
      ['the system role', valid({ role: 'system' }), /role must be one of/],
      ['a role list', valid({ role: ['officer', 'admin'] }), /role must be one of/],
      [
        'an unknown unit',
        valid({ unitCode: '99999' }),
        /unitCode 99999 is not a known administrative unit code/,
      ],
      [
        'a unit name for a code',
        valid({ unitCode: 'Võ Nhai' }),
        /unitCode must be a GSO unit code/,
      ],
      ['no unit', valid({ unitCode: undefined }), /unitCode must be a string/],
      ['no role', valid({ role: undefined }), /role must be one of/],
      [
        'a userId',
        valid({ userId: 'f6c7e3c2-1111-4111-8111-111111111111' }),
        /userId is not a known field/,
      ],
      [
        'a passwordHash',
        valid({ passwordHash: 'scrypt$1$1$1$a$b' }),
        /passwordHash is not a known field/,
      ],
      ['a number as display name', valid({ displayName: 7 }), /displayName must be a string/],
    ])('refuses %s with 400', (_, body, message) => expectRefused(newUser(body), 400, message));

    it('refuses a username that is taken with 409', async () => {
      await newUser(valid({ username: 'taken.name' }))().then((r) => expect(r.status).toBe(201));
      await expectRefused(
        newUser(valid({ username: 'taken.name', role: 'viewer' })),
        409,
        /username taken\.name is already taken/,
      );
    });

    it('refuses anyone but an admin with 403', async () => {
      const officer = await t.user('users.officer', 'officer', '19');
      const supervisor = await t.user('users.supervisor', 'supervisor', '19');
      await expectRefused(
        newUser(valid({ username: 'made.by.officer' }), officer),
        403,
        /needs the role admin/,
      );
      await expectRefused(
        newUser(valid({ username: 'made.by.super', role: 'admin' }), supervisor),
        403,
        /needs the role admin/,
      );
      await expectRefused(() => t.http().post('/api/users').send(valid()), 401, /log in/);
    });

    it('lets an admin of a district give out access only within that district', async () => {
      const districtAdmin = await t.user('vonhai.admin', 'admin', '170');
      await newUser(valid({ username: 'lienminh.viewer', role: 'viewer' }), districtAdmin)().then(
        (r) => expect(r.status).toBe(201),
      );
      await expectRefused(
        newUser(valid({ username: 'phubinh.o', unitCode: '05911' }), districtAdmin),
        403,
        /unit 05911 is outside your scope/,
      );
      await expectRefused(
        newUser(valid({ username: 'phubinh.d', unitCode: '173' }), districtAdmin),
        403,
        /unit 173 is outside your scope/,
      );
      // Nor a province-wide account, which would see and manage more than its maker.
      await expectRefused(
        newUser(
          valid({ username: 'province.admin2', role: 'admin', unitCode: '19' }),
          districtAdmin,
        ),
        403,
        /unit 19 is outside your scope/,
      );
      // The body's rules come before the scope.
      await expectRefused(
        newUser(valid({ username: 'X', unitCode: '05911' }), districtAdmin),
        400,
        /username/,
      );
      const audit = await t
        .http()
        .get('/api/audit?streamId=user-lienminh.viewer')
        .set(auth(admin))
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          type: 'UserRegistered',
          actor: { username: 'vonhai.admin', role: 'admin' },
        }),
      ]);
    });
  });

  describe('POST /api/users/{username}/disable', () => {
    it("answers 204, stops the user's tokens at once and records who did it", async () => {
      const token = await t.user('leaving.officer', 'officer', '05752');
      await t.http().get('/api/indicators').set(auth(token)).expect(200);
      const response = await t.http().post('/api/users/leaving.officer/disable').set(auth(admin));
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      await expectRefused(() => t.http().get('/api/indicators').set(auth(token)), 401, /disabled/);
      await expectRefused(
        () => t.http().post('/api/dialogues').set(auth(token)).send(dialogueBody()),
        401,
        /disabled/,
      );
      await expectRefused(
        () =>
          t
            .http()
            .post('/api/auth/login')
            .send({ username: 'leaving.officer', password: 'leaving.officer-password-long' }),
        401,
        /disabled/,
      );
      const audit = await t
        .http()
        .get('/api/audit?streamId=user-leaving.officer')
        .set(auth(admin))
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({ type: 'UserRegistered' }),
        expect.objectContaining({
          type: 'UserDisabled',
          actor: { username: 'admin', role: 'admin' },
        }),
      ]);
    });

    it('refuses disabling twice (409), an unknown user (404), oneself (409), and a non-admin (403)', async () => {
      await t.user('twice.officer', 'officer', '05752');
      const officer = await t.user('disabling.officer', 'officer', '19');
      await t.http().post('/api/users/twice.officer/disable').set(auth(admin)).expect(204);
      await expectRefused(
        () => t.http().post('/api/users/twice.officer/disable').set(auth(admin)),
        409,
        /already disabled/,
      );
      await expectRefused(
        () => t.http().post('/api/users/nobody.at.all/disable').set(auth(admin)),
        404,
        /no user named nobody\.at\.all/,
      );
      await expectRefused(
        () => t.http().post('/api/users/admin/disable').set(auth(admin)),
        409,
        /your own account/,
      );
      await expectRefused(
        () => t.http().post('/api/users/admin/disable').set(auth(officer)),
        403,
        /needs the role admin/,
      );
    });

    it('refuses an admin of a district disabling a user of another district with 403', async () => {
      await t.user('phubinh.viewer', 'viewer', '173');
      const districtAdmin = await t.login('vonhai.admin', 'vonhai.admin-password-long');
      await expectRefused(
        () => t.http().post('/api/users/phubinh.viewer/disable').set(auth(districtAdmin)),
        403,
        /outside your scope/,
      );
    });
  });

  describe('roles and actors come from the token, never from the body', () => {
    it('refuses role or actor fields in a command body with 400', async () => {
      const officer = await t.user('body.officer', 'officer', '05752');
      const send = (body: Record<string, unknown>) => () =>
        t.http().post('/api/dialogues').set(auth(officer)).send(body);
      await expectRefused(
        send({ ...dialogueBody(), role: 'admin' }),
        400,
        /role is not a known field/,
      );
      await expectRefused(
        send({ ...dialogueBody(), actor: { username: 'admin', role: 'admin' } }),
        400,
        /actor is not a known field/,
      );
      await expectRefused(
        send({ ...dialogueBody(), unitScope: '19' }),
        400,
        /unitScope is not a known field/,
      );
    });

    it("writes the token's user in the audit trail whatever the request says", async () => {
      const officer = await t.login('body.officer', 'body.officer-password-long');
      const { body } = await t
        .http()
        .post('/api/dialogues')
        .set(auth(officer))
        .set('X-User', 'admin')
        .set('X-Forwarded-User', 'admin')
        .send(dialogueBody())
        .expect(201);
      const audit = await t
        .http()
        .get(`/api/audit?streamId=${body.streamId}`)
        .set(auth(admin))
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({ actor: { username: 'body.officer', role: 'officer' } }),
      ]);
      const byActor = await t
        .http()
        .get('/api/audit?actor=body.officer')
        .set(auth(admin))
        .expect(200);
      expect(byActor.body.items.map((e: { streamId: string }) => e.streamId)).toEqual([
        body.streamId,
      ]);
    });
  });
});

describe('the first admin without LEDGER_ADMIN_PASSWORD', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'p8-ledger-admin-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Opens the ledger in `dataDir` as `npm start` does, and answers what it logged. */
  async function start(): Promise<{
    ledger: Ledger;
    logged: string | undefined;
    http: () => request.Agent;
    stop: () => Promise<void>;
  }> {
    const ledger = await Ledger.open(loadConfig({ LEDGER_DATA_DIR: dataDir }));
    const logged = await ensureInitialAdmin(ledger);
    const app = await createApp(ledger, { logger: false });
    return {
      ledger,
      logged,
      http: () => request.agent(app.getHttpServer()),
      stop: async () => {
        await app.close();
        await ledger.close();
      },
    };
  }

  it('writes a generated password once to a file only its owner can read, and that password logs in', async () => {
    const file = join(dataDir, INITIAL_PASSWORD_FILE);
    // LEDGER_DATA_DIR may hold a stale file of that name, readable by anyone.
    writeFileSync(file, 'an old password\n');
    chmodSync(file, 0o644);

    const first = await start();
    const password = readFileSync(file, 'utf8').trim();
    expect(password).not.toBe('an old password');
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.logged).toContain(file);
    expect(first.logged).not.toContain(password);
    const login = await first.http().post('/api/auth/login').send({ username: 'admin', password });
    expect(login.status).toBe(200);
    const written = statSync(file).mtimeMs;
    await first.stop();

    const second = await start();
    expect(second.logged).toBeUndefined();
    expect(readFileSync(file, 'utf8').trim()).toBe(password);
    expect(statSync(file).mtimeMs).toBe(written);
    await second.http().post('/api/auth/login').send({ username: 'admin', password }).expect(200);
    await second.stop();
  });
});

describe('login rate limiting', () => {
  let t: TestLedger;
  beforeAll(async () => {
    t = await startTestLedger();
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After after repeated failures, even to the right password', async () => {
    const attempt = (password: string, forwardedFor = '203.0.113.7') =>
      t
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', forwardedFor)
        .send({ username: 'admin', password });
    for (let i = 0; i < 10; i++) expect((await attempt(`guess-number-${i}`)).status).toBe(401);
    const head = await t.head();
    for (const response of [
      await attempt('guess-eleven'),
      await attempt('admin-password-for-tests'),
    ]) {
      expect(response.status).toBe(429);
      expect(response.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringMatching(/too many failed logins; wait \d+ seconds/),
      });
      const wait = Number(response.headers['retry-after']);
      expect(Number.isInteger(wait) && wait > 0 && wait <= 15 * 60).toBe(true);
    }
    // A client cannot escape by claiming another address.
    expect((await attempt('admin-password-for-tests', '198.51.100.9')).status).toBe(429);
    expect(await t.head()).toBe(head);
  });
});

describe('unknown usernames', () => {
  let t: TestLedger;
  beforeAll(async () => {
    t = await startTestLedger();
  });
  afterAll(() => t.close());

  it('take as long to refuse as a wrong password, so timing does not reveal which usernames exist', async () => {
    const timed = async (username: string) => {
      const started = process.hrtime.bigint();
      await t
        .http()
        .post('/api/auth/login')
        .send({ username, password: 'not-the-password' })
        .expect(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const wrong: number[] = [];
    const unknown: number[] = [];
    // Five of each, taken in turn: a true median, and ten failed logins, the most one client
    // may make before it is throttled.
    for (let i = 0; i < 5; i++) {
      wrong.push(await timed('admin'));
      unknown.push(await timed(`nobody-${i}`));
    }
    // scrypt dominates a wrong password; without it, an unknown name answers many times faster.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.3);
  });
});
