import { CASE_SCHEMA_VERSION, type CaseEvent, type CaseRecord } from '../../events/case';
import {
  TRUSTED_ADDRESS_SCHEMA_VERSION,
  type TrustedAddressEvent,
} from '../../events/trusted-address';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import {
  evolveTrustedAddress,
  initialTrustedAddressState,
  type TrustedAddressState,
} from '../trusted-addresses/trusted-address-state';
import { caseDecider, type CaseCommand, type CaseOpening } from './case.decider';

const today = '2024-03-01';
const caseId = 'case-1';
const addressId = 'address-1';
const box = { subjectId: 'subject-1', sealed: 'c2VhbGVk' };
const newBox = { subjectId: 'subject-1', sealed: 'bmV3' };

const addressEvent = <E extends TrustedAddressEvent>(
  type: E['type'],
  data: E['data'],
): TrustedAddressEvent =>
  ({ type, schemaVersion: TRUSTED_ADDRESS_SCHEMA_VERSION, data }) as TrustedAddressEvent;
const addressOf = (...events: TrustedAddressEvent[]): TrustedAddressState =>
  events.reduce(evolveTrustedAddress, initialTrustedAddressState());
const addressEstablished = addressEvent('TrustedAddressEstablished', {
  addressId,
  name: 'Địa chỉ tin cậy xóm Khuôn Ngục',
  unitCode: '05752',
  establishedOn: '2022-06-01',
});
const openAddress = addressOf(addressEstablished);
const addressClosedOn = (on: string) =>
  addressOf(
    addressEstablished,
    addressEvent('TrustedAddressClosed', { addressId, on, reason: 'host moved' }),
  );

const opening: CaseOpening = {
  openedOn: '2023-05-14',
  violenceType: 'physical',
  consent: true,
  subject: {
    subjectId: 'subject-1',
    sex: 'female',
    ageBand: '30-59',
    ethnicity: 'Dao',
    personal: box,
  },
};
const record: CaseRecord = { addressId, unitCode: '05752', ...opening };

const v1 = <E extends CaseEvent>(type: E['type'], data: E['data']): CaseEvent =>
  ({ type, schemaVersion: CASE_SCHEMA_VERSION, data }) as CaseEvent;
const opened = v1('CaseOpened', { caseId, ...record });
const referred = (on: string) => v1('CaseReferred', { caseId, to: 'police', on });
const served = (on: string) => v1('CaseServiceGiven', { caseId, service: 'counselling', on });
const closed = (on: string) => v1('CaseClosed', { caseId, on, outcome: 'resolved' });
const voided = v1('CaseVoided', { caseId, reason: 'opened twice' });

const open = (
  changes: Partial<CaseOpening> = {},
  address: TrustedAddressState = openAddress,
): CaseCommand => ({
  type: 'OpenCase',
  caseId,
  addressId,
  opening: { ...opening, ...changes },
  address,
  today,
});
const refer = (on: string): CaseCommand => ({ type: 'ReferCase', caseId, to: 'police', on, today });
const serve = (on: string): CaseCommand => ({
  type: 'GiveCaseService',
  caseId,
  service: 'counselling',
  on,
  today,
});
const close = (on: string): CaseCommand => ({
  type: 'CloseCase',
  caseId,
  on,
  outcome: 'resolved',
  today,
});
const correct = (
  changes: Record<string, unknown>,
  extra: Partial<Extract<CaseCommand, { type: 'CorrectCase' }>> = {},
): CaseCommand => ({
  type: 'CorrectCase',
  caseId,
  changes,
  reason: 'recorded wrongly',
  today,
  ...extra,
});

/** Given these events, when this command: the events it decides on, or its refusal. */
function given(...history: CaseEvent[]) {
  const state = history.reduce(caseDecider.evolve, caseDecider.initialState());
  return {
    when: (command: CaseCommand) => ({
      then: (...expected: CaseEvent[]) =>
        expect(caseDecider.decide(command, state)).toEqual(expected),
      thenRefuses: (
        error: typeof InvalidCommand | typeof NotFound | typeof RuleViolation,
        message: RegExp,
      ) => {
        expect(() => caseDecider.decide(command, state)).toThrow(error);
        expect(() => caseDecider.decide(command, state)).toThrow(message);
      },
    }),
    state,
  };
}

