import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertInScope } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { withCorrectionChecks } from '../records/record-command-checks';
import { businessToday } from '../shared/business-date';
import { checkTraining } from './training.decider';
import { trainingStreamCommand } from './training-stream';

export class CorrectTrainingCommand {
  constructor(
    readonly trainingId: string,
    readonly changes: Readonly<Record<string, unknown>>,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(CorrectTrainingCommand)
export class CorrectTrainingHandler implements ICommandHandler<
  CorrectTrainingCommand,
  CommandResult
> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({
    trainingId,
    changes,
    reason,
    envelope,
  }: CorrectTrainingCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    const command = trainingStreamCommand(
      { type: 'CorrectTraining', trainingId, changes, reason, today },
      '',
    );
    return this.ledger.commands.run(
      withCorrectionChecks(command, changes, {
        check: (record) => checkTraining(record, today),
        assertScope: (record) => assertInScope(envelope.actor, record.unitCode, record.heldOn),
      }),
      { ...envelope, reason },
    );
  }
}
