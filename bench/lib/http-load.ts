import type { Socket } from 'node:net';
import { openConnection, readAnswers } from './http-answers';
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
      let sentAt = 0;
      const send = () => {
        if (performance.now() >= deadline) {
          socket.end();
          return resolve();
        }
        sentAt = performance.now();
        socket.write(options.nextRequest());
      };
      readAnswers(
        socket,
        (status) => {
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
        },
        (head) => reject(new Error(`an answer without Content-Length: ${head}`)),
      );
      socket.once('error', reject);
      send();
    });
  const sockets = await Promise.all(
    Array.from({ length: options.connections }, () => openConnection(options.port)),
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
