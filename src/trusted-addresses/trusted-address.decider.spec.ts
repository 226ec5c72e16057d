import {
  TRUSTED_ADDRESS_SCHEMA_VERSION,
  type TrustedAddressEvent,
  type TrustedAddressRecord,
} from '../../events/trusted-address';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import { trustedAddressDecider, type TrustedAddressCommand } from './trusted-address.decider';

const today = '2024-03-01';
const addressId = 'address-1';
const address: TrustedAddressRecord = {
  name: 'Địa chỉ tin cậy xóm Khuôn Ngục',
  unitCode: '05752',
  establishedOn: '2022-06-01',
};

const v1 = <E extends TrustedAddressEvent>(type: E['type'], data: E['data']): TrustedAddressEvent =>
  ({ type, schemaVersion: TRUSTED_ADDRESS_SCHEMA_VERSION, data }) as TrustedAddressEvent;
const established = v1('TrustedAddressEstablished', { addressId, ...address });
const closed = (on: string) =>
  v1('TrustedAddressClosed', { addressId, on, reason: 'host moved away' });
const voided = v1('TrustedAddressVoided', { addressId, reason: 'entered twice' });

const establish = (record: Partial<TrustedAddressRecord> = {}): TrustedAddressCommand => ({
  type: 'EstablishTrustedAddress',
  addressId,
  record: { ...address, ...record },
  today,
});
const close = (on: string): TrustedAddressCommand => ({
  type: 'CloseTrustedAddress',
  addressId,
  on,
  reason: 'host moved away',
  today,
});
const correct = (changes: Record<string, unknown>): TrustedAddressCommand => ({
  type: 'CorrectTrustedAddress',
  addressId,
  changes,
  reason: 'name misspelt',
  today,
});

/** Given these events, when this command: the events it decides on, or its refusal. */
function given(...history: TrustedAddressEvent[]) {
  const state = history.reduce(trustedAddressDecider.evolve, trustedAddressDecider.initialState());
  return {
    when: (command: TrustedAddressCommand) => ({
      then: (...expected: TrustedAddressEvent[]) =>
        expect(trustedAddressDecider.decide(command, state)).toEqual(expected),
      thenRefuses: (
        error: typeof InvalidCommand | typeof NotFound | typeof RuleViolation,
        message: RegExp,
      ) => {
        expect(() => trustedAddressDecider.decide(command, state)).toThrow(error);
        expect(() => trustedAddressDecider.decide(command, state)).toThrow(message);
      },
    }),
    state,
  };
}

describe('trusted address decider', () => {
  describe('establishing', () => {
    it('records an address in a commune', () => {
      given().when(establish()).then(established);
    });

    it('refuses a date in the future, a district, and a commune that did not exist then', () => {
      given()
        .when(establish({ establishedOn: '2024-03-02' }))
        .thenRefuses(InvalidCommand, /future/);
      given()
        .when(establish({ unitCode: '170' }))
        .thenRefuses(InvalidCommand, /district.*needs a commune/);
      given()
        .when({
          ...establish({ establishedOn: '2025-08-01' }),
          today: '2025-09-01',
        } as TrustedAddressCommand)
        .thenRefuses(
          InvalidCommand,
          /did not exist on 2025-08-01; from 2025-07-01 it is part of 05746/,
        );
    });

    it('refuses the same id twice', () => {
      given(established)
        .when(establish())
        .thenRefuses(RuleViolation, /already recorded/);
    });
  });

  describe('closing', () => {
    it('closes from a date', () => {
      given(established).when(close('2023-12-31')).then(closed('2023-12-31'));
    });

    it('is not closed twice, nor once voided', () => {
      given(established, closed('2023-12-31'))
        .when(close('2024-01-15'))
        .thenRefuses(RuleViolation, /already closed on 2023-12-31/);
      given(established, voided)
        .when(close('2023-12-31'))
        .thenRefuses(RuleViolation, /voided/);
    });

    it('refuses a closure before the establishment or in the future, and an unknown address', () => {
      given(established)
        .when(close('2022-05-31'))
        .thenRefuses(InvalidCommand, /before the address was established/);
      given(established)
        .when(close('2024-03-02'))
        .thenRefuses(InvalidCommand, /future/);
      given()
        .when(close('2023-12-31'))
        .thenRefuses(NotFound, /no trusted address/);
    });

    it('keeps the closure through a correction', () => {
      const { state } = given(
        established,
        closed('2023-12-31'),
        v1('TrustedAddressCorrected', {
          addressId,
          changes: [{ field: 'name', before: address.name, after: 'ĐCTC Khuôn Ngục' }],
          reason: 'renamed',
        }),
      );
      expect(state).toMatchObject({
        status: 'closed',
        record: { name: 'ĐCTC Khuôn Ngục' },
        closure: { on: '2023-12-31' },
      });
    });
  });

  describe('correcting and voiding', () => {
    it('records each changed field before and after', () => {
      given(established)
        .when(correct({ name: 'ĐCTC Khuôn Ngục' }))
        .then(
          v1('TrustedAddressCorrected', {
            addressId,
            changes: [{ field: 'name', before: address.name, after: 'ĐCTC Khuôn Ngục' }],
            reason: 'name misspelt',
          }),
        );
    });

    it('holds the corrected address to the rules of a new one, its closure included', () => {
      given(established)
        .when(correct({ unitCode: '19' }))
        .thenRefuses(InvalidCommand, /province/);
      given(established, closed('2023-01-01'))
        .when(correct({ establishedOn: '2023-02-01' }))
        .thenRefuses(InvalidCommand, /after the closure on 2023-01-01/);
      given(established)
        .when(correct({ name: address.name }))
        .thenRefuses(InvalidCommand, /nothing to correct/);
    });

    it('neither corrects nor voids a voided address', () => {
      given(established, voided)
        .when(correct({ name: 'x' }))
        .thenRefuses(RuleViolation, /voided/);
      given(established, voided)
        .when({ type: 'VoidTrustedAddress', addressId, reason: 'again' })
        .thenRefuses(RuleViolation, /voided/);
    });

    it('voids a closed address, keeping when it closed', () => {
      const { state } = given(established, closed('2023-12-31'), voided);
      expect(state).toMatchObject({ status: 'voided', closure: { on: '2023-12-31' } });
    });
  });
});
