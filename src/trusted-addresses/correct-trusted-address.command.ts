import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { evolveTrustedAddress } from './trusted-address-state';
import { assertAddressInScope, trustedAddressStreamCommand } from './trusted-address-stream';
import { trustedAddressDecider } from './trusted-address.decider';

export class CorrectTrustedAddressCommand {
  constructor(
    readonly addressId: string,
    readonly changes: Readonly<Record<string, unknown>>,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(CorrectTrustedAddressCommand)
export class CorrectTrustedAddressHandler implements ICommandHandler<
  CorrectTrustedAddressCommand,
  CommandResult
> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({
    addressId,
    changes,
    reason,
    envelope,
  }: CorrectTrustedAddressCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    return this.ledger.commands.run(
      trustedAddressStreamCommand(addressId, envelope.actor, (state) => {
        const decided = trustedAddressDecider.decide(
          { type: 'CorrectTrustedAddress', addressId, changes, reason, today },
          state,
        );
        // Nobody moves an address out of their own scope (403).
        const corrected = decided.reduce(evolveTrustedAddress, state);
        if (corrected.status !== 'absent') assertAddressInScope(envelope.actor, corrected.record);
        return decided;
      }),
      { ...envelope, reason },
    );
  }
}
