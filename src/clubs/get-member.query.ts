import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { clubStream, type ClubEvent } from '../../events/club';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { readPersonal } from '../personal-data/read-personal';
import type { RecordView } from '../records/record-view';
import { NotFound } from '../shared/domain-errors';
import { evolveClub, initialClubState, memberOf, type ClubState } from './club-state';
import { managesClub } from './club-stream';

export class GetMemberQuery {
  constructor(
    readonly clubId: string,
    readonly memberId: string,
    readonly actor: Actor,
    readonly requestId?: string,
  ) {}
}

@QueryHandler(GetMemberQuery)
export class GetMemberHandler implements IQueryHandler<GetMemberQuery, RecordView> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  async execute({ clubId, memberId, actor, requestId }: GetMemberQuery): Promise<RecordView> {
    const streamId = clubStream(clubId);
    const events = await this.ledger.store.readStream(streamId);
    const state = events.reduce<ClubState>(
      (s, e) => evolveClub(s, e as unknown as ClubEvent),
      initialClubState(),
    );
    if (state.status === 'absent') throw new NotFound(`no club with id ${clubId}`);
    assertUnitReadable(actor, state.record.unitCode);
    const member = memberOf(state, memberId);
    if (!member) throw new NotFound(`club ${clubId} has no member with id ${memberId}`);
    const revision = events[events.length - 1]?.revision ?? -1;
    const about = events.filter((e) => e.data.memberId === memberId);
    // Ethnicity and identifying details are for the officers who look after the club only.
    const caring = managesClub(actor, state.record);
    const { ethnicity, ...record } = member.record;
    const personal =
      caring && member.personal
        ? await readPersonal(this.ledger, actor, member.personal, {
            streamId,
            recordId: memberId,
            unitCode: state.record.unitCode,
            ...(requestId ? { requestId } : {}),
          })
        : undefined;
    return {
      revision,
      body: {
        id: member.id,
        clubId: state.id,
        clubStatus: state.status,
        status: member.status,
        subjectId: member.subjectId,
        ...record,
        ...(caring && ethnicity !== undefined ? { ethnicity } : {}),
        ...(member.status !== 'enrolled' && member.withdrawal
          ? { withdrawal: member.withdrawal }
          : {}),
        ...(member.status === 'voided' ? { voidReason: member.reason } : {}),
        ...(personal ? { personal } : {}),
        revision,
        recordedAt: about[0]?.metadata.recordedAt,
        recordedBy: about[0]?.metadata.actor.username,
        updatedAt: about[about.length - 1]?.metadata.recordedAt,
      },
    };
  }
}
