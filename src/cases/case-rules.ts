import type { CaseRecord } from '../../events/case';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import type { TrustedAddressState } from '../trusted-addresses/trusted-address-state';
import { laterDatesOf, type KnownCase } from './case-state';

type KnownAddress = Exclude<TrustedAddressState, { status: 'absent' }>;

/** A business date of a case that can be right for any case: not in the future (400). */
export function checkCaseDate(field: string, on: string, today: string): void {
  if (on > today) throw new InvalidCommand(`${field} ${on} is in the future; today is ${today}`);
}

/** The trusted address a case is taken in at (404 when there is none). */
export function knownAddress(address: TrustedAddressState, addressId: string): KnownAddress {
  if (address.status === 'absent') throw new NotFound(`no trusted address with id ${addressId}`);
  return address;
}

/** A case cannot be opened before its address existed (400). */
export function checkOpeningAgainstAddress(openedOn: string, address: KnownAddress): void {
  if (openedOn < address.record.establishedOn) {
    throw new InvalidCommand(
      `openedOn ${openedOn} is before trusted address ${address.id} was established (${address.record.establishedOn})`,
    );
  }
}

/** The address must be taking in cases on the day the case is opened (409). */
export function assertAddressOpenOn(openedOn: string, address: KnownAddress): void {
  if (address.status === 'voided') {
    throw new RuleViolation(
      `trusted address ${address.id} was voided (${address.reason}); it takes in no case`,
    );
  }
  if (address.status === 'closed' && address.closure.on <= openedOn) {
    throw new RuleViolation(
      `trusted address ${address.id} closed on ${address.closure.on}; it takes in no case opened on ${openedOn}`,
    );
  }
}

/** Whatever is done on a case comes on or after its opening (400). */
export function checkDateAgainstCase(field: string, on: string, file: KnownCase): void {
  if (on < file.record.openedOn) {
    throw new InvalidCommand(
      `${field} ${on} is before case ${file.id} was opened (${file.record.openedOn})`,
    );
  }
}

/** A case closes on or after the last referral or service recorded on it (400). */
export function checkClosureAgainstCase(on: string, file: KnownCase): void {
  const last = laterDatesOf(file).sort().pop();
  if (last !== undefined && on < last) {
    throw new InvalidCommand(
      `on ${on} is before the last referral or service on case ${file.id} (${last})`,
    );
  }
}

/** A corrected case keeps the rules of a new one and comes before what was done on it (400). */
export function checkCorrectedCase(corrected: CaseRecord, file: KnownCase, today: string): void {
  checkCaseDate('openedOn', corrected.openedOn, today);
  const first = laterDatesOf(file).sort()[0];
  if (first !== undefined && corrected.openedOn > first) {
    throw new InvalidCommand(
      `openedOn ${corrected.openedOn} would come after what was already recorded on case ${file.id} (on ${first})`,
    );
  }
}
