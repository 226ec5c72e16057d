import type { Actor } from './envelope';

/** What the ledger knows about a command besides its content: who, when, and how. */
export interface CommandEnvelope {
  readonly actor: Actor;
  /** The time the ledger received the command; deciders get the business date from it. */
  readonly now: Date;
  readonly correlationId: string;
  readonly idempotencyKey?: string;
  /** Hash of the request body, to refuse an idempotency key reused with another body. */
  readonly requestHash?: string;
  /** The revision the client last saw (If-Match); absent means "whatever is current". */
  readonly ifMatch?: number;
  readonly reason?: string;
}

/** What every recording command answers. */
export interface CommandResult {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly subjectId?: string;
}
