import { connect, type Socket } from 'node:net';
import { percentile } from './stats';

export interface LoadOptions {
  readonly port: number;
  /** Clients, each on its own keep-alive connection with one request in flight. */
  readonly connections: number;
  readonly durationMs: number;
  /** The whole HTTP/1.1 request, made afresh for every send. */
  readonly nextRequest: () => string;
}

export interface LoadResult {
  /** Answers with the expected status completed within the measured window. */
  readonly completed: number;
  /** Answers with the expected status in all, including those that came after the window. */
  readonly answered: number;
  /** Answers with any other status, by status. */
  readonly unexpected: Readonly<Record<string, number>>;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * A closed-loop load generator on raw keep-alive sockets: each client sends one request,
 * waits for the whole answer, and sends the next. Raw sockets keep the generator's own
 * cost far below the server's, which matters on a machine with few cores.
 */
export async function runLoad(options: LoadOptions, expectedStatus: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  let completed = 0;
  let answered = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const client = (socket: Socket) =>
    new Promise<void>((resolve, reject) => {
      let buffer: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      const send = () => {
        if (performance.now() >= deadline) {
          socket.end();
          return resolve();
        }
        sentAt = performance.now();
        socket.write(options.nextRequest());
      };
      socket.on('data', (chunk: Buffer) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        for (;;) {
          const headerEnd = buffer.indexOf(HEADER_END);
          if (headerEnd === -1) return;
          const head = buffer.toString('latin1', 0, headerEnd);
          const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
          if (!length) return reject(new Error(`an answer without Content-Length: ${head}`));
          const end = headerEnd + HEADER_END.length + Number(length[1]);
          if (buffer.length < end) return;
          buffer = buffer.subarray(end);
          const status = Number(head.slice(9, 12));
          const now = performance.now();
          if (status === expectedStatus) answered += 1;
          if (now <= deadline) {
            if (status === expectedStatus) {
              completed += 1;
              latencies.push(now - sentAt);
            } else {
              unexpected[status] = (unexpected[status] ?? 0) + 1;
            }
          }
          send();
        }
      });
      socket.once('error', reject);
      send();
    });
  const sockets = await Promise.all(
    Array.from({ length: options.connections }, () => open(options.port)),
  );
  await Promise.all(sockets.map(client));
  return {
    completed,
    answered,
    unexpected,
    perSecond: completed / (options.durationMs / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}
