import { Injectable } from '@nestjs/common';
import {
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '@kiezfonds/domain';
import { OutboxService, SecretLinks } from '@kiezfonds/messaging';
import { queryRows, recordAudit } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppRole, GrantableRole } from '../auth/access';
import { RequestLimits } from '../abuse/request-limits';
import type { ClientInfo } from '../auth/auth.service';
import { assertMayTry, recordFailure, recordSuccess } from '../auth/login-throttle';
import type { Principal } from '../auth/principal';
import { loadPrincipal, SessionService } from '../auth/session.service';
import { hashSecret } from '../auth/tokens';
import { hashPassword, passwordProblems, verifyPassword } from '../passwords/password-policy';
import { type Grant, grantFrom, mayGrant } from './grants';
import { claimLink, issueLink } from './one-time-links';

export interface InvitationRequest {
  email: string;
  displayName: string;
  language: 'de' | 'en';
  role: GrantableRole;
  districtId?: string;
  organisationId?: string;
}

export interface CreatedInvitation {
  id: string;
  email: string;
  expiresAt: Date;
}

export interface InvitationView {
  email: string;
  displayName: string;
  role: AppRole;
  organisationName?: string;
  districtName?: string;
  expiresAt: Date;
  /** The address has an account already: accepting asks for its password, not a new one. */
  accountExists: boolean;
}

interface InviteeRow {
  id: string;
  email: string;
  display_name: string;
  language: 'de' | 'en';
  status: 'invited' | 'active' | 'disabled' | 'pseudonymised';
  password_hash: string | null;
}

/**
 * Invitations bring staff and carriers' colleagues in. The invited person gets an account at once
 * (status `invited`, no password) so that the address is reserved, but the promised role only when
 * accepting, and only if the inviter may still grant it then: an invitation never outlives its
 * inviter's authority.
 */
