import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { TrustedAddressRecord } from '../../events/trusted-address';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { checkTrustedAddress } from './trusted-address-rules';
import { assertAddressInScope, trustedAddressStreamCommand } from './trusted-address-stream';
import { trustedAddressDecider } from './trusted-address.decider';

export class EstablishTrustedAddressCommand {
  constructor(
    readonly addressId: string,
    readonly record: TrustedAddressRecord,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(EstablishTrustedAddressCommand)
export class EstablishTrustedAddressHandler implements ICommandHandler<
  EstablishTrustedAddressCommand,
  CommandResult
> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ addressId, record, envelope }: EstablishTrustedAddressCommand): Promise<CommandResult> {
    const today = businessToday(envelope.now);
    // The body's rules (400) come before the scope of the new address (403).
    checkTrustedAddress(record, today);
    assertAddressInScope(envelope.actor, record);
    return this.ledger.commands.run(
      trustedAddressStreamCommand(
        addressId,
        envelope.actor,
        (state) =>
          trustedAddressDecider.decide(
            { type: 'EstablishTrustedAddress', addressId, record, today },
            state,
          ),
        record.unitCode,
      ),
      envelope,
    );
  }
}
