import { targetStream, type TargetEvent } from '../../events/target';
import type { StreamCommand } from '../ledger/command-loop';
import { recordStreamCommand } from '../records/record-stream';
import { targetDecider, type TargetCommand, type TargetState } from './target.decider';

/** A target command as the generic command loop runs it. */
export function targetStreamCommand(
  command: TargetCommand,
  fallbackUnit: string,
): StreamCommand<TargetState, TargetEvent> {
  return recordStreamCommand(targetDecider, command, {
    streamId: targetStream(command.targetId),
    id: command.targetId,
    fallbackUnit,
  });
}
