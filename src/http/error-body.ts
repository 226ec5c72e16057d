import { HttpException } from '@nestjs/common';
import { errorCodes } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { Unauthenticated } from '../identity/unauthenticated';
import { StoreUnavailable } from '../ledger/store-errors';
import { DomainError } from '../shared/domain-errors';

export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
}

const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 412,
};

/** Messages for the errors Fastify raises before a route runs, in a recorder's words. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'the request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the request body is empty; send a JSON object',
  FST_ERR_CTP_BODY_TOO_LARGE: 'the request body is larger than 1 MiB',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'send the body as JSON with Content-Type: application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'the Content-Length header does not match the body',
};

/** Nest rethrows Fastify's errors as HttpExceptions with Fastify's text: reword by that text. */
const FASTIFY_TEXTS = new Map(
  Object.entries(FASTIFY_MESSAGES).map(([code, message]) => {
    const make = (errorCodes as unknown as Record<string, new () => Error>)[code];
    return [make ? new make().message : code, message] as const;
  }),
);

const body = (statusCode: number, message: string): ErrorBody => ({
  statusCode,
  error: STATUS_CODES[statusCode] ?? 'Error',
  message,
});

/** The JSON error answer for anything thrown while handling a request. */
export function errorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) return body(DOMAIN_STATUS[error.kind], error.message);
  if (error instanceof Unauthenticated) return body(401, error.message);
  if (error instanceof StoreUnavailable) {
    return body(503, 'the ledger store is unavailable right now; nothing was written. Try again shortly');
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const given = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(given) ? given.join('; ') : typeof given === 'string' ? given : error.message;
    return body(error.getStatus(), FASTIFY_TEXTS.get(message) ?? message);
  }
  // A read model's tables can lag its code while a new version rebuilds in the background.
  if (error instanceof Error && error.name === 'SqliteError') {
    return body(503, 'a read model is being rebuilt or is unavailable right now; nothing was written. Try again shortly');
  }
  if (isFastifyError(error)) {
    const message = (error.code && FASTIFY_MESSAGES[error.code]) ?? error.message;
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return body(400, FASTIFY_MESSAGES.FST_ERR_CTP_INVALID_JSON_BODY ?? message);
    }
    return body(error.statusCode, message);
  }
  return body(500, 'the ledger could not handle this request; it has been logged');
}

function isFastifyError(error: unknown): error is Error & { statusCode: number; code?: string } {
  if (!(error instanceof Error)) return false;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
