import type { TrainingEvent, TrainingRecord } from '../../events/training';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';
import { trainingDecider, type TrainingCommand } from './training.decider';

const today = '2024-01-15';
const given = (events: TrainingEvent[]) =>
  events.reduce(trainingDecider.evolve, trainingDecider.initialState());
const when = (events: TrainingEvent[], command: TrainingCommand) => () =>
  trainingDecider.decide(command, given(events));

const record: TrainingRecord = {
  unitCode: '170',
  topic: 'gender_mainstreaming',
  heldOn: '2023-05-10',
  participants: { total: 60, women: 40 },
  manualsDistributed: 30,
};
const held: TrainingEvent = {
  type: 'TrainingHeld',
  schemaVersion: 1,
  data: { trainingId: 't1', ...record },
};
const hold = (changes: Partial<TrainingRecord> = {}): TrainingCommand => ({
  type: 'HoldTraining',
  trainingId: 't1',
  record: { ...record, ...changes },
  today,
});
const correct = (changes: Record<string, unknown>): TrainingCommand => ({
  type: 'CorrectTraining',
  trainingId: 't1',
  changes,
  reason: 'attendance sheet recounted',
  today,
});
const voided: TrainingEvent = {
  type: 'TrainingVoided',
  schemaVersion: 1,
  data: { trainingId: 't1', reason: 'entered twice' },
};

describe('training decider', () => {
  it('given nothing, when a class held by a district is recorded, then TrainingHeld', () => {
    expect(when([], hold())()).toEqual([held]);
  });

  it('accepts a class organised by a commune or by the province', () => {
    expect(when([], hold({ unitCode: '05752' }))()).toHaveLength(1);
    expect(when([], hold({ unitCode: '19' }))()).toHaveLength(1);
  });

  it('refuses more women than participants, a future date, and a unit that did not exist on the day', () => {
    expect(when([], hold({ participants: { total: 10, women: 11 } }))).toThrow(InvalidCommand);
    expect(when([], hold({ heldOn: '2024-01-16' }))).toThrow(/heldOn 2024-01-16 is in the future/);
    expect(when([], hold({ unitCode: '99999' }))).toThrow(/unitCode 99999 is not a known/);
    // Districts were abolished on 2025-07-01.
    const later = { ...hold({ heldOn: '2025-08-01' }), today: '2025-09-01' };
    expect(when([], later)).toThrow(/unitCode 170 .* did not exist on 2025-08-01/);
  });

  it('given a class, when it is recorded again under the same id, then a conflict', () => {
    expect(when([held], hold())).toThrow(RuleViolation);
  });

  it('given a class, when corrected, then TrainingCorrected with each field before and after', () => {
    expect(
      when([held], correct({ participants: { women: 42 }, manualsDistributed: 35 }))(),
    ).toEqual([
      {
        type: 'TrainingCorrected',
        schemaVersion: 1,
        data: {
          trainingId: 't1',
          reason: 'attendance sheet recounted',
          changes: [
            { field: 'manualsDistributed', before: 30, after: 35 },
            { field: 'participants.women', before: 40, after: 42 },
          ],
        },
      },
    ]);
  });

  it('holds a corrected class to the rules of a new one, and refuses a correction that changes nothing', () => {
    expect(when([held], correct({ participants: { total: 39 } }))).toThrow(
      /participants.women \(40\)/,
    );
    expect(when([held], correct({ topic: 'gender_mainstreaming' }))).toThrow(/nothing to correct/);
  });

  it('given corrections, the state holds the corrected record', () => {
    const corrected: TrainingEvent = {
      type: 'TrainingCorrected',
      schemaVersion: 1,
      data: {
        trainingId: 't1',
        reason: 'r',
        changes: [{ field: 'participants.women', before: 40, after: 42 }],
      },
    };
    expect(given([held, corrected])).toEqual({
      status: 'held',
      id: 't1',
      record: { ...record, participants: { total: 60, women: 42 } },
    });
  });

  it('given nothing, a correction or a void is not found', () => {
    expect(when([], correct({ title: 'x' }))).toThrow(NotFound);
    expect(when([], { type: 'VoidTraining', trainingId: 't1', reason: 'x' })).toThrow(NotFound);
  });

  it('given a class, when voided, then TrainingVoided; a voided class is neither corrected nor voided again', () => {
    expect(
      when([held], { type: 'VoidTraining', trainingId: 't1', reason: 'entered twice' })(),
    ).toEqual([voided]);
    expect(when([held, voided], correct({ title: 'x' }))).toThrow(/voided \(entered twice\)/);
    expect(when([held, voided], { type: 'VoidTraining', trainingId: 't1', reason: 'x' })).toThrow(
      RuleViolation,
    );
  });
});
