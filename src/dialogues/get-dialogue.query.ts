import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { dialogueStream, type DialogueEvent } from '../../events/dialogue';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { readEntity } from '../records/read-entity';
import { NotFound } from '../shared/domain-errors';
import { dialogueDecider, type DialogueState } from './dialogue.decider';

export class GetDialogueQuery {
  constructor(
    readonly dialogueId: string,
    readonly actor: Actor,
  ) {}
}

export interface DialogueView {
  readonly revision: number;
  readonly body: Record<string, unknown>;
}

@QueryHandler(GetDialogueQuery)
export class GetDialogueHandler implements IQueryHandler<GetDialogueQuery, DialogueView> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  async execute({ dialogueId, actor }: GetDialogueQuery): Promise<DialogueView> {
    const entity = await readEntity<DialogueState, DialogueEvent>(
      this.ledger.store,
      dialogueStream(dialogueId),
      dialogueDecider.evolve,
      dialogueDecider.initialState,
    );
    const { state } = entity;
    if (state.status === 'absent') throw new NotFound(`no dialogue with id ${dialogueId}`);
    assertUnitReadable(actor, state.record.unitCode);
    return {
      revision: entity.revision,
      body: {
        id: state.id,
        status: state.status,
        ...state.record,
        ...(state.status === 'voided' ? { voidReason: state.reason } : {}),
        revision: entity.revision,
        recordedAt: entity.first?.metadata.recordedAt,
        recordedBy: entity.first?.metadata.actor.username,
        updatedAt: entity.last?.metadata.recordedAt,
      },
    };
  }
}
