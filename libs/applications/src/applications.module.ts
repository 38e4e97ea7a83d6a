import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { FundsModule } from '@kiezfonds/funds';
import { OutboxModule } from '@kiezfonds/messaging';
import { ApplicationService } from './applications/application.service';
import { AttachmentService } from './applications/attachment.service';
import { PlanSheetService } from './applications/plan-sheet.service';
import { CallService } from './calls/call.service';
import { StagedUploadStorage } from './files/staged-upload-storage';
import { GrantNoticeService } from './grant-notice/grant-notice.service';
import { ApplicationsController } from './http/applications.controller';
import { CallsController } from './http/calls.controller';
import { ImplementationController } from './http/implementation.controller';
import { CallOffService } from './implementation/call-off.service';
import { FundingEffects } from './implementation/funding-effects.service';
import { RecoveryService } from './implementation/recovery.service';
import { PlanChangeService } from './implementation/plan-change.service';
import { ReportService } from './implementation/report.service';
import { LifecycleNotices } from './lifecycle/lifecycle-notices';
import { LifecycleService } from './lifecycle/lifecycle.service';
import { ApplicationNotices } from './notices/application-notices';
import { PastProjectsController } from './http/past-projects.controller';
import { PastProjectImportService } from './past-projects/past-project-import.service';
import { PublicProjectsController } from './public/public-projects.controller';
import { PublicProjectService } from './public/public-projects.service';

/**
 * Calls, applications and their lifecycle from draft to closed project (issue 6), with HTTP
 * routes (docs/api/applications.md). Money moves only through the funds library's ledger.
 */
@Module({
  imports: [
    FundsModule,
    OutboxModule,
    // Every upload route streams its file into PostgreSQL rather than into memory (ADR 0010).
    MulterModule.registerAsync({
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => ({ storage: new StagedUploadStorage(dataSource) }),
    }),
  ],
  controllers: [
    CallsController,
    ApplicationsController,
    ImplementationController,
    PastProjectsController,
    PublicProjectsController,
  ],
  providers: [
    ApplicationNotices,
    ApplicationService,
    AttachmentService,
    CallOffService,
    CallService,
    FundingEffects,
    GrantNoticeService,
    LifecycleNotices,
    LifecycleService,
    PastProjectImportService,
    PublicProjectService,
    PlanChangeService,
    PlanSheetService,
    ReportService,
    RecoveryService,
  ],
  exports: [LifecycleService, ApplicationService, CallService],
})
export class ApplicationsModule {}
