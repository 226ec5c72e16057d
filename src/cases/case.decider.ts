import {
  CASE_SCHEMA_VERSION,
  SEALED_IN_CHANGES,
  SUBJECT_PERSONAL_FIELD,
  type CaseEvent,
  type CaseOutcome,
  type CaseRecord,
  type CaseService,
  type ReferralTarget,
} from '../../events/case';
import type { SealedPersonal } from '../personal-data/personal-vault';
import { diffRecords, mergeChanges } from '../records/record-changes';
import { assertNever, type Decider } from '../shared/decider';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import type { TrustedAddressState } from '../trusted-addresses/trusted-address-state';
import {
  assertAddressOpenOn,
  checkCaseDate,
  checkClosureAgainstCase,
  checkCorrectedCase,
  checkDateAgainstCase,
  checkOpeningAgainstAddress,
  knownAddress,
} from './case-rules';
import { evolveCase, initialCaseState, type CaseState, type KnownCase } from './case-state';

/** What the case worker records when a case is opened; the unit comes from the address. */
export type CaseOpening = Omit<CaseRecord, 'addressId' | 'unitCode'>;

/**
 * What a correction does to the subject's details, as the handler worked it out: the
 * details sealed anew, or why the recorded ones cannot be changed.
 */
export type SubjectDetailsCorrection =
  | { readonly kind: 'resealed'; readonly personal: SealedPersonal }
  | { readonly kind: 'blocked'; readonly why: string };

export type CaseCommand =
  | {
      readonly type: 'OpenCase';
      readonly caseId: string;
      readonly addressId: string;
      readonly opening: CaseOpening;
      /** The trusted address as it stood when the command was decided (another stream). */
      readonly address: TrustedAddressState;
      readonly today: string;
    }
  | {
      readonly type: 'ReferCase';
      readonly caseId: string;
      readonly to: ReferralTarget;
      readonly on: string;
      readonly note?: SealedPersonal;
      readonly today: string;
    }
  | {
      readonly type: 'GiveCaseService';
      readonly caseId: string;
      readonly service: CaseService;
      readonly on: string;
      readonly today: string;
    }
  | {
      readonly type: 'CloseCase';
      readonly caseId: string;
      readonly on: string;
      readonly outcome: CaseOutcome;
      readonly today: string;
    }
  | {
      readonly type: 'CorrectCase';
      readonly caseId: string;
      /** Fields of the case; the subject's details come in `personal`, already sealed. */
      readonly changes: Readonly<Record<string, unknown>>;
      readonly personal?: SubjectDetailsCorrection;
      /** The case's trusted address, needed when the correction moves openedOn. */
      readonly address?: TrustedAddressState;
      readonly reason: string;
      readonly today: string;
    }
  | { readonly type: 'VoidCase'; readonly caseId: string; readonly reason: string };

const event = <E extends CaseEvent>(type: E['type'], data: E['data']): E =>
  ({ type, schemaVersion: CASE_SCHEMA_VERSION, data }) as E;

