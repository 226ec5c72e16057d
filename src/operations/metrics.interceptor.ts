import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, tap, throwError, type Observable } from 'rxjs';
import { errorBody } from '../http/error-body';
import { LedgerMetrics } from './ledger-metrics';

/** Counts every command (POST) by route and outcome, and times it. */
@Injectable()
export class MetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: LedgerMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'POST') return next.handle();
    const command = request.routeOptions.url ?? 'unknown';
    const stop = this.metrics.commandSeconds.startTimer({ command });
    return next.handle().pipe(
      tap(() => {
        stop();
        const status = context.switchToHttp().getResponse<FastifyReply>().statusCode;
        this.metrics.commands.inc({ command, outcome: `${Math.floor(status / 100)}xx` });
      }),
      catchError((error: unknown) => {
        stop();
        this.metrics.commands.inc({ command, outcome: `${Math.floor(errorBody(error).statusCode / 100)}xx` });
        return throwError(() => error);
      }),
    );
  }
}
