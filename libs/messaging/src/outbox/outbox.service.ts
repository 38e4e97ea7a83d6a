import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Notice, noticeSchema } from './notice';

export const NOTICE_TOPIC = 'notice';

/**
 * The only way a command asks for a side effect: a row in `outbox`, written with the command's own
 * transaction manager, so it commits or rolls back with the state change (ARCHITECTURE.md).
 */
@Injectable()
export class OutboxService {
  /**
   * Queues one notice to one recipient. `key` names the occasion (e.g. `application:<id>:submitted`
   * or a reminder's `(kind, entity, deadline, offset)`); with the recipient's address it becomes the
   * delivery key, so the same occasion never notifies the same person twice. Returns false when it
   * had been queued before.
   */
  async addNotice(tx: EntityManager, key: string, notice: Notice): Promise<boolean> {
    const checked = noticeSchema.parse(notice);
    const rows: unknown[] = await tx.query(
      `INSERT INTO outbox (topic, delivery_key, payload) VALUES ($1, $2, $3)
       ON CONFLICT (delivery_key) DO NOTHING RETURNING id`,
      [NOTICE_TOPIC, deliveryKeyOf(key, checked), JSON.stringify(checked)],
    );
    return rows.length === 1;
  }

  async addNotices(tx: EntityManager, key: string, notices: Notice[]): Promise<number> {
    let added = 0;
    for (const notice of notices) if (await this.addNotice(tx, key, notice)) added++;
    return added;
  }
}

/** The occasion's key with the recipient's address: each person hears of each occasion once. */
function deliveryKeyOf(key: string, notice: Notice): string {
  return `${key}|${notice.recipient.email.toLowerCase()}`;
}
