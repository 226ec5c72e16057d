import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { clubStream, type ClubEvent } from '../../events/club';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { readEntity } from '../records/read-entity';
import type { RecordView } from '../records/record-view';
import { NotFound } from '../shared/domain-errors';
import {
  dissolutionOf,
  evolveClub,
  initialClubState,
  type ClubState,
  type ExistingClub,
} from './club-state';

export class GetClubQuery {
  constructor(
    readonly clubId: string,
    readonly actor: Actor,
  ) {}
}

@QueryHandler(GetClubQuery)
export class GetClubHandler implements IQueryHandler<GetClubQuery, RecordView> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  async execute({ clubId, actor }: GetClubQuery): Promise<RecordView> {
    const entity = await readEntity<ClubState, ClubEvent>(
      this.ledger.store,
      clubStream(clubId),
      evolveClub,
      initialClubState,
    );
    const { state } = entity;
    if (state.status === 'absent') throw new NotFound(`no club with id ${clubId}`);
    assertUnitReadable(actor, state.record.unitCode);
    const dissolution = dissolutionOf(state);
    return {
      revision: entity.revision,
      body: {
        id: state.id,
        status: state.status,
        ...state.record,
        ...(dissolution ? { dissolution } : {}),
        ...(state.status === 'voided' ? { voidReason: state.reason } : {}),
        members: memberCounts(state),
        revision: entity.revision,
        recordedAt: entity.first?.metadata.recordedAt,
        recordedBy: entity.first?.metadata.actor.username,
        updatedAt: entity.last?.metadata.recordedAt,
      },
    };
  }
}

/** How many children the club has, never who they are. */
function memberCounts(club: ExistingClub) {
  const members = Object.values(club.members);
  const enrolled = members.filter((member) => member.status === 'enrolled');
  return {
    enrolled: enrolled.length,
    withdrawn: members.filter((member) => member.status === 'withdrawn').length,
    enrolledBySex: {
      female: enrolled.filter((member) => member.record.sex === 'female').length,
      male: enrolled.filter((member) => member.record.sex === 'male').length,
    },
  };
}