function decide(command: CaseCommand, state: CaseState): readonly CaseEvent[] {
  // In each case: the command's own rules (400), unknown case or address (404), the
  // command's rules against them (400), then the rules of their state (409). The stream
  // command puts the actor's scope (403) after the 400s.
  switch (command.type) {
    case 'OpenCase': {
      const { opening, today } = command;
      checkCaseDate('openedOn', opening.openedOn, today);
      const address = knownAddress(command.address, command.addressId);
      checkOpeningAgainstAddress(opening.openedOn, address);
      // Consent is checked at the door too; a decider never opens a case without it.
      if (opening.consent !== true)
        throw new InvalidCommand('consent must be true: a case is opened only with consent');
      // The address was read from its own stream just before this decision, and the two
      // streams are not appended atomically: a closure recorded in between goes unseen
      // and lets this one case in. Accepted: the window is a few milliseconds, the case
      // worker saw the address open, and the case stays visible, correctable and voidable.
      assertAddressOpenOn(opening.openedOn, address);
      if (state.status !== 'absent')
        throw new RuleViolation(`a case with id ${command.caseId} is already recorded`);
      return [
        event('CaseOpened', {
          caseId: command.caseId,
          addressId: address.id,
          unitCode: address.record.unitCode,
          ...opening,
        }),
      ];
    }
    case 'ReferCase': {
      checkCaseDate('on', command.on, command.today);
      const file = knownCase(state, command.caseId);
      checkDateAgainstCase('on', command.on, file);
      const open = openCase(file, 'referred');
      const { to, on, note } = command;
      return [event('CaseReferred', { caseId: open.id, to, on, ...(note ? { note } : {}) })];
    }
    case 'GiveCaseService': {
      checkCaseDate('on', command.on, command.today);
      const file = knownCase(state, command.caseId);
      checkDateAgainstCase('on', command.on, file);
      const open = openCase(file, 'given a service');
      return [
        event('CaseServiceGiven', { caseId: open.id, service: command.service, on: command.on }),
      ];
    }
    case 'CloseCase': {
      checkCaseDate('on', command.on, command.today);
      const file = knownCase(state, command.caseId);
      checkDateAgainstCase('on', command.on, file);
      checkClosureAgainstCase(command.on, file);
      notVoided(file, 'closed');
      if (file.status === 'closed') {
        throw new RuleViolation(
          `case ${file.id} was already closed on ${file.closure.on} (${file.closure.outcome}); a case is not closed twice`,
        );
      }
      return [event('CaseClosed', { caseId: file.id, on: command.on, outcome: command.outcome })];
    }
    case 'CorrectCase':
      return correct(command, state);
    case 'VoidCase': {
      const file = knownCase(state, command.caseId);
      notVoided(file, 'voided');
      return [event('CaseVoided', { caseId: file.id, reason: command.reason })];
    }
    default:
      return assertNever(command);
  }
}

function correct(
  command: Extract<CaseCommand, { type: 'CorrectCase' }>,
  state: CaseState,
): readonly CaseEvent[] {
  const file = knownCase(state, command.caseId);
  const corrected = mergeChanges(file.record, command.changes);
  checkCorrectedCase(corrected, file, command.today);
  const moved = corrected.openedOn !== file.record.openedOn;
  const address = moved
    ? knownAddress(command.address ?? { status: 'absent' }, file.record.addressId)
    : undefined;
  if (address) checkOpeningAgainstAddress(corrected.openedOn, address);
  const resealed = command.personal?.kind === 'resealed' ? command.personal.personal : undefined;
  const changes = [
    ...diffRecords(file.record, corrected),
    ...(resealed
      ? [
          {
            field: SUBJECT_PERSONAL_FIELD,
            before: file.record.subject.personal ? SEALED_IN_CHANGES : null,
            after: SEALED_IN_CHANGES,
          },
        ]
      : []),
  ];
  // Details that cannot be opened any more are a change asked for, refused below (409).
  if (changes.length === 0 && command.personal?.kind !== 'blocked') {
    throw new InvalidCommand(
      'changes: every value given is already the recorded one; nothing to correct',
    );
  }
  if (command.personal?.kind === 'blocked') throw new RuleViolation(command.personal.why);
  notVoided(file, 'corrected');
  if (address) assertAddressOpenOn(corrected.openedOn, address);
  return [
    event('CaseCorrected', {
      caseId: file.id,
      changes,
      reason: command.reason,
      ...(resealed ? { personal: resealed } : {}),
    }),
  ];
}

function knownCase(state: CaseState, id: string): KnownCase {
  if (state.status === 'absent') throw new NotFound(`no case with id ${id}`);
  return state;
}

function notVoided(
  file: KnownCase,
  action: string,
): asserts file is Exclude<KnownCase, { status: 'voided' }> {
  if (file.status === 'voided') {
    throw new RuleViolation(
      `case ${file.id} was voided (${file.reason}); a voided case cannot be ${action}`,
    );
  }
}

/** Referrals and services are for open cases only (409). */
function openCase(file: KnownCase, action: string): Extract<KnownCase, { status: 'open' }> {
  notVoided(file, action);
  if (file.status === 'closed') {
    throw new RuleViolation(
      `case ${file.id} was closed on ${file.closure.on}; a closed case cannot be ${action}`,
    );
  }
  return file;
}

export const caseDecider: Decider<CaseCommand, CaseState, CaseEvent> = {
  decide,
  evolve: evolveCase,
  initialState: initialCaseState,
};
