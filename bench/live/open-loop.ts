import type { Socket } from 'node:net';
import { openConnection, readAnswers } from '../lib/http-answers';
import { clock } from './clock';

export interface OpenLoopOptions {
  readonly port: number;
  /** Commands per second, on schedule whatever the answers do. */
  readonly rate: number;
  readonly durationMs: number;
  /** Keep-alive connections; a command due while all are busy waits for the first free one. */
  readonly connections: number;
  /** The whole HTTP/1.1 request of command number `index`. */
  readonly request: (index: number) => string;
  /** How long to wait for the last answers after the schedule ends. */
  readonly drainMs: number;
  /** Stop the schedule early once this many commands wait for a free connection: the service has fallen behind. */
  readonly maxBacklog: number;
}

export interface SentCommand {
  readonly index: number;
  /** When it was due: what its latency counts from. */
  readonly scheduledAt: number;
  /** When it was written to a socket (later than due when the sender lagged or no connection was free). */
  writtenAt: number;
  answeredAt: number;
  status: number;
  /** `position` of the 201 body. */
  position: number;
}

export interface OpenLoopResult {
  readonly commands: readonly SentCommand[];
  readonly startedAt: number;
  readonly endedAt: number;
  /** Commands still waiting for a free connection when the last one fell due. */
  readonly backlogAtEnd: number;
  /** Whether the schedule stopped early because the backlog reached `maxBacklog`. */
  readonly stoppedEarly: boolean;
}

/**
 * Sends commands at a steady rate (an open loop: a slow answer does not slow the
 * schedule) over raw keep-alive sockets, one request in flight on each, and records when
 * each was due, written and answered, and the position its 201 reports.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const sockets = await Promise.all(Array.from({ length: options.connections }, () => openConnection(options.port)));
  let total = Math.round((options.rate * options.durationMs) / 1000);
  let stoppedEarly = false;
  const interval = 1000 / options.rate;
  const commands: SentCommand[] = [];
  const waiting: SentCommand[] = [];
  const idle: Socket[] = [];
  const inFlight = new Map<Socket, SentCommand>();
  let answered = 0;
  let backlogAtEnd = 0;
  let failed: Error | undefined;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const write = (socket: Socket, command: SentCommand) => {
    inFlight.set(socket, command);
    command.writtenAt = clock();
    socket.write(options.request(command.index));
  };
  const release = (socket: Socket) => {
    const next = waiting.shift();
    if (next) write(socket, next);
    else idle.push(socket);
  };
  for (const socket of sockets) {
    readAnswers(
      socket,
      (status, body) => {
        const command = inFlight.get(socket);
        inFlight.delete(socket);
        if (command) {
          command.answeredAt = clock();
          command.status = status;
          command.position = Number(/"position":(\d+)/.exec(body.toString('utf8'))?.[1] ?? Number.NaN);
        }
        answered += 1;
        if (answered === total) return finish();
        release(socket);
      },
      (head) => {
        failed = new Error(`an answer without Content-Length: ${head}`);
        finish();
      },
    );
    socket.once('error', (error) => {
      failed = error;
      finish();
    });
    idle.push(socket);
  }

  const startedAt = clock();
  const tick = () => {
    const due = Math.min(total, Math.floor((clock() - startedAt) / interval) + 1);
    while (commands.length < due) {
      const index = commands.length;
      const command: SentCommand = {
        index,
        scheduledAt: startedAt + index * interval,
        writtenAt: Number.NaN,
        answeredAt: Number.NaN,
        status: 0,
        position: Number.NaN,
      };
      commands.push(command);
      const socket = idle.pop();
      if (socket) write(socket, command);
      else waiting.push(command);
    }
    if (waiting.length >= options.maxBacklog && commands.length < total) {
      stoppedEarly = true;
      total = commands.length;
    }
    if (commands.length < total && !failed) setTimeout(tick, 1);
    else backlogAtEnd = waiting.length;
  };
  tick();
  // The schedule ends by durationMs; then the last answers have drainMs to come.
  let drain = setTimeout(function check() {
    drain = commands.length < total ? setTimeout(check, 100) : setTimeout(finish, options.drainMs);
  }, options.durationMs);
  await finished;
  clearTimeout(drain);
  const endedAt = clock();
  for (const socket of sockets) socket.destroy();
  if (failed) throw failed;
  return { commands, startedAt, endedAt, backlogAtEnd, stoppedEarly };
}
