import {
  TRUSTED_ADDRESS_SCHEMA_VERSION,
  type TrustedAddressEvent,
} from '../../events/trusted-address';
import { trustedAddressFacts } from './trusted-address-facts';

const addressId = 'a-1';
const v1 = <E extends TrustedAddressEvent>(type: E['type'], data: E['data']) => ({
  type,
  schemaVersion: TRUSTED_ADDRESS_SCHEMA_VERSION,
  data,
});
const established = v1('TrustedAddressEstablished', {
  addressId,
  name: 'Địa chỉ tin cậy xóm Khuôn Ngục',
  unitCode: '05752',
  establishedOn: '2022-06-01',
});
const closed = (on: string) =>
  v1('TrustedAddressClosed', { addressId, on, reason: 'host moved away' });
const corrected = (field: string, before: unknown, after: unknown) =>
  v1('TrustedAddressCorrected', { addressId, changes: [{ field, before, after }], reason: 'typo' });
const voided = v1('TrustedAddressVoided', { addressId, reason: 'entered twice' });

const factsOf = (...events: { type: string; data: object }[]) =>
  trustedAddressFacts.facts(
    events.reduce(
      (state, event) =>
        trustedAddressFacts.evolve(
          state,
          event as { type: string; data: Readonly<Record<string, unknown>> },
        ),
      undefined as ReturnType<typeof trustedAddressFacts.evolve>,
    ),
  );

describe('trusted address facts', () => {
  it('counts an address from its establishment, and no longer from the day it closed', () => {
    expect(factsOf(established)).toEqual([
      {
        indicator: 'trusted_addresses.active',
        unitCode: '05752',
        dateFrom: '2022-06-01',
        value: 1,
      },
    ]);
    expect(factsOf(established, closed('2023-12-31'))).toEqual([
      {
        indicator: 'trusted_addresses.active',
        unitCode: '05752',
        dateFrom: '2022-06-01',
        dateTo: '2023-12-31',
        value: 1,
      },
    ]);
  });

  it('follows a correction of its commune or date', () => {
    expect(
      factsOf(
        established,
        corrected('unitCode', '05752', '05722'),
        corrected('establishedOn', '2022-06-01', '2022-07-01'),
      ),
    ).toEqual([
      {
        indicator: 'trusted_addresses.active',
        unitCode: '05722',
        dateFrom: '2022-07-01',
        value: 1,
      },
    ]);
  });

  it('counts nothing once voided, closed or not', () => {
    expect(factsOf(established, voided)).toEqual([]);
    expect(factsOf(established, closed('2023-12-31'), voided)).toEqual([]);
  });
});
