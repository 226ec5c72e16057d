import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseEvent } from '../../events/case';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import type { SealedPersonal } from '../personal-data/personal-vault';
import { personalDetailsChange } from '../records/personal-details-change';
import { scopedDecision } from '../records/scoped-decision';
import { sealPersonalDetails } from '../records/seal-personal-details';
import { businessToday } from '../shared/business-date';
import { assertNever } from '../shared/decider';
import { readAddressOfCase } from './address-of-case';
import type { CaseState } from './case-state';
import { caseScopeOf, caseStreamCommand } from './case-stream';
import { caseDecider, type CaseCommand, type SubjectDetailsCorrection } from './case.decider';
import { splitSubjectDetails } from './subject-details';

export class CorrectCaseCommand {
  constructor(
    readonly caseId: string,
    readonly changes: Readonly<Record<string, unknown>>,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(CorrectCaseCommand)
export class CorrectCaseHandler implements ICommandHandler<CorrectCaseCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  async execute({ caseId, changes, reason, envelope }: CorrectCaseCommand): Promise<CommandResult> {
    const { vault } = this.ledger;
    const today = businessToday(envelope.now);
    const { recordChanges, detailsChanges } = splitSubjectDetails(changes);
    // A new openedOn must suit the case's address: read it first, from its own stream.
    const address =
      'openedOn' in recordChanges ? await readAddressOfCase(this.ledger.store, caseId) : undefined;
    const correct = (personal?: SubjectDetailsCorrection): CaseCommand => ({
      type: 'CorrectCase',
      caseId,
      changes: recordChanges,
      reason,
      today,
      ...(address ? { address } : {}),
      ...(personal ? { personal } : {}),
    });
    const decide = (state: CaseState, personal?: SubjectDetailsCorrection): readonly CaseEvent[] =>
      scopedDecision(
        state,
        (s) => caseDecider.decide(correct(personal), s),
        caseScopeOf(envelope.actor),
      );
    let sealed: { readonly from: string | undefined; readonly box: SealedPersonal } | undefined;
    return this.ledger.commands.run(
      caseStreamCommand(caseId, (state) => {
        if (state.status === 'absent' || !detailsChanges) return decide(state);
        const { subject } = state.record;
        // A stand-in box lets the decider judge the correction, the actor's scope included,
        // before the recorded details are opened or anything is sealed.
        decide(state, { kind: 'resealed', personal: { subjectId: subject.subjectId, sealed: '' } });
        const change = personalDetailsChange(
          vault,
          subject,
          detailsChanges,
          'changes.subject.personal',
        );
        switch (change.kind) {
          case 'unchanged':
            return decide(state);
          case 'blocked':
            return decide(state, { kind: 'blocked', why: change.why });
          case 'changed': {
            // Seal once per version of the recorded details, even when the loop retries.
            if (sealed === undefined || sealed.from !== subject.personal?.sealed) {
              sealed = {
                from: subject.personal?.sealed,
                box: sealPersonalDetails(vault, subject.subjectId, change.details, envelope.now),
              };
            }
            return decide(state, { kind: 'resealed', personal: sealed.box });
          }
          default:
            return assertNever(change);
        }
      }),
      { ...envelope, reason },
    );
  }
}