describe('case decider', () => {
  describe('opening a case at a trusted address', () => {
    it('opens the case in the commune of the address', () => {
      given().when(open()).then(opened);
    });

    it('refuses an unknown address, and a case opened before the address existed', () => {
      given()
        .when(open({}, initialTrustedAddressState()))
        .thenRefuses(NotFound, /no trusted address with id address-1/);
      given()
        .when(open({ openedOn: '2022-05-31' }))
        .thenRefuses(InvalidCommand, /before trusted address address-1 was established/);
    });

    it('refuses an address closed on or before the opening, or voided', () => {
      given()
        .when(open({}, addressClosedOn('2023-05-14')))
        .thenRefuses(RuleViolation, /closed on 2023-05-14/);
      const voidedAddress = addressOf(
        addressEstablished,
        addressEvent('TrustedAddressVoided', { addressId, reason: 'x' }),
      );
      given()
        .when(open({}, voidedAddress))
        .thenRefuses(RuleViolation, /voided/);
    });

    it('takes in a case opened before the address closed, recorded late', () => {
      given()
        .when(open({}, addressClosedOn('2023-06-01')))
        .then(opened);
    });

    it('refuses a future date before anything else, and the same case twice', () => {
      given()
        .when(open({ openedOn: '2024-03-02' }, initialTrustedAddressState()))
        .thenRefuses(InvalidCommand, /future/);
      given(opened)
        .when(open())
        .thenRefuses(RuleViolation, /already recorded/);
    });

    it('never opens a case without consent', () => {
      given()
        .when(open({ consent: false as unknown as true }))
        .thenRefuses(InvalidCommand, /consent/);
    });
  });

  describe('referrals and services', () => {
    it('records them on an open case', () => {
      given(opened).when(refer('2023-05-15')).then(referred('2023-05-15'));
      given(opened).when(serve('2023-05-14')).then(served('2023-05-14'));
    });

    it('keeps a sealed note with the referral', () => {
      given(opened)
        .when({ type: 'ReferCase', caseId, to: 'health', on: '2023-05-15', note: newBox, today })
        .then(v1('CaseReferred', { caseId, to: 'health', on: '2023-05-15', note: newBox }));
    });

    it('refuses them on a closed or voided case', () => {
      given(opened, closed('2023-06-01'))
        .when(refer('2023-06-02'))
        .thenRefuses(RuleViolation, /closed on 2023-06-01/);
      given(opened, closed('2023-06-01'))
        .when(serve('2023-06-02'))
        .thenRefuses(RuleViolation, /closed/);
      given(opened, voided)
        .when(refer('2023-06-02'))
        .thenRefuses(RuleViolation, /voided/);
    });

    it('refuses dates before the opening or in the future, and an unknown case', () => {
      given(opened)
        .when(refer('2023-05-13'))
        .thenRefuses(InvalidCommand, /before case case-1 was opened/);
      given(opened)
        .when(serve('2024-03-02'))
        .thenRefuses(InvalidCommand, /future/);
      given()
        .when(refer('2023-05-15'))
        .thenRefuses(NotFound, /no case with id case-1/);
    });
  });

  describe('closing', () => {
    it('closes with an outcome', () => {
      given(opened, referred('2023-05-15')).when(close('2023-06-01')).then(closed('2023-06-01'));
    });

    it('does not close a case twice', () => {
      given(opened, closed('2023-06-01'))
        .when(close('2023-06-02'))
        .thenRefuses(RuleViolation, /already closed on 2023-06-01 \(resolved\)/);
    });

    it('refuses a closure before the last referral or service', () => {
      given(opened, served('2023-05-20'))
        .when(close('2023-05-19'))
        .thenRefuses(InvalidCommand, /last referral or service.*2023-05-20/);
    });
  });

  describe('correcting', () => {
    it('records each changed field before and after', () => {
      given(opened)
        .when(correct({ violenceType: 'psychological', subject: { ageBand: '18-29' } }))
        .then(
          v1('CaseCorrected', {
            caseId,
            changes: [
              { field: 'subject.ageBand', before: '30-59', after: '18-29' },
              { field: 'violenceType', before: 'physical', after: 'psychological' },
            ],
            reason: 'recorded wrongly',
          }),
        );
    });

    it('shows resealed details only as [sealed] and keeps the new box', () => {
      const history = [opened];
      given(...history)
        .when(correct({}, { personal: { kind: 'resealed', personal: newBox } }))
        .then(
          v1('CaseCorrected', {
            caseId,
            changes: [{ field: 'subject.personal', before: '[sealed]', after: '[sealed]' }],
            reason: 'recorded wrongly',
            personal: newBox,
          }),
        );
      const { state } = given(
        opened,
        v1('CaseCorrected', {
          caseId,
          changes: [{ field: 'subject.personal', before: '[sealed]', after: '[sealed]' }],
          reason: 'recorded wrongly',
          personal: newBox,
        }),
      );
      expect(state).toMatchObject({
        record: { subject: { subjectId: 'subject-1', personal: newBox } },
      });
    });

    it('refuses details that can no longer be opened', () => {
      given(opened)
        .when(
          correct(
            {},
            {
              personal: {
                kind: 'blocked',
                why: 'the personal details of subject subject-1 are erased',
              },
            },
          ),
        )
        .thenRefuses(RuleViolation, /erased/);
    });

    it('moves openedOn only where the address allows, and never after what was done', () => {
      given(opened)
        .when(correct({ openedOn: '2023-05-01' }, { address: openAddress }))
        .then(
          v1('CaseCorrected', {
            caseId,
            changes: [{ field: 'openedOn', before: '2023-05-14', after: '2023-05-01' }],
            reason: 'recorded wrongly',
          }),
        );
      given(opened)
        .when(correct({ openedOn: '2022-01-01' }, { address: openAddress }))
        .thenRefuses(InvalidCommand, /before trusted address/);
      given(opened)
        .when(correct({ openedOn: '2023-07-01' }, { address: addressClosedOn('2023-06-01') }))
        .thenRefuses(RuleViolation, /closed on 2023-06-01/);
      given(opened, referred('2023-05-15'))
        .when(correct({ openedOn: '2023-05-16' }, { address: openAddress }))
        .thenRefuses(InvalidCommand, /after what was already recorded/);
    });

    it('refuses a correction that changes nothing, and one of a voided case', () => {
      given(opened)
        .when(correct({ violenceType: 'physical' }))
        .thenRefuses(InvalidCommand, /nothing to correct/);
      given(opened, voided)
        .when(correct({ violenceType: 'sexual' }))
        .thenRefuses(RuleViolation, /voided/);
    });
  });

  describe('voiding', () => {
    it('voids a case once, keeping its closure', () => {
      given(opened, closed('2023-06-01'))
        .when({ type: 'VoidCase', caseId, reason: 'opened twice' })
        .then(voided);
      given(opened, voided)
        .when({ type: 'VoidCase', caseId, reason: 'again' })
        .thenRefuses(RuleViolation, /voided/);
      expect(given(opened, closed('2023-06-01'), voided).state).toMatchObject({
        status: 'voided',
        closure: { on: '2023-06-01' },
      });
    });
  });
});
