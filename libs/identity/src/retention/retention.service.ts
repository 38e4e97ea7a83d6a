import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { LOGIN_THROTTLE, RETENTION } from '@kiezfonds/domain';
import { forgetIdempotentAnswers, queryRows, recordAudit } from '@kiezfonds/persistence';
import { APP_CONFIG } from '@kiezfonds/platform';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { forgetAddress, pseudonymiseAccount } from '../admin/pseudonymisation';
import { SessionService } from '../auth/session.service';

/** Unconfirmed registrations handled per run; the next run takes the rest. */
const ACCOUNTS_PER_RUN = 200;

export interface RetentionResult {
  sessions: number;
  tokens: number;
  links: number;
  throttles: number;
  /** Delivered notices whose name, address and text were cleared; their delivery key stays. */
  notices: number;
  /** Answers stored for an `Idempotency-Key` whose window is over. */
  idempotencyKeys: number;
  /** Unconfirmed registrations deleted with their organisation where nobody else belongs to it. */
  accountsDeleted: number;
  /** Unconfirmed registrations something still refers to: pseudonymised instead. */
  accountsPseudonymised: number;
  organisationsDeleted: number;
}

type Removal = { outcome: 'deleted' | 'pseudonymised'; organisationsDeleted: string[] } | null;

