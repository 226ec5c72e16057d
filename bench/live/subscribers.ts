/*
 * Child process of the live-feed benchmark: holds the SSE subscribers, so that reading
 * their streams never shares an event loop with the sender's schedule. It stamps each
 * event as it arrives and hands the stamps over when asked, over IPC:
 *   { type: 'open', port, feeds: [{ token, unit }] } → { type: 'opened' } once each feed has its first event
 *   { type: 'clock' } → { type: 'clock', at }
 *   { type: 'wait', targets, timeoutMs } → { type: 'waited' } once each feed has an id >= its target
 *   { type: 'collect' } → { type: 'collected', feeds: [{ ids, times }], loopDelay, cpuMs }, and forgets them
 *   { type: 'close' } → exits
 */
import { get, type ClientRequest } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { clock } from './clock';
import { SseIdScanner } from './sse-ids';

export type SubscriberRequest =
  | { type: 'open'; port: number; feeds: { token: string; unit: string }[] }
  | { type: 'clock' }
  | { type: 'wait'; targets: number[]; timeoutMs: number }
  | { type: 'collect' }
  | { type: 'close' };

export type SubscriberAnswer =
  | { type: 'opened' }
  | { type: 'clock'; at: number }
  | { type: 'waited'; complete: boolean }
  | { type: 'collected'; feeds: { ids: number[]; times: number[] }[]; loopDelay: LoopDelay; cpuMs: number }
  | { type: 'failed'; message: string };

/** This process's event-loop delay since the last collect, in ms. */
export interface LoopDelay {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

interface Feed {
  ids: number[];
  times: number[];
  lastId: number;
  request: ClientRequest;
}

const feeds: Feed[] = [];
const loop = monitorEventLoopDelay({ resolution: 1 });
let cpuAtCollect = process.cpuUsage();

function answer(message: SubscriberAnswer): void {
  process.send?.(message);
}

function subscribe(port: number, token: string, unit: string): Promise<Feed> {
  return new Promise((resolve, reject) => {
    const scanner = new SseIdScanner();
    const feed: Feed = { ids: [], times: [], lastId: 0, request: undefined as unknown as ClientRequest };
    feed.request = get(
      {
        host: '127.0.0.1',
        port,
        path: `/api/live/indicators?unit=${unit}`,
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        agent: false,
      },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`the live feed of ${unit} answered ${response.statusCode}`));
          return;
        }
        response.on('data', (chunk: Buffer) => {
          const at = clock();
          for (const id of scanner.push(chunk)) {
            feed.ids.push(id);
            feed.times.push(at);
            feed.lastId = id;
            resolve(feed);
          }
        });
        response.once('end', () => answer({ type: 'failed', message: `the live feed of ${unit} ended` }));
      },
    );
    feed.request.once('error', reject);
  });
}

async function waitFor(targets: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const complete = () => feeds.every((feed, index) => feed.lastId >= (targets[index] ?? 0));
  while (!complete() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return complete();
}

async function handle(message: SubscriberRequest): Promise<void> {
  switch (message.type) {
    case 'open':
      feeds.push(...(await Promise.all(message.feeds.map((f) => subscribe(message.port, f.token, f.unit)))));
      loop.enable();
      return answer({ type: 'opened' });
    case 'clock':
      return answer({ type: 'clock', at: clock() });
    case 'wait':
      return answer({ type: 'waited', complete: await waitFor(message.targets, message.timeoutMs) });
    case 'collect': {
      const cpu = process.cpuUsage(cpuAtCollect);
      cpuAtCollect = process.cpuUsage();
      const ms = (ns: number) => ns / 1e6;
      const loopDelay = { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) };
      loop.reset();
      answer({
        type: 'collected',
        feeds: feeds.map((feed) => ({ ids: feed.ids, times: feed.times })),
        loopDelay,
        cpuMs: (cpu.user + cpu.system) / 1000,
      });
      for (const feed of feeds) {
        feed.ids = [];
        feed.times = [];
      }
      return;
    }
    case 'close':
      for (const feed of feeds) feed.request.destroy();
      process.exit(0);
  }
}

process.on('message', (message: SubscriberRequest) => {
  handle(message).catch((error: unknown) =>
    answer({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
