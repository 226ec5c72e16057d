import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { findUser } from '../../projections/users/users.projection';
import { publishedRows } from '../indicators/published-rows';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { LedgerMetrics } from '../operations/ledger-metrics';
import type { LiveSubscriber } from './live-subscriber';

const HEARTBEAT_MS = 15_000;

/**
 * Pushes indicator snapshots to dashboards as the read models move on. Work is coalesced:
 * one computation per subscribed unit per turn of the event loop, whatever the number of
 * commands or subscribers.
 */
@Injectable()
export class LiveFeed implements OnModuleDestroy {
  private readonly subscribers = new Set<LiveSubscriber>();
  private scheduled = false;
  private readonly stopAdvance: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    @Inject(LEDGER) private readonly ledger: Ledger,
    private readonly metrics: LedgerMetrics,
  ) {
    this.stopAdvance = ledger.runner.onAdvance(() => this.schedule());
    this.heartbeat = setInterval(() => this.subscribers.forEach((s) => s.heartbeat()), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  add(subscriber: LiveSubscriber): () => void {
    this.subscribers.add(subscriber);
    this.metrics.liveSubscribers.set(this.subscribers.size);
    // The rows as the client last saw them, so a reconnect repeats nothing unchanged.
    if (subscriber.lastSent > 0) subscriber.lastRows = this.rowsAt(subscriber, subscriber.lastSent);
    this.pushTo([subscriber]);
    return () => {
      this.subscribers.delete(subscriber);
      this.metrics.liveSubscribers.set(this.subscribers.size);
    };
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pushTo([...this.subscribers]);
    });
  }

  private pushTo(subscribers: readonly LiveSubscriber[]): void {
    const position = this.ledger.runner.position;
    const byView = new Map<string, string>();
    for (const subscriber of subscribers) {
      if (subscriber.lastSent >= position) continue;
      // A user disabled while watching stops receiving at once.
      if (findUser(this.ledger.readModels, subscriber.username)?.disabled !== 0) {
        subscriber.end();
        this.subscribers.delete(subscriber);
        continue;
      }
      const view = `${subscriber.unit}|${subscriber.role}`;
      let rows = byView.get(view);
      if (rows === undefined) {
        rows = this.rowsAt(subscriber, position);
        byView.set(view, rows);
      }
      subscriber.send(position, rows);
    }
  }

  private rowsAt(subscriber: LiveSubscriber, position: number): string {
    const { unit, role } = subscriber;
    return JSON.stringify(publishedRows(this.ledger.readModels, { unit, asOfPosition: position }, { role }));
  }

  onModuleDestroy(): void {
    this.stopAdvance();
    clearInterval(this.heartbeat);
  }
}
