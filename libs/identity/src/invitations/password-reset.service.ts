import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { GoneError, ValidationError } from '@kiezfonds/domain';
import { OutboxService, SecretLinks } from '@kiezfonds/messaging';
import { queryRows, recordAudit } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import { RequestLimits } from '../abuse/request-limits';
import type { ClientInfo } from '../auth/auth.service';
import { forgetAccountFailures } from '../auth/login-throttle';
import { SessionService } from '../auth/session.service';
import { hashPassword, passwordProblems } from '../passwords/password-policy';
import { claimLink, endOpenLinks, issueLink } from './one-time-links';

export const PASSWORD_RESET = {
  /** At most one mail per account in this time; further requests are answered but ignored. */
  repeatMinutes: 5,
  /**
   * Every request is answered no sooner than this, whether an account exists (a transaction and a
   * mail queued) or not (one lookup), so the answer's timing does not tell the two apart.
   */
  answerFloorMs: 250,
} as const;

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  language: 'de' | 'en';
}

/** Password recovery by a single-use, one-hour link mailed to the account's address. */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly outbox: OutboxService,
    private readonly secretLinks: SecretLinks,
    private readonly limits: RequestLimits,
  ) {}

  /** Answers alike for every address; only an active account gets a mail. */
  async request(email: string, client: ClientInfo): Promise<void> {
    await this.limits.consume('password_reset', client.ip);
    const started = Date.now();
    try {
      // An unverified account may reset too: the link proves the mailbox, as verifying would.
      const [account] = (await this.dataSource.query(
        `SELECT id, email, display_name, language FROM app_user
         WHERE lower(email) = lower($1) AND status IN ('active', 'unverified')`,
        [email],
      )) as AccountRow[];
      if (account) await this.mailLink(account, client);
    } finally {
      const left = started + PASSWORD_RESET.answerFloorMs - Date.now();
      if (left > 0) await sleep(left);
    }
  }

  private async mailLink(account: AccountRow, client: ClientInfo): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      // Locking the account serialises parallel requests, so the repeat check below cannot be raced.
      await tx.query(`SELECT id FROM app_user WHERE id = $1 FOR NO KEY UPDATE`, [account.id]);
      const recent = (await tx.query(
        `SELECT 1 FROM one_time_token WHERE user_id = $1 AND purpose = 'password_reset'
           AND created_at > now() - make_interval(mins => $2)`,
        [account.id, PASSWORD_RESET.repeatMinutes],
      )) as unknown[];
      if (recent.length > 0) return;

      const link = await issueLink(tx, this.secretLinks, {
        purpose: 'password_reset',
        userId: account.id,
        createdBy: null,
      });
      await this.outbox.addNotice(tx, `password-reset:${link.id}`, {
        kind: 'password_reset',
        recipient: {
          userId: account.id,
          email: account.email,
          name: account.display_name,
          locale: account.language,
        },
        data: { expiresAt: link.expiresAt.toISOString() },
        secretLink: link.ref,
      });
      await recordAudit(tx, {
        entityType: 'user',
        entityId: account.id,
        action: 'password_reset_requested',
        actorId: null,
        payload: { ip: client.ip, linkId: link.id },
        requestId: client.requestId,
      });
    });
  }

  /** Sets the new password and ends every session: whoever knew the old one is signed out. */
  async confirm(token: string, password: string, client: ClientInfo): Promise<void> {
    await this.limits.consume('link_use', client.ip);
    const problems = passwordProblems(password);
    if (problems.length > 0) throw new ValidationError(problems);
    const passwordHash = await hashPassword(password);

    await this.dataSource.transaction(async (tx) => {
      const link = await claimLink(tx, 'password_reset', token);
      const [account] = link
        ? await queryRows<{ id: string; email: string }>(
            tx,
            `UPDATE app_user SET password_hash = $2, status = 'active'
             WHERE id = $1 AND status IN ('active', 'unverified') RETURNING id, email`,
            [link.userId, passwordHash],
          )
        : [];
      if (!link || !account) throw new GoneError('link_invalid');

      await endOpenLinks(tx, account.id, 'password_reset');
      const ended = await this.sessions.endAllAccess(tx, account.id);
      // A lock from someone guessing the old password should not keep the owner out of the new one.
      await forgetAccountFailures(tx, account.email);
      await recordAudit(tx, {
        entityType: 'user',
        entityId: account.id,
        action: 'password_reset',
        actorId: account.id,
        payload: {
          ip: client.ip,
          linkId: link.id,
          sessionsEnded: ended.sessions,
          tokensRevoked: ended.tokens,
        },
        requestId: client.requestId,
      });
    });
  }
}
