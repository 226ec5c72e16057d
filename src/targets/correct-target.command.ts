import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertManages } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { withCorrectionChecks } from '../records/record-command-checks';
import { checkTarget } from './target.decider';
import { targetStreamCommand } from './target-stream';

export class CorrectTargetCommand {
  constructor(
    readonly targetId: string,
    readonly changes: Readonly<Record<string, unknown>>,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(CorrectTargetCommand)
export class CorrectTargetHandler implements ICommandHandler<CorrectTargetCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ targetId, changes, reason, envelope }: CorrectTargetCommand): Promise<CommandResult> {
    const command = targetStreamCommand({ type: 'CorrectTarget', targetId, changes, reason }, '');
    return this.ledger.commands.run(
      withCorrectionChecks(command, changes, {
        check: checkTarget,
        assertScope: (record) => assertManages(envelope.actor, record.unitCode),
      }),
      { ...envelope, reason },
    );
  }
}
