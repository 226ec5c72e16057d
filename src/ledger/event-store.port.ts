import type { EventMetadata } from './envelope';

/** Where an append expects the stream to stand. A number is the revision of its last event. */
export type ExpectedRevision = 'no_stream' | 'any' | number;

/** An event on its way into the store: the envelope without the store's own coordinates. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
}

/** An event as the store keeps it: where it sits in its stream and in the global log. */
export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  /** Place in its stream, from 0. */
  readonly revision: number;
  /** Place in the global log, from 1, strictly rising. */
  readonly position: number;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  readonly nextRevision: number;
  /** Global position of the last event appended. */
  readonly position: number;
  /** Positions of each appended event, in order. */
  readonly positions: readonly number[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. 0 reads from the start. */
  readonly after?: number;
  readonly limit?: number;
}

export type EventHandler = (events: readonly RecordedEvent[]) => Promise<void> | void;

export interface Subscription {
  /** Stops delivery; resolves once no handler call is running. */
  close(): Promise<void>;
  /** Resolves when an error ends the subscription; never resolves on close(). */
  readonly failed: Promise<Error>;
}

/**
 * The event-store port. Adapters (SQLite, EventStoreDB) implement it; everything else
 * depends only on this interface.
 */
export interface EventStore {
  /**
   * Appends atomically: all events or none. Refuses with WrongExpectedRevision when the
   * stream does not stand at `expectedRevision`. Appending events whose ids are already
   * stored at the same place in the stream is a no-op that answers the original result.
   */
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** All events of one stream in revision order; [] for a stream that does not exist. */
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /** A page of the global log in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Delivers every event after `after` in order, in batches, then follows new appends.
   * A handler's batch is delivered again only if the handler throws.
   */
  subscribe(options: { readonly after: number }, handler: EventHandler): Subscription;
  /** Position of the last event in the log, 0 when empty. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
