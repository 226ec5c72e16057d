import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../identity/roles.decorator';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { LedgerMetrics } from './ledger-metrics';

@ApiTags('operations')
@Controller()
export class OperationsController {
  constructor(
    @Inject(LEDGER) private readonly ledger: Ledger,
    private readonly metrics: LedgerMetrics,
  ) {}

  @Get('api/health')
  @Public()
  @ApiOperation({ summary: 'Store reachable, and how far each read model lags behind the log' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      const head = await this.ledger.store.headPosition();
      const projections = Object.fromEntries(
        Object.entries(this.ledger.runner.positions()).map(([name, position]) => [
          name,
          { position, lag: Math.max(0, head - position) },
        ]),
      );
      const failures = this.ledger.runner.failures();
      const failed = Object.keys(failures).length > 0;
      if (failed) void reply.status(503);
      return {
        status: failed ? 'degraded' : 'ok',
        store: { kind: this.ledger.config.store, reachable: true, head },
        projections,
        ...(failed ? { failures } : {}),
        ...(Object.keys(this.ledger.runner.rebuilding()).length > 0 ? { rebuilding: this.ledger.runner.rebuilding() } : {}),
      };
    } catch {
      void reply.status(503);
      return { status: 'unavailable', store: { kind: this.ledger.config.store, reachable: false } };
    }
  }

  @Get('metrics')
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics' })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
