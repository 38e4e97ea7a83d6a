import { pageOf, type PageQueryDto } from '@kiezfonds/platform';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@kiezfonds/domain';
import { queryRows } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';

export interface NotificationItem {
  id: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** The caller's in-app notifications; every query is bound to the caller's user id. */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    userId: string,
    query: PageQueryDto,
  ): Promise<{ items: NotificationItem[]; total: number; unread: number }> {
    const { limit, offset } = pageOf(query);
    const items = (await this.dataSource.query(
      `SELECT id, kind, subject, body, link, created_at AS "createdAt", read_at AS "readAt"
       FROM notification WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [userId, limit, offset],
    )) as NotificationItem[];
    const [counts] = (await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
       FROM notification WHERE user_id = $1`,
      [userId],
    )) as { total: number; unread: number }[];
    return { items, total: counts!.total, unread: counts!.unread };
  }

  /** Marking twice is fine; another user's notification is not found. */
  async markRead(userId: string, notificationId: string): Promise<void> {
    const rows = await queryRows(
      this.dataSource,
      `UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id`,
      [notificationId, userId],
    );
    if (rows.length === 0) throw new NotFoundError();
  }

  async markAllRead(userId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
  }
}
