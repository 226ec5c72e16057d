import { createHash, randomUUID } from 'node:crypto';

/** A UUID (v8 layout) derived from its inputs: the same inputs always give the same id. */
export function derivedUuid(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Event ids for a command. With an idempotency key they derive from it, so that a retried
 * command appends the same ids and the store recognises the repeat.
 */
export function eventIdsFor(count: number, scope?: { userId: string; key: string; requestHash: string }): string[] {
  return Array.from({ length: count }, (_, index) =>
    scope ? derivedUuid('event', scope.userId, scope.key, scope.requestHash, String(index)) : randomUUID(),
  );
}

/** The id of an entity a create command makes when the client gave none. */
export function entityIdFor(collection: string, scope?: { userId: string; key: string }): string {
  return scope ? derivedUuid('entity', collection, scope.userId, scope.key) : randomUUID();
}
