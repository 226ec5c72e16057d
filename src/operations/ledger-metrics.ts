import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LEDGER, type Ledger } from '../ledger/ledger';

/** The service's Prometheus metrics, in a registry of its own. */
@Injectable()
export class LedgerMetrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: 'p8_commands_total',
    help: 'Commands received, by route and outcome (HTTP status class)',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly commandSeconds = new Histogram({
    name: 'p8_command_duration_seconds',
    help: 'Time from receiving a command to answering it, append and read models included',
    labelNames: ['command'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly liveSubscribers = new Gauge({
    name: 'p8_live_subscribers',
    help: 'Open live indicator feeds',
    registers: [this.registry],
  });

  /** One answered request: commands (POST) are counted by route and outcome, and timed. */
  recordResponse(method: string, route: string | undefined, status: number, seconds: number): void {
    if (method !== 'POST') return;
    const command = route ?? 'unknown';
    this.commands.inc({ command, outcome: `${Math.floor(status / 100)}xx` });
    this.commandSeconds.observe({ command }, seconds);
  }

  readonly appendSeconds = new Histogram({
    name: 'p8_append_duration_seconds',
    help: 'Time for a durable append to the event store (group commit included)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });

  constructor(@Inject(LEDGER) ledger: Ledger) {
    ledger.appendTimings.add((seconds) => this.appendSeconds.observe(seconds));
    collectDefaultMetrics({ register: this.registry, prefix: 'p8_' });
    new Gauge({
      name: 'p8_log_head_position',
      help: 'Position of the last event in the log',
      registers: [this.registry],
      async collect() {
        this.set(await ledger.store.headPosition());
      },
    });
    new Gauge({
      name: 'p8_projection_lag_events',
      help: 'Events in the log that a read model has not applied yet',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        const head = await ledger.store.headPosition();
        for (const [name, position] of Object.entries(ledger.runner.positions())) {
          this.set({ projection: name }, Math.max(0, head - position));
        }
      },
    });
  }
}
