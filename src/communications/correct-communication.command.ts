import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertInScope } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { withCorrectionChecks } from '../records/record-command-checks';
import { businessToday } from '../shared/business-date';
import { checkCommunication } from './communication.decider';
import { communicationStreamCommand } from './communication-stream';

export class CorrectCommunicationCommand {
  constructor(
    readonly communicationId: string,
    readonly changes: Readonly<Record<string, unknown>>,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(CorrectCommunicationCommand)
export class CorrectCommunicationHandler implements ICommandHandler<
  CorrectCommunicationCommand,
  CommandResult
> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({
    communicationId,
    changes,
    reason,
    envelope,
  }: CorrectCommunicationCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    const command = communicationStreamCommand(
      { type: 'CorrectCommunication', communicationId, changes, reason, today },
      '',
    );
    return this.ledger.commands.run(
      withCorrectionChecks(command, changes, {
        check: (record) => checkCommunication(record, today),
        assertScope: (record) => assertInScope(envelope.actor, record.unitCode, record.heldOn),
      }),
      { ...envelope, reason },
    );
  }
}
