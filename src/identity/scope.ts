import { GEOGRAPHY } from '../geography/geography';
import type { Actor } from '../ledger/envelope';
import { NotAllowed } from '../shared/domain-errors';

/** Refuses (403) a record in a unit outside the actor's scope on its business date. */
export function assertInScope(actor: Actor, unitCode: string, date: string): void {
  if (!GEOGRAPHY.covers(actor.unitCode, unitCode, date)) {
    throw new NotAllowed(
      `unit ${unitCode} is outside your scope: your account covers ${actor.unitCode} and the units below it`,
    );
  }
}

/** Refuses (403) reading about a unit the actor's scope does not reach at any date. */
export function assertUnitReadable(actor: Actor, unitCode: string): void {
  if (!GEOGRAPHY.coversAnywhere(actor.unitCode, unitCode)) {
    throw new NotAllowed(
      `unit ${unitCode} is outside your scope: your account covers ${actor.unitCode} and the units below it`,
    );
  }
}

/** Refuses (403) managing something of a unit the actor's scope does not contain, at any date. */
export function assertManages(actor: Actor, unitCode: string): void {
  if (!GEOGRAPHY.coversAnywhere(actor.unitCode, unitCode)) {
    throw new NotAllowed(
      `unit ${unitCode} is outside your scope: your account covers ${actor.unitCode} and the units below it`,
    );
  }
}
