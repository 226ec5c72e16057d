import { SEAL_SCHEMA_VERSION, SEAL_STREAM, type LogSealed } from '../../events/ledger-seal';
import type { CommandLoop } from './command-loop';
import { SYSTEM_ACTOR } from './envelope';
import type { EventStore } from './event-store.port';
import { entriesOf, type EntryReader } from './log-entries';
import { SealDigest } from './seal-digest';

interface SealState {
  readonly toPosition: number;
  readonly digest: string;
  /** Where the seal itself sits in the log. */
  readonly sealPosition: number;
}

/** The seal stream's fold, one for every seal, so the command loop keeps it between seals. */
const countSeals = {
  initialState: (): number => 0,
  evolve: (sealed: number): number => sealed + 1,
};

/** Events a page of the sealer reads; it lets requests in between pages. */
const PAGE = 5000;

/**
 * Seals the global log at intervals: every `every` events, or on demand, it appends a
 * LogSealed event whose digest covers the events since the previous seal, at most ten
 * times `every` of them: a long unsealed stretch (a ledger from before seals) gets several
 * seals of bounded size, one after the other, not one huge event.
 */
export class LogSealer {
  private running?: Promise<void>;
  private last?: SealState;
  private readonly entries: EntryReader;

  constructor(
    private readonly store: EventStore,
    private readonly commands: CommandLoop,
    readonly every = 1000,
  ) {
    this.entries = entriesOf(store);
  }

  /**
   * Seals if at least `minimum` events wait unsealed; concurrent calls share one run. Given a
   * position the log is known to have reached (the read models', on each advance), fewer
   * events than that since the last seal need no look at the log at all.
   */
  sealIfDue(minimum = this.every, reached?: number): Promise<void> {
    if (
      !this.running &&
      this.last &&
      reached !== undefined &&
      reached - this.last.toPosition < minimum
    ) {
      return Promise.resolve();
    }
    this.running ??= this.seal(minimum).finally(() => (this.running = undefined));
    return this.running;
  }

  private async seal(minimum: number): Promise<void> {
    let previous = (this.last ??= await this.lastSeal());
    const head = await this.store.headPosition();
    // The newest seal itself never needs sealing on its own.
    if (head <= previous.sealPosition || head - previous.toPosition < minimum) return;
    while (previous.toPosition < head) {
      const next = await this.sealAfter(previous, head);
      if (!next) return;
      previous = this.last = next;
    }
  }

  /** Seals the events after `previous`, up to `head` and at most ten times `every` of them. */
  private async sealAfter(previous: SealState, head: number): Promise<SealState | undefined> {
    const largest = this.every * 10;
    const digest = new SealDigest(previous.digest);
    let to = previous.toPosition;
    for (let after = previous.toPosition; after < head && digest.count < largest;) {
      // Entries, not events: a seal needs each event's position, id and stored hash, not its parsed JSON.
      const page = await this.entries(after, Math.min(PAGE, largest - digest.count));
      for (const entry of page) {
        if (entry.position > head) break;
        digest.add({ position: entry.position, id: entry.id, hash: entry.hash });
        to = entry.position;
      }
      const tail = page[page.length - 1];
      if (!tail) break;
      after = tail.position;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (digest.count === 0) return undefined;
    const data = {
      fromPosition: previous.toPosition,
      toPosition: to,
      count: digest.count,
      previousDigest: previous.digest,
      digest: digest.digest(),
      entries: digest.entryList(),
    };
    const sealed = await this.commands.run<number, LogSealed>(
      {
        streamId: SEAL_STREAM,
        ...countSeals,
        decide: () => [{ type: 'LogSealed', schemaVersion: SEAL_SCHEMA_VERSION, data }],
        unitOf: () => SYSTEM_ACTOR.unitCode,
        resultId: `seal-${to}`,
      },
      { actor: SYSTEM_ACTOR, now: new Date(), correlationId: `seal-${to}` },
    );
    return { toPosition: to, digest: data.digest, sealPosition: sealed.position };
  }

  private async lastSeal(): Promise<SealState> {
    const seals = await this.store.readStream(SEAL_STREAM);
    const last = seals[seals.length - 1];
    if (!last) return { toPosition: 0, digest: '', sealPosition: 0 };
    const data = last.data as LogSealed['data'];
    return { toPosition: data.toPosition, digest: data.digest, sealPosition: last.position };
  }
}
