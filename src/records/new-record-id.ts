import type { CommandEnvelope } from '../ledger/command-envelope';
import { entityIdFor } from '../ledger/event-ids';

/**
 * The id of a record a create command makes: the client's own, or one derived from its
 * Idempotency-Key, so that a retried request lands on the same stream.
 */
export function newRecordId(collection: string, envelope: CommandEnvelope, given?: string): string {
  if (given) return given;
  const key = envelope.idempotencyKey;
  return entityIdFor(collection, key ? { userId: envelope.actor.userId, key } : undefined);
}
