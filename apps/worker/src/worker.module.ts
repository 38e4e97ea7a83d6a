import type { Writable } from 'node:stream';
import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { CommitteeWorkerModule } from '@kiezfonds/committee';
import { RetentionWorkerModule } from '@kiezfonds/identity';
import { MessagingWorkerModule } from '@kiezfonds/messaging';
import { ConfigModule, DatabaseModule, loggingModule, QueueModule } from '@kiezfonds/platform';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: { logStream?: Writable } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule(config, { service: 'worker', stream: options.logStream }),
        DatabaseModule.forRole('worker'),
        QueueModule.forRoot(config),
        MessagingWorkerModule,
        CommitteeWorkerModule,
        RetentionWorkerModule,
      ],
    };
  }
}
