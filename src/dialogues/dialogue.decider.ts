import {
  DIALOGUE_SCHEMA_VERSION,
  type DialogueEvent,
  type DialogueRecord,
} from '../../events/dialogue';
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

export type DialogueState = RecordState<DialogueRecord, 'held'>;

export type DialogueCommand =
  | { readonly type: 'HoldDialogue'; readonly dialogueId: string; readonly record: DialogueRecord; readonly today: string }
  | {
      readonly type: 'CorrectDialogue';
      readonly dialogueId: string;
      readonly changes: Readonly<Record<string, unknown>>;
      readonly reason: string;
      readonly today: string;
    }
  | { readonly type: 'VoidDialogue'; readonly dialogueId: string; readonly reason: string };

/** The rules a dialogue must keep, whether new or corrected. */
export function checkDialogue(record: DialogueRecord, today: string): void {
  if (record.participants.women > record.participants.total) {
    throw new InvalidCommand(
      `participants.women (${record.participants.women}) cannot be more than participants.total (${record.participants.total})`,
    );
  }
  if (record.heldOn > today) {
    throw new InvalidCommand(`heldOn ${record.heldOn} is in the future; today is ${today}`);
  }
  const problem = GEOGRAPHY.explainUnitProblem('unitCode', record.unitCode, record.heldOn, ['commune']);
  if (problem) throw new InvalidCommand(problem);
}

function decide(command: DialogueCommand, state: DialogueState): readonly DialogueEvent[] {
  switch (command.type) {
    case 'HoldDialogue': {
      if (state.status !== 'absent') {
        throw new RuleViolation(`a dialogue with id ${command.dialogueId} is already recorded`);
      }
      checkDialogue(command.record, command.today);
      return [
        {
          type: 'DialogueHeld',
          schemaVersion: DIALOGUE_SCHEMA_VERSION,
          data: { dialogueId: command.dialogueId, ...command.record },
        },
      ];
    }
    case 'CorrectDialogue': {
      const record = standingRecord(state, 'dialogue', command.dialogueId, 'corrected');
      const changes = correctionOf(record, command.changes, (corrected) => checkDialogue(corrected, command.today));
      return [
        {
          type: 'DialogueCorrected',
          schemaVersion: DIALOGUE_SCHEMA_VERSION,
          data: { dialogueId: command.dialogueId, changes, reason: command.reason },
        },
      ];
    }
    case 'VoidDialogue': {
      standingRecord(state, 'dialogue', command.dialogueId, 'voided');
      return [
        {
          type: 'DialogueVoided',
          schemaVersion: DIALOGUE_SCHEMA_VERSION,
          data: { dialogueId: command.dialogueId, reason: command.reason },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: DialogueState, event: DialogueEvent): DialogueState {
  switch (event.type) {
    case 'DialogueHeld': {
      const { dialogueId, ...record } = event.data;
      return { status: 'held', id: dialogueId, record };
    }
    case 'DialogueCorrected':
      return afterCorrection(state, event.data.changes);
    case 'DialogueVoided':
      return afterVoid(state, event.data.reason);
    default:
      return assertNever(event);
  }
}

export const dialogueDecider: Decider<DialogueCommand, DialogueState, DialogueEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'absent' }),
};
