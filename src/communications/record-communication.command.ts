import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommunicationRecord } from '../../events/communication';
import { assertInScope } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { checkCommunication } from './communication.decider';
import { communicationStreamCommand } from './communication-stream';

export class RecordCommunicationCommand {
  constructor(
    readonly communicationId: string,
    readonly record: CommunicationRecord,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(RecordCommunicationCommand)
export class RecordCommunicationHandler implements ICommandHandler<
  RecordCommunicationCommand,
  CommandResult
> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({
    communicationId,
    record,
    envelope,
  }: RecordCommunicationCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    // The body's rules (400) come before the scope (403).
    checkCommunication(record, today);
    assertInScope(envelope.actor, record.unitCode, record.heldOn);
    return this.ledger.commands.run(
      communicationStreamCommand(
        { type: 'HoldCommunication', communicationId, record, today },
        record.unitCode,
      ),
      envelope,
    );
  }
}
