import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { CommitteeWorkerModule } from '@kiezfonds/committee';
import { MessagingWorkerModule } from '@kiezfonds/messaging';
import { ConfigModule, DatabaseModule, loggingModule, QueueModule } from '@kiezfonds/platform';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule(config, { service: 'worker' }),
        DatabaseModule,
        QueueModule.forRoot(config),
        MessagingWorkerModule,
        CommitteeWorkerModule,
      ],
    };
  }
}
