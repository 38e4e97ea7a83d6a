import type { Writable } from 'node:stream';
import { type DynamicModule, Module } from '@nestjs/common';
import { ApplicationsModule } from '@kiezfonds/applications';
import { CommitteeModule } from '@kiezfonds/committee';
import type { AppConfig } from '@kiezfonds/config';
import { FundsModule } from '@kiezfonds/funds';
import { IdentityModule } from '@kiezfonds/identity';
import { OutboxModule } from '@kiezfonds/messaging';
import { ConfigModule, DatabaseModule, loggingModule, QueueModule } from '@kiezfonds/platform';
import { HealthController } from './health/health.controller';
import { NextStepsController } from './home/next-steps.controller';
import { NextStepsService } from './home/next-steps.service';
import { assignRequestId } from './http/request-id';
import { FailedNoticesController } from './operations/failed-notices.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, options: { logStream?: Writable } = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule(config, { service: 'api', requestId: assignRequestId, stream: options.logStream }),
        DatabaseModule.forRole('api'),
        QueueModule.forRoot(config),
        IdentityModule,
        FundsModule,
        ApplicationsModule,
        CommitteeModule,
        OutboxModule,
      ],
      controllers: [HealthController, FailedNoticesController, NextStepsController],
      providers: [NextStepsService],
    };
  }
}
