import type { ServerProcess } from '../lib/server-process';
import { scopeOf } from './audience';
import { clock } from './clock';
import { distribution, matchDeliveries, type AnsweredCommand, type Distribution } from './deliveries';
import { runOpenLoop } from './open-loop';
import type { SubscriberProcess } from './subscriber-process';
import type { LoopDelay } from './subscribers';

/** A step stops sending once this many seconds' worth of commands wait for a connection. */
const BACKLOG_SECONDS = 5;

export interface StepOptions {
  readonly rate: number;
  readonly seconds: number;
  readonly connections: number;
  /** Wait this long after the last 201 for the last deliveries. */
  readonly graceMs: number;
}

/** One measurement at one rate. Latencies in ms; CPU in % of one core over the step. */
export interface StepResult {
  readonly rate: number;
  readonly commands: number;
  readonly answered201: number;
  readonly otherAnswers: Readonly<Record<string, number>>;
  /** 201s over the time from the first send to the last 201. */
  readonly achievedPerSecond: number;
  readonly backlogAtEnd: number;
  /** The schedule stopped early: the service fell behind by more than BACKLOG_SECONDS. */
  readonly stoppedEarly: boolean;
  /** Every command answered 201, at >= 95% of the rate, without a backlog of waiting commands. */
  readonly sustained: boolean;
  readonly deliveries: { readonly expected: number; readonly seen: number; readonly missed: number; readonly spurious: number };
  /** Command sent (due) → event at each subscriber in scope. */
  readonly fromSend: Distribution;
  /** Command's 201 → event at each subscriber in scope. */
  readonly fromAnswer: Distribution;
  /** Command sent (due) → its 201. */
  readonly answer: Distribution;
  /** Due → written: how late the sender was (or how long no connection was free). */
  readonly senderLag: Distribution;
  readonly subscriberLoopDelay: LoopDelay;
  readonly cpu: { readonly server?: number; readonly subscribers: number; readonly sender: number };
  /** The server's CPU time per command answered 201, in ms (user + system). */
  readonly serverCpuMsPerCommand?: number;
  readonly clock: { readonly offsetMs: number; readonly uncertaintyMs: number };
}

/** Sends at `rate` for `seconds` while the subscribers watch, then matches what each saw. */
export async function measureStep(
  server: ServerProcess,
  subscribers: SubscriberProcess,
  feedUnits: readonly string[],
  request: (index: number) => string,
  commandUnit: (index: number) => string,
  options: StepOptions,
): Promise<StepResult> {
  const offset = await subscribers.clockOffset();
  await subscribers.collect();
  const serverCpu = server.cpuMs();
  const senderCpu = process.cpuUsage();
  const started = clock();
  const sent = await runOpenLoop({
    port: server.port,
    rate: options.rate,
    durationMs: options.seconds * 1000,
    connections: options.connections,
    request,
    drainMs: 60_000,
    maxBacklog: options.rate * BACKLOG_SECONDS,
  });
  const sendEnded = clock();
  const serverCpuAfter = server.cpuMs();
  const senderUsed = process.cpuUsage(senderCpu);

  const ok = sent.commands.filter((c) => c.status === 201 && Number.isFinite(c.position));
  const otherAnswers: Record<string, number> = {};
  for (const c of sent.commands) if (c.status !== 201) otherAnswers[c.status || 'none'] = (otherAnswers[c.status || 'none'] ?? 0) + 1;
  const answered: AnsweredCommand[] = ok.map((c) => ({
    position: c.position,
    unit: commandUnit(c.index),
    sentAt: c.scheduledAt,
    answeredAt: c.answeredAt,
  }));
  const scopes = feedUnits.map(scopeOf);
  const targets = scopes.map((inScope) => Math.max(0, ...answered.filter((c) => inScope(c.unit)).map((c) => c.position)));
  await subscribers.waitFor(targets, options.graceMs);
  const received = await subscribers.collect();
  const feeds = received.feeds.map((feed, index) => ({
    inScope: scopes[index]!,
    ids: feed.ids,
    times: feed.times.map((at) => at - offset.offsetMs),
    previousId: received.previousIds[index] ?? 0,
  }));
  const deliveries = matchDeliveries(answered, feeds);
  const lastAnswer = Math.max(...ok.map((c) => c.answeredAt));
  const achievedPerSecond = ok.length / ((lastAnswer - sent.startedAt) / 1000);
  const elapsed = sendEnded - started;
  return {
    rate: options.rate,
    commands: sent.commands.length,
    answered201: ok.length,
    otherAnswers,
    achievedPerSecond,
    backlogAtEnd: sent.backlogAtEnd,
    stoppedEarly: sent.stoppedEarly,
    sustained:
      !sent.stoppedEarly &&
      ok.length === sent.commands.length &&
      achievedPerSecond >= 0.95 * options.rate &&
      sent.backlogAtEnd <= 0.01 * sent.commands.length,
    deliveries: {
      expected: deliveries.expected,
      seen: deliveries.seen,
      missed: deliveries.missed,
      spurious: deliveries.spurious,
    },
    fromSend: distribution(deliveries.fromSend),
    fromAnswer: distribution(deliveries.fromAnswer),
    answer: distribution(ok.map((c) => c.answeredAt - c.scheduledAt)),
    senderLag: distribution(sent.commands.map((c) => c.writtenAt - c.scheduledAt).filter(Number.isFinite)),
    subscriberLoopDelay: received.loopDelay,
    cpu: {
      ...(serverCpu === undefined || serverCpuAfter === undefined ? {} : { server: ((serverCpuAfter - serverCpu) / elapsed) * 100 }),
      subscribers: (received.cpuMs / (clock() - started)) * 100,
      sender: ((senderUsed.user + senderUsed.system) / 1000 / elapsed) * 100,
    },
    clock: offset,
    ...(serverCpu === undefined || serverCpuAfter === undefined ? {} : { serverCpuMsPerCommand: (serverCpuAfter - serverCpu) / ok.length }),
  };
}
