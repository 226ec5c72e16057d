import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertInScope } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { withVoidChecks } from '../records/record-command-checks';
import { communicationStreamCommand } from './communication-stream';

export class VoidCommunicationCommand {
  constructor(
    readonly communicationId: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(VoidCommunicationCommand)
export class VoidCommunicationHandler implements ICommandHandler<
  VoidCommunicationCommand,
  CommandResult
> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ communicationId, reason, envelope }: VoidCommunicationCommand): Promise<CommandResult> {
    const command = communicationStreamCommand(
      { type: 'VoidCommunication', communicationId, reason },
      '',
    );
    return this.ledger.commands.run(
      withVoidChecks(command, (record) =>
        assertInScope(envelope.actor, record.unitCode, record.heldOn),
      ),
      { ...envelope, reason },
    );
  }
}
