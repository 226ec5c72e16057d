import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertInScope } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { withCorrectionChecks } from '../records/record-command-checks';
import { businessToday } from '../shared/business-date';
import { checkDialogue } from './dialogue.decider';
import { dialogueStreamCommand } from './dialogue-stream';

export class CorrectDialogueCommand {
  constructor(
    readonly dialogueId: string,
    readonly changes: Readonly<Record<string, unknown>>,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(CorrectDialogueCommand)
export class CorrectDialogueHandler implements ICommandHandler<CorrectDialogueCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ dialogueId, changes, reason, envelope }: CorrectDialogueCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    const command = dialogueStreamCommand({ type: 'CorrectDialogue', dialogueId, changes, reason, today }, '');
    return this.ledger.commands.run(
      withCorrectionChecks(command, changes, {
        check: (record) => checkDialogue(record, today),
        assertScope: (record) => assertInScope(envelope.actor, record.unitCode, record.heldOn),
      }),
      { ...envelope, reason },
    );
  }
}
