import {
  DIALOGUE_SCHEMA_VERSION,
  type DialogueEvent,
  type DialogueRecord,
} from '../../events/dialogue';
import { GEOGRAPHY } from '../geography/geography';
import { applyFieldChanges, diffRecords, mergeChanges } from '../records/record-changes';
import { assertNever, type Decider } from '../shared/decider';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';

export type DialogueState =
  | { readonly status: 'absent' }
  | { readonly status: 'held'; readonly id: string; readonly record: DialogueRecord }
  | { readonly status: 'voided'; readonly id: string; readonly record: DialogueRecord; readonly reason: string };

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
      const record = existing(state, command.dialogueId, 'corrected');
      const corrected = mergeChanges(record, command.changes);
      checkDialogue(corrected, command.today);
      const changes = diffRecords(record, corrected);
      if (changes.length === 0) {
        throw new InvalidCommand('changes: every value given is already the recorded one; nothing to correct');
      }
      return [
        {
          type: 'DialogueCorrected',
          schemaVersion: DIALOGUE_SCHEMA_VERSION,
          data: { dialogueId: command.dialogueId, changes, reason: command.reason },
        },
      ];
    }
    case 'VoidDialogue': {
      existing(state, command.dialogueId, 'voided');
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

function existing(state: DialogueState, id: string, action: string): DialogueRecord {
  switch (state.status) {
    case 'absent':
      throw new NotFound(`no dialogue with id ${id}`);
    case 'voided':
      throw new RuleViolation(`dialogue ${id} was voided (${state.reason}); a voided record cannot be ${action}`);
    case 'held':
      return state.record;
    default:
      return assertNever(state);
  }
}

function evolve(state: DialogueState, event: DialogueEvent): DialogueState {
  switch (event.type) {
    case 'DialogueHeld': {
      const { dialogueId, ...record } = event.data;
      return { status: 'held', id: dialogueId, record };
    }
    case 'DialogueCorrected':
      return state.status === 'held'
        ? { ...state, record: applyFieldChanges(state.record, event.data.changes) }
        : state;
    case 'DialogueVoided':
      return state.status === 'held' ? { status: 'voided', id: state.id, record: state.record, reason: event.data.reason } : state;
    default:
      return assertNever(event);
  }
}

export const dialogueDecider: Decider<DialogueCommand, DialogueState, DialogueEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'absent' }),
};
