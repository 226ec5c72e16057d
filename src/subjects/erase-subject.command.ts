import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SUBJECT_SCHEMA_VERSION, subjectStream, type SubjectEvent } from '../../events/subject';
import { findSubject } from '../../projections/subjects/subjects.projection';
import { assertManages } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { NotFound, RuleViolation } from '../shared/domain-errors';

export class EraseSubjectCommand {
  constructor(
    readonly subjectId: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

type SubjectState = { readonly erased: boolean };

/**
 * Forgets a person: records SubjectErased (naming no personal detail), then destroys the
 * person's key. Counts stay; the log still verifies; their details read as erased.
 */
@CommandHandler(EraseSubjectCommand)
export class EraseSubjectHandler implements ICommandHandler<EraseSubjectCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  async execute({ subjectId, reason, envelope }: EraseSubjectCommand): Promise<CommandResult> {
    const subject = findSubject(this.ledger.readModels, subjectId);
    if (!subject) throw new NotFound(`no person with subject id ${subjectId}`);
    assertManages(envelope.actor, subject.unit_code);
    const result = await this.ledger.commands.run<SubjectState, SubjectEvent>(
      {
        streamId: subjectStream(subjectId),
        initialState: () => ({ erased: false }),
        evolve: (state, event) => (event.type === 'SubjectErased' ? { erased: true } : state),
        decide: (state) => {
          if (state.erased) throw new RuleViolation(`subject ${subjectId} was already erased`);
          return [{ type: 'SubjectErased', schemaVersion: SUBJECT_SCHEMA_VERSION, data: { subjectId, reason } }];
        },
        unitOf: () => subject.unit_code,
        resultId: subjectId,
      },
      { ...envelope, reason },
    );
    // The event is durable first; a crash before this line is mended at the next start.
    this.ledger.vault.erase(subjectId, envelope.now);
    return result;
  }
}
