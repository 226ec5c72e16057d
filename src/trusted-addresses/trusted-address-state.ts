import type { TrustedAddressEvent, TrustedAddressRecord } from '../../events/trusted-address';
import { applyFieldChanges } from '../records/record-changes';
import { assertNever } from '../shared/decider';

export interface TrustedAddressClosure {
  readonly on: string;
  readonly reason: string;
}

/** A trusted address: established, closed from a date, or voided (it then never counts). */
export type TrustedAddressState =
  | { readonly status: 'absent' }
  | { readonly status: 'established'; readonly id: string; readonly record: TrustedAddressRecord }
  | {
      readonly status: 'closed';
      readonly id: string;
      readonly record: TrustedAddressRecord;
      readonly closure: TrustedAddressClosure;
    }
  | {
      readonly status: 'voided';
      readonly id: string;
      readonly record: TrustedAddressRecord;
      readonly reason: string;
      readonly closure?: TrustedAddressClosure;
    };

export const initialTrustedAddressState = (): TrustedAddressState => ({ status: 'absent' });

export function evolveTrustedAddress(
  state: TrustedAddressState,
  event: TrustedAddressEvent,
): TrustedAddressState {
  switch (event.type) {
    case 'TrustedAddressEstablished': {
      const { addressId, ...record } = event.data;
      return { status: 'established', id: addressId, record };
    }
    case 'TrustedAddressCorrected':
      return state.status === 'established' || state.status === 'closed'
        ? { ...state, record: applyFieldChanges(state.record, event.data.changes) }
        : state;
    case 'TrustedAddressClosed':
      return state.status === 'established'
        ? {
            status: 'closed',
            id: state.id,
            record: state.record,
            closure: { on: event.data.on, reason: event.data.reason },
          }
        : state;
    case 'TrustedAddressVoided':
      return state.status === 'established' || state.status === 'closed'
        ? {
            status: 'voided',
            id: state.id,
            record: state.record,
            reason: event.data.reason,
            ...(state.status === 'closed' ? { closure: state.closure } : {}),
          }
        : state;
    default:
      return assertNever(event);
  }
}
