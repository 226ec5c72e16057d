import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GEOGRAPHY } from '../geography/geography';
import { QueryParams } from '../http/query-params';
import { CurrentActor } from '../identity/actor.decorator';
import { Roles } from '../identity/roles.decorator';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import type { RecordedEvent } from '../ledger/event-store.port';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { InvalidCommand } from '../shared/domain-errors';
import { eventView } from './event-view';

const PAGE = 1000;

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/events')
export class EventsController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Replay the log in order; Accept: application/x-ndjson streams it' })
  @ApiProduces('application/json', 'application/x-ndjson')
  async replay(
    @CurrentActor() actor: Actor,
    @Query() raw: Record<string, unknown>,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const params = new QueryParams(raw, ['after', 'limit', 'type', 'unit']);
    const after = params.integer('after', 0, Number.MAX_SAFE_INTEGER) ?? 0;
    const limit = params.integer('limit', 1, 10000) ?? 1000;
    const type = params.string('type');
    const unit = params.string('unit') ?? actor.unitCode;
    if (!GEOGRAPHY.isKnown(unit)) throw new InvalidCommand(`unit ${unit} is not a known administrative unit code`);
    assertUnitReadable(actor, unit);
    const mine = new Set(GEOGRAPHY.unitsCoveredBy(actor.unitCode));
    const units = new Set(GEOGRAPHY.unitsCoveredBy(unit).filter((code) => mine.has(code)));
    const types = type ? new Set(type.split(',')) : undefined;
    const matches = (e: RecordedEvent) => units.has(e.metadata.unitCode) && (!types || types.has(e.type));

    if (accept?.includes('application/x-ndjson')) {
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'application/x-ndjson' });
      let sent = 0;
      for await (const event of this.scan(after, matches)) {
        if (sent >= limit) break;
        if (!reply.raw.write(`${JSON.stringify(eventView(event))}\n`)) {
          await new Promise((resolve) => reply.raw.once('drain', resolve));
        }
        sent += 1;
      }
      reply.raw.end();
      return;
    }
    const items: Record<string, unknown>[] = [];
    let next: number | null = null;
    for await (const event of this.scan(after, matches)) {
      if (items.length === limit) {
        next = (items[items.length - 1]?.position as number | undefined) ?? null;
        break;
      }
      items.push(eventView(event));
    }
    await reply.send({ items, next });
  }

  /** Matching events after a position, page by page, up to the end of the log. */
  private async *scan(after: number, matches: (e: RecordedEvent) => boolean): AsyncGenerator<RecordedEvent> {
    for (let from = after; ; ) {
      const page = await this.ledger.store.readAll({ after: from, limit: PAGE });
      for (const event of page) if (matches(event)) yield event;
      const last = page[page.length - 1];
      if (!last || page.length < PAGE) return;
      from = last.position;
    }
  }
}
