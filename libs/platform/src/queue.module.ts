import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { JobSchedulers } from './job-schedulers';
import { BackendQueue, BackendWorker, queueConnection } from './queue-backend';
import { QueueErrorLogger, QueuesPrepared } from './queue-events';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queues';

/**
 * BullMQ on the configured backend (Redis or PostgreSQL, ADR 0015) with the project's prefix and
 * retry policy; registers every queue. Nest's BullMQ module builds queues and workers from these
 * classes, which take the backend from the connection they are given.
 */
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    BullModule.queueClass = BackendQueue;
    BullModule.workerClass = BackendWorker;
    const queues = BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })));
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRoot({
          connection: queueConnection(config) as never,
          prefix: config.QUEUE_PREFIX,
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        }),
        queues,
      ],
      providers: [QueueErrorLogger, QueuesPrepared, JobSchedulers],
      exports: [queues, JobSchedulers],
    };
  }
}
