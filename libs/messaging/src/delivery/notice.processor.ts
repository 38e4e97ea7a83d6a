import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import {
  APP_CONFIG,
  CAPPED_BACKOFF,
  cappedBackoff,
  JOBS,
  QUEUES,
  type RetryPolicy,
  retryPolicy,
  LoggedWorkerHost,
} from '@kiezfonds/platform';
import { type Job, UnrecoverableError, type WorkerOptions } from 'bullmq';
import { DataSource } from 'typeorm';
import type { NoticeJob } from '../outbox/notice';
import { noticeJobSchema } from '../outbox/notice';
import { type DeliveryOutcome, NoticeDelivery } from './notice-delivery';

/**
 * The decorator's options are fixed when the class is defined, before the configuration is read;
 * the processor's constructor, which runs before Nest creates the BullMQ worker from them, fills
 * in the configured values (the strategy reads the policy, the lock durations are set in place).
 */
const backoff: { policy: RetryPolicy | undefined } = { policy: undefined };

function noticeBackoff(attemptsMade: number, type?: string): number {
  if (type !== CAPPED_BACKOFF || !backoff.policy) return 2_000 * 2 ** Math.max(attemptsMade - 1, 0);
  return cappedBackoff(backoff.policy, attemptsMade);
}

const workerOptions: WorkerOptions = {
  settings: { backoffStrategy: noticeBackoff },
  // A notice is idempotent (claim, delivery key): a job cut off by a crash again and again is
  // simply run again, rather than failed after the first repeat, BullMQ's default.
  maxStalledCount: 20,
} as WorkerOptions;

@Processor(QUEUES.mail, workerOptions)
export class NoticeProcessor extends LoggedWorkerHost {
  private readonly logger = new Logger(NoticeProcessor.name);

  constructor(
    private readonly delivery: NoticeDelivery,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    backoff.policy = retryPolicy(config);
    workerOptions.concurrency = config.MAIL_CONCURRENCY;
    // How soon a job of a crashed worker is found and run again.
    workerOptions.lockDuration = config.MAIL_JOB_LOCK_MS;
    workerOptions.stalledInterval = config.MAIL_JOB_LOCK_MS;
  }

  async process(job: Job): Promise<DeliveryOutcome> {
    if (job.name !== JOBS.sendNotice)
      throw new UnrecoverableError(`unknown job ${job.name} on ${QUEUES.mail}`);
    const parsed = noticeJobSchema.safeParse(job.data);
    // A malformed payload will not get better by retrying: fail it at once, visibly.
    if (!parsed.success) throw new UnrecoverableError(`invalid notice job: ${parsed.error.message}`);
    return this.delivery.deliver(parsed.data as NoticeJob);
  }

  /**
   * A notice whose retries ran out is marked in PostgreSQL, where `/api/ready` counts it and an
   * administrator retries it; Redis may lose the failed job, the record stays.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    const key = (job.data as { deliveryKey?: unknown }).deliveryKey;
    if (!final || typeof key !== 'string') return;
    try {
      await this.dataSource.query(
        `UPDATE outbox SET failed_at = now(), last_error = $2 WHERE delivery_key = $1 AND delivered_at IS NULL`,
        [key, error.message.slice(0, 500)],
      );
    } catch (recordError) {
      // The reconciler finds the failed job later and marks it then.
      this.logger.warn(`could not mark notice ${key} failed: ${(recordError as Error).message}`);
    }
  }
}
