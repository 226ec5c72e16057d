import { caseStream, type CaseEvent } from '../../events/case';
import { trustedAddressStream, type TrustedAddressEvent } from '../../events/trusted-address';
import type { EventStore } from '../ledger/event-store.port';
import { readEntity } from '../records/read-entity';
import {
  evolveTrustedAddress,
  initialTrustedAddressState,
  type TrustedAddressState,
} from '../trusted-addresses/trusted-address-state';
import { evolveCase, initialCaseState, type CaseState } from './case-state';

/** A trusted address as it stands now, read from its own stream. */
export async function readTrustedAddress(
  store: EventStore,
  addressId: string,
): Promise<TrustedAddressState> {
  const { state } = await readEntity<TrustedAddressState, TrustedAddressEvent>(
    store,
    trustedAddressStream(addressId),
    evolveTrustedAddress,
    initialTrustedAddressState,
  );
  return state;
}

/** The trusted address of a case (a case never changes address), or undefined before the case exists. */
export async function readAddressOfCase(
  store: EventStore,
  caseId: string,
): Promise<TrustedAddressState | undefined> {
  const { state } = await readEntity<CaseState, CaseEvent>(
    store,
    caseStream(caseId),
    evolveCase,
    initialCaseState,
  );
  return state.status === 'absent' ? undefined : readTrustedAddress(store, state.record.addressId);
}
