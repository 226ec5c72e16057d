import { SEAL_SCHEMA_VERSION, SEAL_STREAM, type LogSealed } from '../../events/ledger-seal';
import type { CommandLoop } from './command-loop';
import { SYSTEM_ACTOR } from './envelope';
import type { EventStore } from './event-store.port';
import { SealDigest } from './seal-digest';

interface SealState {
  readonly toPosition: number;
  readonly digest: string;
  /** Where the seal itself sits in the log. */
  readonly sealPosition: number;
}

/**
 * Seals the global log at intervals: every `every` events, or on demand, it appends a
 * LogSealed event whose digest covers all events since the previous seal.
 */
export class LogSealer {
  private running?: Promise<void>;
  private last?: SealState;

  constructor(
    private readonly store: EventStore,
    private readonly commands: CommandLoop,
    readonly every = 1000,
  ) {}

  /** Seals if at least `minimum` events wait unsealed; concurrent calls share one run. */
  sealIfDue(minimum = this.every): Promise<void> {
    this.running ??= this.seal(minimum).finally(() => (this.running = undefined));
    return this.running;
  }

  private async seal(minimum: number): Promise<void> {
    const previous = (this.last ??= await this.lastSeal());
    const head = await this.store.headPosition();
    // The newest seal itself never needs sealing on its own.
    if (head <= previous.sealPosition || head - previous.toPosition < minimum) return;
    const digest = new SealDigest(previous.digest);
    let to = previous.toPosition;
    for (let after = previous.toPosition; after < head; ) {
      const page = await this.store.readAll({ after, limit: 5000 });
      for (const event of page) {
        if (event.position > head) break;
        digest.add({ position: event.position, id: event.id, hash: event.metadata.hash });
        to = event.position;
      }
      const tail = page[page.length - 1];
      if (!tail || page.length < 5000) break;
      after = tail.position;
    }
    if (digest.count === 0) return;
    const data = { fromPosition: previous.toPosition, toPosition: to, count: digest.count, previousDigest: previous.digest, digest: digest.digest(), entries: digest.entryList() };
    const sealed = await this.commands.run<number, LogSealed>(
      {
        streamId: SEAL_STREAM,
        initialState: () => 0,
        evolve: (n) => n + 1,
        decide: () => [{ type: 'LogSealed', schemaVersion: SEAL_SCHEMA_VERSION, data }],
        unitOf: () => SYSTEM_ACTOR.unitCode,
        resultId: `seal-${to}`,
      },
      { actor: SYSTEM_ACTOR, now: new Date(), correlationId: `seal-${to}` },
    );
    this.last = { toPosition: to, digest: data.digest, sealPosition: sealed.position };
  }

  private async lastSeal(): Promise<SealState> {
    const seals = await this.store.readStream(SEAL_STREAM);
    const last = seals[seals.length - 1];
    if (!last) return { toPosition: 0, digest: '', sealPosition: 0 };
    const data = last.data as LogSealed['data'];
    return { toPosition: data.toPosition, digest: data.digest, sealPosition: last.position };
  }
}
