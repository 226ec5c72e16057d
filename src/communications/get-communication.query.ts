import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { communicationStream } from '../../events/communication';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { readRecordView, type RecordView } from '../records/record-view';
import { communicationDecider } from './communication.decider';

export class GetCommunicationQuery {
  constructor(
    readonly communicationId: string,
    readonly actor: Actor,
  ) {}
}

@QueryHandler(GetCommunicationQuery)
export class GetCommunicationHandler implements IQueryHandler<GetCommunicationQuery, RecordView> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ communicationId, actor }: GetCommunicationQuery): Promise<RecordView> {
    return readRecordView(this.ledger.store, {
      streamId: communicationStream(communicationId),
      decider: communicationDecider,
      what: 'communication event',
      id: communicationId,
      assertReadable: (record) => assertUnitReadable(actor, record.unitCode),
    });
  }
}
