import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DialogueRecord } from '../../events/dialogue';
import { assertInScope } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { checkDialogue } from './dialogue.decider';
import { dialogueStreamCommand } from './dialogue-stream';

export class RecordDialogueCommand {
  constructor(
    readonly dialogueId: string,
    readonly record: DialogueRecord,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(RecordDialogueCommand)
export class RecordDialogueHandler implements ICommandHandler<RecordDialogueCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ dialogueId, record, envelope }: RecordDialogueCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    // The body's rules (400) come before the scope (403).
    checkDialogue(record, today);
    assertInScope(envelope.actor, record.unitCode, record.heldOn);
    return this.ledger.commands.run(
      dialogueStreamCommand({ type: 'HoldDialogue', dialogueId, record, today }, record.unitCode),
      envelope,
    );
  }
}
