import type { OpenAPIObject } from '@nestjs/swagger';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', example: 'Bad Request' },
    message: { type: 'string', example: 'participants.women (95) cannot be more than participants.total (92)' },
  },
};

const WHEN: Record<string, string> = {
  '400': 'malformed JSON, unknown or missing fields, wrong types, impossible values; the message names the field',
  '401': 'no token, or one that is invalid, expired or of a disabled user',
  '403': 'the role or the unit scope does not allow it',
  '404': 'unknown id',
  '409': "the command breaks a rule of the record's current state, or an approved period",
  '412': 'the If-Match revision is stale',
  '413': 'the body is over 1 MiB',
  '415': 'the body is not JSON',
  '429': 'too many failed logins; see Retry-After',
  '503': 'the store is unavailable; nothing was written',
};

/** Every operation documents the errors it can answer, all in the same JSON shape. */
export function documentErrors(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Error: ERROR_SCHEMA } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, { responses?: Record<string, unknown>; security?: unknown[] }][]) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const codes = method === 'post' ? ['400', '401', '403', '404', '409', '412', '413', '415', '503'] : ['400', '401', '403', '404', '503'];
      const open = path === '/api/auth/login' || path === '/api/health' || path === '/metrics';
      for (const code of codes.filter((c) => !(open && (c === '401' || c === '403')))) {
        operation.responses ??= {};
        operation.responses[code] ??= {
          description: WHEN[code],
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        };
      }
      if (path === '/api/auth/login') operation.responses!['429'] ??= { description: WHEN['429'] };
    }
  }
  return document;
}
