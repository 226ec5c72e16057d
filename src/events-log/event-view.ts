import type { FieldChange } from '../../events/event';
import type { RecordedEvent } from '../ledger/event-store.port';
import { hideCloseChanges, hideCloseFields } from '../shared/close-fields';

/** An event as the replay API shows it: close fields hidden, personal details still sealed. */
export function eventView(event: RecordedEvent): Record<string, unknown> {
  const data = hideCloseFields(event.data) as Record<string, unknown>;
  if (Array.isArray(event.data.changes)) data.changes = hideCloseChanges(event.data.changes as FieldChange[]);
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
