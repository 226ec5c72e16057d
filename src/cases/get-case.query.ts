import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { caseStream, type CaseEvent } from '../../events/case';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { readEntity } from '../records/read-entity';
import type { RecordView } from '../records/record-view';
import { NotFound } from '../shared/domain-errors';
import { evolveCase, initialCaseState, type CaseState } from './case-state';
import { followsCase } from './case-stream';
import { caseFile, caseOutline } from './case-view';

export class GetCaseQuery {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
    readonly requestId?: string,
  ) {}
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, RecordView> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  async execute({ caseId, actor, requestId }: GetCaseQuery): Promise<RecordView> {
    const streamId = caseStream(caseId);
    const entity = await readEntity<CaseState, CaseEvent>(
      this.ledger.store,
      streamId,
      evolveCase,
      initialCaseState,
    );
    const { state } = entity;
    if (state.status === 'absent') throw new NotFound(`no case with id ${caseId}`);
    assertUnitReadable(actor, state.record.unitCode);
    const follows = followsCase(actor, state.record);
    const body = follows
      ? await caseFile(this.ledger, actor, state, { streamId, ...(requestId ? { requestId } : {}) })
      : caseOutline(state);
    return {
      revision: entity.revision,
      body: {
        ...body,
        revision: entity.revision,
        recordedAt: entity.first?.metadata.recordedAt,
        ...(follows ? { recordedBy: entity.first?.metadata.actor.username } : {}),
        updatedAt: entity.last?.metadata.recordedAt,
      },
    };
  }
}
