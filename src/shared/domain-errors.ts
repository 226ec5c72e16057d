/**
 * Errors the domain speaks in. One exception filter maps them to HTTP; nothing inside a
 * decider knows about HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'stale';
}

/** The command's content is wrong (400): `message` names the field and why. */
export class InvalidCommand extends DomainError {
  readonly kind = 'invalid';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCommand';
  }
}

/** The actor's role or unit scope does not allow it (403). */
export class NotAllowed extends DomainError {
  readonly kind = 'forbidden';
  constructor(message: string) {
    super(message);
    this.name = 'NotAllowed';
  }
}

/** No such entity (404). */
export class NotFound extends DomainError {
  readonly kind = 'not_found';
  constructor(message: string) {
    super(message);
    this.name = 'NotFound';
  }
}

/** The command breaks a rule of the entity's current state (409). */
export class RuleViolation extends DomainError {
  readonly kind = 'conflict';
  constructor(message: string) {
    super(message);
    this.name = 'RuleViolation';
  }
}

/** The client's If-Match revision is not the entity's current one (412). */
export class StaleRevision extends DomainError {
  readonly kind = 'stale';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the record has changed since revision ${expected}; it is now at revision ${actual}. Reload it and try again`);
    this.name = 'StaleRevision';
  }
}
