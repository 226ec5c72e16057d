import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { TargetRecord } from '../../events/target';
import { assertManages } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { checkTarget } from './target.decider';
import { targetStreamCommand } from './target-stream';

export class SetTargetCommand {
  constructor(
    readonly targetId: string,
    readonly record: TargetRecord,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(SetTargetCommand)
export class SetTargetHandler implements ICommandHandler<SetTargetCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ targetId, record, envelope }: SetTargetCommand): Promise<CommandResult> {
    // The body's rules (400) come before the scope (403).
    checkTarget(record);
    assertManages(envelope.actor, record.unitCode);
    return this.ledger.commands.run(
      targetStreamCommand({ type: 'SetTarget', targetId, record }, record.unitCode),
      envelope,
    );
  }
}
