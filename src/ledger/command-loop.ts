import type { DomainEvent } from '../../events/event';
import { RuleViolation, StaleRevision } from '../shared/domain-errors';
import type { CommandEnvelope, CommandResult } from './command-envelope';
import type { EventMetadata } from './envelope';
import { eventIdsFor } from './event-ids';
import { chainEvents } from './event-hash';
import type { AppendResult, EventStore, NewEvent } from './event-store.port';
import type { IdempotencyIndex, RememberedCommand } from './idempotency';
import { answerIn, answerKey, asRecorded, extend, knownFrom, KnownStreams, type KnownStream } from './known-streams';
import { touchedDates, type PeriodLocks } from './period-locks';
import { WrongExpectedRevision } from './store-errors';

/** Answers to idempotency keys kept in memory, besides the read model that keeps them all. */
const RECENT_ANSWERS = 10_000;

/** One command against one stream, as the generic loop needs it. */
export interface StreamCommand<State, Event extends DomainEvent> {
  readonly streamId: string;
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  /** Pure: the events the command decides on, or a domain error. */
  readonly decide: (state: State) => readonly Event[];
  /** The unit of the record once the events are applied: scope and filters use it. */
  readonly unitOf: (state: State) => string;
  /** The id the command answers with. */
  readonly resultId: string;
  readonly subjectId?: string;
}

export interface CommandLoopOptions {
  /**
   * Called once a command is decided, before its events are appended: what it resolves
   * must be on disk first (the keys of people the events name). Undefined when nothing waits.
   */
  readonly beforeAppend?: () => Promise<void> | undefined;
  /** Called with the position of every append before the command answers. */
  readonly afterAppend?: (position: number) => Promise<void>;
  /** Told how long each durable append took, in seconds (for metrics). */
  readonly onAppendTimed?: (seconds: number) => void;
  /** Approved periods: a command touching one is refused (409). */
  readonly locks?: PeriodLocks;
  readonly maxAttempts?: number;
}

/**
 * The one command loop: read the stream, fold it, decide, append with the expected
 * revision. A concurrent writer makes the loop start again, unless the client pinned a
 * revision with If-Match, which then answers 412.
 */
export class CommandLoop {
  private lastStamp = 0;
  /** The tail of the commands queued on each stream in this process. */
  private readonly streamQueues = new Map<string, Promise<unknown>>();
  private readonly known = new KnownStreams();
  /** The commands running under an idempotency key, by user and key. */
  private readonly keysRunning = new Map<string, Promise<CommandResult>>();
  private readonly recentAnswers = new Map<string, RememberedCommand>();

  constructor(
    private readonly store: EventStore,
    private readonly idempotency: IdempotencyIndex,
    private readonly options: CommandLoopOptions = {},
  ) {}

  async run<State, Event extends DomainEvent>(
    command: StreamCommand<State, Event>,
    envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    const key = envelope.idempotencyKey ? answerKey(envelope.actor.userId, envelope.idempotencyKey) : undefined;
    // A repeat sent while the first is still running waits for its answer, then is answered
    // as a repeat: the first's answer comes once the read models that remember it show it.
    for (let first = key && this.keysRunning.get(key); first; first = key && this.keysRunning.get(key)) {
      await first.catch(() => undefined);
    }
    const remembered = this.rememberedAnswer(envelope);
    if (remembered) return remembered;
    const running = this.inTurn(command.streamId, () => this.attempts(command, envelope)).then(async (result) => {
      await this.options.afterAppend?.(result.position);
      return result;
    });
    if (!key) return running;
    this.keysRunning.set(key, running);
    try {
      const result = await running;
      this.rememberAnswer(key, { requestHash: envelope.requestHash ?? '', result });
      return result;
    } finally {
      if (this.keysRunning.get(key) === running) this.keysRunning.delete(key);
    }
  }