@Injectable()
export class InvitationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly outbox: OutboxService,
    private readonly secretLinks: SecretLinks,
    private readonly limits: RequestLimits,
  ) {}

  async invite(
    principal: Principal,
    request: InvitationRequest,
    client: ClientInfo,
  ): Promise<CreatedInvitation> {
    const grant = grantFrom(request);
    await this.limits.consume('invitation', client.ip);
    return this.dataSource.transaction(async (tx) => {
      const scope = await grantScope(tx, grant);
      if (!scope) throw new NotFoundError();
      const decision = mayGrant(principal, grant);
      if (decision === 'not_found') throw new NotFoundError();
      if (decision === 'forbidden') throw new ForbiddenError('role_not_grantable');
      // Until staff have checked that an organisation is real, it cannot make the app mail
      // strangers: its name and its members' names would be words of a stranger's choosing.
      if (!scope.verified) throw new BusinessRuleError('organisation_not_verified');

      const invitee = await this.findOrCreateInvitee(tx, request);
      if (invitee.status !== 'invited' && invitee.status !== 'active')
        throw new ConflictError('account_unavailable');
      if (await holdsGrant(tx, invitee.id, grant)) throw new ConflictError('role_already_held');

      const link = await issueLink(tx, this.secretLinks, {
        purpose: 'invitation',
        userId: invitee.id,
        createdBy: principal.userId,
        grant,
      });
      await this.outbox.addNotice(tx, `invitation:${link.id}`, {
        kind: 'invitation',
        recipient: {
          userId: invitee.id,
          email: invitee.email,
          name: invitee.display_name,
          locale: invitee.language,
        },
        ...(grant.role === 'carrier' ? {} : { district: { name: scope.name } }),
        data: {
          inviter: { name: principal.displayName },
          ...(grant.role === 'carrier' ? { organisation: { name: scope.name } } : {}),
          expiresAt: link.expiresAt.toISOString(),
        },
        secretLink: link.ref,
      });
      await recordAudit(tx, {
        entityType: 'invitation',
        entityId: link.id,
        action: 'invitation_created',
        actorId: principal.userId,
        districtId: grant.role === 'carrier' ? null : grant.districtId,
        payload: { userId: invitee.id, newAccount: invitee.created, ...grantFacts(grant) },
        requestId: client.requestId,
      });
      return { id: link.id, email: invitee.email, expiresAt: link.expiresAt };
    });
  }

  /** What the invitation page shows before the person accepts. */
  async describe(token: string): Promise<InvitationView> {
    const [row] = (await this.dataSource.query(
      `SELECT t.grant_role, t.expires_at, u.email, u.display_name, u.password_hash IS NOT NULL AS account_exists,
              o.name AS organisation_name, d.name AS district_name
       FROM one_time_token t
       JOIN app_user u ON u.id = t.user_id
       LEFT JOIN organisation o ON o.id = t.grant_organisation_id
       LEFT JOIN district d ON d.id = t.grant_district_id
       WHERE t.token_hash = $1 AND t.purpose = 'invitation' AND t.used_at IS NULL AND t.expires_at > now()
         AND u.status IN ('invited', 'active')`,
      [hashSecret(token)],
    )) as {
      grant_role: AppRole;
      expires_at: Date;
      email: string;
      display_name: string;
      account_exists: boolean;
      organisation_name: string | null;
      district_name: string | null;
    }[];
    if (!row) throw new GoneError('link_invalid');
    return {
      email: row.email,
      displayName: row.display_name,
      role: row.grant_role,
      ...(row.organisation_name === null ? {} : { organisationName: row.organisation_name }),
      ...(row.district_name === null ? {} : { districtName: row.district_name }),
      expiresAt: row.expires_at,
      accountExists: row.account_exists,
    };
  }

  /**
   * Accepting sets the password of a new account (or, for an existing one, confirms its current
   * password: an invitation link is no way around it), applies the grant, uses up the link and
   * signs the person in, all in one transaction.
   */
  async accept(
    token: string,
    password: string,
    client: ClientInfo,
  ): Promise<{ principal: Principal; token: string }> {
    const [invitee] = (await this.dataSource.query(
      `SELECT u.id, u.email, u.display_name, u.language, u.status, u.password_hash
       FROM one_time_token t JOIN app_user u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND t.purpose = 'invitation' AND t.used_at IS NULL AND t.expires_at > now()`,
      [hashSecret(token)],
    )) as InviteeRow[];
    if (!invitee || (invitee.status !== 'invited' && invitee.status !== 'active'))
      throw new GoneError('link_invalid');

    // The slow hashing happens before the transaction, so no row lock waits for it.
    const newHash = invitee.password_hash === null ? await this.newPasswordHash(password) : null;
    if (newHash === null) await this.confirmCurrentPassword(invitee, password, client);

    return this.dataSource.transaction(async (tx) => {
      const link = await claimLink(tx, 'invitation', token);
      if (!link?.grant || link.userId !== invitee.id) throw new GoneError('link_invalid');
      const inviter = link.createdBy ? await loadPrincipal(tx, link.createdBy, 'session') : null;
      if (!inviter || mayGrant(inviter, link.grant) !== 'allowed') throw new GoneError('link_invalid');

      const activated = await queryRows<{ id: string }>(
        tx,
        `UPDATE app_user SET status = 'active', password_hash = coalesce($2, password_hash)
         WHERE id = $1 AND status IN ('invited', 'active') AND password_hash IS NOT DISTINCT FROM $3
         RETURNING id`,
        [invitee.id, newHash, invitee.password_hash],
      );
      // Another invitation of the same person was accepted in between and set a password.
      if (activated.length === 0) throw new ConflictError('conflict');

      await applyGrant(tx, invitee.id, link.grant);
      await recordAudit(tx, {
        entityType: 'user',
        entityId: invitee.id,
        action: 'role_granted',
        actorId: invitee.id,
        districtId: link.grant.role === 'carrier' ? null : link.grant.districtId,
        payload: { ...grantFacts(link.grant), invitationId: link.id, grantedBy: link.createdBy },
        requestId: client.requestId,
      });
      await recordAudit(tx, {
        entityType: 'invitation',
        entityId: link.id,
        action: 'invitation_accepted',
        actorId: invitee.id,
        payload: { userId: invitee.id, activated: invitee.status === 'invited' },
        requestId: client.requestId,
      });

      const session = await this.sessions.create(tx, invitee.id, client);
      await recordAudit(tx, {
        entityType: 'user',
        entityId: invitee.id,
        action: 'login',
        actorId: invitee.id,
        payload: { ip: client.ip, sessionId: session.sessionId, via: 'invitation' },
        requestId: client.requestId,
      });
      const principal = await loadPrincipal(tx, invitee.id, 'session');
      return {
        principal: { ...principal!, sessionId: session.sessionId, csrfToken: session.csrfToken },
        token: session.token,
      };
    });
  }

  private async newPasswordHash(password: string): Promise<string> {
    const problems = passwordProblems(password);
    if (problems.length > 0) throw new ValidationError(problems);
    return hashPassword(password);
  }

  /** The same guard as signing in: counted failures, and a lock after too many. */
  private async confirmCurrentPassword(
    invitee: InviteeRow,
    password: string,
    client: ClientInfo,
  ): Promise<void> {
    const attempt = { email: invitee.email, ip: client.ip, deviceId: null };
    await assertMayTry(this.dataSource.manager, attempt);
    if (await verifyPassword(invitee.password_hash, password)) {
      await recordSuccess(this.dataSource.manager, attempt);
      return;
    }
    await recordFailure(this.dataSource.manager, attempt);
    throw new UnauthenticatedError('invalid_credentials');
  }

  private async findOrCreateInvitee(
    tx: EntityManager,
    request: InvitationRequest,
  ): Promise<InviteeRow & { created: boolean }> {
    // Two invitations of a new address at once: one inserts, the other finds that row.
    const [created] = (await tx.query(
      `INSERT INTO app_user (email, display_name, language, status) VALUES ($1, $2, $3, 'invited')
       ON CONFLICT ((lower(email))) DO NOTHING
       RETURNING id, email, display_name, language, status, password_hash`,
      [request.email, request.displayName, request.language],
    )) as InviteeRow[];
    if (created) return { ...created, created: true };
    const [existing] = (await tx.query(
      `SELECT id, email, display_name, language, status, password_hash FROM app_user WHERE lower(email) = lower($1)`,
      [request.email],
    )) as InviteeRow[];
    return { ...existing!, created: false };
  }
}

