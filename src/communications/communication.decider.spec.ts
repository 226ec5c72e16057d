import type { CommunicationEvent, CommunicationRecord } from '../../events/communication';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import { communicationDecider, type CommunicationCommand } from './communication.decider';

const today = '2024-01-15';
const given = (events: CommunicationEvent[]) =>
  events.reduce(communicationDecider.evolve, communicationDecider.initialState());
const when = (events: CommunicationEvent[], command: CommunicationCommand) => () =>
  communicationDecider.decide(command, given(events));

const record: CommunicationRecord = {
  unitCode: '05752',
  heldOn: '2023-03-08',
  form: 'performance',
  participants: { total: 150, women: 90 },
  topic: 'Xóa bỏ tảo hôn',
};
const held: CommunicationEvent = {
  type: 'CommunicationHeld',
  schemaVersion: 1,
  data: { communicationId: 'c1', ...record },
};
const hold = (changes: Partial<CommunicationRecord> = {}): CommunicationCommand => ({
  type: 'HoldCommunication',
  communicationId: 'c1',
  record: { ...record, ...changes },
  today,
});
const correct = (changes: Record<string, unknown>): CommunicationCommand => ({
  type: 'CorrectCommunication',
  communicationId: 'c1',
  changes,
  reason: 'form recorded wrongly',
  today,
});
const voided: CommunicationEvent = {
  type: 'CommunicationVoided',
  schemaVersion: 1,
  data: { communicationId: 'c1', reason: 'never took place' },
};

describe('communication decider', () => {
  it('given nothing, when an event is recorded, then CommunicationHeld', () => {
    expect(when([], hold())()).toEqual([held]);
  });

  it('accepts an event organised by a district or the province', () => {
    expect(when([], hold({ unitCode: '170' }))()).toHaveLength(1);
    expect(when([], hold({ unitCode: '19' }))()).toHaveLength(1);
  });

  it('refuses more women than participants, a future date and an unknown unit', () => {
    expect(when([], hold({ participants: { total: 5, women: 6 } }))).toThrow(InvalidCommand);
    expect(when([], hold({ heldOn: '2024-02-01' }))).toThrow(/in the future/);
    expect(when([], hold({ unitCode: '12345' }))).toThrow(/not a known administrative unit/);
  });

  it('given an event, when recorded again under the same id, then a conflict', () => {
    expect(when([held], hold())).toThrow(RuleViolation);
  });

  it('given an event, when corrected, then CommunicationCorrected with before and after', () => {
    expect(when([held], correct({ form: 'contest' }))()).toEqual([
      {
        type: 'CommunicationCorrected',
        schemaVersion: 1,
        data: {
          communicationId: 'c1',
          reason: 'form recorded wrongly',
          changes: [{ field: 'form', before: 'performance', after: 'contest' }],
        },
      },
    ]);
    expect(when([held], correct({ participants: { women: 151 } }))).toThrow(InvalidCommand);
    expect(when([held], correct({ form: 'performance' }))).toThrow(/nothing to correct/);
  });

  it('given nothing, a correction is not found; given a voided event, nothing more is accepted', () => {
    expect(when([], correct({ form: 'contest' }))).toThrow(NotFound);
    expect(
      when([held], {
        type: 'VoidCommunication',
        communicationId: 'c1',
        reason: 'never took place',
      })(),
    ).toEqual([voided]);
    expect(when([held, voided], correct({ form: 'contest' }))).toThrow(RuleViolation);
    expect(
      when([held, voided], { type: 'VoidCommunication', communicationId: 'c1', reason: 'x' }),
    ).toThrow(RuleViolation);
    expect(given([held, voided])).toMatchObject({
      status: 'voided',
      reason: 'never took place',
      record,
    });
  });
});