  /**
   * The answers given lately, by user and key: a repeat finds its answer here even before
   * (or without) the read model that remembers every answer showing it.
   */
  private rememberAnswer(key: string, answer: RememberedCommand): void {
    this.recentAnswers.delete(key);
    this.recentAnswers.set(key, answer);
    if (this.recentAnswers.size > RECENT_ANSWERS) {
      const oldest = this.recentAnswers.keys().next();
      if (!oldest.done) this.recentAnswers.delete(oldest.value);
    }
  }

  /**
   * Commands on one stream take turns in this process, so they do not race each other
   * for the same revision; writers in other processes are still caught by the revision.
   */
  private async inTurn<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const before = this.streamQueues.get(streamId) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.catch(() => undefined);
    this.streamQueues.set(streamId, tail);
    try {
      return await mine;
    } finally {
      if (this.streamQueues.get(streamId) === tail) this.streamQueues.delete(streamId);
    }
  }

  private async attempts<State, Event extends DomainEvent>(
    command: StreamCommand<State, Event>,
    envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    const attempts = this.options.maxAttempts ?? 10;
    let recall = true;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(command, envelope, recall);
      } catch (error) {
        if (error instanceof RecalledStreamRefused) {
          // What the process knew of the stream may be out of date: decide again on a fresh read.
          this.known.forget(command.streamId);
          recall = false;
          continue;
        }
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (envelope.ifMatch !== undefined) throw new StaleRevision(envelope.ifMatch, envelope.ifMatch + 1);
        if (attempt >= attempts) {
          throw new RuleViolation(
            `${command.streamId} is being changed by many requests at once; nothing was written. Send it again`,
          );
        }
      }
    }
  }

  private rememberedAnswer(envelope: CommandEnvelope): CommandResult | undefined {
    if (!envelope.idempotencyKey) return undefined;
    const found =
      this.recentAnswers.get(answerKey(envelope.actor.userId, envelope.idempotencyKey)) ??
      this.idempotency.find(envelope.actor.userId, envelope.idempotencyKey);
    if (!found) return undefined;
    if (found.requestHash !== (envelope.requestHash ?? '')) throw keyReused(envelope.idempotencyKey);
    return found.result;
  }

  /**
   * One try. A stream this process appended to lately is taken as it was left, and any
   * other as new (most commands make a record), without reading its history; a refusal
   * then (a rule, If-Match, a lock, or the store's revision check, which refuses to start
   * a stream that exists) is checked again on a fresh read before it is answered. Nothing
   * after the append can make the command run again.
   */
  private async attempt<State, Event extends DomainEvent>(
    command: StreamCommand<State, Event>,
    envelope: CommandEnvelope,
    recall: boolean,
  ): Promise<CommandResult> {
    const recalled = recall
      ? (this.known.recall<State>(command.streamId, command.evolve) ?? knownFrom(command.streamId, [], command))
      : undefined;
    const stream = recalled ?? knownFrom(command.streamId, await this.store.readStream(command.streamId), command);
    let decision: Decision;
    try {
      decision = this.decision(command, envelope, stream);
    } catch (error) {
      throw recalled ? new RecalledStreamRefused() : error;
    }
    if ('repeat' in decision) return decision.repeat;
    const before = this.options.beforeAppend?.();
    if (before) await before;
    const started = process.hrtime.bigint();
    let appended: AppendResult;
    try {
      appended = await this.store.appendToStream(command.streamId, decision.events, {
        expectedRevision: stream.revision === -1 ? 'no_stream' : stream.revision,
      });
    } catch (error) {
      this.known.forget(command.streamId);
      throw recalled && error instanceof WrongExpectedRevision ? new RecalledStreamRefused() : error;
    }
    this.options.onAppendTimed?.(Number(process.hrtime.bigint() - started) / 1e9);
    this.rememberAfter(stream, decision.events, appended, command.evolve);
    return {
      id: command.resultId,
      streamId: command.streamId,
      revision: appended.nextRevision,
      position: appended.position,
      ...(command.subjectId ? { subjectId: command.subjectId } : {}),
    };
  }

  /** Fold, decide, check If-Match and locks: the chained events to append, or a repeat's answer. */
  private decision<State, Event extends DomainEvent>(
    command: StreamCommand<State, Event>,
    envelope: CommandEnvelope,
    stream: KnownStream<State>,
  ): Decision {
    const repeat = this.repeatIn(stream, envelope);
    if (repeat) return { repeat };
    const { state, revision } = stream;
    const decided = command.decide(state);
    if (envelope.ifMatch !== undefined && envelope.ifMatch !== revision) {
      throw new StaleRevision(envelope.ifMatch, revision);
    }
    const after = decided.reduce(command.evolve, state);
    this.assertUnlocked(stream.dates, decided, [command.unitOf(after), ...(revision >= 0 ? [command.unitOf(state)] : [])]);
    const metadata = this.metadataFor(envelope, command.unitOf(after), command);
    const ids = eventIdsFor(decided.length);
    const events = chainEvents(
      command.streamId,
      revision + 1,
      stream.lastHash,
      decided.map((event, index) => ({
        id: ids[index] ?? '',
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data as Readonly<Record<string, unknown>>,
        metadata,
      })),
    );
    return { events };
  }

  /**
   * Keeps a followed-up stream (one with history before this command) as the append left
   * it. A new stream is not kept: most are never written again (a dialogue, a training).
   */
  private rememberAfter<State, Event>(
    stream: KnownStream<State>,
    events: readonly NewEvent[],
    appended: AppendResult,
    evolve: (state: State, event: Event) => State,
  ): void {
    this.known.forget(stream.streamId);
    if (stream.revision < 0 || appended.nextRevision !== stream.revision + events.length) return;
    try {
      this.known.remember(extend(stream, asRecorded(stream.streamId, stream.revision + 1, events, appended.positions), evolve));
    } catch {
      // Only a saving: the next command reads the stream.
    }
  }

  private assertUnlocked(historyDates: Iterable<string>, decided: readonly DomainEvent[], units: readonly string[]): void {
    const locks = this.options.locks;
    if (!locks) return;
    for (const date of touchedDates(historyDates, decided)) {
      for (const unitCode of new Set(units)) {
        const lock = locks.lockFor(unitCode, date);
        if (lock) throw new RuleViolation(lock);
      }
    }
  }

  /** A retried command whose events already sit in the stream answers as the first time. */
  private repeatIn(stream: KnownStream, envelope: CommandEnvelope): CommandResult | undefined {
    const key = envelope.idempotencyKey;
    if (!key) return undefined;
    const answer = answerIn(stream, envelope.actor.userId, key);
    if (!answer) return undefined;
    if (answer.requestHash !== envelope.requestHash) throw keyReused(key);
    return answer.result;
  }

  private metadataFor(
    envelope: CommandEnvelope,
    unitCode: string,
    command: { resultId: string; subjectId?: string },
  ): EventMetadata {
    // Stamps never go backwards, so "as of a time" maps onto a prefix of the log.
    this.lastStamp = Math.max(this.lastStamp, envelope.now.getTime());
    return {
      actor: envelope.actor,
      recordedAt: new Date(this.lastStamp).toISOString(),
      unitCode,
      correlationId: envelope.correlationId,
      causationId: envelope.correlationId,
      resultId: command.resultId,
      ...(command.subjectId ? { subjectId: command.subjectId } : {}),
      ...(envelope.idempotencyKey
        ? { idempotencyKey: envelope.idempotencyKey, requestHash: envelope.requestHash ?? '' }
        : {}),
      ...(envelope.reason ? { reason: envelope.reason } : {}),
    };
  }
}

function keyReused(key: string): RuleViolation {
  return new RuleViolation(
    `Idempotency-Key ${key} was already used for a different request; use a new key for a new request`,
  );
}

type Decision = { readonly events: NewEvent[] } | { readonly repeat: CommandResult };

/** A refusal decided on what the process remembered of a stream: to be checked on a fresh read. */
class RecalledStreamRefused extends Error {}
