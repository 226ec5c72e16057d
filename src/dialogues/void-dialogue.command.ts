import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertInScope } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { withVoidChecks } from '../records/record-command-checks';
import { dialogueStreamCommand } from './dialogue-stream';

export class VoidDialogueCommand {
  constructor(
    readonly dialogueId: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(VoidDialogueCommand)
export class VoidDialogueHandler implements ICommandHandler<VoidDialogueCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ dialogueId, reason, envelope }: VoidDialogueCommand): Promise<CommandResult> {
    const command = dialogueStreamCommand({ type: 'VoidDialogue', dialogueId, reason }, '');
    return this.ledger.commands.run(
      withVoidChecks(command, (record) => assertInScope(envelope.actor, record.unitCode, record.heldOn)),
      { ...envelope, reason },
    );
  }
}
