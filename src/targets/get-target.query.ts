import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { targetStream } from '../../events/target';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { readRecordView, type RecordView } from '../records/record-view';
import { targetDecider } from './target.decider';

export class GetTargetQuery {
  constructor(
    readonly targetId: string,
    readonly actor: Actor,
  ) {}
}

@QueryHandler(GetTargetQuery)
export class GetTargetHandler implements IQueryHandler<GetTargetQuery, RecordView> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ targetId, actor }: GetTargetQuery): Promise<RecordView> {
    return readRecordView(this.ledger.store, {
      streamId: targetStream(targetId),
      decider: targetDecider,
      what: 'target',
      id: targetId,
      assertReadable: (record) => assertUnitReadable(actor, record.unitCode),
    });
  }
}
