import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { recordAudit } from '@kiezfonds/persistence';
import { QUEUES } from '@kiezfonds/platform';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { jobIdFor } from './outbox-relay';
import { markOutboxWritten } from './outbox-wake-up';

export interface NoticeCounts {
  /** Committed, not yet relayed into the queue. */
  pending: number;
  /** Retries ran out: nothing will send them unless an administrator retries them. */
  failed: number;
}

/**
 * What finally failed, counted from PostgreSQL (Redis may have lost the failed jobs), and the one
 * action that retries all of it: the rows go back to the relay, which enqueues them with a fresh
 * retry budget; the mail's claim and delivery key keep a retry from sending twice.
 */
@Injectable()
export class FailedNotices {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.mail) private readonly mailQueue: Queue,
  ) {}

  async counts(): Promise<NoticeCounts> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM outbox WHERE relayed_at IS NULL) AS pending,
              (SELECT count(*)::int FROM outbox WHERE failed_at IS NOT NULL AND delivered_at IS NULL) AS failed`,
    )) as NoticeCounts[];
    return row!;
  }

  async retryAll(actorId: string): Promise<{ retried: number }> {
    const rows = (await this.dataSource.query(
      `SELECT delivery_key FROM outbox WHERE failed_at IS NOT NULL AND delivered_at IS NULL`,
    )) as { delivery_key: string }[];
    // A failed job keeps its id in Redis, and the relay's enqueue would be ignored as a duplicate.
    for (const { delivery_key: key } of rows) {
      const job = await this.mailQueue.getJob(jobIdFor(key));
      if (job && (await job.getState()) === 'failed') await job.remove();
    }
    return this.dataSource.transaction(async (tx) => {
      const [{ retried }] = (await tx.query(
        `WITH retried AS (
           UPDATE outbox SET failed_at = NULL, relayed_at = NULL, last_error = NULL, available_at = now()
           WHERE delivery_key = ANY($1) AND failed_at IS NOT NULL AND delivered_at IS NULL RETURNING id)
         SELECT count(*)::int AS retried FROM retried`,
        [rows.map((r) => r.delivery_key)],
      )) as [{ retried: number }];
      await recordAudit(tx, {
        entityType: 'outbox',
        entityId: 'failed-notices',
        action: 'retry_failed_notices',
        actorId,
        payload: { retried },
      });
      if (retried > 0) markOutboxWritten(tx);
      return { retried };
    });
  }
}
