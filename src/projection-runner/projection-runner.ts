import type { Database } from 'better-sqlite3';
import type { ProjectionDefinition, ProjectionWriter } from '../../projections/projection';
import type { EventStore, RecordedEvent, Subscription } from '../ledger/event-store.port';
import { BackgroundRebuild } from './background-rebuild';

interface Running {
  readonly definition: ProjectionDefinition;
  readonly writer: ProjectionWriter;
  position: number;
  /** Whether its query indexes exist; a read model built from zero gets them once caught up. */
  indexed: boolean;
  /** Set when applying an event threw: this read model stops; the others go on. */
  failure?: { readonly position: number; readonly message: string };
}

interface Waiter {
  readonly position: number;
  readonly resolve: () => void;
}

/**
 * Feeds every read model from a checkpointed subscription to the store. A projection whose
 * stored version differs from its code is dropped and rebuilt from the start of the log.
 */
export class ProjectionRunner {
  private running: Running[] = [];
  private rebuilds: BackgroundRebuild[] = [];
  /** The last position the main subscription delivered (or started from). */
  private delivered = 0;
  private headAtStart?: number;
  private subscription?: Subscription;
  private waiters: Waiter[] = [];
  private readonly advanceListeners = new Set<(position: number) => void>();
  private readonly batchListeners = new Set<(events: readonly RecordedEvent[]) => void>();
  private stopped = false;
  private readonly saveCheckpoint;
  private readonly applyToAll: (events: readonly RecordedEvent[]) => Map<Running, number>;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database,
    private readonly definitions: readonly ProjectionDefinition[],
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.saveCheckpoint = db.prepare(
      `INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET version = excluded.version, position = excluded.position`,
    );
    // Every read model applies a batch in one transaction with its checkpoint, committed once
    // per batch (a commit per read model cost more than applying the events; a savepoint per
    // read model, a tenth of the batch's time). One that fails stops the whole transaction:
    // the batch is applied again without it (see applyBatch).
    this.applyToAll = db.transaction((events: readonly RecordedEvent[]) => {
      const reached = new Map<Running, number>();
      for (const projection of this.running) {
        if (!projection.failure) reached.set(projection, this.applyTo(projection, events));
      }
      return reached;
    });
  }

  private applyTo(projection: Running, events: readonly RecordedEvent[]): number {
    let position = projection.position;
    const { handles } = projection.definition;
    for (const event of events) {
      if (event.position <= position) continue;
      if (!handles || handles.has(event.type)) {
        try {
          projection.writer.apply(event);
        } catch (error) {
          throw new ProjectionFailed(projection, event.position, error);
        }
      }
      position = event.position;
    }
    try {
      projection.writer.flush?.();
    } catch (error) {
      throw new ProjectionFailed(projection, projection.position + 1, error);
    }
    const { name, version } = projection.definition;
    this.saveCheckpoint.run(name, version, position);
    return position;
  }

  /**
   * Opens every projection at its checkpoint and starts following the log. A projection
   * new to this database builds in place; one whose version changed rebuilds in the
   * background while its previous version keeps answering, then takes its place. Given
   * the log's head, a read model whose checkpoint lies beyond it (read models kept beside a
   * log restored from an older copy, say) is rebuilt too: it holds events the log has not.
   */
  start(head?: number): void {
    const stored = new Map(
      this.db
        .prepare<[], { name: string; version: number; position: number }>(
          'SELECT * FROM projection_checkpoints',
        )
        .all()
        .map((row) => [row.name, row]),
    );
    for (const definition of this.definitions) {
      let checkpoint = stored.get(definition.name);
      if (checkpoint && head !== undefined && checkpoint.position > head) {
        this.onError(
          new Error(
            `read model ${definition.name} stood at position ${checkpoint.position}, beyond the log's head ${head}: it is rebuilt from the start of the log`,
          ),
        );
        checkpoint = undefined;
      }
      if (checkpoint && checkpoint.version !== definition.version) {
        this.rebuilds.push(
          new BackgroundRebuild(
            this.store,
            definition,
            this.db.name,
            (r) => this.promoteIfCaughtUp(r),
            this.onError,
          ),
        );
        continue;
      }
      if (!checkpoint) {
        definition.drop(this.db);
        this.saveCheckpoint.run(definition.name, definition.version, 0);
      }
      const writer = definition.open(this.db);
      if (checkpoint) createQueryIndexes(this.db, definition);
      this.running.push({
        definition,
        writer,
        position: checkpoint?.position ?? 0,
        indexed: checkpoint !== undefined,
      });
    }
    void this.store.headPosition().then((head) => {
      this.headAtStart = head;
      this.indexCaughtUp();
      for (const rebuild of this.rebuilds) this.promoteIfCaughtUp(rebuild);
    });
    for (const rebuild of this.rebuilds) rebuild.start();
    this.follow();
  }

  /** Read models being rebuilt in the background, and how far they are. */
  rebuilding(): Record<string, { version: number; position: number }> {
    return Object.fromEntries(
      this.rebuilds.map((r) => [
        r.definition.name,
        { version: r.definition.version, position: r.position },
      ]),
    );
  }

  /**
   * Swaps a rebuilt version in once it has reached what the main subscription delivered:
   * its tables replace the previous version's in one transaction, with its checkpoint.
   */
  private promoteIfCaughtUp(rebuild: BackgroundRebuild): void {
    if (
      this.headAtStart === undefined ||
      rebuild.position < Math.max(this.delivered, this.headAtStart)
    )
      return;
    if (!this.rebuilds.includes(rebuild)) return;
    this.rebuilds = this.rebuilds.filter((r) => r !== rebuild);
    const { definition } = rebuild;
    this.db.prepare('ATTACH DATABASE ? AS rebuilt').run(rebuild.file);
    let writer: ProjectionWriter;
    try {
      writer = this.db.transaction(() => {
        definition.drop(this.db);
        const opened = definition.open(this.db);
        for (const table of rebuild.tables()) {
          this.db.exec(
            `DELETE FROM main."${table}"; INSERT INTO main."${table}" SELECT * FROM rebuilt."${table}"`,
          );
        }
        createQueryIndexes(this.db, definition);
        this.saveCheckpoint.run(definition.name, definition.version, rebuild.position);
        return opened;
      })();
    } finally {
      this.db.exec('DETACH DATABASE rebuilt');
    }
    this.running.push({ definition, writer, position: rebuild.position, indexed: true });
    void rebuild.discard();
    if (!this.subscription) this.follow();
    this.release();
  }

  private follow(): void {
    if (this.stopped || this.running.length === 0) return;
    const from = Math.min(...this.running.map((p) => p.position));
    this.delivered = Math.max(this.delivered, from);
    const subscription = this.store.subscribe({ after: from }, (events) => {
      for (const listener of this.batchListeners) listener(events);
      this.applyBatch(events);
      this.delivered = events[events.length - 1]?.position ?? this.delivered;
      this.release();
    });
    this.subscription = subscription;
    void subscription.failed.then((error) => {
      if (this.stopped) return;
      this.onError(error);
      // Start again from the checkpoints after a pause: nothing is applied twice.
      setTimeout(() => this.follow(), 1000).unref();
    });
  }

  private applyBatch(events: readonly RecordedEvent[]): void {
    let reached: Map<Running, number> | undefined;
    while (!reached) {
      try {
        reached = this.applyToAll(events);
      } catch (error) {
        // The whole batch rolled back: every read model reads its state again. One that could
        // not apply an event stops, and the others apply the batch again without it; any other
        // failure (the disk, say) starts the subscription over from the checkpoints.
        for (const projection of this.running) projection.writer.forget?.();
        if (!(error instanceof ProjectionFailed)) throw error;
        this.stopFailed(error.projection, error);
      }
    }
    for (const [projection, position] of reached) {
      projection.position = position;
      projection.writer.committed?.();
    }
    this.indexCaughtUp();
  }

  private stopFailed(projection: Running, failed: ProjectionFailed): void {
    projection.failure = { position: failed.position, message: failed.message };
    this.onError(
      new Error(
        `read model ${projection.definition.name} stopped at position ${failed.position}: ${failed.message}`,
      ),
    );
  }

  /** Gives the read models built from zero their query indexes once they reach the head at start. */
  private indexCaughtUp(): void {
    if (this.headAtStart === undefined) return;
    for (const projection of this.running) {
      if (projection.indexed || projection.failure || projection.position < this.headAtStart)
        continue;
      createQueryIndexes(this.db, projection.definition);
      projection.indexed = true;
    }
  }

  /** The lowest position every working read model has reached. */
  get position(): number {
    const working = this.running.filter((p) => !p.failure);
    return working.length === 0 ? 0 : Math.min(...working.map((p) => p.position));
  }

  positions(): Record<string, number> {
    return Object.fromEntries(this.running.map((p) => [p.definition.name, p.position]));
  }

  /** Read models that stopped on an event they could not apply, and where. */
  failures(): Record<string, { position: number; message: string }> {
    return Object.fromEntries(
      this.running.flatMap((p) => (p.failure ? [[p.definition.name, p.failure] as const] : [])),
    );
  }

  /** Resolves once every read model has applied `position`, or after `timeoutMs`. */
  waitFor(position: number, timeoutMs = 5000): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push({
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      });
    });
  }

  /** Calls `listener` with the new position each time the read models move on. */
  onAdvance(listener: (position: number) => void): () => void {
    this.advanceListeners.add(listener);
    return () => this.advanceListeners.delete(listener);
  }

  /**
   * Calls `listener` with each batch of events just before the read models apply it, so
   * that it can note what they held before (the live feed's totals move by the difference).
   */
  onBatch(listener: (events: readonly RecordedEvent[]) => void): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  private release(): void {
    const reached = this.position;
    for (const listener of this.advanceListeners) listener(reached);
    const ready = this.waiters.filter((w) => w.position <= reached);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > reached);
    for (const waiter of ready) waiter.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.rebuilds.map((r) => r.stop()));
    await this.subscription?.close();
  }
}

function createQueryIndexes(db: Database, definition: ProjectionDefinition): void {
  for (const statement of definition.queryIndexes ?? []) db.exec(statement);
}

class ProjectionFailed extends Error {
  constructor(
    readonly projection: Running,
    readonly position: number,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}
