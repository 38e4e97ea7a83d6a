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

const UUID_SQL = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const UUID = new RegExp(UUID_SQL, 'i');

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
    const found = await this.noticeOf(job.data);
    if (typeof found === 'string') return found;
    return this.delivery.deliver(found.notice, found.known);
  }

  /**
   * The notice a job stands for. The relay's jobs name their outbox row (`outboxId`, and the kind
   * for the queue dashboard): what a notice says and to whom stays in PostgreSQL, where retention
   * empties it and pseudonymisation forgets it, never in Redis, which keeps a failed job until an
   * administrator acts. A job queued by an earlier release still carries the notice itself.
   */
  private async noticeOf(
    data: unknown,
  ): Promise<{ notice: NoticeJob; known?: { recipientStatus: string | null } } | DeliveryOutcome> {
    const outboxId = (data as { outboxId?: unknown } | null)?.outboxId;
    let payload = data;
    let known: { recipientStatus: string | null } | undefined;
    if (outboxId !== undefined) {
      if (typeof outboxId !== 'string' || !UUID.test(outboxId)) {
        throw new UnrecoverableError('invalid notice job: outboxId is no id');
      }
      // With the recipient's status, which delivery checks anyway: one round trip for both.
      const [row] = (await this.dataSource.query(
        `SELECT o.delivery_key, o.payload, o.delivered_at, u.status AS recipient_status
           FROM outbox o
           LEFT JOIN app_user u ON u.id = CASE WHEN o.payload->'recipient'->>'userId' ~* '${UUID_SQL}'
                                               THEN (o.payload->'recipient'->>'userId')::uuid END
          WHERE o.id = $1`,
        [outboxId],
      )) as {
        delivery_key: string;
        payload: object;
        delivered_at: Date | null;
        recipient_status: string | null;
      }[];
      // Only pseudonymisation deletes a notice not yet delivered (forgetAddress).
      if (!row) return 'recipient_gone';
      // Run again after it was done (its text may be emptied by retention since).
      if (row.delivered_at) return 'already_sent';
      payload = { ...row.payload, deliveryKey: row.delivery_key };
      known = { recipientStatus: row.recipient_status };
    }
    const parsed = noticeJobSchema.safeParse(payload);
    // A malformed payload will not get better by retrying: fail it at once, visibly.
    if (!parsed.success) throw new UnrecoverableError(`invalid notice job: ${parsed.error.message}`);
    return { notice: parsed.data as NoticeJob, ...(known ? { known } : {}) };
  }

  /**
   * A notice whose retries ran out is marked in PostgreSQL, where `/api/ready` counts it and an
   * administrator retries it; Redis may lose the failed job, the record stays.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    const { outboxId, deliveryKey } = job.data as { outboxId?: unknown; deliveryKey?: unknown };
    const [column, key] =
      typeof outboxId === 'string' && UUID.test(outboxId)
        ? ['id', outboxId]
        : typeof deliveryKey === 'string'
          ? ['delivery_key', deliveryKey]
          : [];
    if (!final || !column) return;
    try {
      await this.dataSource.query(
        `UPDATE outbox SET failed_at = now(), last_error = $2 WHERE ${column} = $1 AND delivered_at IS NULL`,
        [key, error.message.slice(0, 500)],
      );
    } catch (recordError) {
      // The reconciler finds the failed job later and marks it then.
      this.logger.warn(`could not mark notice job ${job.id} failed: ${(recordError as Error).message}`);
    }
  }
}
