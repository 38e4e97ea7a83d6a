import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Notice, noticeSchema } from './notice';
import { markOutboxWritten } from './outbox-wake-up';

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
    if (rows.length > 0) markOutboxWritten(tx);
    return rows.length === 1;
  }

  /**
   * Queues many notices, each under its own occasion key, in one statement (a lifecycle step's
   * notices to all their recipients: its round trips do not grow with the number of people), in
   * the given order, with the same delivery keys as addNotice. Returns how many were not queued before.
   */
  async addKeyedNotices(tx: EntityManager, items: { key: string; notice: Notice }[]): Promise<number> {
    if (items.length === 0) return 0;
    const checked = items.map(({ key, notice }) => ({ key, notice: noticeSchema.parse(notice) }));
    const rows: unknown[] = await tx.query(
      `INSERT INTO outbox (topic, delivery_key, payload)
       SELECT $1, i.delivery_key, i.payload::jsonb
         FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS i(delivery_key, payload, n)
        ORDER BY i.n
       ON CONFLICT (delivery_key) DO NOTHING RETURNING id`,
      [
        NOTICE_TOPIC,
        checked.map(({ key, notice }) => deliveryKeyOf(key, notice)),
        checked.map(({ notice }) => JSON.stringify(notice)),
      ],
    );
    if (rows.length > 0) markOutboxWritten(tx);
    return rows.length;
  }

  /** Queues one occasion's notice to several people in one statement. */
  async addNotices(tx: EntityManager, key: string, notices: Notice[]): Promise<number> {
    return this.addKeyedNotices(
      tx,
      notices.map((notice) => ({ key, notice })),
    );
  }
}

/** The occasion's key with the recipient's address: each person hears of each occasion once. */
function deliveryKeyOf(key: string, notice: Notice): string {
  return `${key}|${notice.recipient.email.toLowerCase()}`;
}
