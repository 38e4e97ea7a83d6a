import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { queryRows } from '@kiezfonds/persistence';
import { APP_CONFIG } from '@kiezfonds/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { DistrictRole } from './access';
import type { Principal } from './principal';
import { hashSecret, newSecret } from './tokens';

interface SessionRow {
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
  user_id: string;
}

/**
 * Server-side sessions: the cookie holds a random token, the database its hash, so a session can
 * be revoked at once (log out, log out everywhere, a disabled account) and ends after an idle and
 * an absolute time-out.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(
    tx: EntityManager,
    userId: string,
    client: { ip?: string; userAgent?: string },
  ): Promise<{ token: string; csrfToken: string; sessionId: string }> {
    const token = newSecret();
    const csrfToken = newSecret(24);
    const [row] = (await tx.query(
      `INSERT INTO user_session (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5, $6) RETURNING id`,
      [
        hashSecret(token),
        userId,
        csrfToken,
        this.config.SESSION_ABSOLUTE_HOURS,
        client.ip ?? null,
        client.userAgent?.slice(0, 300) ?? null,
      ],
    )) as { id: string }[];
    return { token, csrfToken, sessionId: row!.id };
  }

  /** The principal behind a session cookie, or null when it is unknown, revoked or timed out. */
  async resolve(token: string, options: { touch?: boolean } = {}): Promise<Principal | null> {
    const [session] = (await this.dataSource.query(
      `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, s.user_id
       FROM user_session s JOIN app_user u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
         AND s.last_seen_at > now() - make_interval(mins => $2) AND u.status = 'active'`,
      [hashSecret(token), this.config.SESSION_IDLE_MINUTES],
    )) as SessionRow[];
    if (!session) return null;
    // Keeping the idle clock to the minute spares a write on every request.
    if (options.touch !== false && Date.now() - session.last_seen_at.getTime() > 60_000) {
      await this.dataSource.query(`UPDATE user_session SET last_seen_at = now() WHERE id = $1`, [
        session.session_id,
      ]);
    }
    const principal = await loadPrincipal(this.dataSource, session.user_id, 'session');
    return principal && { ...principal, sessionId: session.session_id, csrfToken: session.csrf_token };
  }

  async revoke(tx: EntityManager, sessionId: string): Promise<void> {
    await tx.query(`UPDATE user_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
    ]);
  }

  async revokeAll(tx: EntityManager, userId: string): Promise<number> {
    const rows = await queryRows(
      tx,
      `UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId],
    );
    return rows.length;
  }

  /**
   * Ends every way into the account at once, cookies and API tokens alike (TRUST.md, "Secrets"): a
   * password reset, "log out everywhere", disabling and pseudonymising all mean that whoever held
   * access before holds none now.
   */
  async endAllAccess(tx: EntityManager, userId: string): Promise<{ sessions: number; tokens: number }> {
    const sessions = await this.revokeAll(tx, userId);
    const tokens = await queryRows(
      tx,
      `UPDATE api_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId],
    );
    return { sessions, tokens: tokens.length };
  }
}

/** The user with roles and memberships; null unless the account is active. */
export async function loadPrincipal(
  db: DataSource | EntityManager,
  userId: string,
  via: Principal['via'],
): Promise<Principal | null> {
  const [user] = (await db.query(
    `SELECT id, email, display_name, language FROM app_user WHERE id = $1 AND status = 'active'`,
    [userId],
  )) as { id: string; email: string; display_name: string; language: 'de' | 'en' }[];
  if (!user) return null;
  const roles = (await db.query(
    `SELECT r.role, r.district_id, d.name AS district_name
     FROM role_assignment r JOIN district d ON d.id = r.district_id
     WHERE r.user_id = $1 ORDER BY r.role, d.name`,
    [userId],
  )) as { role: DistrictRole; district_id: string; district_name: string }[];
  const organisations = (await db.query(
    `SELECT m.organisation_id, m.is_admin, o.name
     FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
     WHERE m.user_id = $1 ORDER BY o.name`,
    [userId],
  )) as { organisation_id: string; is_admin: boolean; name: string }[];
  return {
    userId: user.id,
    email: user.email,
    displayName: user.display_name,
    language: user.language,
    roles: roles.map((r) => ({ role: r.role, districtId: r.district_id, districtName: r.district_name })),
    organisations: organisations.map((o) => ({
      organisationId: o.organisation_id,
      isAdmin: o.is_admin,
      name: o.name,
    })),
    via,
  };
}
