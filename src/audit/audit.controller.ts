import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { positionAt, queryAudit, type AuditEntry } from '../../projections/audit/audit-queries';
import { GEOGRAPHY } from '../geography/geography';
import { parseAsOf } from '../http/as-of';
import { QueryParams } from '../http/query-params';
import { CurrentActor } from '../identity/actor.decorator';
import { Roles } from '../identity/roles.decorator';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { InvalidCommand } from '../shared/domain-errors';

const TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Who recorded or changed what, when and why; corrections show before → after' })
  list(@CurrentActor() actor: Actor, @Query() raw: Record<string, unknown>): { items: AuditEntry[]; next: number | null } {
    const params = new QueryParams(raw, ['streamId', 'actor', 'unit', 'from', 'to', 'after', 'limit', 'asOf']);
    const unit = params.string('unit') ?? actor.unitCode;
    if (!GEOGRAPHY.isKnown(unit)) throw new InvalidCommand(`unit ${unit} is not a known administrative unit code`);
    assertUnitReadable(actor, unit);
    const [from, to] = [params.string('from'), params.string('to')];
    for (const [name, value] of [['from', from], ['to', to]] as const) {
      if (value !== undefined && (!TIME.test(value) || Number.isNaN(new Date(value).getTime()))) {
        throw new InvalidCommand(`${name} must be a date YYYY-MM-DD or an ISO time`);
      }
    }
    const asOf = parseAsOf(params.string('asOf'));
    const mine = new Set(GEOGRAPHY.unitsCoveredBy(actor.unitCode));
    const units = GEOGRAPHY.unitsCoveredBy(unit).filter((code) => mine.has(code));
    const streamId = params.string('streamId');
    const actorName = params.string('actor');
    const after = params.integer('after', 0, Number.MAX_SAFE_INTEGER);
    const asOfPosition = asOf
      ? 'position' in asOf
        ? asOf.position
        : positionAt(this.ledger.readModels, asOf.time)
      : undefined;
    return queryAudit(this.ledger.readModels, {
      limit: params.integer('limit', 1, 10000) ?? 1000,
      units,
      ...(streamId ? { streamId } : {}),
      ...(actorName ? { actor: actorName } : {}),
      ...(from ? { from: normalTime(from) } : {}),
      ...(to ? { to: normalTime(to) } : {}),
      ...(after !== undefined ? { after } : {}),
      ...(asOfPosition !== undefined ? { asOfPosition } : {}),
    });
  }
}

/** Dates stay dates (a whole day); times are compared in UTC, as recordedAt is stored. */
function normalTime(value: string): string {
  return value.length === 10 ? value : new Date(value).toISOString();
}
