import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestLedger, type TestLedger } from './support/test-ledger';

interface IndicatorRow {
  indicator: string;
  value: number;
  breakdown?: Record<string, Record<string, number>>;
}

/** A club body as a recorder would send it. */
function clubBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'CLB Thủ lĩnh của sự thay đổi Trường THCS Liên Minh',
    unitCode: '05752',
    school: 'Trường THCS Liên Minh',
    establishedOn: '2022-10-15',
    ...overrides,
  };
}

/** A member body: a girl of 11 in the year of enrolment, with both consents. */
function memberBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sex: 'female',
    birthYear: 2011,
    enrolledOn: '2022-11-01',
    consent: { guardian: true, child: true },
    ...overrides,
  };
}

/** Every file under a directory, as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

describe('"Leaders of Change" clubs and their members, end to end', () => {
  let t: TestLedger;
  let officer: string;
  let districtOfficer: string;
  let otherOfficer: string;
  let supervisor: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestLedger();
    officer = await t.user('lienminh.clubs', 'officer', '05752');
    districtOfficer = await t.user('vonhai.clubs', 'officer', '170');
    otherOfficer = await t.user('bandat.clubs', 'officer', '05911');
    supervisor = await t.user('province.clubs', 'supervisor', '19');
    viewer = await t.user('province.viewer', 'viewer', '19');
  });
  afterAll(() => t.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const row = async (unit: string, code: string, query = '') => {
    const response = await t
      .http()
      .get(`/api/indicators?unit=${unit}${query}`)
      .set(auth(supervisor))
      .expect(200);
    return (response.body.rows as IndicatorRow[]).find((r) => r.indicator === code);
  };
  const value = async (unit: string, code: string, query = '') =>
    (await row(unit, code, query))?.value ?? 0;
  const establish = async (overrides: Record<string, unknown> = {}, token = officer) => {
    const response = await t
      .http()
      .post('/api/clubs')
      .set(auth(token))
      .send(clubBody(overrides))
      .expect(201);
    return response.body as { id: string; streamId: string; revision: number; position: number };
  };
  const enroll = async (
    clubId: string,
    overrides: Record<string, unknown> = {},
    token = officer,
  ) => {
    const response = await t
      .http()
      .post(`/api/clubs/${clubId}/members`)
      .set(auth(token))
      .send(memberBody(overrides))
      .expect(201);
    return response.body as {
      id: string;
      streamId: string;
      revision: number;
      position: number;
      subjectId: string;
    };
  };
  /** Sends a command that must be refused with `status`, and checks the log did not grow. */
  const refused = async (
    status: number,
    path: string,
    body: unknown,
    token = officer,
    message?: RegExp,
  ) => {
    const head = await t.head();
    const response = await t
      .http()
      .post(path)
      .set(auth(token))
      .send(body as object);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ status });
    if (message) expect(response.body.message).toMatch(message);
    expect(response.body).toEqual({
      statusCode: status,
      error: expect.any(String),
      message: expect.any(String),
    });
    expect(await t.head()).toBe(head);
    return response.body as { message: string };
  };

  it('establishes a club and enrolls children: clubs and members move at commune, district and province', async () => {
    const window = '&to=2023-12-31';
    const before = new Map<string, [number, number, IndicatorRow | undefined]>();
    for (const unit of ['05752', '170', '19', '173']) {
      before.set(unit, [
        await value(unit, 'clubs.active', window),
        await value(unit, 'clubs.members', window),
        await row(unit, 'clubs.members', window),
      ]);
    }
    const club = await establish();
    expect(club).toEqual({
      id: expect.any(String),
      streamId: `club-${club.id}`,
      revision: 0,
      position: expect.any(Number),
    });
    const first = await enroll(club.id, {
      personal: { fullName: 'Hoàng Thị Mai', guardianName: 'Hoàng Văn Dũng' },
    });
    expect(first).toEqual({
      id: expect.any(String),
      streamId: `club-${club.id}`,
      revision: 1,
      position: expect.any(Number),
      subjectId: expect.any(String),
    });
    const second = await enroll(club.id, { birthYear: 2012 });
    expect(second.subjectId).not.toBe(first.subjectId);
    await enroll(club.id, { sex: 'male', birthYear: 2010 });

    for (const unit of ['05752', '170', '19']) {
      const [clubs, members, cells] = before.get(unit) ?? [0, 0, undefined];
      expect(await value(unit, 'clubs.active', window)).toBe(clubs + 1);
      expect(await value(unit, 'clubs.members', window)).toBe(members + 3);
      const sex = (await row(unit, 'clubs.members', window))?.breakdown?.sex ?? {};
      expect(sex.female).toBe((cells?.breakdown?.sex?.female ?? 0) + 2);
      expect(sex.male).toBe((cells?.breakdown?.sex?.male ?? 0) + 1);
    }
    const [otherClubs, otherMembers] = before.get('173') ?? [0, 0];
    expect(await value('173', 'clubs.active', window)).toBe(otherClubs);
    expect(await value('173', 'clubs.members', window)).toBe(otherMembers);
    // A stock counts what stood at the end of the window: nothing before the founding.
    expect(await value('19', 'clubs.active', '&to=2022-10-14')).toBe(0);
    expect(await value('19', 'clubs.members', '&to=2022-10-31')).toBe(0);

    const got = await t.http().get(`/api/clubs/${club.id}`).set(auth(viewer)).expect(200);
    expect(got.headers.etag).toBe('"3"');
    expect(got.body).toMatchObject({
      id: club.id,
      status: 'active',
      unitCode: '05752',
      school: 'Trường THCS Liên Minh',
      establishedOn: '2022-10-15',
      members: { enrolled: 3, withdrawn: 0, enrolledBySex: { female: 2, male: 1 } },
      revision: 3,
      recordedBy: 'lienminh.clubs',
    });
    expect(JSON.stringify(got.body)).not.toMatch(/Hoàng|subjectId|personal/);
  });

  it('refuses a bad club with the right status and appends nothing', async () => {
    await refused(401, '/api/clubs', clubBody(), 'not-a-token');
    await refused(403, '/api/clubs', clubBody(), supervisor, /role officer/);
    await refused(
      400,
      '/api/clubs',
      clubBody({ colour: 'green' }),
      officer,
      /colour is not a known field/,
    );
    await refused(400, '/api/clubs', clubBody({ name: undefined }), officer, /name/);
    await refused(
      400,
      '/api/clubs',
      clubBody({ establishedOn: '2099-01-01' }),
      officer,
      /establishedOn 2099-01-01 is in the future/,
    );
    await refused(
      400,
      '/api/clubs',
      clubBody({ establishedOn: '2023-02-30' }),
      officer,
      /establishedOn must be a date/,
    );
    await refused(
      400,
      '/api/clubs',
      clubBody({ unitCode: '170' }),
      officer,
      /unitCode 170 .* is a district/,
    );
    await refused(
      400,
      '/api/clubs',
      clubBody({ unitCode: '99999' }),
      officer,
      /unitCode 99999 is not a known/,
    );
    await refused(400, '/api/clubs', clubBody({ id: 'not-a-uuid' }), officer, /id must be a UUID/);
    await refused(
      403,
      '/api/clubs',
      clubBody({ unitCode: '05911' }),
      officer,
      /outside your scope/,
    );
    const club = await establish();
    await refused(409, '/api/clubs', clubBody({ id: club.id }), officer, /already recorded/);
  });

  it("needs the guardian's consent always, and the child's own from age 7", async () => {
    const club = await establish();
    const path = `/api/clubs/${club.id}/members`;
    await refused(
      400,
      path,
      memberBody({ consent: { guardian: false, child: true } }),
      officer,
      /consent.guardian must be true/,
    );
    await refused(
      400,
      path,
      memberBody({ consent: { guardian: 'true', child: true } }),
      officer,
      /consent.guardian/,
    );
    await refused(400, path, memberBody({ consent: { child: true } }), officer, /consent.guardian/);
    await refused(400, path, memberBody({ consent: undefined }), officer, /consent/);
    await refused(
      400,
      path,
      memberBody({ consent: { guardian: true, child: 'yes' } }),
      officer,
      /consent.child/,
    );
    // 2022 − 2015 = 7: the child's own consent is needed.
    await refused(
      400,
      path,
      memberBody({ birthYear: 2015, consent: { guardian: true } }),
      officer,
      /consent.child must be true: the child is 7/,
    );
    await refused(
      400,
      path,
      memberBody({ birthYear: 2015, consent: { guardian: true, child: false } }),
      officer,
      /consent.child/,
    );
    const six = await enroll(club.id, { birthYear: 2016, consent: { guardian: true } });
    expect(six.id).toEqual(expect.any(String));
    await enroll(club.id, { birthYear: 2015, consent: { guardian: true, child: true } });
  });

  it('refuses a bad member with the right status and appends nothing', async () => {
    const club = await establish();
    const path = `/api/clubs/${club.id}/members`;
    await refused(401, path, memberBody(), 'not-a-token');
    await refused(403, path, memberBody(), viewer, /role officer/);
    await refused(403, path, memberBody(), supervisor, /role officer/);
    await refused(
      400,
      path,
      memberBody({ sex: 'girl' }),
      officer,
      /sex must be one of female, male/,
    );
    await refused(
      400,
      path,
      memberBody({ birthYear: '2011' }),
      officer,
      /birthYear must be a whole number/,
    );
    await refused(
      400,
      path,
      memberBody({ birthYear: 2003 }),
      officer,
      /birthYear 2003 makes the member 19/,
    );
    await refused(
      400,
      path,
      memberBody({ birthYear: 2023 }),
      officer,
      /birthYear 2023 is after enrolledOn 2022-11-01/,
    );
    await refused(
      400,
      path,
      memberBody({ enrolledOn: '2022-10-14' }),
      officer,
      /before the club was established/,
    );
    await refused(
      400,
      path,
      memberBody({ enrolledOn: '2099-09-01', birthYear: 2090 }),
      officer,
      /in the future/,
    );
    await refused(
      400,
      path,
      memberBody({ enrolledOn: '2022-11-01T00:00:00Z' }),
      officer,
      /enrolledOn must be a date/,
    );
    await refused(
      400,
      path,
      memberBody({ personal: { phone: '0912345678' } }),
      officer,
      /personal needs fullName/,
    );
    await refused(
      400,
      path,
      memberBody({ personal: { fullName: 'A B', age: 11 } }),
      officer,
      /personal field age must be text/,
    );
    await refused(
      400,
      path,
      memberBody({ personal: 'Lò Văn A' }),
      officer,
      /personal must be an object/,
    );
    await refused(
      400,
      path,
      memberBody({ nickname: 'x' }),
      officer,
      /nickname is not a known field/,
    );
    await refused(403, path, memberBody(), otherOfficer, /outside your scope/);
    await refused(
      404,
      `/api/clubs/${randomUUID()}/members`,
      memberBody(),
      officer,
      /no club with id/,
    );
    // The body's rules come before the unknown club.
    await refused(
      400,
      `/api/clubs/${randomUUID()}/members`,
      memberBody({ birthYear: 1990 }),
      officer,
      /birthYear/,
    );
  });

  it('does not enroll a member twice: neither the same id nor the same child while enrolled', async () => {
    const club = await establish();
    const path = `/api/clubs/${club.id}/members`;
    const id = randomUUID();
    const first = await enroll(club.id, {
      id,
      personal: { fullName: 'Lường Thị Hạnh', phone: '0987000111' },
    });
    expect(first.id).toBe(id);
    await refused(
      409,
      path,
      memberBody({ id, birthYear: 2012 }),
      officer,
      /member with id .* is already recorded/,
    );
    // The same child written with other spacing and case: found without the name in clear.
    await refused(
      409,
      path,
      memberBody({ personal: { fullName: '  LƯỜNG  thị hạnh ' } }),
      officer,
      /this child .* is already enrolled .* as member/,
    );
    // Another child of the same name but another year is someone else.
    await enroll(club.id, { birthYear: 2012, personal: { fullName: 'Lường Thị Hạnh' } });
    await t
      .http()
      .post(`${path}/${id}/withdrawal`)
      .set(auth(officer))
      .send({ on: '2023-05-30', reason: 'moved to another school' })
      .expect(201);
    // Once she has left, she may join again.
    await enroll(club.id, { enrolledOn: '2023-09-05', personal: { fullName: 'Lường Thị Hạnh' } });
  });

  it('decides "not enrolled twice" atomically: of concurrent enrolments of one child, one is kept', async () => {
    const club = await establish();
    const head = await t.head();
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        t
          .http()
          .post(`/api/clubs/${club.id}/members`)
          .set(auth(officer))
          .send(memberBody({ personal: { fullName: 'Sầm Thị Yến' } })),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    expect(await t.head()).toBe(head + 1);
  });

  it('answers a repeated Idempotency-Key with the first answer, subject included', async () => {
    const club = await establish();
    const key = randomUUID();
    const send = () =>
      t
        .http()
        .post(`/api/clubs/${club.id}/members`)
        .set(auth(officer))
        .set('Idempotency-Key', key)
        .send(memberBody({ personal: { fullName: 'Đinh Thị Lan' } }));
    const first = await send().expect(201);
    const head = await t.head();
    const again = await send().expect(201);
    expect(again.body).toEqual(first.body);
    expect(first.body.subjectId).toEqual(expect.any(String));
    expect(await t.head()).toBe(head);
  });

  it('lets nobody join a dissolved club, and the club and its members stop counting from that day', async () => {
    const club = await establish({ unitCode: '05722', name: 'CLB Nghinh Tường' }, districtOfficer);
    const member = await enroll(club.id, {}, districtOfficer);
    const path = `/api/clubs/${club.id}/dissolution`;
    const count = (to: string) => value('05722', 'clubs.active', `&to=${to}`);
    const members = (to: string) => value('05722', 'clubs.members', `&to=${to}`);
    const [clubsBefore, membersBefore] = [await count('2023-05-31'), await members('2023-05-31')];
    await refused(
      400,
      path,
      { on: '2099-01-01', reason: 'x' },
      districtOfficer,
      /on 2099-01-01 is in the future/,
    );
    await refused(
      400,
      path,
      { on: '2022-10-01', reason: 'x' },
      districtOfficer,
      /before the club was established/,
    );
    await refused(400, path, { on: '2023-06-01' }, districtOfficer, /reason is required/);
    await refused(403, path, { on: '2023-06-01', reason: 'x' }, officer, /outside your scope/);
    await refused(
      404,
      `/api/clubs/${randomUUID()}/dissolution`,
      { on: '2023-06-01', reason: 'x' },
      districtOfficer,
    );
    const dissolved = await t
      .http()
      .post(path)
      .set(auth(districtOfficer))
      .send({ on: '2023-06-01', reason: 'the school year ended' })
      .expect(201);
    expect(dissolved.body).toEqual({
      id: club.id,
      streamId: `club-${club.id}`,
      revision: 2,
      position: expect.any(Number),
    });
    await refused(
      409,
      path,
      { on: '2023-07-01', reason: 'again' },
      districtOfficer,
      /already dissolved on 2023-06-01/,
    );
    await refused(
      409,
      `/api/clubs/${club.id}/members`,
      memberBody({ enrolledOn: '2023-06-02' }),
      districtOfficer,
      /dissolved on 2023-06-01; nobody can join/,
    );
    await refused(
      400,
      `/api/clubs/${club.id}/members/${member.id}/withdrawal`,
      { on: '2023-06-02', reason: 'x' },
      districtOfficer,
      /after the club was dissolved/,
    );
    expect(await count('2023-05-31')).toBe(clubsBefore);
    expect(await count('2023-06-01')).toBe(clubsBefore - 1);
    expect(await members('2023-06-01')).toBe(membersBefore - 1);
    const got = await t.http().get(`/api/clubs/${club.id}`).set(auth(supervisor)).expect(200);
    expect(got.body).toMatchObject({
      status: 'dissolved',
      dissolution: { on: '2023-06-01', reason: 'the school year ended' },
    });
  });

  it('withdraws a member once: they count until the day they leave', async () => {
    const club = await establish(
      { unitCode: '05911', name: 'CLB Bàn Đạt', school: 'Trường THCS Bàn Đạt' },
      otherOfficer,
    );
    const member = await enroll(club.id, { sex: 'male' }, otherOfficer);
    const path = `/api/clubs/${club.id}/members/${member.id}/withdrawal`;
    const boys = async (to: string) =>
      (await row('05911', 'clubs.members', `&to=${to}`))?.breakdown?.sex?.male ?? 0;
    const [dayBefore, dayOf] = [await boys('2023-03-14'), await boys('2023-03-15')];
    await refused(
      400,
      path,
      { on: '2022-10-31', reason: 'x' },
      otherOfficer,
      /before the member was enrolled/,
    );
    await refused(400, path, { on: '2099-01-01', reason: 'x' }, otherOfficer, /in the future/);
    await refused(403, path, { on: '2023-03-15', reason: 'x' }, officer, /outside your scope/);
    await refused(
      404,
      `/api/clubs/${club.id}/members/${randomUUID()}/withdrawal`,
      { on: '2023-03-15', reason: 'x' },
      otherOfficer,
    );
    await refused(
      404,
      `/api/clubs/${club.id}/members/__proto__/withdrawal`,
      { on: '2023-03-15', reason: 'x' },
      otherOfficer,
    );
    const answer = await t
      .http()
      .post(path)
      .set(auth(otherOfficer))
      .send({ on: '2023-03-15', reason: 'moved away' })
      .expect(201);
    expect(answer.body).toEqual({
      id: member.id,
      streamId: `club-${club.id}`,
      revision: 2,
      position: expect.any(Number),
    });
    await refused(
      409,
      path,
      { on: '2023-04-01', reason: 'again' },
      otherOfficer,
      /not enrolled: they withdrew on 2023-03-15/,
    );
    expect(await boys('2023-03-14')).toBe(dayBefore);
    expect(await boys('2023-03-15')).toBe(dayOf - 1);
    const got = await t
      .http()
      .get(`/api/clubs/${club.id}/members/${member.id}`)
      .set(auth(supervisor))
      .expect(200);
    expect(got.body).toMatchObject({
      status: 'withdrawn',
      withdrawal: { on: '2023-03-15', reason: 'moved away' },
    });
  });

  it('corrects a club and a member with a reason, before and after in the audit trail, personal details sealed', async () => {
    const club = await establish();
    const member = await enroll(club.id, {
      ethnicity: 'Tày',
      personal: { fullName: 'Nông Thị Thu', phone: '0912000333' },
    });
    await t
      .http()
      .post(`/api/clubs/${club.id}/corrections`)
      .set(auth(officer))
      .set('If-Match', '"1"')
      .send({
        changes: { school: 'Trường PTDTBT THCS Liên Minh' },
        reason: 'full name of the school',
      })
      .expect(201);
    await refused(
      400,
      `/api/clubs/${club.id}/corrections`,
      { changes: {}, reason: 'x' },
      officer,
      /changes must name/,
    );
    const stale = await t
      .http()
      .post(`/api/clubs/${club.id}/corrections`)
      .set(auth(officer))
      .set('If-Match', '"1"')
      .send({ changes: { name: 'other' }, reason: 'x' });
    expect(stale.status).toBe(412);
    await refused(
      400,
      `/api/clubs/${club.id}/corrections`,
      { changes: { establishedOn: '2022-11-02' }, reason: 'x' },
      officer,
      /after a member was enrolled/,
    );
    await refused(
      400,
      `/api/clubs/${club.id}/corrections`,
      { changes: { school: 'x' } },
      officer,
      /reason is required/,
    );

    const memberPath = `/api/clubs/${club.id}/members/${member.id}`;
    const corrected = await t
      .http()
      .post(`${memberPath}/corrections`)
      .set(auth(officer))
      .send({
        changes: { birthYear: 2012, consent: { child: true }, personal: { phone: '0912000444' } },
        reason: 'checked against the school register',
      })
      .expect(201);
    expect(corrected.body).toEqual({
      id: member.id,
      streamId: `club-${club.id}`,
      revision: 3,
      position: expect.any(Number),
    });
    await refused(
      400,
      `${memberPath}/corrections`,
      { changes: { birthYear: 2012 }, reason: 'x' },
      officer,
      /nothing to correct/,
    );
    await refused(
      400,
      `${memberPath}/corrections`,
      { changes: { birthYear: 2013, consent: { child: false } }, reason: 'x' },
      officer,
      /consent.child must be true/,
    );
    await refused(
      400,
      `${memberPath}/corrections`,
      { changes: { consent: { guardian: false } }, reason: 'x' },
      officer,
      /consent.guardian must be true/,
    );
    await refused(
      403,
      `${memberPath}/corrections`,
      { changes: { birthYear: 2013 }, reason: 'x' },
      otherOfficer,
      /outside your scope/,
    );

    const audit = await t
      .http()
      .get(`/api/audit?streamId=club-${club.id}`)
      .set(auth(supervisor))
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        type: 'ClubEstablished',
        actor: { username: 'lienminh.clubs', role: 'officer' },
      }),
      expect.objectContaining({ type: 'MemberEnrolled' }),
      expect.objectContaining({
        type: 'ClubCorrected',
        reason: 'full name of the school',
        changes: [
          {
            field: 'school',
            before: 'Trường THCS Liên Minh',
            after: 'Trường PTDTBT THCS Liên Minh',
          },
        ],
      }),
      expect.objectContaining({
        type: 'MemberCorrected',
        reason: 'checked against the school register',
        changes: [
          { field: 'birthYear', before: 2011, after: 2012 },
          { field: 'personal', before: '[sealed]', after: '[sealed]' },
        ],
      }),
    ]);
    expect(JSON.stringify(audit.body)).not.toMatch(/0912000|Nông/);

    const read = await t.http().get(memberPath).set(auth(officer)).expect(200);
    expect(read.headers.etag).toBe('"3"');
    expect(read.body).toMatchObject({
      birthYear: 2012,
      ethnicity: 'Tày',
      personal: {
        subjectId: member.subjectId,
        status: 'available',
        details: { fullName: 'Nông Thị Thu', phone: '0912000444' },
      },
    });
  });

  it('refuses a correction that makes a member the same child as another enrolled one', async () => {
    const club = await establish();
    await enroll(club.id, { personal: { fullName: 'Triệu Thị Ngọc' } });
    const other = await enroll(club.id, { personal: { fullName: 'Triệu Thị Ngà' } });
    await refused(
      409,
      `/api/clubs/${club.id}/members/${other.id}/corrections`,
      { changes: { personal: { fullName: 'Triệu Thị Ngọc' } }, reason: 'name misheard' },
      officer,
      /already enrolled/,
    );
  });

  it('voids a member and a club: they stop counting and cannot be changed any more', async () => {
    const club = await establish({ unitCode: '05722', name: 'CLB để hủy' }, districtOfficer);
    const member = await enroll(club.id, {}, districtOfficer);
    const members = () => value('05722', 'clubs.members', '&to=2023-12-31');
    const clubs = () => value('05722', 'clubs.active', '&to=2023-12-31');
    const [membersBefore, clubsBefore] = [await members(), await clubs()];
    const memberPath = `/api/clubs/${club.id}/members/${member.id}`;
    await refused(400, `${memberPath}/void`, {}, districtOfficer, /reason is required/);
    await t
      .http()
      .post(`${memberPath}/void`)
      .set(auth(districtOfficer))
      .send({ reason: 'entered twice' })
      .expect(201);
    expect(await members()).toBe(membersBefore - 1);
    await refused(409, `${memberPath}/void`, { reason: 'again' }, districtOfficer, /voided/);
    await refused(
      409,
      `${memberPath}/corrections`,
      { changes: { birthYear: 2012 }, reason: 'x' },
      districtOfficer,
      /voided/,
    );
    await refused(
      409,
      `${memberPath}/withdrawal`,
      { on: '2023-01-01', reason: 'x' },
      districtOfficer,
      /voided/,
    );

    await enroll(club.id, {}, districtOfficer);
    expect(await members()).toBe(membersBefore);
    await t
      .http()
      .post(`/api/clubs/${club.id}/void`)
      .set(auth(districtOfficer))
      .send({ reason: 'not a real club' })
      .expect(201);
    expect(await clubs()).toBe(clubsBefore - 1);
    expect(await members()).toBe(membersBefore - 1);
    await refused(
      409,
      `/api/clubs/${club.id}/members`,
      memberBody(),
      districtOfficer,
      /voided club cannot be joined/,
    );
    await refused(
      409,
      `/api/clubs/${club.id}/corrections`,
      { changes: { name: 'x' }, reason: 'x' },
      districtOfficer,
      /voided/,
    );
    await refused(
      409,
      `/api/clubs/${club.id}/dissolution`,
      { on: '2023-06-01', reason: 'x' },
      districtOfficer,
      /voided/,
    );
    await refused(
      409,
      `/api/clubs/${club.id}/void`,
      { reason: 'again' },
      districtOfficer,
      /voided/,
    );
    const got = await t.http().get(`/api/clubs/${club.id}`).set(auth(supervisor)).expect(200);
    expect(got.body).toMatchObject({ status: 'voided', voidReason: 'not a real club' });
  });

  it('shows personal details and ethnicity only to officers in scope, and records every read', async () => {
    const club = await establish();
    const member = await enroll(club.id, {
      ethnicity: 'Dao',
      personal: { fullName: 'Bàn Thị Xuân', guardianName: 'Bàn Văn Páo' },
    });
    const path = `/api/clubs/${club.id}/members/${member.id}`;
    const reads = async () => {
      const response = await t
        .http()
        .get(`/api/events?type=PersonalDetailsRead`)
        .set(auth(supervisor))
        .expect(200);
      return (
        response.body.items as {
          data: { subjectId: string; recordId: string; streamId: string };
          metadata: { actor: { username: string } };
        }[]
      ).filter((e) => e.data.subjectId === member.subjectId);
    };
    expect(await reads()).toEqual([]);

    for (const token of [supervisor, viewer]) {
      const got = await t.http().get(path).set(auth(token)).expect(200);
      expect(got.body).toMatchObject({
        id: member.id,
        subjectId: member.subjectId,
        sex: 'female',
        birthYear: 2011,
      });
      expect(got.body).not.toHaveProperty('personal');
      expect(got.body).not.toHaveProperty('ethnicity');
    }
    await t.http().get(path).set(auth(otherOfficer)).expect(403);
    await t
      .http()
      .get(`/api/clubs/${club.id}/members/${randomUUID()}`)
      .set(auth(officer))
      .expect(404);
    await t.http().get(`/api/clubs/${randomUUID()}`).set(auth(officer)).expect(404);
    expect(await reads()).toEqual([]);

    const mine = await t.http().get(path).set(auth(officer)).expect(200);
    expect(mine.headers.etag).toBe('"1"');
    expect(mine.body).toMatchObject({
      ethnicity: 'Dao',
      personal: {
        status: 'available',
        details: { fullName: 'Bàn Thị Xuân', guardianName: 'Bàn Văn Páo' },
      },
    });
    const district = await t.http().get(path).set(auth(districtOfficer)).expect(200);
    expect(district.body.personal.details.fullName).toBe('Bàn Thị Xuân');

    expect(await reads()).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ streamId: `club-${club.id}`, recordId: member.id }),
        metadata: expect.objectContaining({
          actor: expect.objectContaining({ username: 'lienminh.clubs' }),
        }),
      }),
      expect.objectContaining({
        metadata: expect.objectContaining({
          actor: expect.objectContaining({ username: 'vonhai.clubs' }),
        }),
      }),
    ]);
  });

  it("keeps a child's name out of every file of the ledger, and out of replays and the audit trail", async () => {
    const name = `Hà Thị Quyzzelbrand ${randomUUID().slice(0, 8)}`;
    const renamed = `Hà Thị Vexmorrowind ${randomUUID().slice(0, 8)}`;
    const phone = `09${Date.now().toString().slice(-8)}`;
    // What is not personal is stored in clear: the grep below must find it, or it proves nothing.
    const school = `Trường Kiểmchứng ${randomUUID().slice(0, 8)}`;
    const club = await establish({ school });
    const member = await enroll(club.id, { personal: { fullName: name, phone } });
    const path = `/api/clubs/${club.id}/members/${member.id}`;
    await t.http().get(path).set(auth(officer)).expect(200);
    await t
      .http()
      .post(`${path}/corrections`)
      .set(auth(officer))
      .send({
        changes: { personal: { fullName: renamed } },
        reason: 'name spelled as on the birth certificate',
      })
      .expect(201);
    const read = await t.http().get(path).set(auth(officer)).expect(200);
    expect(read.body.personal.details).toEqual({ fullName: renamed, phone });

    const replay = await t.http().get('/api/events?limit=10000').set(auth(supervisor)).expect(200);
    const audit = await t.http().get('/api/audit?limit=10000').set(auth(supervisor)).expect(200);
    for (const text of [replay.text, audit.text]) {
      for (const secret of [name, renamed, phone, 'Quyzzelbrand', 'Vexmorrowind'])
        expect(text).not.toContain(secret);
    }

    const files = filesUnder(t.dataDir);
    expect(files.some((file) => file.bytes.includes(Buffer.from(school, 'utf8')))).toBe(true);
    for (const secret of ['Quyzzelbrand', 'Vexmorrowind', phone]) {
      const needles = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')];
      const found = files
        .filter((file) => needles.some((needle) => file.bytes.includes(needle)))
        .map((f) => f.path);
      expect({ secret, found }).toEqual({ secret, found: [] });
    }
  });
});
