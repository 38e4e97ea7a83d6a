import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { queryRows } from '@kiezfonds/persistence';
import { APP_CONFIG } from '@kiezfonds/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { StaffRole } from './access';
import type { Principal } from './principal';
import { hashSecret, newSecret } from './tokens';

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

  /**
   * The principal behind a session cookie, or null when it is unknown, revoked or timed out. One
   * statement finds the session, keeps the idle clock (to the minute, which spares a write on
   * most requests) and reads the user with roles and organisations: every request pays for it.
   */
  async resolve(token: string, options: { touch?: boolean } = {}): Promise<Principal | null> {
    const [row] = await queryRows<PrincipalRow & { session_id: string; csrf_token: string }>(
      this.dataSource,
      `WITH s AS (
         SELECT s.id, s.csrf_token, s.last_seen_at, s.user_id
           FROM user_session s JOIN app_user u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
            AND s.last_seen_at > now() - make_interval(mins => $2) AND u.status = 'active'
       ), touched AS (
         UPDATE user_session t SET last_seen_at = now() FROM s
          WHERE t.id = s.id AND $3::boolean AND s.last_seen_at < now() - interval '1 minute'
       )
       SELECT s.id AS session_id, s.csrf_token, ${PRINCIPAL_COLUMNS} FROM s JOIN app_user u ON u.id = s.user_id`,
      [hashSecret(token), this.config.SESSION_IDLE_MINUTES, options.touch !== false],
    );
    if (!row) return null;
    return { ...principalOf(row, 'session'), sessionId: row.session_id, csrfToken: row.csrf_token };
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

/** What a principal is read from: the user, its roles and memberships as JSON arrays. */
export interface PrincipalRow {
  user_id: string;
  email: string;
  display_name: string;
  language: 'de' | 'en';
  roles: { role: StaffRole; districtId: string; districtName: string }[];
  organisations: { organisationId: string; isAdmin: boolean; name: string }[];
}

/** The columns of a `PrincipalRow` for an `app_user u` in the query's FROM. */
export const PRINCIPAL_COLUMNS = `u.id AS user_id, u.email, u.display_name, u.language,
  COALESCE((SELECT json_agg(json_build_object('role', r.role, 'districtId', d.id, 'districtName', d.name)
                   ORDER BY r.role, d.name)
              FROM role_assignment r
              -- The Berlin-wide Senate role (no district) is held in every district.
              JOIN district d ON d.id = r.district_id OR (r.role = 'senate' AND r.district_id IS NULL)
              WHERE r.user_id = u.id
                -- A seat on a committee of the district bounds the board member role to the seat's
                -- period (docs/api/committee.md): before it begins and after it ends the person
                -- reads nothing the committee deals with. A role without any seat stays as granted.
                AND (r.role <> 'board_member' OR COALESCE(
                  (SELECT bool_or(cm.valid_from <= (now() AT TIME ZONE 'Europe/Berlin')::date
                                  AND (cm.valid_to IS NULL OR cm.valid_to >= (now() AT TIME ZONE 'Europe/Berlin')::date))
                     FROM committee_member cm JOIN committee k ON k.id = cm.committee_id
                    WHERE cm.user_id = u.id AND k.district_id = d.id), true))), '[]') AS roles,
  COALESCE((SELECT json_agg(json_build_object('organisationId', m.organisation_id, 'isAdmin', m.is_admin, 'name', o.name)
                   ORDER BY o.name)
              FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = u.id), '[]')
    AS organisations`;

export function principalOf(row: PrincipalRow, via: Principal['via']): Principal {
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    language: row.language,
    roles: row.roles,
    organisations: row.organisations,
    via,
  };
}

/** The user with roles and memberships; null unless the account is active. */
export async function loadPrincipal(
  db: DataSource | EntityManager,
  userId: string,
  via: Principal['via'],
): Promise<Principal | null> {
  const [row] = await queryRows<PrincipalRow>(
    db,
    `SELECT ${PRINCIPAL_COLUMNS} FROM app_user u WHERE u.id = $1 AND u.status = 'active'`,
    [userId],
  );
  return row ? principalOf(row, via) : null;
}
