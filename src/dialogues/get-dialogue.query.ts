import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { dialogueStream } from '../../events/dialogue';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { readRecordView, type RecordView } from '../records/record-view';
import { dialogueDecider } from './dialogue.decider';

export class GetDialogueQuery {
  constructor(
    readonly dialogueId: string,
    readonly actor: Actor,
  ) {}
}

export type DialogueView = RecordView;

@QueryHandler(GetDialogueQuery)
export class GetDialogueHandler implements IQueryHandler<GetDialogueQuery, DialogueView> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ dialogueId, actor }: GetDialogueQuery): Promise<DialogueView> {
    return readRecordView(this.ledger.store, {
      streamId: dialogueStream(dialogueId),
      decider: dialogueDecider,
      what: 'dialogue',
      id: dialogueId,
      assertReadable: (record) => assertUnitReadable(actor, record.unitCode),
    });
  }
}
