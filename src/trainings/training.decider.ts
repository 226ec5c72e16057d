import {
  TRAINING_SCHEMA_VERSION,
  type TrainingEvent,
  type TrainingRecord,
} from '../../events/training';
import { GEOGRAPHY } from '../geography/geography';
import {
  afterCorrection,
  afterVoid,
  correctionOf,
  standingRecord,
  type RecordState,
} from '../records/record-lifecycle';
import { assertNever, type Decider } from '../shared/decider';
import { InvalidCommand, RuleViolation } from '../shared/domain-errors';

export type TrainingState = RecordState<TrainingRecord, 'held'>;

export type TrainingCommand =
  | {
      readonly type: 'HoldTraining';
      readonly trainingId: string;
      readonly record: TrainingRecord;
      readonly today: string;
    }
  | {
      readonly type: 'CorrectTraining';
      readonly trainingId: string;
      readonly changes: Readonly<Record<string, unknown>>;
      readonly reason: string;
      readonly today: string;
    }
  | { readonly type: 'VoidTraining'; readonly trainingId: string; readonly reason: string };

/** The rules a training class must keep, whether new or corrected. */
export function checkTraining(record: TrainingRecord, today: string): void {
  const { participants, manualsDistributed } = record;
  if (participants.women > participants.total) {
    throw new InvalidCommand(
      `participants.women (${participants.women}) cannot be more than participants.total (${participants.total})`,
    );
  }
  if (
    manualsDistributed !== undefined &&
    !(Number.isInteger(manualsDistributed) && manualsDistributed >= 0)
  ) {
    throw new InvalidCommand('manualsDistributed must be a whole number, 0 or more');
  }
  if (record.heldOn > today) {
    throw new InvalidCommand(`heldOn ${record.heldOn} is in the future; today is ${today}`);
  }
  // Classes are organised at any level; the unit must exist at that level on the day.
  const problem = GEOGRAPHY.explainUnitProblem('unitCode', record.unitCode, record.heldOn, [
    'commune',
    'district',
    'province',
  ]);
  if (problem) throw new InvalidCommand(problem);
}

function decide(command: TrainingCommand, state: TrainingState): readonly TrainingEvent[] {
  switch (command.type) {
    case 'HoldTraining': {
      if (state.status !== 'absent') {
        throw new RuleViolation(
          `a training class with id ${command.trainingId} is already recorded`,
        );
      }
      checkTraining(command.record, command.today);
      return [
        {
          type: 'TrainingHeld',
          schemaVersion: TRAINING_SCHEMA_VERSION,
          data: { trainingId: command.trainingId, ...command.record },
        },
      ];
    }
    case 'CorrectTraining': {
      const record = standingRecord(state, 'training class', command.trainingId, 'corrected');
      const changes = correctionOf(record, command.changes, (corrected) =>
        checkTraining(corrected, command.today),
      );
      return [
        {
          type: 'TrainingCorrected',
          schemaVersion: TRAINING_SCHEMA_VERSION,
          data: { trainingId: command.trainingId, changes, reason: command.reason },
        },
      ];
    }
    case 'VoidTraining': {
      standingRecord(state, 'training class', command.trainingId, 'voided');
      return [
        {
          type: 'TrainingVoided',
          schemaVersion: TRAINING_SCHEMA_VERSION,
          data: { trainingId: command.trainingId, reason: command.reason },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: TrainingState, event: TrainingEvent): TrainingState {
  switch (event.type) {
    case 'TrainingHeld': {
      const { trainingId, ...record } = event.data;
      return { status: 'held', id: trainingId, record };
    }
    case 'TrainingCorrected':
      return afterCorrection(state, event.data.changes);
    case 'TrainingVoided':
      return afterVoid(state, event.data.reason);
    default:
      return assertNever(event);
  }
}

export const trainingDecider: Decider<TrainingCommand, TrainingState, TrainingEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'absent' }),
};
