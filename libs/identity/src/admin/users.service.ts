import { pageOf } from '@kiezfonds/platform';
import { Injectable } from '@nestjs/common';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '@kiezfonds/domain';
import { queryRows, recordAudit } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import type { DistrictRole } from '../auth/access';
import type { ClientInfo } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { SessionService } from '../auth/session.service';
import { containsPattern } from '../account/dtos/common';
import type { ListUsersQueryDto } from './dtos/users.dto';
import { pseudonymiseAccount } from './pseudonymisation';
import { mayAssignRole } from './role-rules';
import { type ScopedUser, UserScope } from './scope';

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  status: string;
  /** Only the roles in the caller's districts: other districts' staffing is not theirs to see. */
  roles: { role: DistrictRole; districtId: string }[];
  organisations: { organisationId: string; name: string; isAdmin: boolean }[];
}

/** Who may list users and grant roles; status changes and pseudonymisation are for admins alone. */
const STAFF: readonly DistrictRole[] = ['admin', 'coordinator'];
const ADMINS: readonly DistrictRole[] = ['admin'];

function assertMayAssign(principal: Principal, role: DistrictRole, districtId: string): void {
  const decision = mayAssignRole(principal, role, districtId);
  if (decision === 'not_found') throw new NotFoundError();
  if (decision === 'forbidden') throw new ForbiddenError('role_not_grantable');
}

