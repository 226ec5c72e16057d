import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '../config/ledger-config';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export const EVENT_LOG_FILE = 'ledger.sqlite';

/** The adapter chosen by LEDGER_STORE. */
export async function openEventStore(config: LedgerConfig): Promise<EventStore> {
  mkdirSync(config.dataDir, { recursive: true });
  if (config.store === 'eventstoredb') {
    // Loaded only when chosen: the gRPC client is heavy and SQLite users never need it.
    const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store');
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString ?? '');
  }
  return SqliteEventStore.open(join(config.dataDir, EVENT_LOG_FILE));
}
