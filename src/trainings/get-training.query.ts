import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { trainingStream } from '../../events/training';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { readRecordView, type RecordView } from '../records/record-view';
import { trainingDecider } from './training.decider';

export class GetTrainingQuery {
  constructor(
    readonly trainingId: string,
    readonly actor: Actor,
  ) {}
}

@QueryHandler(GetTrainingQuery)
export class GetTrainingHandler implements IQueryHandler<GetTrainingQuery, RecordView> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ trainingId, actor }: GetTrainingQuery): Promise<RecordView> {
    return readRecordView(this.ledger.store, {
      streamId: trainingStream(trainingId),
      decider: trainingDecider,
      what: 'training class',
      id: trainingId,
      assertReadable: (record) => assertUnitReadable(actor, record.unitCode),
    });
  }
}
