import type { DomainEvent, FieldChange } from './event';

/** Stream of one trusted address: `trusted-address-<id>`. Its cases have streams of their own. */
export const trustedAddressStream = (addressId: string): string => `trusted-address-${addressId}`;

/**
 * A "trusted address in the community" (Địa chỉ tin cậy tại cộng đồng): a local safe
 * place that takes in women and children facing violence or abuse.
 */
export interface TrustedAddressRecord {
  readonly name: string;
  /** The commune where it stands. */
  readonly unitCode: string;
  readonly establishedOn: string;
}

export type TrustedAddressEstablished = DomainEvent<
  'TrustedAddressEstablished',
  { readonly addressId: string } & TrustedAddressRecord
>;
export type TrustedAddressCorrected = DomainEvent<
  'TrustedAddressCorrected',
  { readonly addressId: string; readonly changes: readonly FieldChange[]; readonly reason: string }
>;
export type TrustedAddressVoided = DomainEvent<
  'TrustedAddressVoided',
  { readonly addressId: string; readonly reason: string }
>;
/** It stopped taking in cases from `on`; it no longer counts as active from that day. */
export type TrustedAddressClosed = DomainEvent<
  'TrustedAddressClosed',
  { readonly addressId: string; readonly on: string; readonly reason: string }
>;

export type TrustedAddressEvent =
  TrustedAddressEstablished | TrustedAddressCorrected | TrustedAddressVoided | TrustedAddressClosed;

export const TRUSTED_ADDRESS_SCHEMA_VERSION = 1;
export const TRUSTED_ADDRESS_EVENT_TYPES = [
  'TrustedAddressEstablished',
  'TrustedAddressCorrected',
  'TrustedAddressVoided',
  'TrustedAddressClosed',
] as const;
