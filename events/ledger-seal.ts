import type { DomainEvent } from './event';

/** The stream of seals over the global log. */
export const SEAL_STREAM = 'ledger-seals';

/**
 * A seal over the global log: the digest of every event's position and hash in
 * (fromPosition, toPosition], chained to the previous seal's digest. Removing, moving or
 * changing any sealed event, in any stream, breaks it.
 */
export type LogSealed = DomainEvent<
  'LogSealed',
  {
    readonly fromPosition: number;
    readonly toPosition: number;
    readonly count: number;
    readonly previousDigest: string;
    readonly digest: string;
    /** `position:first 8 hex of hash` of each covered event, comma-separated: names a bad position. */
    readonly entries: string;
  }
>;

export const SEAL_SCHEMA_VERSION = 1;
