import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../identity/actor.decorator';
import type { CommandEnvelope } from '../ledger/command-envelope';
import { InvalidCommand } from '../shared/domain-errors';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** `"3"`, `W/"3"` or `3` → 3. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:(?:W\/)?"(\d{1,15})"|(\d{1,15}))\s*$/.exec(header);
  const revision = match?.[1] ?? match?.[2];
  if (revision === undefined) {
    throw new InvalidCommand(`If-Match must be the revision from the record's ETag, like "3"; got ${header}`);
  }
  return Number(revision);
}

/** Who sends the command, when, and with which Idempotency-Key, If-Match and request id. */
export const Envelope = createParamDecorator((_: unknown, context: ExecutionContext): CommandEnvelope => {
  const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
  const actor = request.actor;
  if (!actor) throw new Error('a command route needs an authenticated actor');
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const key = header('idempotency-key');
  if (key !== undefined && !KEY_PATTERN.test(key)) {
    throw new InvalidCommand('Idempotency-Key must be 1 to 128 letters, digits or . _ : - (a UUID is best)');
  }
  const ifMatch = parseIfMatch(header('if-match'));
  const requestId = header('x-request-id');
  return {
    actor,
    now: new Date(),
    correlationId: requestId && KEY_PATTERN.test(requestId) ? requestId : randomUUID(),
    ...(key ? { idempotencyKey: key, requestHash: hashRequest(request) } : {}),
    ...(ifMatch !== undefined ? { ifMatch } : {}),
  };
});

function hashRequest(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('base64url');
}
