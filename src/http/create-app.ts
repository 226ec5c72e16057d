import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../app.module';
import { keepFactIndex } from '../../projections/indicators/kept-fact-indexes';
import type { Ledger } from '../ledger/ledger';
import type { Logger } from 'pino';
import { NestPinoLogger } from '../logging/ledger-logger';
import { LedgerMetrics } from '../operations/ledger-metrics';
import { documentErrors } from './openapi-errors';
import { strictValidationPipe } from './validation';

export const BODY_LIMIT = 1024 * 1024;

/** The HTTP service over an opened ledger, ready to listen (or to be driven by supertest). */
export async function createApp(
  ledger: Ledger,
  options: { logger?: false | Logger } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    // Idle keep-alive sockets close at shutdown; requests in flight finish first.
    forceCloseConnections: 'idle',
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forLedger(ledger), adapter, {
    logger: options.logger ? new NestPinoLogger(options.logger) : false,
    bufferLogs: false,
  });
  app.useGlobalPipes(strictValidationPipe());
  const fastify = app.getHttpAdapter().getInstance();
  // Built at the first request for it, not at start-up: scanning every route takes a while.
  const document = () =>
    documentErrors(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('P8 Ledger')
          .setDescription("Project 8's activities, cases and indicators as an immutable event log")
          .setVersion('1')
          .addBearerAuth()
          .build(),
      ),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  const metrics = app.get(LedgerMetrics);
  // Counted from Fastify's own response hook: cheaper than an interceptor on every request.
  fastify.addHook('onResponse', async (request, reply) =>
    metrics.recordResponse(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000),
  );
  await app.init();
  fastify.addHook('preValidation', async (request) => {
    if (request.method !== 'POST') return;
    const type = request.headers['content-type'];
    if (type !== undefined && !/^application\/json\b/i.test(type)) {
      throw new UnsupportedBody(415, 'send the body as JSON with Content-Type: application/json');
    }
    const body: unknown = request.body;
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      throw new UnsupportedBody(400, 'the request body must be a JSON object');
    }
  });
  await fastify.ready();
  // Indicator sums read the facts from memory once loaded, from disk until then; commands
  // run from the command line, a rebuild say, need no such copy.
  const logger = options.logger || undefined;
  void keepFactIndex(ledger.readModels, {
    onError: (error) => logger?.error({ err: error.message }, 'indicator facts not kept in memory'),
    onReady: ({ facts, from, seconds }) =>
      logger?.info({ facts, from, seconds: Number(seconds.toFixed(2)) }, 'indicator facts in memory: sums read from there'),
  });
  return app;
}

class UnsupportedBody extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}
