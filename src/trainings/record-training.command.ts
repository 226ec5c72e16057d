import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { TrainingRecord } from '../../events/training';
import { assertInScope } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { checkTraining } from './training.decider';
import { trainingStreamCommand } from './training-stream';

export class RecordTrainingCommand {
  constructor(
    readonly trainingId: string,
    readonly record: TrainingRecord,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(RecordTrainingCommand)
export class RecordTrainingHandler implements ICommandHandler<
  RecordTrainingCommand,
  CommandResult
> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ trainingId, record, envelope }: RecordTrainingCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    // The body's rules (400) come before the scope (403).
    checkTraining(record, today);
    assertInScope(envelope.actor, record.unitCode, record.heldOn);
    return this.ledger.commands.run(
      trainingStreamCommand({ type: 'HoldTraining', trainingId, record, today }, record.unitCode),
      envelope,
    );
  }
}
