import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LoanIntroduction } from '../../events/loan';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import type { PersonalDetails, SealedPersonal } from '../personal-data/personal-vault';
import { sealPersonalDetails } from '../records/seal-personal-details';
import { businessToday } from '../shared/business-date';
import { checkIntroduction } from './loan-rules';
import { assertLoanInScope, loanStreamCommand } from './loan-stream';
import { loanDecider, type LoanCommand } from './loan.decider';

/** An introduction as the client sent it: the borrower's details still in clear. */
export type LoanIntroductionRequest = Omit<LoanIntroduction, 'borrower'> & {
  readonly borrower: Omit<LoanIntroduction['borrower'], 'subjectId' | 'personal'> & {
    readonly personal?: PersonalDetails;
  };
};

export class IntroduceLoanCommand {
  constructor(
    readonly loanId: string,
    readonly request: LoanIntroductionRequest,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(IntroduceLoanCommand)
export class IntroduceLoanHandler implements ICommandHandler<IntroduceLoanCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ loanId, request, envelope }: IntroduceLoanCommand): Promise<CommandResult> {
    const { vault } = this.ledger;
    const today = businessToday(envelope.now);
    const { personal, ...borrower } = request.borrower;
    const subjectId = vault.newSubjectId();
    const record: LoanIntroduction = { ...request, borrower: { ...borrower, subjectId } };
    // The body's rules (400) come before the scope (403), and both before anything is sealed.
    checkIntroduction(record, today);
    assertLoanInScope(envelope.actor, record);
    const introduce = (box?: SealedPersonal): LoanCommand => ({
      type: 'IntroduceLoan',
      loanId,
      today,
      record: box ? { ...record, borrower: { ...record.borrower, personal: box } } : record,
    });
    let sealed: SealedPersonal | undefined;
    return this.ledger.commands.run(
      loanStreamCommand(
        loanId,
        envelope.actor,
        (state) => {
          const accepted = loanDecider.decide(introduce(), state);
          if (!personal) return accepted;
          // Sealing makes the borrower's key: only once the introduction is accepted.
          sealed ??= sealPersonalDetails(vault, subjectId, personal, envelope.now);
          return loanDecider.decide(introduce(sealed), state);
        },
        { fallbackUnit: record.unitCode, subjectId },
      ),
      envelope,
    );
  }
}
