import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { trustedAddressStreamCommand } from './trusted-address-stream';
import { trustedAddressDecider } from './trusted-address.decider';

export class VoidTrustedAddressCommand {
  constructor(
    readonly addressId: string,
    readonly reason: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(VoidTrustedAddressCommand)
export class VoidTrustedAddressHandler implements ICommandHandler<
  VoidTrustedAddressCommand,
  CommandResult
> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ addressId, reason, envelope }: VoidTrustedAddressCommand): Promise<CommandResult> {
    return this.ledger.commands.run(
      trustedAddressStreamCommand(addressId, envelope.actor, (state) =>
        trustedAddressDecider.decide({ type: 'VoidTrustedAddress', addressId, reason }, state),
      ),
      { ...envelope, reason },
    );
  }
}