/**
 * Deletes personal data whose keeping time is over (`RETENTION`, docs/privacy.md): ended sessions,
 * tokens and links, failed sign-in counters that no longer count, the name, address and text of
 * delivered notices, answers stored for idempotency keys past their window, and registrations whose address was never confirmed. Safe on several workers at once: deletions are idempotent and each account
 * is taken under its row lock (SKIP LOCKED), only while it is still unconfirmed.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sweep(): Promise<RetentionResult> {
    const [ended] = await queryRows<
      Pick<RetentionResult, 'sessions' | 'tokens' | 'links' | 'throttles' | 'notices' | 'idempotencyKeys'>
    >(
      this.dataSource,
      `WITH sessions AS (
         DELETE FROM user_session
          WHERE least(coalesce(revoked_at, 'infinity'), expires_at, last_seen_at + make_interval(mins => $1))
                < now() - make_interval(days => $2)
         RETURNING 1
       ), tokens AS (
         DELETE FROM api_token WHERE least(coalesce(revoked_at, 'infinity'), expires_at) < now() - make_interval(days => $2)
         RETURNING 1
       ), links AS (
         DELETE FROM one_time_token WHERE least(coalesce(used_at, 'infinity'), expires_at) < now() - make_interval(days => $2)
         RETURNING 1
       ), throttles AS (
         -- A counter whose window is over and whose delay has run out starts again at one anyway.
         DELETE FROM login_throttle
          WHERE window_started_at < now() - make_interval(mins => $3) AND coalesce(locked_until, '-infinity') < now()
         RETURNING 1
       ), notices AS (
         -- The delivery key stays: it is what keeps a notice from being queued twice (the reminder
         -- sweep looks for it); name, address and text are not needed once the notice was delivered.
         UPDATE outbox SET payload = '{}'::jsonb
          WHERE delivered_at < now() - make_interval(days => $2) AND payload <> '{}'::jsonb
         RETURNING 1
       ), idempotency_keys AS (
         -- Past its window a key is a new request anyway (runIdempotent); the answer it kept can
         -- quote names, addresses and texts.
         DELETE FROM idempotency_key WHERE created_at < now() - make_interval(hours => $4)
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM sessions)::int AS sessions, (SELECT count(*) FROM tokens)::int AS tokens,
              (SELECT count(*) FROM links)::int AS links, (SELECT count(*) FROM throttles)::int AS throttles,
              (SELECT count(*) FROM notices)::int AS notices,
              (SELECT count(*) FROM idempotency_keys)::int AS "idempotencyKeys"`,
      [
        this.config.SESSION_IDLE_MINUTES,
        RETENTION.endedAccessDays,
        LOGIN_THROTTLE.windowMinutes,
        RETENTION.idempotencyKeyHours,
      ],
    );
    const result: RetentionResult = {
      ...ended!,
      accountsDeleted: 0,
      accountsPseudonymised: 0,
      organisationsDeleted: 0,
    };
    const stale = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT id FROM app_user WHERE status = 'unverified' AND created_at < now() - make_interval(days => $1)
        ORDER BY created_at LIMIT $2`,
      [RETENTION.unverifiedAccountDays, ACCOUNTS_PER_RUN],
    );
    for (const { id } of stale) {
      const removal = await this.dataSource.transaction((tx) => this.removeUnconfirmed(tx, id));
      if (!removal) continue;
      if (removal.outcome === 'deleted') result.accountsDeleted++;
      else result.accountsPseudonymised++;
      result.organisationsDeleted += removal.organisationsDeleted.length;
    }
    if (Object.values(result).some((n) => n > 0)) this.logger.log({ ...result }, 'retention sweep deleted');
    return result;
  }

  /**
   * An unconfirmed registration: its memberships, pending notices, stored idempotency answers and
   * address go; the account is deleted, or pseudonymised when a record refers to it; its
   * organisations are deleted when nobody else belongs to them and nothing refers to them. The
   * audit trail keeps the ids.
   */
  private async removeUnconfirmed(tx: EntityManager, userId: string): Promise<Removal> {
    // Under the row's lock and only while still unconfirmed: a confirmation at this moment wins.
    const [account] = await queryRows<{ id: string; email: string }>(
      tx,
      `SELECT id, email FROM app_user
        WHERE id = $1 AND status = 'unverified' AND created_at < now() - make_interval(days => $2)
        FOR UPDATE SKIP LOCKED`,
      [userId, RETENTION.unverifiedAccountDays],
    );
    if (!account) return null;
    const memberships = await queryRows<{ organisation_id: string }>(
      tx,
      `DELETE FROM organisation_member WHERE user_id = $1 RETURNING organisation_id`,
      [userId],
    );
    await forgetAddress(tx, account);
    await forgetIdempotentAnswers(tx, userId);
    const outcome = (await this.deleteUnlessReferenced(tx, `DELETE FROM app_user WHERE id = $1`, userId))
      ? 'deleted'
      : 'pseudonymised';
    if (outcome === 'pseudonymised') await pseudonymiseAccount(tx, this.sessions, account);
    const organisationsDeleted: string[] = [];
    for (const { organisation_id: organisationId } of memberships) {
      const deleted = await this.deleteUnlessReferenced(
        tx,
        `DELETE FROM organisation o WHERE o.id = $1
            AND NOT EXISTS (SELECT 1 FROM organisation_member m WHERE m.organisation_id = o.id)`,
        organisationId,
      );
      if (deleted) organisationsDeleted.push(organisationId);
    }
    await recordAudit(tx, {
      entityType: 'user',
      entityId: userId,
      action: 'unconfirmed_registration_removed',
      actorId: null,
      fromState: 'unverified',
      toState: outcome === 'deleted' ? null : 'pseudonymised',
      payload: { outcome, organisationsDeleted, afterDays: RETENTION.unverifiedAccountDays },
    });
    return { outcome, organisationsDeleted };
  }

  /** Runs a DELETE of one row; a row another table still refers to stays (and false is answered). */
  private async deleteUnlessReferenced(tx: EntityManager, sql: string, id: string): Promise<boolean> {
    await tx.query(`SAVEPOINT retention_delete`);
    try {
      const deleted = await queryRows(tx, `${sql} RETURNING 1`, [id]);
      return deleted.length > 0;
    } catch (error) {
      if (!(error instanceof QueryFailedError) || (error.driverError as { code?: string }).code !== '23503') {
        throw error;
      }
      await tx.query(`ROLLBACK TO SAVEPOINT retention_delete`);
      return false;
    }
  }
}
