import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { listTargets, type TargetListing } from '../../projections/targets/target-queries';
import { GEOGRAPHY } from '../geography/geography';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { InvalidCommand } from '../shared/domain-errors';

export class ListTargetsQuery {
  constructor(
    readonly actor: Actor,
    readonly unit?: string,
    readonly indicator?: string,
  ) {}
}

export interface TargetList {
  readonly unit: string;
  readonly items: TargetListing[];
}

@QueryHandler(ListTargetsQuery)
export class ListTargetsHandler implements IQueryHandler<ListTargetsQuery, TargetList> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  async execute({ actor, unit: asked, indicator }: ListTargetsQuery): Promise<TargetList> {
    const unit = asked ?? actor.unitCode;
    if (!GEOGRAPHY.isKnown(unit))
      throw new InvalidCommand(`unit ${unit} is not a known administrative unit code`);
    assertUnitReadable(actor, unit);
    // The asked unit and everything below it, but only what the reader's own scope covers.
    const mine = new Set(GEOGRAPHY.unitsCoveredBy(actor.unitCode));
    const units = GEOGRAPHY.unitsCoveredBy(unit).filter((code) => mine.has(code));
    const items = listTargets(this.ledger.readModels, {
      units,
      ...(indicator ? { indicator } : {}),
    });
    return { unit, items };
  }
}
