import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { NOTICE_CATALOGUE } from '@kiezfonds/domain';
import { APP_CONFIG } from '@kiezfonds/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { Mailer } from '../mailer';
import type { NoticeJob } from '../outbox/notice';
import { NoticeRenderer } from '../rendering/notice-renderer';
import { SecretLinks } from '../secret-links/secret-links';
import { NoticeFreshness } from './notice-freshness';

export type DeliveryOutcome = 'sent' | 'already_sent' | 'in_app_only' | 'recipient_gone' | 'no_longer_due';

/**
 * Turns one notice into an in-app notification and, unless the recipient opted out of this
 * reminder kind by e-mail, one mail. Both are keyed by the delivery key, so running the same job
 * again (a retry, a redelivery after a crash) adds nothing.
 */
@Injectable()
export class NoticeDelivery {
  private readonly logger = new Logger(NoticeDelivery.name);
  private readonly renderer: NoticeRenderer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly freshness: NoticeFreshness,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly secretLinks: SecretLinks,
  ) {
    // Compiled once at start: a broken template stops the worker now, not at the first notice.
    this.renderer = NoticeRenderer.load({ appUrl: config.APP_URL, timeZone: config.APP_TIMEZONE });
  }

  async deliver(notice: NoticeJob): Promise<DeliveryOutcome> {
    if (await this.freshness.dropIfStale(notice)) return 'no_longer_due';
    const { recipient } = notice;
    // A notice queued before its recipient was pseudonymised or disabled must not reach them.
    if (recipient.userId) {
      const [user] = (await this.dataSource.query(`SELECT status FROM app_user WHERE id = $1`, [
        recipient.userId,
      ])) as {
        status: string;
      }[];
      if (!user || user.status === 'pseudonymised' || user.status === 'disabled') return 'recipient_gone';
    }
    const context = {
      recipient: { name: recipient.name },
      district: notice.district,
      data: notice.data,
      link: notice.link,
    };
    const rendered = this.renderer.render(notice.kind, recipient.locale, context);
    // A one-time link exists in plain text only in the mail itself (ADR 0008): the in-app notice
    // above keeps `rendered`, which has no link; the mail gets its own rendering with it.
    const mail = notice.secretLink
      ? this.renderer.render(notice.kind, recipient.locale, {
          ...context,
          link: this.secretLinks.pathFor(notice.secretLink),
        })
      : rendered;

    if (recipient.userId) {
      await this.dataSource.query(
        `INSERT INTO notification (user_id, kind, subject, body, link, delivery_key)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (delivery_key) DO NOTHING`,
        [
          recipient.userId,
          notice.kind,
          rendered.subject,
          rendered.inApp,
          notice.link ?? null,
          notice.deliveryKey,
        ],
      );
    }
    if (!(await this.wantsMail(notice))) return 'in_app_only';

    // The delivery row is written in the same transaction that is open while the mail is handed to
    // SMTP: a failed send rolls it back (and the job retries); a second run of the job waits on the
    // row's lock and then finds it. Only a crash between SMTP's "250 OK" and COMMIT can duplicate.
    return this.dataSource.transaction(async (tx) => {
      const claimed: unknown[] = await tx.query(
        `INSERT INTO mail_delivery (delivery_key, recipient, notice_kind) VALUES ($1, $2, $3)
         ON CONFLICT (delivery_key) DO NOTHING RETURNING delivery_key`,
        [notice.deliveryKey, recipient.email, notice.kind],
      );
      if (claimed.length === 0) return 'already_sent';
      const attachments = await this.attachments(tx, notice);
      await this.mailer.send({
        to: [recipient.email],
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        deliveryKey: notice.deliveryKey,
        locale: recipient.locale,
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      this.logger.log({ deliveryKey: notice.deliveryKey, kind: notice.kind }, 'notice mailed');
      return 'sent';
    });
  }

  /** The files the notice names; a file that is gone fails the job rather than send a mail without it. */
  private async attachments(tx: EntityManager, notice: NoticeJob) {
    const refs = notice.attachments ?? [];
    if (refs.length === 0) return [];
    const rows = (await tx.query(
      `SELECT id, file_name, content_type, content FROM notice_attachment WHERE id = ANY($1::uuid[])`,
      [refs.map((ref) => ref.id)],
    )) as { id: string; file_name: string; content_type: string; content: Buffer }[];
    return refs.map((ref) => {
      const row = rows.find((r) => r.id === ref.id);
      if (!row) throw new Error(`notice attachment ${ref.id} is missing`);
      return { filename: row.file_name, contentType: row.content_type, content: row.content };
    });
  }

  private async wantsMail(notice: NoticeJob): Promise<boolean> {
    if (NOTICE_CATALOGUE[notice.kind].category !== 'reminder' || !notice.recipient.userId) return true;
    const rows: { email: boolean }[] = await this.dataSource.query(
      `SELECT email FROM notification_preference WHERE user_id = $1 AND kind = $2`,
      [notice.recipient.userId, notice.kind],
    );
    return rows[0]?.email ?? true;
  }
}
