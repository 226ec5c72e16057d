import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import type { ProjectionDefinition, ProjectionWriter } from '../../projections/projection';
import type { EventStore, RecordedEvent, Subscription } from '../ledger/event-store.port';

/**
 * A new version of a read model, built from the start of the log into a file of its own
 * while the previous version keeps answering. It resumes where it was after a restart.
 */
export class BackgroundRebuild {
  readonly file: string;
  position = 0;
  private readonly db: Db;
  private readonly writer: ProjectionWriter;
  private readonly applyBatch: (events: readonly RecordedEvent[]) => void;
  private subscription?: Subscription;

  constructor(
    private readonly store: EventStore,
    readonly definition: ProjectionDefinition,
    mainFile: string,
    private readonly onBatch: (rebuild: BackgroundRebuild) => void,
    private readonly onError: (error: Error) => void,
  ) {
    this.file = `${mainFile}.${definition.name}.v${definition.version}.rebuild`;
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = OFF');
    this.db.exec('CREATE TABLE IF NOT EXISTS rebuild_checkpoint (position INTEGER NOT NULL)');
    const stored = this.db
      .prepare<[], { position: number }>('SELECT position FROM rebuild_checkpoint')
      .get();
    if (!stored) this.db.prepare('INSERT INTO rebuild_checkpoint (position) VALUES (0)').run();
    this.position = stored?.position ?? 0;
    this.writer = definition.open(this.db);
    const save = this.db.prepare('UPDATE rebuild_checkpoint SET position = ?');
    const applyBatch = this.db.transaction((events: readonly RecordedEvent[]) => {
      let position = this.position;
      for (const event of events) {
        if (!definition.handles || definition.handles.has(event.type)) this.writer.apply(event);
        position = event.position;
      }
      this.writer.flush?.();
      save.run(position);
      return position;
    });
    this.applyBatch = (events) => {
      try {
        this.position = applyBatch(events);
        this.writer.committed?.();
      } catch (error) {
        this.writer.forget?.();
        throw error;
      }
    };
  }

  start(): void {
    this.subscription = this.store.subscribe({ after: this.position }, (events) => {
      this.applyBatch(events);
      this.onBatch(this);
    });
    void this.subscription.failed.then((error) =>
      this.onError(
        new Error(
          `rebuilding ${this.definition.name} v${this.definition.version} stopped: ${error.message}`,
        ),
      ),
    );
  }

  /** The tables of the new version, to copy into the read models' database. */
  tables(): string[] {
    return this.db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'rebuild_checkpoint'",
      )
      .all()
      .map((row) => row.name);
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }

  /** Closes and removes the side file once its tables have moved. */
  async discard(): Promise<void> {
    await this.stop();
    this.db.close();
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(`${this.file}${suffix}`)) rmSync(`${this.file}${suffix}`);
    }
  }
}
