import { NotFoundError } from '@kiezfonds/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { DistrictRole } from '../auth/access';
import { districtsWhere, hasRole, type Principal } from '../auth/principal';

/**
 * The one place that decides which users and organisations a caller may see and manage
 * (ARCHITECTURE.md, "Districts"): controllers and services ask these helpers, and never compose
 * district conditions of their own.
 *
 * Users: district staff see the users who hold a role in one of their districts, plus every
 * member of a carrier organisation, because organisations are Berlin-wide and apply in any
 * district. Staff of another district stay invisible (404), and so do accounts without any role
 * or membership (they come back through an invitation).
 *
 * Organisations: coordinators and admins of any district see all of them; a carrier sees the
 * organisations it is a member of.
 */
export class UserScope {
  private constructor(readonly districtIds: readonly string[]) {}

  /** The districts in which the caller holds one of `roles`. */
  static of(principal: Principal, roles: readonly DistrictRole[]): UserScope {
    return new UserScope(districtsWhere(principal, ...roles));
  }

  covers(districtId: string): boolean {
    return this.districtIds.includes(districtId);
  }

  /**
   * An SQL condition: the user `alias` is inside this scope. `districts` is the placeholder the
   * caller bound to `this.districtIds` (a uuid[] parameter).
   */
  condition(alias: string, districts: string): string {
    return `(EXISTS (SELECT 1 FROM role_assignment sr WHERE sr.user_id = ${alias}.id AND sr.district_id = ANY(${districts}::uuid[]))
      OR EXISTS (SELECT 1 FROM organisation_member sm WHERE sm.user_id = ${alias}.id))`;
  }

  /** The user, locked for the caller's transaction when `lock` is set; 404 outside the scope. */
  async findUser(
    db: DataSource | EntityManager,
    userId: string,
    options: { lock?: boolean } = {},
  ): Promise<ScopedUser> {
    const [row] = (await db.query(
      `SELECT u.id, u.email, u.display_name, u.status,
              ARRAY(SELECT DISTINCT r.district_id::text FROM role_assignment r WHERE r.user_id = u.id) AS districts
       FROM app_user u WHERE u.id = $1 AND ${this.condition('u', '$2')}
       ${options.lock ? 'FOR UPDATE OF u' : ''}`,
      [userId, this.districtIds],
    )) as { id: string; email: string; display_name: string; status: string; districts: string[] }[];
    if (!row) throw new NotFoundError();
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      status: row.status,
      roleDistrictIds: row.districts,
    };
  }

  /**
   * Whether changing the whole account (status, pseudonymisation) stays inside the scope: a
   * visible carrier who also holds a role in another district is that district's staff member too,
   * and another district's admin must not lock them out of it.
   */
  managesWholeAccount(user: ScopedUser): boolean {
    return user.roleDistrictIds.every((id) => this.covers(id));
  }

  /**
   * {@link managesWholeAccount} as an SQL condition on the user `alias` inside the scope: the user
   * holds no role outside the caller's districts (a Senate role, held without a district, is
   * outside every district's scope). `districts` is bound as in {@link condition}.
   */
  wholeAccountCondition(alias: string, districts: string): string {
    return `(${this.condition(alias, districts)}
      AND NOT EXISTS (SELECT 1 FROM role_assignment wr WHERE wr.user_id = ${alias}.id
        AND (wr.district_id IS NULL OR NOT wr.district_id = ANY(${districts}::uuid[]))))`;
  }
}

export interface ScopedUser {
  id: string;
  email: string;
  displayName: string;
  status: string;
  /** Every district in which the user holds a role, also outside the scope. */
  roleDistrictIds: string[];
}

export class OrganisationScope {
  private constructor(
    /** True for coordinators and admins (of any district). */
    readonly all: boolean,
    /** The organisations the caller is a member of. */
    readonly memberOf: readonly string[],
  ) {}

  static of(principal: Principal): OrganisationScope {
    return new OrganisationScope(
      hasRole(principal, 'coordinator') || hasRole(principal, 'admin'),
      principal.organisations.map((o) => o.organisationId),
    );
  }

  covers(organisationId: string): boolean {
    return this.all || this.memberOf.includes(organisationId);
  }

  /** An SQL condition: the organisation `alias` is visible; `ids` is bound to `this.memberOf`. */
  condition(alias: string, ids: string): string {
    return `(${this.all ? 'true' : 'false'} OR ${alias}.id = ANY(${ids}::uuid[]))`;
  }
}
