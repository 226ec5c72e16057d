import type { CommandResult } from './command-envelope';

/** A command already answered under an idempotency key. */
export interface RememberedCommand {
  readonly requestHash: string;
  readonly result: CommandResult;
}

/** Where answered idempotency keys are looked up (a projection of the log). */
export interface IdempotencyIndex {
  find(userId: string, key: string): RememberedCommand | undefined;
}

export const IDEMPOTENCY_INDEX = Symbol('IDEMPOTENCY_INDEX');
