import { SYSTEM_ACTOR } from '../envelope';
import type { NewEvent } from '../event-store.port';

/** An event as the system records it, for specs of the store and what reads it. */
export function systemEvent(id: string, type = 'Happened', data: Record<string, unknown> = {}): NewEvent {
  return {
    id,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actor: SYSTEM_ACTOR,
      recordedAt: '2024-01-01T00:00:00.000Z',
      unitCode: '19',
      correlationId: id,
      causationId: id,
    },
  };
}
