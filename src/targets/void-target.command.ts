import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertManages } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { withVoidChecks } from '../records/record-command-checks';
import { targetStreamCommand } from './target-stream';

export class VoidTargetCommand {
  constructor(
    readonly targetId: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(VoidTargetCommand)
export class VoidTargetHandler implements ICommandHandler<VoidTargetCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ targetId, reason, envelope }: VoidTargetCommand): Promise<CommandResult> {
    const command = targetStreamCommand({ type: 'VoidTarget', targetId, reason }, '');
    return this.ledger.commands.run(
      withVoidChecks(command, (record) => assertManages(envelope.actor, record.unitCode)),
      { ...envelope, reason },
    );
  }
}
