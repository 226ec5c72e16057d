import { timeOrderedUuid } from '../ledger/event-ids';

/**
 * The id of a record a create command makes: the client's own, or a new one. A retried
 * request with the same Idempotency-Key is answered as the first (CommandLoop), whatever id
 * it would have been given.
 */
export function newRecordId(given?: string): string {
  return given ?? timeOrderedUuid();
}
