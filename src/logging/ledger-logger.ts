import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/** Query parameters that never reach a log line. */
const SECRET_PARAMS = /([?&](access_token|token)=)[^&]*/gi;

/** A URL as it may be logged: the path and query, with tokens blanked. */
export function loggableUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/**
 * Structured JSON logs on stdout: one line per request (id, method, path, status, time) and
 * for the service's own events. Bodies, headers and personal details are never logged.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'p8-ledger' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      req: (req: { id?: string; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        url: loggableUrl(req.url ?? ''),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/** Nest's own messages through the same structured logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    // Nest speaks at "log" mostly about wiring at boot: keep it out of the info stream.
    this.logger.debug({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
