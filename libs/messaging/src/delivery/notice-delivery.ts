import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { NOTICE_CATALOGUE } from '@kiezfonds/domain';
import { APP_CONFIG } from '@kiezfonds/platform';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { Mailer } from '../mailer';
import type { NoticeJob } from '../outbox/notice';
import { NoticeRenderer } from '../rendering/notice-renderer';
import { SecretLinks } from '../secret-links/secret-links';
import { NoticeFreshness } from './notice-freshness';

/** The notice under `$1` is done with, with the outcome `$2`. */
const MARK_DELIVERED = `UPDATE outbox SET delivered_at = now(), outcome = $2, failed_at = NULL
  WHERE delivery_key = $1 AND delivered_at IS NULL`;

export type DeliveryOutcome = 'sent' | 'already_sent' | 'in_app_only' | 'recipient_gone' | 'no_longer_due';

/**
 * Turns one notice into an in-app notification and, unless the recipient opted out of this
 * reminder kind by e-mail, one mail. Both are keyed by the delivery key, so running the same job
 * again (a retry, a redelivery after a crash) adds nothing. The mail is claimed (committed) before
 * the SMTP send and recorded after it (ADR 0013): only a crash in the instant between the server's
 * acceptance and the record can repeat it, and the copy carries the same Message-ID.
 */
