import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertInScope } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { mergeChanges } from '../records/record-changes';
import { businessToday } from '../shared/business-date';
import { checkDialogue, type DialogueState } from './dialogue.decider';
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
      {
        ...command,
        decide: (state: DialogueState) => {
          if (state.status !== 'absent') {
            // Refusals in the contract's order: the corrected record's rules (400), then
            // the scope of the record as it stands and as corrected (403), then its state.
            const corrected = mergeChanges(state.record, changes);
            checkDialogue(corrected, today);
            assertInScope(envelope.actor, state.record.unitCode, state.record.heldOn);
            assertInScope(envelope.actor, corrected.unitCode, corrected.heldOn);
          }
          return command.decide(state);
        },
      },
      { ...envelope, reason },
    );
  }
}
