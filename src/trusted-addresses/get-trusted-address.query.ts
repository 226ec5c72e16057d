import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { trustedAddressStream, type TrustedAddressEvent } from '../../events/trusted-address';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { readEntity } from '../records/read-entity';
import type { RecordView } from '../records/record-view';
import { NotFound } from '../shared/domain-errors';
import {
  evolveTrustedAddress,
  initialTrustedAddressState,
  type TrustedAddressState,
} from './trusted-address-state';

export class GetTrustedAddressQuery {
  constructor(
    readonly addressId: string,
    readonly actor: Actor,
  ) {}
}

@QueryHandler(GetTrustedAddressQuery)
export class GetTrustedAddressHandler implements IQueryHandler<GetTrustedAddressQuery, RecordView> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  async execute({ addressId, actor }: GetTrustedAddressQuery): Promise<RecordView> {
    const entity = await readEntity<TrustedAddressState, TrustedAddressEvent>(
      this.ledger.store,
      trustedAddressStream(addressId),
      evolveTrustedAddress,
      initialTrustedAddressState,
    );
    const { state } = entity;
    if (state.status === 'absent') throw new NotFound(`no trusted address with id ${addressId}`);
    assertUnitReadable(actor, state.record.unitCode);
    const closure = state.status === 'established' ? undefined : state.closure;
    return {
      revision: entity.revision,
      body: {
        id: state.id,
        status: state.status,
        ...state.record,
        ...(closure ? { closedOn: closure.on, closureReason: closure.reason } : {}),
        ...(state.status === 'voided' ? { voidReason: state.reason } : {}),
        revision: entity.revision,
        recordedAt: entity.first?.metadata.recordedAt,
        recordedBy: entity.first?.metadata.actor.username,
        updatedAt: entity.last?.metadata.recordedAt,
      },
    };
  }
}
