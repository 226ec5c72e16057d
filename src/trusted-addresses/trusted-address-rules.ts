import type { TrustedAddressRecord } from '../../events/trusted-address';
import { GEOGRAPHY } from '../geography/geography';
import { InvalidCommand } from '../shared/domain-errors';
import type { TrustedAddressClosure } from './trusted-address-state';

/** The rules a trusted address keeps, whether new or corrected (400). */
export function checkTrustedAddress(
  record: TrustedAddressRecord,
  today: string,
  closure?: TrustedAddressClosure,
): void {
  if (record.name.trim() === '') throw new InvalidCommand('name must not be empty');
  if (record.establishedOn > today) {
    throw new InvalidCommand(
      `establishedOn ${record.establishedOn} is in the future; today is ${today}`,
    );
  }
  const problem = GEOGRAPHY.explainUnitProblem('unitCode', record.unitCode, record.establishedOn, [
    'commune',
  ]);
  if (problem) throw new InvalidCommand(problem);
  if (closure && record.establishedOn > closure.on) {
    throw new InvalidCommand(
      `establishedOn ${record.establishedOn} would come after the closure on ${closure.on}; an address is established before it closes`,
    );
  }
}

/** A closure date that can be right for any address (400). */
export function checkClosureDate(on: string, today: string): void {
  if (on > today) throw new InvalidCommand(`on ${on} is in the future; today is ${today}`);
}

/** A closure date that can be right for this address (400). */
export function checkClosureAgainstAddress(on: string, record: TrustedAddressRecord): void {
  if (on < record.establishedOn) {
    throw new InvalidCommand(
      `on ${on} is before the address was established (${record.establishedOn})`,
    );
  }
}
