import { communicationStream, type CommunicationEvent } from '../../events/communication';
import type { StreamCommand } from '../ledger/command-loop';
import { recordStreamCommand } from '../records/record-stream';
import {
  communicationDecider,
  type CommunicationCommand,
  type CommunicationState,
} from './communication.decider';

/** A communication command as the generic command loop runs it. */
export function communicationStreamCommand(
  command: CommunicationCommand,
  fallbackUnit: string,
): StreamCommand<CommunicationState, CommunicationEvent> {
  return recordStreamCommand(communicationDecider, command, {
    streamId: communicationStream(command.communicationId),
    id: command.communicationId,
    fallbackUnit,
  });
}
