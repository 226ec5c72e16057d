import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

interface SseEvent {
  id: number;
  data: { position: number; rows: { indicator: string; value: number }[] };
}

/** An SSE client that collects events as they arrive. */
function connect(port: number, path: string, headers: Record<string, string>) {
  const events: SseEvent[] = [];
  let response: IncomingMessage | undefined;
  const opened = new Promise<IncomingMessage>((resolve, reject) => {
    const request = get({ port, path, headers }, (res) => {
      response = res;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const id = /^id: (\d+)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (id && data) events.push({ id: Number(id), data: JSON.parse(data) });
        }
      });
      resolve(res);
    });
    request.on('error', reject);
  });
  const next = async (count: number, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (events.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return events;
  };
  return { opened, events, next, close: () => response?.destroy() };
}

describe('live indicator feed', () => {
  let t: TestLedger;
  let port: number;
  let officer: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestLedger();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    officer = await t.user('live.officer', 'officer', '05752');
    viewer = await t.user('live.viewer', 'viewer', '170');
  });
  afterAll(() => t.close());

  const record = (participants: number) =>
    t
      .http()
      .post('/api/dialogues')
      .set('Authorization', `Bearer ${officer}`)
      .send(dialogueBody({ participants: { total: participants, women: 1 } }))
      .expect(201);
  const value = (event: SseEvent | undefined, code: string) =>
    event?.data.rows.find((r) => r.indicator === code)?.value;

  it('sends the current rows, then each change with a rising id, and resumes without missing or repeating', async () => {
    const feed = connect(port, '/api/live/indicators?unit=170', { Authorization: `Bearer ${viewer}` });
    const res = await feed.opened;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const [first] = await feed.next(1);
    expect(first?.id).toBe(await t.head());
    expect(first?.data.position).toBe(first?.id);

    const recorded = await record(40);
    const events = await feed.next(2);
    const second = events[1];
    expect(second?.id).toBe(recorded.body.position);
    expect(value(second, 'dialogues.participants')).toBe((value(first, 'dialogues.participants') ?? 0) + 40);
    feed.close();

    const missed = await record(7);
    const resumed = connect(port, '/api/live/indicators?unit=170', {
      Authorization: `Bearer ${viewer}`,
      'Last-Event-ID': String(second?.id),
    });
    await resumed.opened;
    const after = await resumed.next(1);
    expect(after.map((e) => e.id)).toEqual([missed.body.position]);
    expect(value(after[0], 'dialogues.participants')).toBe((value(second, 'dialogues.participants') ?? 0) + 7);
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.events).toHaveLength(1);
    resumed.close();

    const upToDate = connect(port, `/api/live/indicators?unit=170`, {
      Authorization: `Bearer ${viewer}`,
      'Last-Event-ID': String(missed.body.position),
    });
    await upToDate.opened;
    await new Promise((r) => setTimeout(r, 300));
    expect(upToDate.events).toEqual([]);
    upToDate.close();
  });

  it('accepts the token in the query for browsers, and refuses no token or a unit out of scope', async () => {
    const browser = connect(port, `/api/live/indicators?access_token=${viewer}`, {});
    expect((await browser.opened).statusCode).toBe(200);
    expect((await browser.next(1))[0]?.data.rows.length).toBeGreaterThan(0);
    browser.close();
    const anonymous = connect(port, '/api/live/indicators', {});
    expect((await anonymous.opened).statusCode).toBe(401);
    anonymous.close();
    const outside = connect(port, '/api/live/indicators?unit=173', { Authorization: `Bearer ${viewer}` });
    expect((await outside.opened).statusCode).toBe(403);
    outside.close();
  });

  it('sends nothing to the watchers of a unit the new records do not touch', async () => {
    const province = await t.user('live.province', 'viewer', '19');
    const auth = { Authorization: `Bearer ${province}` };
    const elsewhere = connect(port, '/api/live/indicators?unit=173', auth);
    await elsewhere.opened;
    await elsewhere.next(1);
    const above = connect(port, '/api/live/indicators?unit=19', auth);
    await above.opened;
    await above.next(1);
    const recorded = await record(5);
    expect((await above.next(2))[1]?.id).toBe(recorded.body.position);
    // Both units' watchers are served in the same push: a moment more is plenty.
    await new Promise((r) => setTimeout(r, 100));
    expect(elsewhere.events).toHaveLength(1);
    elsewhere.close();
    above.close();
  });

  it('ends the feed of a user disabled while watching', async () => {
    const watcher = await t.user('live.watcher', 'viewer', '19');
    const feed = connect(port, '/api/live/indicators', { Authorization: `Bearer ${watcher}` });
    const res = await feed.opened;
    await feed.next(1);
    const ended = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 3000);
      res.on('end', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    await t.http().post('/api/users/live.watcher/disable').set('Authorization', `Bearer ${await t.adminToken()}`).expect(204);
    await record(3);
    expect(await ended).toBe(true);
    expect(feed.events).toHaveLength(1);
  });
});