/** User and role administration for admins and coordinators, inside their districts. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
  ) {}

  async list(
    principal: Principal,
    query: ListUsersQueryDto,
  ): Promise<{ items: UserSummary[]; total: number }> {
    const scope = UserScope.of(principal, STAFF);
    if (query.districtId && !scope.covers(query.districtId)) throw new NotFoundError();
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where = [scope.condition('u', bind(scope.districtIds))];
    if (query.districtId) {
      where.push(
        `EXISTS (SELECT 1 FROM role_assignment fr WHERE fr.user_id = u.id AND fr.district_id = ${bind(query.districtId)})`,
      );
    }
    if (query.q) {
      const pattern = bind(containsPattern(query.q));
      where.push(`(u.display_name ILIKE ${pattern} OR u.email ILIKE ${pattern})`);
    }
    if (query.status) where.push(`u.status = ${bind(query.status)}`);

    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM app_user u WHERE ${where.join(' AND ')}`,
      params,
    )) as [{ total: number }];
    const { limit, offset } = pageOf(query);
    const rows = (await this.dataSource.query(
      `SELECT u.id FROM app_user u WHERE ${where.join(' AND ')}
       ORDER BY lower(u.display_name), u.id LIMIT ${bind(limit)} OFFSET ${bind(offset)}`,
      params,
    )) as { id: string }[];
    return {
      items: await this.summaries(
        this.dataSource,
        scope,
        rows.map((r) => r.id),
      ),
      total,
    };
  }

  async grantRole(
    principal: Principal,
    userId: string,
    role: DistrictRole,
    districtId: string,
    client: ClientInfo,
  ): Promise<UserSummary> {
    assertMayAssign(principal, role, districtId);
    const scope = UserScope.of(principal, STAFF);
    return this.dataSource.transaction(async (tx) => {
      const user = await scope.findUser(tx, userId, { lock: true });
      if (user.status === 'pseudonymised') throw new ConflictError('user_pseudonymised');
      const inserted = (await tx.query(
        `INSERT INTO role_assignment (user_id, role, district_id) VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT role_assignment_unique DO NOTHING RETURNING id`,
        [userId, role, districtId],
      )) as unknown[];
      if (inserted.length === 0) throw new ConflictError('role_already_held');
      await recordAudit(tx, {
        entityType: 'user',
        entityId: userId,
        action: 'role_granted',
        actorId: principal.userId,
        districtId,
        payload: { role },
        requestId: client.requestId,
      });
      const [summary] = await this.summaries(tx, scope, [userId]);
      return summary!;
    });
  }

  async revokeRole(
    principal: Principal,
    userId: string,
    role: DistrictRole,
    districtId: string,
    client: ClientInfo,
  ): Promise<void> {
    assertMayAssign(principal, role, districtId);
    const scope = UserScope.of(principal, STAFF);
    await this.dataSource.transaction(async (tx) => {
      await scope.findUser(tx, userId);
      if (role === 'admin') {
        // Serialises concurrent revocations of one district's admins, so two of them cannot
        // remove each other and leave the district without anyone to administer it.
        await tx.query(`SELECT id FROM district WHERE id = $1 FOR UPDATE`, [districtId]);
      }
      const removed = await queryRows(
        tx,
        `DELETE FROM role_assignment WHERE user_id = $1 AND role = $2 AND district_id = $3 RETURNING id`,
        [userId, role, districtId],
      );
      if (removed.length === 0) throw new NotFoundError();
      if (role === 'admin') {
        const [left] = (await tx.query(
          `SELECT count(*)::int AS n FROM role_assignment r JOIN app_user u ON u.id = r.user_id
           WHERE r.district_id = $1 AND r.role = 'admin' AND u.status = 'active'`,
          [districtId],
        )) as { n: number }[];
        if (left!.n === 0) throw new ConflictError('last_admin');
      }
      await recordAudit(tx, {
        entityType: 'user',
        entityId: userId,
        action: 'role_revoked',
        actorId: principal.userId,
        districtId,
        payload: { role },
        requestId: client.requestId,
      });
    });
  }

  /** Disabling ends every session and revokes every API token at once. */
  async changeStatus(
    principal: Principal,
    userId: string,
    status: 'active' | 'disabled',
    client: ClientInfo,
  ): Promise<UserSummary> {
    const scope = UserScope.of(principal, ADMINS);
    return this.dataSource.transaction(async (tx) => {
      const user = await this.manageableUser(tx, scope, principal, userId);
      if (user.status === status) return (await this.summaries(tx, scope, [userId]))[0]!;
      // An invited account becomes active by accepting its invitation, not by an admin's click.
      const allowed = status === 'disabled' ? ['active', 'invited', 'unverified'] : ['disabled'];
      if (!allowed.includes(user.status))
        throw new ConflictError(
          user.status === 'pseudonymised' ? 'user_pseudonymised' : 'status_change_not_allowed',
        );
      await tx.query(`UPDATE app_user SET status = $2 WHERE id = $1`, [userId, status]);
      const ended =
        status === 'disabled' ? await this.sessions.endAllAccess(tx, userId) : { sessions: 0, tokens: 0 };
      await recordAudit(tx, {
        entityType: 'user',
        entityId: userId,
        action: 'user_status_changed',
        actorId: principal.userId,
        fromState: user.status,
        toState: status,
        payload: { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens },
        requestId: client.requestId,
      });
      return (await this.summaries(tx, scope, [userId]))[0]!;
    });
  }

  /** Replaces what identifies the person (`pseudonymiseAccount`), recorded in the audit trail. */
  async pseudonymise(principal: Principal, userId: string, client: ClientInfo): Promise<UserSummary> {
    const scope = UserScope.of(principal, ADMINS);
    return this.dataSource.transaction(async (tx) => {
      const user = await this.manageableUser(tx, scope, principal, userId);
      if (user.status === 'pseudonymised') throw new ConflictError('user_pseudonymised');
      const ended = await pseudonymiseAccount(tx, this.sessions, { id: userId, email: user.email });
      await recordAudit(tx, {
        entityType: 'user',
        entityId: userId,
        action: 'user_pseudonymised',
        actorId: principal.userId,
        fromState: user.status,
        toState: 'pseudonymised',
        payload: {
          sessionsEnded: ended.sessions,
          tokensRevoked: ended.tokens,
          notificationsDeleted: ended.notifications,
        },
        requestId: client.requestId,
      });
      return (await this.summaries(tx, scope, [userId]))[0]!;
    });
  }

  /** The target of a whole-account change: visible, wholly inside the caller's districts, not the caller. */
  private async manageableUser(
    tx: EntityManager,
    scope: UserScope,
    principal: Principal,
    userId: string,
  ): Promise<ScopedUser> {
    const user = await scope.findUser(tx, userId, { lock: true });
    if (user.id === principal.userId) throw new BusinessRuleError('own_account_not_allowed');
    if (!scope.managesWholeAccount(user)) throw new ForbiddenError('account_managed_elsewhere');
    return user;
  }

  private async summaries(
    db: DataSource | EntityManager,
    scope: UserScope,
    ids: string[],
  ): Promise<UserSummary[]> {
    if (ids.length === 0) return [];
    const users = (await db.query(
      `SELECT id, email, display_name, status FROM app_user WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as { id: string; email: string; display_name: string; status: string }[];
    const roles = (await db.query(
      `SELECT user_id, role, district_id FROM role_assignment
       WHERE user_id = ANY($1::uuid[]) AND district_id = ANY($2::uuid[]) ORDER BY role, district_id`,
      [ids, scope.districtIds],
    )) as { user_id: string; role: DistrictRole; district_id: string }[];
    const memberships = (await db.query(
      `SELECT m.user_id, m.organisation_id, o.name, m.is_admin
       FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
       WHERE m.user_id = ANY($1::uuid[]) ORDER BY o.name`,
      [ids],
    )) as { user_id: string; organisation_id: string; name: string; is_admin: boolean }[];
    const byId = new Map(users.map((u) => [u.id, u]));
    return ids.flatMap((id) => {
      const user = byId.get(id);
      if (!user) return [];
      return [
        {
          id,
          email: user.email,
          displayName: user.display_name,
          status: user.status,
          roles: roles
            .filter((r) => r.user_id === id)
            .map((r) => ({ role: r.role, districtId: r.district_id })),
          organisations: memberships
            .filter((m) => m.user_id === id)
            .map((m) => ({ organisationId: m.organisation_id, name: m.name, isAdmin: m.is_admin })),
        },
      ];
    });
  }
}
