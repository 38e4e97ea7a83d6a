import { Injectable } from '@nestjs/common';
import { recordAudit } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import { markOutboxWritten } from './outbox-wake-up';

export interface NoticeCounts {
  /** Committed, not yet relayed into the queue. */
  pending: number;
  /** Retries ran out: nothing will send them unless an administrator retries them. */
  failed: number;
}

/**
 * What finally failed, counted from PostgreSQL (Redis may have lost the failed jobs), and the one
 * action that retries all of it, in PostgreSQL alone (it works while Redis is down): the rows go
 * back to the relay with the next retry generation, which the relay enqueues as a new job
 * (`jobIdFor`) with a fresh retry budget, removing the failed one once it has (best effort: the
 * queue may be out of reach); the mail's claim and delivery key keep a retry from sending twice.
 */
@Injectable()
export class FailedNotices {
  constructor(private readonly dataSource: DataSource) {}

  async counts(): Promise<NoticeCounts> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM outbox WHERE relayed_at IS NULL) AS pending,
              (SELECT count(*)::int FROM outbox WHERE failed_at IS NOT NULL AND delivered_at IS NULL) AS failed`,
    )) as NoticeCounts[];
    return row!;
  }

  async retryAll(actorId: string): Promise<{ retried: number }> {
    return this.dataSource.transaction(async (tx) => {
      const [{ retried }] = (await tx.query(
        `WITH retried AS (
           UPDATE outbox SET failed_at = NULL, relayed_at = NULL, last_error = NULL, available_at = now(),
                             retry_generation = retry_generation + 1
           WHERE failed_at IS NOT NULL AND delivered_at IS NULL RETURNING id)
         SELECT count(*)::int AS retried FROM retried`,
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
