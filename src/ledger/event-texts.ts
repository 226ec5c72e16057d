import type { NewEvent } from './event-store.port';

/** An event's data and metadata as JSON, exactly as the log stores them. */
export interface EventTexts {
  readonly data: string;
  readonly metadata: string;
}

/**
 * The texts of events chained by this process, by event: the hash is taken over the same
 * JSON the log stores, so the store writes those texts instead of serializing each event
 * again, and the command loop reads its new events back from them. Events are readonly, so
 * an event's texts stay its own; an event made anywhere else has none and is serialized.
 */
const textsByEvent = new WeakMap<NewEvent, EventTexts>();

export function keepTexts(event: NewEvent, texts: EventTexts): void {
  textsByEvent.set(event, texts);
}

export function textsOf(event: NewEvent): EventTexts {
  return (
    textsByEvent.get(event) ?? {
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
    }
  );
}
