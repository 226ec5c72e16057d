import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { loanStream, type LoanEvent } from '../../events/loan';
import { assertUnitReadable } from '../identity/scope';
import type { Actor } from '../ledger/envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { readPersonal } from '../personal-data/read-personal';
import { readEntity } from '../records/read-entity';
import type { RecordView } from '../records/record-view';
import { assertNever } from '../shared/decider';
import { NotFound } from '../shared/domain-errors';
import {
  disbursedTotal,
  disbursementsOf,
  evolveLoan,
  initialLoanState,
  loanOf,
  type LoanState,
  type StandingLoan,
} from './loan-state';
import { caresForBorrower } from './loan-stream';

export class GetLoanQuery {
  constructor(
    readonly loanId: string,
    readonly actor: Actor,
    readonly requestId?: string,
  ) {}
}

@QueryHandler(GetLoanQuery)
export class GetLoanHandler implements IQueryHandler<GetLoanQuery, RecordView> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  async execute({ loanId, actor, requestId }: GetLoanQuery): Promise<RecordView> {
    const streamId = loanStream(loanId);
    const entity = await readEntity<LoanState, LoanEvent>(
      this.ledger.store,
      streamId,
      evolveLoan,
      initialLoanState,
    );
    const { state } = entity;
    const loan = loanOf(state);
    if (!loan) throw new NotFound(`no loan with id ${loanId}`);
    const { record } = loan;
    assertUnitReadable(actor, record.unitCode);
    // Ethnicity and identifying details are for the officers who look after the borrower only.
    const caring = caresForBorrower(actor, record);
    const { personal: box, ethnicity, ...borrower } = record.borrower;
    const personal =
      caring && box
        ? await readPersonal(this.ledger, actor, box, {
            streamId,
            recordId: loanId,
            unitCode: record.unitCode,
            ...(requestId ? { requestId } : {}),
          })
        : undefined;
    return {
      revision: entity.revision,
      body: {
        id: loan.id,
        status: state.status,
        ...record,
        borrower: {
          ...borrower,
          ...(caring && ethnicity !== undefined ? { ethnicity } : {}),
          ...(personal ? { personal } : {}),
        },
        ...progressOf(loan),
        ...(state.status === 'voided' ? { voidReason: state.reason } : {}),
        revision: entity.revision,
        recordedAt: entity.first?.metadata.recordedAt,
        recordedBy: entity.first?.metadata.actor.username,
        updatedAt: entity.last?.metadata.recordedAt,
      },
    };
  }
}

/** What the bank did with the loan so far, as a reader wants it summed up. */
function progressOf(loan: StandingLoan): Record<string, unknown> {
  const disbursements = disbursementsOf(loan);
  const amountDisbursed = disbursedTotal(loan);
  switch (loan.status) {
    case 'introduced':
      return { disbursements, amountDisbursed };
    case 'rejected':
      return {
        decision: { decision: 'rejected', on: loan.rejectedOn },
        disbursements,
        amountDisbursed,
      };
    case 'approved':
    case 'repaid':
      return {
        decision: {
          decision: 'approved',
          on: loan.approval.on,
          amountApproved: loan.approval.amountApproved,
        },
        disbursements,
        amountDisbursed,
        amountUndisbursed: loan.approval.amountApproved - amountDisbursed,
        ...(loan.status === 'repaid' ? { repaidOn: loan.repaidOn } : {}),
      };
    default:
      return assertNever(loan);
  }
}
