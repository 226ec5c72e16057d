import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { findUser, usersProjection } from '../../projections/users/users.projection';
import type { RecordedEvent } from '../ledger/event-store.port';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { LedgerMetrics } from '../operations/ledger-metrics';
import { Snapshot, type LiveSubscriber } from './live-subscriber';
import { LiveViews } from './live-views';

const HEARTBEAT_MS = 15_000;
/** Pushes follow one another at least this far apart: under load, one per unit and role per interval. */
const PUSH_INTERVAL_MS = 10;

const USER_EVENTS = usersProjection.handles ?? new Set<string>();

/**
 * Pushes indicator snapshots to dashboards as the read models move on. What a command
 * costs does not depend on the number of subscribers: the watched units' totals move by
 * the facts it changed (LiveViews), and only the units it touched are rendered again, once
 * per role and push, then written to their subscribers. Pushes are coalesced: at once when
 * the feed has been idle, then at most one every PUSH_INTERVAL_MS.
 */
@Injectable()
export class LiveFeed implements OnModuleDestroy {
  /** Subscribers by the unit they watch. */
  private readonly subscribers = new Map<string, Set<LiveSubscriber>>();
  private count = 0;
  private readonly views: LiveViews;
  /** Watched units whose rows may have changed since the last push. */
  private readonly moved = new Set<string>();
  /** A user event was applied since the last push: check who may still read. */
  private usersMoved = false;
  private rebuilding = '';
  private cancelPush?: () => void;
  private lastPush = -Infinity;
  private readonly stopBatch: () => void;
  private readonly stopAdvance: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    @Inject(LEDGER) private readonly ledger: Ledger,
    private readonly metrics: LedgerMetrics,
  ) {
    this.views = new LiveViews(ledger.readModels);
    this.rebuilding = this.rebuildingNow();
    this.stopBatch = ledger.runner.onBatch((events) => this.beforeBatch(events));
    this.stopAdvance = ledger.runner.onAdvance(() => this.advanced());
    this.heartbeat = setInterval(() => this.each((s) => s.heartbeat()), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  add(subscriber: LiveSubscriber): () => void {
    const { unit, role } = subscriber;
    if (!this.mayRead(subscriber.username)) {
      subscriber.end();
      return () => undefined;
    }
    this.views.watch(unit);
    let watchers = this.subscribers.get(unit);
    if (!watchers) this.subscribers.set(unit, (watchers = new Set()));
    watchers.add(subscriber);
    this.count++;
    this.metrics.liveSubscribers.set(this.count);
    // The rows as the client last saw them, so a reconnect repeats nothing unchanged.
    if (subscriber.lastSent > 0)
      subscriber.lastRows = this.views.rowsAt(unit, role, subscriber.lastSent);
    const position = this.ledger.runner.position;
    if (subscriber.lastSent < position)
      subscriber.send(new Snapshot(position, this.views.rows(unit, role)));
    return () => this.remove(subscriber);
  }

  private remove(subscriber: LiveSubscriber): void {
    const watchers = this.subscribers.get(subscriber.unit);
    if (!watchers?.delete(subscriber)) return;
    if (watchers.size === 0) this.subscribers.delete(subscriber.unit);
    this.views.unwatch(subscriber.unit);
    this.count--;
    this.metrics.liveSubscribers.set(this.count);
  }

  private beforeBatch(events: readonly RecordedEvent[]): void {
    if (this.count === 0) return;
    this.views.beforeBatch(events);
    if (!this.usersMoved) this.usersMoved = events.some((event) => USER_EVENTS.has(event.type));
  }

  private advanced(): void {
    const rebuilding = this.rebuildingNow();
    const moved = rebuilding === this.rebuilding ? this.views.afterBatch() : this.views.reload();
    this.rebuilding = rebuilding;
    for (const unit of moved) this.moved.add(unit);
    if (this.moved.size > 0 || this.usersMoved) this.schedule();
  }

  /** The read models being rebuilt: when one is swapped in, the totals are read again. */
  private rebuildingNow(): string {
    return Object.keys(this.ledger.runner.rebuilding()).join(',');
  }

  private schedule(): void {
    if (this.cancelPush) return;
    const wait = this.lastPush + PUSH_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      const immediate = setImmediate(() => this.push());
      this.cancelPush = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(() => this.push(), wait);
      this.cancelPush = () => clearTimeout(timer);
    }
  }

  private push(): void {
    this.cancelPush = undefined;
    this.lastPush = performance.now();
    if (this.usersMoved) {
      this.usersMoved = false;
      this.endDisabled();
    }
    const position = this.ledger.runner.position;
    for (const unit of this.moved) {
      const snapshots = new Map<string, Snapshot>();
      for (const subscriber of this.subscribers.get(unit) ?? []) {
        if (subscriber.lastSent >= position) continue;
        let snapshot = snapshots.get(subscriber.role);
        if (!snapshot) {
          snapshot = new Snapshot(position, this.views.rows(unit, subscriber.role));
          snapshots.set(subscriber.role, snapshot);
        }
        subscriber.send(snapshot);
      }
    }
    this.moved.clear();
  }

  /** A user disabled while watching stops receiving at once. */
  private endDisabled(): void {
    const verdicts = new Map<string, boolean>();
    const ended: LiveSubscriber[] = [];
    this.each((subscriber) => {
      let may = verdicts.get(subscriber.username);
      if (may === undefined)
        verdicts.set(subscriber.username, (may = this.mayRead(subscriber.username)));
      if (!may) ended.push(subscriber);
    });
    for (const subscriber of ended) {
      subscriber.end();
      this.remove(subscriber);
    }
  }

  private mayRead(username: string): boolean {
    return findUser(this.ledger.readModels, username)?.disabled === 0;
  }

  private each(visit: (subscriber: LiveSubscriber) => void): void {
    for (const watchers of this.subscribers.values())
      for (const subscriber of watchers) visit(subscriber);
  }

  onModuleDestroy(): void {
    this.stopBatch();
    this.stopAdvance();
    this.cancelPush?.();
    clearInterval(this.heartbeat);
  }
}
