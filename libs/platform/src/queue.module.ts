import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { JobSchedulers } from './job-schedulers';
import { QueueErrorLogger } from './queue-events';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queues';

/** BullMQ on Redis with the project's prefix and retry policy; registers every queue. */
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    const queues = BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })));
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRoot({
          // Workers block on Redis; ioredis must then retry forever rather than fail the command.
          connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
          prefix: config.QUEUE_PREFIX,
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        }),
        queues,
      ],
      providers: [QueueErrorLogger, JobSchedulers],
      exports: [queues, JobSchedulers],
    };
  }
}
