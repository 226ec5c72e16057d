import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { positionAt, queryAudit, type AuditEntry } from '../../projections/audit/audit-queries';
import { GEOGRAPHY } from '../geography/geography';
import { isIsoTime, parseAsOf } from '../http/as-of';
import { QueryParams } from '../http/query-params';
import { CurrentActor } from '../identity/actor.decorator';
import { Roles } from '../identity/roles.decorator';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { isBusinessDate } from '../shared/business-date';
import { InvalidCommand } from '../shared/domain-errors';

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
    // Every parameter is read before the scope is checked: 400 comes before 403.
    const unit = params.string('unit') ?? actor.unitCode;
    if (!GEOGRAPHY.isKnown(unit)) throw new InvalidCommand(`unit ${unit} is not a known administrative unit code`);
    const from = recordingTime(params, 'from', 'T00:00:00.000');
    const to = recordingTime(params, 'to', 'T23:59:59.999');
    const asOf = parseAsOf(params.string('asOf'));
    const streamId = params.string('streamId');
    const actorName = params.string('actor');
    const after = params.integer('after', 0, Number.MAX_SAFE_INTEGER);
    const limit = params.integer('limit', 1, 10000) ?? 1000;
    assertUnitReadable(actor, unit);
    const mine = new Set(GEOGRAPHY.unitsCoveredBy(actor.unitCode));
    const units = GEOGRAPHY.unitsCoveredBy(unit).filter((code) => mine.has(code));
    const asOfPosition = asOf
      ? 'position' in asOf
        ? asOf.position
        : positionAt(this.ledger.readModels, asOf.time)
      : undefined;
    return queryAudit(this.ledger.readModels, {
      limit,
      units,
      ...(streamId ? { streamId } : {}),
      ...(actorName ? { actor: actorName } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(after !== undefined ? { after } : {}),
      ...(asOfPosition !== undefined ? { asOfPosition } : {}),
    });
  }
}

/**
 * `from`/`to` as a UTC time, the way recordedAt is stored. A date alone is a day in Viet
 * Nam, where the recorders are: its first or last millisecond there.
 */
function recordingTime(params: QueryParams, name: string, timeOfDay: string): string | undefined {
  const value = params.string(name);
  if (value === undefined) return undefined;
  const time = isBusinessDate(value) ? `${value}${timeOfDay}+07:00` : value;
  if (!isIsoTime(time)) throw new InvalidCommand(`${name} must be a date YYYY-MM-DD or an ISO time`);
  return new Date(time).toISOString();
}
