import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseSubject } from '../../events/case';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import type { PersonalDetails, SealedPersonal } from '../personal-data/personal-vault';
import { scopedDecision } from '../records/scoped-decision';
import { sealPersonalDetails } from '../records/seal-personal-details';
import { businessToday } from '../shared/business-date';
import { readTrustedAddress } from './address-of-case';
import { checkCaseDate } from './case-rules';
import { assertCaseInScope, caseStreamCommand } from './case-stream';
import { caseDecider, type CaseCommand, type CaseOpening } from './case.decider';

/** A case as the case worker sends it: the subject without a pseudonym yet, details in clear. */
export type CaseIntake = Omit<CaseOpening, 'subject'> & {
  readonly subject: Omit<CaseSubject, 'subjectId' | 'personal'>;
};

export class OpenCaseCommand {
  constructor(
    readonly addressId: string,
    readonly caseId: string,
    readonly intake: CaseIntake,
    readonly personal: PersonalDetails | undefined,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  async execute({
    addressId,
    caseId,
    intake,
    personal,
    envelope,
  }: OpenCaseCommand): Promise<CommandResult> {
    const { vault } = this.ledger;
    const today = businessToday(envelope.now);
    // A date in the future is wrong whatever the address (400 before 404).
    checkCaseDate('openedOn', intake.openedOn, today);
    // The address lives in its own stream, read once here; a closure appended between this
    // read and the case's append is an accepted race (see the case decider).
    const address = await readTrustedAddress(this.ledger.store, addressId);
    const subjectId = vault.newSubjectId();
    const open = (box?: SealedPersonal): CaseCommand => ({
      type: 'OpenCase',
      caseId,
      addressId,
      address,
      today,
      opening: {
        ...intake,
        subject: { subjectId, ...intake.subject, ...(box ? { personal: box } : {}) },
      },
    });
    let sealed: SealedPersonal | undefined;
    return this.ledger.commands.run(
      caseStreamCommand(
        caseId,
        (state) => {
          const accepted = scopedDecision(
            state,
            (s) => caseDecider.decide(open(), s),
            () => {
              if (address.status !== 'absent') {
                assertCaseInScope(envelope.actor, {
                  unitCode: address.record.unitCode,
                  openedOn: intake.openedOn,
                });
              }
            },
          );
          if (!personal) return accepted;
          // Sealing makes the subject's key: only once the case is accepted and in scope.
          sealed ??= sealPersonalDetails(vault, subjectId, personal, envelope.now);
          return caseDecider.decide(open(sealed), state);
        },
        { fallbackUnit: address.status === 'absent' ? '' : address.record.unitCode, subjectId },
      ),
      envelope,
    );
  }
}
