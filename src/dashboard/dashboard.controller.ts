import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../identity/roles.decorator';
import { NotFound } from '../shared/domain-errors';
import { DashboardAssets, type DashboardFile } from './dashboard-assets';
import { BREAKDOWN_VOCABULARY } from './dashboard-vocabulary';
import { UNIT_NAMES } from './unit-names';

/**
 * The page runs only its own scripts and talks only to this service: the access token
 * lives in the page, so nothing from elsewhere may run beside it.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The dashboard at `/`: a static page and its files, with no token needed to load them. */
@ApiExcludeController()
@Public()
@Controller()
export class DashboardController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get()
  page(
    @Headers('if-none-match') cached: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(this.asset('index.html'), cached, reply);
  }

  @Get('assets/vendor/chart.umd.js')
  chart(
    @Headers('if-none-match') cached: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(this.assets.chartJs, cached, reply);
  }

  @Get('assets/vocabulary.json')
  vocabulary(): typeof BREAKDOWN_VOCABULARY {
    return BREAKDOWN_VOCABULARY;
  }

  @Get('assets/unit-names.json')
  unitNames(): typeof UNIT_NAMES {
    return UNIT_NAMES;
  }

  @Get('assets/:name')
  file(
    @Param('name') name: string,
    @Headers('if-none-match') cached: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(this.asset(name), cached, reply);
  }

  private asset(name: string): DashboardFile {
    const file = this.assets.get(name);
    if (!file) throw new NotFound(`the dashboard has no file named ${name}`);
    return file;
  }

  private async send(
    file: DashboardFile,
    cached: string | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    void reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .header('etag', file.etag);
    if (cached === file.etag) {
      await reply.status(304).send();
      return;
    }
    await reply.header('content-type', file.contentType).send(file.body);
  }
}
