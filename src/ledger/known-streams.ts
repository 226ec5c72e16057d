import type { CommandResult } from './command-envelope';
import type { NewEvent, RecordedEvent } from './event-store.port';
import { textsOf } from './event-texts';
import { datesIn } from './period-locks';

/** A command answered in a stream under an idempotency key, found again by (user, key). */
interface KeyedAnswer {
  readonly requestHash: string | undefined;
  readonly result: CommandResult;
}

/**
 * What the command loop needs of a stream's history, folded: its revision, the hash its
 * next event chains onto, the state, the business dates its events carry (approved periods
 * lock them) and the answers given under idempotency keys.
 */
export interface KnownStream<State = unknown> {
  readonly streamId: string;
  readonly revision: number;
  readonly lastHash: string | undefined;
  /** The fold the state was made with; another fold needs the history again. */
  readonly evolve: unknown;
  readonly state: State;
  readonly dates: ReadonlySet<string>;
  readonly answers: ReadonlyMap<string, KeyedAnswer>;
}

/** One string for a (user, Idempotency-Key) pair. */
export const answerKey = (userId: string, key: string): string => `${userId}\u0000${key}`;

/** The stream as its history tells it. */
export function knownFrom<State, Event>(
  streamId: string,
  history: readonly RecordedEvent[],
  fold: {
    readonly initialState: () => State;
    readonly evolve: (state: State, event: Event) => State;
  },
): KnownStream<State> {
  return extend(
    {
      streamId,
      revision: -1,
      lastHash: undefined,
      evolve: fold.evolve,
      state: fold.initialState(),
      dates: new Set(),
      answers: new Map(),
    },
    history,
    fold.evolve,
  );
}

/**
 * The stream after more recorded events. The new version takes over the dates and answers
 * of the one it extends instead of copying them: a stream's history only grows, a version
 * is extended once (only one append succeeds at its revision), and a long stream (a club's
 * members, a loan's disbursements) would otherwise copy its whole past on every command.
 * The version left behind then sees the newer events' dates and answers too, all of them
 * recorded in its stream; the loop never decides on it again.
 */
export function extend<State, Event>(
  known: KnownStream<State>,
  events: readonly RecordedEvent[],
  evolve: (state: State, event: Event) => State,
): KnownStream<State> {
  if (events.length === 0) return known;
  const dates = known.dates as Set<string>;
  const answers = known.answers as Map<string, KeyedAnswer>;
  let state = known.state;
  for (const event of events) {
    state = evolve(state, event as unknown as Event);
    for (const date of datesIn(event.data)) dates.add(date);
    const { idempotencyKey, actor, requestHash, resultId, subjectId } = event.metadata;
    if (idempotencyKey) {
      answers.set(answerKey(actor.userId, idempotencyKey), {
        requestHash,
        result: {
          id: resultId ?? '',
          streamId: event.streamId,
          revision: event.revision,
          position: event.position,
          ...(subjectId ? { subjectId } : {}),
        },
      });
    }
  }
  const last = events[events.length - 1];
  return {
    ...known,
    revision: last?.revision ?? known.revision,
    lastHash: last?.metadata.hash,
    state,
    dates,
    answers,
  };
}

/** The answer an idempotency key already got in this stream. */
export function answerIn(known: KnownStream, userId: string, key: string): KeyedAnswer | undefined {
  return known.answers.get(answerKey(userId, key));
}

/**
 * New events as the store hands them back once appended: their data and metadata through
 * JSON, as read from the log, so that folding them gives what a fresh read would.
 */
export function asRecorded(
  streamId: string,
  firstRevision: number,
  events: readonly NewEvent[],
  positions: readonly number[],
): RecordedEvent[] {
  return events.map((event, index) => {
    const texts = textsOf(event);
    return {
      position: positions[index] ?? 0,
      id: event.id,
      streamId,
      revision: firstRevision + index,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: JSON.parse(texts.data) as RecordedEvent['data'],
      metadata: JSON.parse(texts.metadata) as RecordedEvent['metadata'],
    };
  });
}

/**
 * The streams this process appended to lately, so that the next command on one (a club's
 * next member, a loan's next disbursement) need not read and fold its whole history again.
 * A writer elsewhere moves a stream on without this process knowing: the append then fails
 * on the revision, and the loop reads the stream afresh.
 */
export class KnownStreams {
  private readonly streams = new Map<string, KnownStream>();

  constructor(private readonly capacity = 1000) {}

  recall<State>(streamId: string, evolve: unknown): KnownStream<State> | undefined {
    const known = this.streams.get(streamId);
    if (!known) return undefined;
    if (known.evolve !== evolve) {
      this.streams.delete(streamId);
      return undefined;
    }
    // Most recently used last: the first in the map is the first to go.
    this.streams.delete(streamId);
    this.streams.set(streamId, known);
    return known as KnownStream<State>;
  }

  remember(known: KnownStream): void {
    this.streams.delete(known.streamId);
    this.streams.set(known.streamId, known);
    if (this.streams.size > this.capacity) {
      const oldest = this.streams.keys().next();
      if (!oldest.done) this.streams.delete(oldest.value);
    }
  }

  forget(streamId: string): void {
    this.streams.delete(streamId);
  }
}
