import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '@kiezfonds/domain';
import { queryRows, recordAudit } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import type { ClientInfo } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { UserScope } from '../admin/scope';
import { hashSecret, newSecret } from '../auth/tokens';

export const API_TOKEN_PREFIX = 'kf_pat_';
/** How much of a token is kept in clear, so its owner can tell tokens apart. */
const SHOWN_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 5;

/** A token lives at most a year; without a choice, 90 days. */
export const API_TOKEN_MAX_DAYS = 365;
export const API_TOKEN_DEFAULT_DAYS = 90;

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
}

/** A token as its district's admins see it, with whose it is. */
export interface ManagedApiToken extends ApiTokenSummary {
  owner: { id: string; displayName: string; email: string };
}

const SUMMARY = `t.id, t.name, t.prefix, t.created_at AS "createdAt", t.expires_at AS "expiresAt",
  t.last_used_at AS "lastUsedAt"`;

/**
 * Personal API tokens for scripts: the secret is shown once at creation and only its SHA-256 hash
 * is stored, so neither a database dump nor the owner's later visits reveal it.
 */
@Injectable()
export class ApiTokensService {
  constructor(private readonly dataSource: DataSource) {}

  list(userId: string): Promise<ApiTokenSummary[]> {
    return this.dataSource.query(
      `SELECT ${SUMMARY} FROM api_token t
       WHERE t.user_id = $1 AND t.revoked_at IS NULL AND t.expires_at > now() ORDER BY t.created_at, t.id`,
      [userId],
    );
  }

  /**
   * The valid tokens of every user whose whole account the admin manages (UserScope), newest first:
   * a carrier who is also another district's staff member is that district's to manage.
   */
  async listManaged(principal: Principal, page: { limit: number; offset: number }) {
    const scope = UserScope.of(principal, ['admin']);
    const where = `t.revoked_at IS NULL AND t.expires_at > now() AND ${scope.wholeAccountCondition('u', '$1')}`;
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE ${where}`,
      [scope.districtIds],
    )) as [{ total: number }];
    const rows = (await this.dataSource.query(
      `SELECT ${SUMMARY}, u.id AS "ownerId", u.display_name AS "ownerName", u.email AS "ownerEmail"
       FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE ${where}
       ORDER BY t.created_at DESC, t.id LIMIT $2 OFFSET $3`,
      [scope.districtIds, page.limit, page.offset],
    )) as (ApiTokenSummary & { ownerId: string; ownerName: string; ownerEmail: string })[];
    const items: ManagedApiToken[] = rows.map(({ ownerId, ownerName, ownerEmail, ...token }) => ({
      ...token,
      owner: { id: ownerId, displayName: ownerName, email: ownerEmail },
    }));
    return { items, total };
  }

  /** An admin revokes a token of a user whose whole account they manage; anything else answers 404. */
  async revokeManaged(principal: Principal, tokenId: string, client: ClientInfo): Promise<void> {
    const scope = UserScope.of(principal, ['admin']);
    await this.dataSource.transaction(async (tx) => {
      const revoked = await queryRows<{ id: string; user_id: string }>(
        tx,
        `UPDATE api_token t SET revoked_at = now() FROM app_user u
         WHERE t.id = $1 AND u.id = t.user_id AND t.revoked_at IS NULL AND ${scope.wholeAccountCondition('u', '$2')}
         RETURNING t.id, t.user_id`,
        [tokenId, scope.districtIds],
      );
      if (revoked.length === 0) throw new NotFoundError();
      await recordAudit(tx, {
        entityType: 'user',
        entityId: revoked[0]!.user_id,
        action: 'token_revoked',
        actorId: principal.userId,
        payload: { tokenId, byAdministrator: true },
        requestId: client.requestId,
      });
    });
  }

  async create(
    principal: Principal,
    request: { name: string; expiresInDays?: number },
    client: ClientInfo,
  ): Promise<{ id: string; name: string; prefix: string; token: string; createdAt: Date; expiresAt: Date }> {
    const name = request.name;
    const days = request.expiresInDays ?? API_TOKEN_DEFAULT_DAYS;
    // A leaked token must not be able to mint fresh ones that outlive its revocation.
    if (principal.via !== 'session') throw new ForbiddenError('session_required');
    const token = `${API_TOKEN_PREFIX}${newSecret()}`;
    const prefix = token.slice(0, SHOWN_PREFIX_LENGTH);
    return this.dataSource.transaction(async (tx) => {
      // The session that asks must still be open when the token is made, and stay so until it is
      // committed: ending every access (a password reset, logout everywhere) either waits for the
      // token and revokes it too, or has ended the session and no token is made.
      const open = (await tx.query(
        `SELECT 1 FROM user_session WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL FOR SHARE`,
        [principal.sessionId, principal.userId],
      )) as unknown[];
      if (open.length === 0) throw new UnauthenticatedError('unauthenticated');
      const [row] = (await tx.query(
        `INSERT INTO api_token (user_id, name, token_hash, prefix, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(days => $5)) RETURNING id, created_at, expires_at`,
        [principal.userId, name, hashSecret(token), prefix, days],
      )) as { id: string; created_at: Date; expires_at: Date }[];
      await recordAudit(tx, {
        entityType: 'user',
        entityId: principal.userId,
        action: 'token_created',
        actorId: principal.userId,
        payload: { tokenId: row!.id, expiresInDays: days },
        requestId: client.requestId,
      });
      return { id: row!.id, name, prefix, token, createdAt: row!.created_at, expiresAt: row!.expires_at };
    });
  }

  /** Another user's token, an unknown id and an already revoked token all answer 404. */
  async revoke(principal: Principal, tokenId: string, client: ClientInfo): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const revoked = await queryRows<{ id: string }>(
        tx,
        `UPDATE api_token SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL
         RETURNING id`,
        [tokenId, principal.userId],
      );
      if (revoked.length === 0) throw new NotFoundError();
      await recordAudit(tx, {
        entityType: 'user',
        entityId: principal.userId,
        action: 'token_revoked',
        actorId: principal.userId,
        payload: { tokenId },
        requestId: client.requestId,
      });
    });
  }
}
