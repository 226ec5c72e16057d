import { Module } from '@nestjs/common';
import { CloseLoanRepaymentHandler } from './close-loan-repayment.command';
import { CorrectLoanHandler } from './correct-loan.command';
import { DecideOnLoanHandler } from './decide-on-loan.command';
import { DisburseLoanHandler } from './disburse-loan.command';
import { GetLoanHandler } from './get-loan.query';
import { IntroduceLoanHandler } from './introduce-loan.command';
import { LoansController } from './loans.controller';
import { VoidLoanHandler } from './void-loan.command';

@Module({
  controllers: [LoansController],
  providers: [
    IntroduceLoanHandler,
    DecideOnLoanHandler,
    DisburseLoanHandler,
    CloseLoanRepaymentHandler,
    CorrectLoanHandler,
    VoidLoanHandler,
    GetLoanHandler,
  ],
})
export class LoansModule {}
