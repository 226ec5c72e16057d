import {
  COMMUNICATION_SCHEMA_VERSION,
  type CommunicationEvent,
  type CommunicationRecord,
} from '../../events/communication';
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

export type CommunicationState = RecordState<CommunicationRecord, 'held'>;

export type CommunicationCommand =
  | {
      readonly type: 'HoldCommunication';
      readonly communicationId: string;
      readonly record: CommunicationRecord;
      readonly today: string;
    }
  | {
      readonly type: 'CorrectCommunication';
      readonly communicationId: string;
      readonly changes: Readonly<Record<string, unknown>>;
      readonly reason: string;
      readonly today: string;
    }
  | {
      readonly type: 'VoidCommunication';
      readonly communicationId: string;
      readonly reason: string;
    };

/** The rules a communication event must keep, whether new or corrected. */
export function checkCommunication(record: CommunicationRecord, today: string): void {
  const { participants } = record;
  if (participants.women > participants.total) {
    throw new InvalidCommand(
      `participants.women (${participants.women}) cannot be more than participants.total (${participants.total})`,
    );
  }
  if (record.heldOn > today) {
    throw new InvalidCommand(`heldOn ${record.heldOn} is in the future; today is ${today}`);
  }
  // Events are organised at any level; the unit must exist at that level on the day.
  const problem = GEOGRAPHY.explainUnitProblem('unitCode', record.unitCode, record.heldOn, [
    'commune',
    'district',
    'province',
  ]);
  if (problem) throw new InvalidCommand(problem);
}

function decide(
  command: CommunicationCommand,
  state: CommunicationState,
): readonly CommunicationEvent[] {
  switch (command.type) {
    case 'HoldCommunication': {
      if (state.status !== 'absent') {
        throw new RuleViolation(
          `a communication event with id ${command.communicationId} is already recorded`,
        );
      }
      checkCommunication(command.record, command.today);
      return [
        {
          type: 'CommunicationHeld',
          schemaVersion: COMMUNICATION_SCHEMA_VERSION,
          data: { communicationId: command.communicationId, ...command.record },
        },
      ];
    }
    case 'CorrectCommunication': {
      const record = standingRecord(
        state,
        'communication event',
        command.communicationId,
        'corrected',
      );
      const changes = correctionOf(record, command.changes, (corrected) =>
        checkCommunication(corrected, command.today),
      );
      return [
        {
          type: 'CommunicationCorrected',
          schemaVersion: COMMUNICATION_SCHEMA_VERSION,
          data: { communicationId: command.communicationId, changes, reason: command.reason },
        },
      ];
    }
    case 'VoidCommunication': {
      standingRecord(state, 'communication event', command.communicationId, 'voided');
      return [
        {
          type: 'CommunicationVoided',
          schemaVersion: COMMUNICATION_SCHEMA_VERSION,
          data: { communicationId: command.communicationId, reason: command.reason },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: CommunicationState, event: CommunicationEvent): CommunicationState {
  switch (event.type) {
    case 'CommunicationHeld': {
      const { communicationId, ...record } = event.data;
      return { status: 'held', id: communicationId, record };
    }
    case 'CommunicationCorrected':
      return afterCorrection(state, event.data.changes);
    case 'CommunicationVoided':
      return afterVoid(state, event.data.reason);
    default:
      return assertNever(event);
  }
}

export const communicationDecider: Decider<
  CommunicationCommand,
  CommunicationState,
  CommunicationEvent
> = {
  decide,
  evolve,
  initialState: () => ({ status: 'absent' }),
};
