import {
  trustedAddressStream,
  type TrustedAddressEvent,
  type TrustedAddressRecord,
} from '../../events/trusted-address';
import { assertInScope } from '../identity/scope';
import type { StreamCommand } from '../ledger/command-loop';
import type { Actor } from '../ledger/envelope';
import { scopedDecision } from '../records/scoped-decision';
import {
  evolveTrustedAddress,
  initialTrustedAddressState,
  type TrustedAddressState,
} from './trusted-address-state';

/**
 * A command on one trusted address's stream as the generic command loop runs it: the
 * decider's 400s, then the actor's scope over the address as it stands (403), then the
 * decider's 404 and 409.
 */
export function trustedAddressStreamCommand(
  addressId: string,
  actor: Actor,
  decide: (state: TrustedAddressState) => readonly TrustedAddressEvent[],
  fallbackUnit = '',
): StreamCommand<TrustedAddressState, TrustedAddressEvent> {
  return {
    streamId: trustedAddressStream(addressId),
    initialState: initialTrustedAddressState,
    evolve: evolveTrustedAddress,
    decide: (state) =>
      scopedDecision(state, decide, (s) => {
        if (s.status !== 'absent') assertAddressInScope(actor, s.record);
      }),
    unitOf: (state) => (state.status === 'absent' ? fallbackUnit : state.record.unitCode),
    resultId: addressId,
  };
}

/** A trusted address is looked after by users whose scope held its commune when it was established. */
export function assertAddressInScope(actor: Actor, record: TrustedAddressRecord): void {
  assertInScope(actor, record.unitCode, record.establishedOn);
}
