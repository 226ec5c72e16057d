import { dialogueStream, type DialogueEvent } from '../../events/dialogue';
import type { StreamCommand } from '../ledger/command-loop';
import { dialogueDecider, type DialogueCommand, type DialogueState } from './dialogue.decider';

/** A dialogue command as the generic command loop runs it. */
export function dialogueStreamCommand(
  command: DialogueCommand,
  fallbackUnit: string,
): StreamCommand<DialogueState, DialogueEvent> {
  return {
    streamId: dialogueStream(command.dialogueId),
    initialState: dialogueDecider.initialState,
    evolve: dialogueDecider.evolve,
    decide: (state) => dialogueDecider.decide(command, state),
    unitOf: (state) => (state.status === 'absent' ? fallbackUnit : state.record.unitCode),
    resultId: command.dialogueId,
  };
}
