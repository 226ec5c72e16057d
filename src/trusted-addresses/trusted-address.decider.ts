import {
  TRUSTED_ADDRESS_SCHEMA_VERSION,
  type TrustedAddressEvent,
  type TrustedAddressRecord,
} from '../../events/trusted-address';
import { correctionOf } from '../records/record-lifecycle';
import { assertNever, type Decider } from '../shared/decider';
import { NotFound, RuleViolation } from '../shared/domain-errors';
import {
  checkClosureAgainstAddress,
  checkClosureDate,
  checkTrustedAddress,
} from './trusted-address-rules';
import {
  evolveTrustedAddress,
  initialTrustedAddressState,
  type TrustedAddressState,
} from './trusted-address-state';

export type TrustedAddressCommand =
  | {
      readonly type: 'EstablishTrustedAddress';
      readonly addressId: string;
      readonly record: TrustedAddressRecord;
      readonly today: string;
    }
  | {
      readonly type: 'CorrectTrustedAddress';
      readonly addressId: string;
      readonly changes: Readonly<Record<string, unknown>>;
      readonly reason: string;
      readonly today: string;
    }
  | {
      readonly type: 'CloseTrustedAddress';
      readonly addressId: string;
      readonly on: string;
      readonly reason: string;
      readonly today: string;
    }
  | { readonly type: 'VoidTrustedAddress'; readonly addressId: string; readonly reason: string };

const event = <E extends TrustedAddressEvent>(type: E['type'], data: E['data']): E =>
  ({ type, schemaVersion: TRUSTED_ADDRESS_SCHEMA_VERSION, data }) as E;

function decide(
  command: TrustedAddressCommand,
  state: TrustedAddressState,
): readonly TrustedAddressEvent[] {
  // In each case: the command's own rules (400), unknown address (404), the command's
  // rules against the address (400), then the rules of its state (409).
  switch (command.type) {
    case 'EstablishTrustedAddress': {
      checkTrustedAddress(command.record, command.today);
      if (state.status !== 'absent') {
        throw new RuleViolation(
          `a trusted address with id ${command.addressId} is already recorded`,
        );
      }
      return [
        event('TrustedAddressEstablished', { addressId: command.addressId, ...command.record }),
      ];
    }
    case 'CorrectTrustedAddress': {
      const address = known(state, command.addressId);
      const closure = address.status === 'established' ? undefined : address.closure;
      const changes = correctionOf(address.record, command.changes, (corrected) =>
        checkTrustedAddress(corrected, command.today, closure),
      );
      notVoided(address, 'corrected');
      return [
        event('TrustedAddressCorrected', {
          addressId: address.id,
          changes,
          reason: command.reason,
        }),
      ];
    }
    case 'CloseTrustedAddress': {
      checkClosureDate(command.on, command.today);
      const address = known(state, command.addressId);
      checkClosureAgainstAddress(command.on, address.record);
      notVoided(address, 'closed');
      if (address.status === 'closed') {
        throw new RuleViolation(
          `trusted address ${address.id} was already closed on ${address.closure.on}; it cannot be closed twice`,
        );
      }
      return [
        event('TrustedAddressClosed', {
          addressId: address.id,
          on: command.on,
          reason: command.reason,
        }),
      ];
    }
    case 'VoidTrustedAddress': {
      const address = known(state, command.addressId);
      notVoided(address, 'voided');
      return [event('TrustedAddressVoided', { addressId: address.id, reason: command.reason })];
    }
    default:
      return assertNever(command);
  }
}

type KnownAddress = Exclude<TrustedAddressState, { status: 'absent' }>;

function known(state: TrustedAddressState, id: string): KnownAddress {
  if (state.status === 'absent') throw new NotFound(`no trusted address with id ${id}`);
  return state;
}

function notVoided(
  address: KnownAddress,
  action: string,
): asserts address is Exclude<KnownAddress, { status: 'voided' }> {
  if (address.status === 'voided') {
    throw new RuleViolation(
      `trusted address ${address.id} was voided (${address.reason}); a voided record cannot be ${action}`,
    );
  }
}

export const trustedAddressDecider: Decider<
  TrustedAddressCommand,
  TrustedAddressState,
  TrustedAddressEvent
> = {
  decide,
  evolve: evolveTrustedAddress,
  initialState: initialTrustedAddressState,
};
