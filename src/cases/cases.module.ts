import { Module } from '@nestjs/common';
import { AddressCasesController } from './address-cases.controller';
import { CasesController } from './cases.controller';
import { CloseCaseHandler } from './close-case.command';
import { CorrectCaseHandler } from './correct-case.command';
import { GetCaseHandler } from './get-case.query';
import { GiveCaseServiceHandler } from './give-case-service.command';
import { OpenCaseHandler } from './open-case.command';
import { ReferCaseHandler } from './refer-case.command';
import { VoidCaseHandler } from './void-case.command';

@Module({
  controllers: [AddressCasesController, CasesController],
  providers: [
    OpenCaseHandler,
    ReferCaseHandler,
    GiveCaseServiceHandler,
    CloseCaseHandler,
    CorrectCaseHandler,
    VoidCaseHandler,
    GetCaseHandler,
  ],
})
export class CasesModule {}
