/*
 * The baseline the ledger's HTTP figure is measured against: NestJS on Fastify with the
 * same body limit and one POST route that only parses the JSON body and answers, as fast
 * as this stack can take a command without doing anything with it.
 *
 *   PORT=3000 node dist/bench/lib/bare-server.js
 */
import 'reflect-metadata';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';

@Controller('api/dialogues')
class BareController {
  private position = 0;

  @Post()
  record(@Body() body: Record<string, unknown>): Record<string, unknown> {
    const id = randomUUID();
    // An answer of the ledger's shape and size, taken from the parsed body.
    return {
      id,
      streamId: `dialogue-${id}`,
      revision: Object.keys(body).length - 5,
      position: ++this.position,
    };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024, logger: false });
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, adapter, {
    logger: ['error', 'warn'],
  });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
}

void main();
