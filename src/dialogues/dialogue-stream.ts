import { dialogueStream, type DialogueEvent } from '../../events/dialogue';
import type { StreamCommand } from '../ledger/command-loop';
import { recordStreamCommand } from '../records/record-stream';
import { dialogueDecider, type DialogueCommand, type DialogueState } from './dialogue.decider';

/** A dialogue command as the generic command loop runs it. */
export function dialogueStreamCommand(
  command: DialogueCommand,
  fallbackUnit: string,
): StreamCommand<DialogueState, DialogueEvent> {
  return recordStreamCommand(dialogueDecider, command, {
    streamId: dialogueStream(command.dialogueId),
    id: command.dialogueId,
    fallbackUnit,
  });
}