/** The district or organisation the grant is for, with its name for the mail; null if it does not exist. */
async function grantScope(
  tx: EntityManager,
  grant: Grant,
): Promise<{ name: string; verified: boolean } | null> {
  const [row] = (await tx.query(
    grant.role === 'carrier'
      ? `SELECT name, verified_at IS NOT NULL AS verified FROM organisation WHERE id = $1`
      : `SELECT name, true AS verified FROM district WHERE id = $1`,
    [grant.role === 'carrier' ? grant.organisationId : grant.districtId],
  )) as { name: string; verified: boolean }[];
  return row ?? null;
}

async function holdsGrant(tx: EntityManager, userId: string, grant: Grant): Promise<boolean> {
  const rows = (await tx.query(
    grant.role === 'carrier'
      ? `SELECT 1 FROM organisation_member WHERE user_id = $1 AND organisation_id = $2`
      : `SELECT 1 FROM role_assignment WHERE user_id = $1 AND district_id = $2 AND role = $3`,
    grant.role === 'carrier' ? [userId, grant.organisationId] : [userId, grant.districtId, grant.role],
  )) as unknown[];
  return rows.length > 0;
}

async function applyGrant(tx: EntityManager, userId: string, grant: Grant): Promise<void> {
  if (grant.role === 'carrier') {
    await tx.query(
      `INSERT INTO organisation_member (organisation_id, user_id, is_admin) VALUES ($1, $2, false)
       ON CONFLICT (organisation_id, user_id) DO NOTHING`,
      [grant.organisationId, userId],
    );
    return;
  }
  await tx.query(
    `INSERT INTO role_assignment (user_id, role, district_id) VALUES ($1, $2, $3)
     ON CONFLICT ON CONSTRAINT role_assignment_unique DO NOTHING`,
    [userId, grant.role, grant.districtId],
  );
}

function grantFacts(grant: Grant): Record<string, string> {
  return grant.role === 'carrier'
    ? { role: grant.role, organisationId: grant.organisationId }
    : { role: grant.role, districtId: grant.districtId };
}
