import { Injectable } from '@nestjs/common';
import { SqlParameters } from '@kiezfonds/persistence';
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
  async addKeyedNotices(tx: EntityManager, items: KeyedNotice[]): Promise<number> {
    const params = new SqlParameters();
    const insert = keyedNoticesInsert(items, params);
    if (insert === null) return 0;
    const rows: unknown[] = await tx.query(insert, params.values);
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

/** A notice with the key of its occasion. */
export interface KeyedNotice {
  key: string;
  notice: Notice;
}

/**
 * The INSERT that queues `items` (OutboxService.addKeyedNotices), its parameters added to
 * `params`, for a statement that writes more than the notices (a lifecycle step's state, audit
 * event and notices in one, ADR 0017); it answers one row per notice queued now. Each notice is
 * checked against its schema here. Null when there is nothing to queue. The caller marks the
 * transaction (`markOutboxWritten`) when rows came back.
 */
export function keyedNoticesInsert(items: readonly KeyedNotice[], params: SqlParameters): string | null {
  if (items.length === 0) return null;
  const checked = items.map(({ key, notice }) => ({ key, notice: noticeSchema.parse(notice) }));
  return `INSERT INTO outbox (topic, delivery_key, payload)
       SELECT ${params.add(NOTICE_TOPIC)}, i.delivery_key, i.payload::jsonb
         FROM unnest(${params.add(checked.map(({ key, notice }) => deliveryKeyOf(key, notice)))}::text[],
                     ${params.add(checked.map(({ notice }) => JSON.stringify(notice)))}::text[])
              WITH ORDINALITY AS i(delivery_key, payload, n)
        ORDER BY i.n
       ON CONFLICT (delivery_key) DO NOTHING RETURNING id`;
}

/** The occasion's key with the recipient's address: each person hears of each occasion once. */
function deliveryKeyOf(key: string, notice: Notice): string {
  return `${key}|${notice.recipient.email.toLowerCase()}`;
}
