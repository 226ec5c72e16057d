import { Module } from '@nestjs/common';
import { ApprovePeriodHandler, ReopenApprovalHandler } from './approval-commands';
import { ApprovalsController } from './approvals.controller';

@Module({ controllers: [ApprovalsController], providers: [ApprovePeriodHandler, ReopenApprovalHandler] })
export class ApprovalsModule {}
