import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LedgerMetrics } from './ledger-metrics';
import { MetricsInterceptor } from './metrics.interceptor';
import { OperationsController } from './operations.controller';

@Module({
  controllers: [OperationsController],
  providers: [LedgerMetrics, { provide: APP_INTERCEPTOR, useClass: MetricsInterceptor }],
  exports: [LedgerMetrics],
})
export class OperationsModule {}
