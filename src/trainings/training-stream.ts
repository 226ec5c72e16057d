import { trainingStream, type TrainingEvent } from '../../events/training';
import type { StreamCommand } from '../ledger/command-loop';
import { recordStreamCommand } from '../records/record-stream';
import { trainingDecider, type TrainingCommand, type TrainingState } from './training.decider';

/** A training command as the generic command loop runs it. */
export function trainingStreamCommand(
  command: TrainingCommand,
  fallbackUnit: string,
): StreamCommand<TrainingState, TrainingEvent> {
  return recordStreamCommand(trainingDecider, command, {
    streamId: trainingStream(command.trainingId),
    id: command.trainingId,
    fallbackUnit,
  });
}
