import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ApprovalsModule } from './approvals/approvals.module';
import { AuditModule } from './audit/audit.module';
import { CasesModule } from './cases/cases.module';
import { ClubsModule } from './clubs/clubs.module';
import { CommunicationsModule } from './communications/communications.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DialoguesModule } from './dialogues/dialogues.module';
import { EventsModule } from './events-log/events.module';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { IdentityModule } from './identity/identity.module';
import { IndicatorsModule } from './indicators/indicators.module';
import type { Ledger } from './ledger/ledger';
import { LedgerModule } from './ledger/ledger.module';
import { VerificationModule } from './ledger-verification/verification.module';
import { LiveModule } from './live/live.module';
import { LoansModule } from './loans/loans.module';
import { OperationsModule } from './operations/operations.module';
import { ReportsModule } from './reports/reports.module';
import { SubjectsModule } from './subjects/subjects.module';
import { TargetsModule } from './targets/targets.module';
import { TrainingsModule } from './trainings/trainings.module';
import { TrustedAddressesModule } from './trusted-addresses/trusted-addresses.module';

@Module({})
export class AppModule {
  static forLedger(ledger: Ledger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        LedgerModule.forLedger(ledger),
        IdentityModule,
        DialoguesModule,
        ClubsModule,
        LoansModule,
        TrainingsModule,
        CommunicationsModule,
        TrustedAddressesModule,
        CasesModule,
        TargetsModule,
        IndicatorsModule,
        AuditModule,
        EventsModule,
        OperationsModule,
        VerificationModule,
        LiveModule,
        ReportsModule,
        SubjectsModule,
        ApprovalsModule,
        DashboardModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