@Injectable()
export class NoticeDelivery {
  private readonly logger = new Logger(NoticeDelivery.name);
  private readonly renderer: NoticeRenderer;
  private readonly claimLeaseMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly freshness: NoticeFreshness,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly secretLinks: SecretLinks,
  ) {
    // Compiled once at start: a broken template stops the worker now, not at the first notice.
    this.renderer = NoticeRenderer.load({ appUrl: config.APP_URL, timeZone: config.APP_TIMEZONE });
    this.claimLeaseMs = config.MAIL_CLAIM_LEASE_MS;
  }

  /**
   * `recipientStatus`: the recipient's account status as read with the notice (NoticeProcessor),
   * null for no account; read here when not given.
   */
  async deliver(notice: NoticeJob, known?: { recipientStatus: string | null }): Promise<DeliveryOutcome> {
    if (await this.freshness.dropIfStale(notice)) return this.finish(notice, 'no_longer_due');
    const { recipient } = notice;
    // A notice queued before its recipient was pseudonymised or disabled must not reach them.
    if (recipient.userId) {
      const status = known
        ? known.recipientStatus
        : ((
            (await this.dataSource.query(`SELECT status FROM app_user WHERE id = $1`, [
              recipient.userId,
            ])) as {
              status: string;
            }[]
          )[0]?.status ?? null);
      if (status === null || status === 'pseudonymised' || status === 'disabled')
        return this.finish(notice, 'recipient_gone');
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
    if (!(await this.wantsMail(notice))) return this.finish(notice, 'in_app_only');

    const attachments = await this.attachments(notice);
    // The claim is committed before the send and no transaction stays open during it (STYLE.md):
    // a second run of the job finds the claim and waits for its lease; a `sent` row ends it. It is
    // taken once a connection is free, so that the lease covers the send and not the wait.
    const sent = await this.mailer.withConnection(async () => {
      const claim = await this.claim(notice);
      if (claim === 'already_sent') return false;
      try {
        await this.mailer.send({
          to: [recipient.email],
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          deliveryKey: notice.deliveryKey,
          locale: recipient.locale,
          ...(attachments.length > 0 ? { attachments } : {}),
        });
      } catch (error) {
        // Not accepted: give the claim back so the retry need not wait for the lease. If even that
        // fails (the database is down too), the lease runs out and the retry takes the claim over.
        await this.dataSource
          .query(`UPDATE mail_delivery SET claimed_at = NULL WHERE delivery_key = $1 AND claim_token = $2`, [
            notice.deliveryKey,
            claim,
          ])
          .catch(() => undefined);
        throw permanentRefusal(error) ?? error;
      }
      return true;
    });
    if (!sent) return this.finish(notice, 'already_sent');
    // The server has the mail: from here on only the record may be retried, never the send.
    await this.untilRecorded(notice, () => this.recordSent(notice));
    this.logger.log({ deliveryKey: notice.deliveryKey, kind: notice.kind }, 'notice mailed');
    return 'sent';
  }

  /**
   * Takes the delivery key for this attempt: a new row, or a claim whose lease ran out (its worker
   * died between claim and record). Returns the claim token, or `already_sent`; throws (and the
   * job retries later) while another attempt holds a live claim.
   */
  private async claim(notice: NoticeJob): Promise<string | 'already_sent'> {
    const token = randomUUID();
    const claimed = (await this.dataSource.query(
      `INSERT INTO mail_delivery (delivery_key, recipient, notice_kind, state, claimed_at, claim_token, message_id)
       VALUES ($1, $2, $3, 'claimed', now(), $4, $5)
       ON CONFLICT (delivery_key) DO UPDATE SET claimed_at = now(), claim_token = EXCLUDED.claim_token
         WHERE mail_delivery.state = 'claimed'
           AND (mail_delivery.claimed_at IS NULL
                OR mail_delivery.claimed_at < now() - make_interval(secs => $6::double precision / 1000))
       RETURNING claim_token`,
      [
        notice.deliveryKey,
        notice.recipient.email,
        notice.kind,
        token,
        this.mailer.messageIdFor(notice.deliveryKey),
        this.claimLeaseMs,
      ],
    )) as { claim_token: string }[];
    if (claimed.length === 1) return token;
    const [row] = (await this.dataSource.query(`SELECT state FROM mail_delivery WHERE delivery_key = $1`, [
      notice.deliveryKey,
    ])) as { state: string }[];
    if (row?.state === 'sent') return 'already_sent';
    throw new Error(`mail ${notice.deliveryKey} is claimed by another attempt; retrying after its lease`);
  }

  /** Records that the notice is done with (for the reconciler and the operators' counts). */
  private async finish(notice: NoticeJob, outcome: DeliveryOutcome): Promise<DeliveryOutcome> {
    await this.markDelivered(notice, outcome);
    return outcome;
  }

  private async markDelivered(notice: NoticeJob, outcome: DeliveryOutcome): Promise<void> {
    await this.dataSource.query(MARK_DELIVERED, [notice.deliveryKey, outcome]);
  }

  /**
   * The accepted mail and its notice, recorded in one statement: neither shows done without the
   * other, and it is one round trip and one commit per mail.
   */
  private async recordSent(notice: NoticeJob): Promise<void> {
    await this.dataSource.query(
      // By key, not by claim: whoever holds the claim now, this mail has been accepted.
      `WITH mail AS (UPDATE mail_delivery SET state = 'sent', sent_at = now() WHERE delivery_key = $1)
       ${MARK_DELIVERED}`,
      [notice.deliveryKey, 'sent' satisfies DeliveryOutcome],
    );
  }

  /** Retries the record after an accepted send until the database answers (TRUST.md). */
  private async untilRecorded(notice: NoticeJob, record: () => Promise<void>): Promise<void> {
    let wait = 200;
    for (let attempt = 1; ; attempt++) {
      try {
        await record();
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 20 === 0)
          this.logger.warn(
            { deliveryKey: notice.deliveryKey, attempt },
            `mail accepted by SMTP but not yet recorded (${(error as Error).message}); retrying the record`,
          );
        await new Promise((resolve) => setTimeout(resolve, wait));
        wait = Math.min(wait * 2, 5_000);
      }
    }
  }

  /** The files the notice names; a file that is gone fails the job rather than send a mail without it. */
  private async attachments(notice: NoticeJob) {
    const refs = notice.attachments ?? [];
    if (refs.length === 0) return [];
    const rows = (await this.dataSource.query(
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

/**
 * A 5xx reply (550 mailbox unavailable, 553 address rejected) will not get better by retrying for
 * hours: the notice fails at once, visibly (failed_at, /api/ready degraded, the admin list), with
 * the server's reply, and the administrator's one retry sends it again once the address is fixed.
 * A 4xx reply or a network error is temporary and keeps the notice's retries.
 */
function permanentRefusal(error: unknown): UnrecoverableError | undefined {
  const { responseCode, response } = (error ?? {}) as { responseCode?: unknown; response?: unknown };
  if (typeof responseCode !== 'number' || responseCode < 500 || responseCode > 599) return undefined;
  const reply = typeof response === 'string' && response.length > 0 ? response : (error as Error).message;
  return new UnrecoverableError(`SMTP server refused the mail permanently: ${reply}`);
}
