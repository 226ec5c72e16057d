import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { trustedAddressStreamCommand } from './trusted-address-stream';
import { trustedAddressDecider } from './trusted-address.decider';

export class CloseTrustedAddressCommand {
  constructor(
    readonly addressId: string,
    readonly on: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(CloseTrustedAddressCommand)
export class CloseTrustedAddressHandler implements ICommandHandler<
  CloseTrustedAddressCommand,
  CommandResult
> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ addressId, on, reason, envelope }: CloseTrustedAddressCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    return this.ledger.commands.run(
      trustedAddressStreamCommand(addressId, envelope.actor, (state) =>
        trustedAddressDecider.decide(
          { type: 'CloseTrustedAddress', addressId, on, reason, today },
          state,
        ),
      ),
      envelope,
    );
  }
}
