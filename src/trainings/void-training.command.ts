import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertInScope } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { withVoidChecks } from '../records/record-command-checks';
import { trainingStreamCommand } from './training-stream';

export class VoidTrainingCommand {
  constructor(
    readonly trainingId: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(VoidTrainingCommand)
export class VoidTrainingHandler implements ICommandHandler<VoidTrainingCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ trainingId, reason, envelope }: VoidTrainingCommand): Promise<CommandResult> {
    const command = trainingStreamCommand({ type: 'VoidTraining', trainingId, reason }, '');
    return this.ledger.commands.run(
      withVoidChecks(command, (record) =>
        assertInScope(envelope.actor, record.unitCode, record.heldOn),
      ),
      { ...envelope, reason },
    );
  }
}
