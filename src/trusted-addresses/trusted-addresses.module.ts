import { Module } from '@nestjs/common';
import { CloseTrustedAddressHandler } from './close-trusted-address.command';
import { CorrectTrustedAddressHandler } from './correct-trusted-address.command';
import { EstablishTrustedAddressHandler } from './establish-trusted-address.command';
import { GetTrustedAddressHandler } from './get-trusted-address.query';
import { TrustedAddressesController } from './trusted-addresses.controller';
import { VoidTrustedAddressHandler } from './void-trusted-address.command';

@Module({
  controllers: [TrustedAddressesController],
  providers: [
    EstablishTrustedAddressHandler,
    CorrectTrustedAddressHandler,
    CloseTrustedAddressHandler,
    VoidTrustedAddressHandler,
    GetTrustedAddressHandler,
  ],
})
export class TrustedAddressesModule {}
