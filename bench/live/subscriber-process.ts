import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { clock } from './clock';
import type { SubscriberAnswer, SubscriberRequest } from './subscribers';

type Answer<T extends SubscriberAnswer['type']> = Extract<SubscriberAnswer, { type: T }>;

/** The subscribers' child process (subscribers.ts), one request at a time. */
export class SubscriberProcess {
  private pending?: { type: string; resolve: (answer: SubscriberAnswer) => void; reject: (error: Error) => void };
  private failure?: Error;
  /** The id of the last event each feed has received, as of the last collect. */
  private lastIds: number[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: SubscriberAnswer) => {
      const pending = this.pending;
      if (message.type === 'failed') {
        this.failure = new Error(`subscribers: ${message.message}`);
        this.pending = undefined;
        pending?.reject(this.failure);
      } else if (pending && pending.type === message.type) {
        this.pending = undefined;
        pending.resolve(message);
      }
    });
    child.once('exit', (code) => {
      this.failure ??= new Error(`the subscribers' process exited (${code})`);
      this.pending?.reject(this.failure);
    });
  }

  /** Opens one feed per entry and resolves once each has received its first event. */
  static async open(port: number, feeds: { token: string; unit: string }[]): Promise<SubscriberProcess> {
    const child = fork(join(__dirname, 'subscribers.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const subscribers = new SubscriberProcess(child);
    await subscribers.ask({ type: 'open', port, feeds }, 'opened');
    return subscribers;
  }

  /**
   * How far the child's clock is ahead of this one's, in ms: from the round trip that took
   * least of `samples`, whose half is the uncertainty.
   */
  async clockOffset(samples = 25): Promise<{ offsetMs: number; uncertaintyMs: number }> {
    let best = { offsetMs: 0, uncertaintyMs: Number.POSITIVE_INFINITY };
    for (let i = 0; i < samples; i++) {
      const sent = clock();
      const { at } = await this.ask({ type: 'clock' }, 'clock');
      const received = clock();
      const half = (received - sent) / 2;
      if (half < best.uncertaintyMs) best = { offsetMs: at - (sent + half), uncertaintyMs: half };
    }
    return best;
  }

  /** Resolves once each feed has an event at or after its target (or the time is up): whether they all did. */
  async waitFor(targets: number[], timeoutMs: number): Promise<boolean> {
    return (await this.ask({ type: 'wait', targets, timeoutMs }, 'waited')).complete;
  }

  /**
   * Events received since the last collect, per feed, on the child's clock, and the id of
   * the last event each feed had received before them (0 for none).
   */
  async collect(): Promise<Answer<'collected'> & { previousIds: number[] }> {
    const collected = await this.ask({ type: 'collect' }, 'collected');
    const previousIds = collected.feeds.map((_, index) => this.lastIds[index] ?? 0);
    this.lastIds = collected.feeds.map((feed, index) => feed.ids.at(-1) ?? previousIds[index]!);
    return { ...collected, previousIds };
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.failure ??= new Error('closed');
    this.child.send({ type: 'close' } satisfies SubscriberRequest);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  private ask<T extends SubscriberAnswer['type']>(request: SubscriberRequest, type: T): Promise<Answer<T>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { type, resolve: (answer) => resolve(answer as Answer<T>), reject };
      this.child.send(request);
    });
  }
}
