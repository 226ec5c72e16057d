import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../../projections/all-projections';
import { erasedSubjects } from '../../projections/subjects/subjects.projection';
import type { LedgerConfig } from '../config/ledger-config';
import { approvalLocks } from '../approvals/approval-queries';
import { approvalsProjection } from '../../projections/approvals/approvals.projection';
import { masterKey } from '../personal-data/master-key';
import { PersonalVault } from '../personal-data/personal-vault';
import { SubjectKeyStore } from '../personal-data/subject-key-store';
import { saveFactIndex } from '../../projections/indicators/kept-fact-indexes';
import { openProjectionDatabase } from '../projection-runner/projection-database';
import { ProjectionRunner } from '../projection-runner/projection-runner';
import { AnsweredKeyIndex } from './answered-key-index';
import { CommandLoop } from './command-loop';
import { LogSealer } from './log-sealer';
import type { EventStore } from './event-store.port';
import { openEventStore } from './open-event-store';
import { rememberedLocks } from './period-locks';
import { checkpointInBackground } from './sqlite/background-checkpoints';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export const PROJECTIONS_FILE = 'projections.sqlite';
export const SUBJECT_KEYS_FILE = 'subject-keys.sqlite';

/**
 * The running ledger: the event store, the read models fed from it, and the command loop
 * that writes to it. The service and the command-line tool both open one.
 */
export class Ledger {
  private constructor(
    readonly config: LedgerConfig,
    readonly store: EventStore,
    readonly readModels: Database,
    readonly runner: ProjectionRunner,
    readonly commands: CommandLoop,
    private readonly keys: SubjectKeyStore,
    private readonly answeredKeys: AnsweredKeyIndex,
    /** Personal details, sealed per subject; only this object can open them. */
    readonly vault: PersonalVault,
    /** Listeners told how long each durable append took (seconds). */
    readonly appendTimings: Set<(seconds: number) => void>,
  ) {}

  static async open(
    config: LedgerConfig,
    onError: (error: Error) => void = () => undefined,
    options: { readonly sealing?: boolean } = {},
  ): Promise<Ledger> {
    const store = await openEventStore(config);
    const readModels = openProjectionDatabase(join(config.dataDir, PROJECTIONS_FILE));
    // Commands wait for both files' commits: neither waits for a checkpoint on the way.
    const checkpointReleases = [
      readModels,
      ...(store instanceof SqliteEventStore ? [store.connection] : []),
    ].map((db) => checkpointInBackground(db));
    const runner = new ProjectionRunner(store, readModels, ALL_PROJECTIONS, onError);
    runner.start(await store.headPosition());
    const keys = SubjectKeyStore.open(
      join(config.dataDir, SUBJECT_KEYS_FILE),
      masterKey(config.dataDir, config.masterKey),
    );
    const appendTimings = new Set<(seconds: number) => void>();
    const answeredKeys = new AnsweredKeyIndex(readModels, runner);
    const commands = new CommandLoop(store, answeredKeys, {
      // A person's new key is on disk before the event that needs it is appended.
      beforeAppend: () => keys.durable(),
      // Answer a command once its read models show it: a client reads its own writes.
      afterAppend: async (position) => void (await runner.waitFor(position)),
      onAppendTimed: (seconds) => appendTimings.forEach((listener) => listener(seconds)),
      locks: rememberedLocks(approvalLocks(readModels), runner, approvalsProjection.handles),
    });
    const vault = new PersonalVault(keys);
    // An erasure recorded just before a crash still destroys its key.
    await runner.waitFor(await store.headPosition(), 30_000);
    for (const subjectId of erasedSubjects(readModels)) {
      if (!vault.isErased(subjectId)) vault.erase(subjectId, new Date());
    }
    const ledger = new Ledger(
      config,
      store,
      readModels,
      runner,
      commands,
      keys,
      answeredKeys,
      vault,
      appendTimings,
    );
    ledger.releaseCheckpoints = async () =>
      void (await Promise.all(checkpointReleases.map((release) => release())));
    if (options.sealing) ledger.startSealing(onError);
    return ledger;
  }

  /** Seals the log every thousand events, and whatever is new once a minute. */
  private startSealing(onError: (error: Error) => void): void {
    const sealer = new LogSealer(this.store, this.commands);
    const seal = (minimum?: number, reached?: number) =>
      void sealer
        .sealIfDue(minimum, reached)
        .catch((error: unknown) =>
          onError(error instanceof Error ? error : new Error(String(error))),
        );
    const stopAdvance = this.runner.onAdvance((position) => seal(undefined, position));
    const timer = setInterval(() => seal(1), 60_000);
    timer.unref();
    this.stopSealing = () => {
      stopAdvance();
      clearInterval(timer);
    };
  }

  private stopSealing = (): void => undefined;
  private releaseCheckpoints = (): Promise<void> => Promise.resolve();

  async close(): Promise<void> {
    this.stopSealing();
    this.answeredKeys.close();
    await this.runner.stop();
    await this.releaseCheckpoints();
    await this.store.close();
    // The next start reads the indicator facts back from this copy instead of the table.
    saveFactIndex(this.readModels);
    this.readModels.close();
    await this.keys.close();
  }
}

export const LEDGER = Symbol('LEDGER');
