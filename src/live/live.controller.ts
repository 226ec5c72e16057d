import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GEOGRAPHY } from '../geography/geography';
import { QueryParams } from '../http/query-params';
import { CurrentActor } from '../identity/actor.decorator';
import { AllowQueryToken } from '../identity/roles.decorator';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { InvalidCommand } from '../shared/domain-errors';
import { LiveFeed } from './live-feed';
import { LiveSubscriber } from './live-subscriber';

@ApiTags('live')
@ApiBearerAuth()
@Controller('api/live')
export class LiveController {
  constructor(private readonly feed: LiveFeed) {}

  @Get('indicators')
  @AllowQueryToken()
  @ApiOperation({
    summary: 'Server-Sent Events: indicator rows of a unit after each change; id = log position; Last-Event-ID resumes',
  })
  @ApiQuery({ name: 'unit', required: false })
  @ApiQuery({ name: 'access_token', required: false, description: 'for browsers, which cannot send headers' })
  @ApiProduces('text/event-stream')
  subscribe(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    const params = new QueryParams(raw, ['unit', 'access_token', 'lastEventId']);
    const unit = params.string('unit') ?? actor.unitCode;
    if (!GEOGRAPHY.isKnown(unit)) throw new InvalidCommand(`unit ${unit} is not a known administrative unit code`);
    assertUnitReadable(actor, unit);
    const resume = lastEventId ?? params.string('lastEventId');
    if (resume !== undefined && !/^\d{1,15}$/.test(resume)) {
      throw new InvalidCommand('Last-Event-ID must be the id of an event this feed sent (a log position)');
    }
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    reply.raw.write('retry: 2000\n\n');
    const subscriber = new LiveSubscriber(unit, actor.role, actor.username, reply.raw, resume ? Number(resume) : 0);
    const remove = this.feed.add(subscriber);
    request.raw.on('close', remove);
  }
}
