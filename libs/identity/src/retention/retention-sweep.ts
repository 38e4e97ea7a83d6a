import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { APP_CONFIG, JobSchedulers, JOBS, LoggedWorkerHost, QUEUES } from '@kiezfonds/platform';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { SessionService } from '../auth/session.service';
import { type RetentionResult, RetentionService } from './retention.service';

/** One scheduler id for all workers, so BullMQ keeps one schedule however many workers start. */
export const RETENTION_SWEEP_SCHEDULER_ID = 'retention-sweep';

/** Registers the repeatable sweep that deletes personal data whose keeping time is over. */
@Injectable()
export class RetentionSweepScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.retention) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedulers: JobSchedulers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedulers.register({
      queue: this.queue,
      id: RETENTION_SWEEP_SCHEDULER_ID,
      every: this.config.RETENTION_SWEEP_INTERVAL_MS,
      name: JOBS.retentionSweep,
      opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { age: 7 * 24 * 3600 } },
    });
  }
}

@Processor(QUEUES.retention)
export class RetentionSweepProcessor extends LoggedWorkerHost {
  constructor(private readonly retention: RetentionService) {
    super();
  }

  async process(job: Job): Promise<RetentionResult> {
    if (job.name !== JOBS.retentionSweep)
      throw new UnrecoverableError(`unknown job ${job.name} on ${QUEUES.retention}`);
    return this.retention.sweep();
  }
}

/** Identity's part of the worker: deleting what is kept no longer (docs/privacy.md). */
@Module({
  providers: [SessionService, RetentionService, RetentionSweepScheduler, RetentionSweepProcessor],
  exports: [RetentionService],
})
export class RetentionWorkerModule {}
