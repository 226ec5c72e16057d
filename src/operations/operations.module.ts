import { Module } from '@nestjs/common';
import { LedgerMetrics } from './ledger-metrics';
import { OperationsController } from './operations.controller';

@Module({
  controllers: [OperationsController],
  providers: [LedgerMetrics],
  exports: [LedgerMetrics],
})
export class OperationsModule {}
