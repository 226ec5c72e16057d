import {
  TRUSTED_ADDRESS_EVENT_TYPES,
  type TrustedAddressEvent,
} from '../../events/trusted-address';
import {
  evolveTrustedAddress,
  initialTrustedAddressState,
  type TrustedAddressState,
} from '../../src/trusted-addresses/trusted-address-state';
import type { Fact, FactSource } from './fact';

/**
 * A trusted address counts in `trusted_addresses.active` from its establishment until the
 * day it closed (a stock); a voided one counts nothing.
 */
export const trustedAddressFacts: FactSource<TrustedAddressState> = {
  eventTypes: TRUSTED_ADDRESS_EVENT_TYPES,
  evolve: (state, event) =>
    evolveTrustedAddress(
      state ?? initialTrustedAddressState(),
      event as unknown as TrustedAddressEvent,
    ),
  facts(state): Fact[] {
    if (state === undefined || state.status === 'absent' || state.status === 'voided') return [];
    const { unitCode, establishedOn } = state.record;
    const indicator = 'trusted_addresses.active';
    return [
      state.status === 'closed'
        ? { indicator, unitCode, dateFrom: establishedOn, dateTo: state.closure.on, value: 1 }
        : { indicator, unitCode, dateFrom: establishedOn, value: 1 },
    ];
  },
};
