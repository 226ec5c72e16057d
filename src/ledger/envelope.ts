/** Who did it, taken from the authenticated token, never from a request body. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly role: string;
  readonly unitCode: string;
}

/** What every event carries besides its data. */
export interface EventMetadata {
  readonly actor: Actor;
  /** When the ledger learnt it (ISO time), as opposed to the business date in the data. */
  readonly recordedAt: string;
  /** The unit of the record the event is about; drives scope and unit filters. */
  readonly unitCode: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly idempotencyKey?: string;
  /** Hash of the request that carried the idempotency key, to refuse a reuse with another body. */
  readonly requestHash?: string;
  /** Why, for corrections, voids, reopenings and erasures. */
  readonly reason?: string;
  /** The id the command answered (the entity, or a member, case…), to replay its answer. */
  readonly resultId?: string;
  /** The pseudonymous subject the command recorded personal details for. */
  readonly subjectId?: string;
  /** sha256 chaining this event to the previous one of its stream (always the last field). */
  readonly hash?: string;
}

export const SYSTEM_ACTOR: Actor = { userId: 'system', username: 'system', role: 'system', unitCode: '19' };
