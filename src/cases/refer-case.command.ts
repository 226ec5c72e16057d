import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReferralTarget } from '../../events/case';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import type { SealedPersonal } from '../personal-data/personal-vault';
import { scopedDecision } from '../records/scoped-decision';
import { sealPersonalDetails } from '../records/seal-personal-details';
import { businessToday } from '../shared/business-date';
import { caseScopeOf, caseStreamCommand } from './case-stream';
import { caseDecider, type CaseCommand } from './case.decider';

export class ReferCaseCommand {
  constructor(
    readonly caseId: string,
    readonly to: ReferralTarget,
    readonly on: string,
    readonly note: string | undefined,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(ReferCaseCommand)
export class ReferCaseHandler implements ICommandHandler<ReferCaseCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ caseId, to, on, note, envelope }: ReferCaseCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    const refer = (box?: SealedPersonal): CaseCommand => ({
      type: 'ReferCase',
      caseId,
      to,
      on,
      today,
      ...(box ? { note: box } : {}),
    });
    let sealed: SealedPersonal | undefined;
    return this.ledger.commands.run(
      caseStreamCommand(caseId, (state) => {
        const accepted = scopedDecision(
          state,
          (s) => caseDecider.decide(refer(), s),
          caseScopeOf(envelope.actor),
        );
        if (note === undefined || state.status === 'absent') return accepted;
        // A note about the person can name them: it is sealed under their key, and erased with it.
        sealed ??= sealPersonalDetails(
          this.ledger.vault,
          state.record.subject.subjectId,
          { note },
          envelope.now,
        );
        return caseDecider.decide(refer(sealed), state);
      }),
      envelope,
    );
  }
}
