import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { approvalStream, type ApprovalEvent } from '../../events/approval';
import { GEOGRAPHY } from '../geography/geography';
import { assertManages } from '../identity/scope';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import type { StreamCommand } from '../ledger/command-loop';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { InvalidCommand } from '../shared/domain-errors';
import { approvalDecider, checkPeriod, type ApprovalCommand, type ApprovalState, type ApprovedPeriod } from './approval.decider';

export class ApprovePeriodCommand {
  constructor(
    readonly approvalId: string,
    readonly period: ApprovedPeriod,
    readonly envelope: CommandEnvelope,
  ) {}
}

export class ReopenApprovalCommand {
  constructor(
    readonly approvalId: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

function approvalCommand(
  command: ApprovalCommand,
  envelope: CommandEnvelope,
  unitCode: string,
): StreamCommand<ApprovalState, ApprovalEvent> {
  return {
    streamId: approvalStream(command.approvalId),
    initialState: approvalDecider.initialState,
    evolve: approvalDecider.evolve,
    decide: (state) => {
      if (state.status !== 'absent') assertManages(envelope.actor, state.period.unitCode);
      return approvalDecider.decide(command, state);
    },
    unitOf: (state) => (state.status === 'absent' ? unitCode : state.period.unitCode),
    resultId: command.approvalId,
  };
}

@CommandHandler(ApprovePeriodCommand)
export class ApprovePeriodHandler implements ICommandHandler<ApprovePeriodCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ approvalId, period, envelope }: ApprovePeriodCommand): Promise<CommandResult> {
    if (!GEOGRAPHY.isKnown(period.unitCode)) {
      throw new InvalidCommand(`unitCode ${period.unitCode} is not a known administrative unit code`);
    }
    checkPeriod(period);
    assertManages(envelope.actor, period.unitCode);
    return this.ledger.commands.run(
      approvalCommand({ type: 'ApprovePeriod', approvalId, period }, envelope, period.unitCode),
      envelope,
    );
  }
}

@CommandHandler(ReopenApprovalCommand)
export class ReopenApprovalHandler implements ICommandHandler<ReopenApprovalCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ approvalId, reason, envelope }: ReopenApprovalCommand): Promise<CommandResult> {
    return this.ledger.commands.run(
      approvalCommand({ type: 'ReopenApproval', approvalId, reason }, envelope, envelope.actor.unitCode),
      { ...envelope, reason },
    );
  }
}
