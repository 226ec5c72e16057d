import type { RecordedEvent } from '../ledger/event-store.port';

/** Fields never shown in a replay, whoever asks: credentials are not history to read. */
const HIDDEN_FIELDS = new Set(['passwordHash']);

/** An event as the replay API shows it. */
export function eventView(event: RecordedEvent): Record<string, unknown> {
  const data = Object.fromEntries(Object.entries(event.data).filter(([key]) => !HIDDEN_FIELDS.has(key)));
  return {
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    id: event.id,
    data,
    metadata: event.metadata,
  };
}
