import { type LifecycleRole, NotFoundError } from '@kiezfonds/domain';
import { districtsWhere, type Principal, type StaffRole } from '@kiezfonds/identity';
import type { EntityManager, DataSource } from 'typeorm';
import { APPLICATIONS_ERROR_CODES } from '../applications.exception';

export type Db = DataSource | EntityManager;

/** Staff who see a district's applications once they are submitted. */
const STAFF_ROLES: readonly StaffRole[] = ['coordinator', 'finance', 'admin'];

/**
 * Board members see what the committee deals with: applications from the review on, not the
 * formal check's back-and-forth and not what ended before it.
 */
export const BOARD_VISIBLE_STATES = [
  'in_review',
  'in_planning',
  'selected',
  'waitlisted',
  'approved',
  'in_implementation',
  'final_report_submitted',
  'completed',
  'revoked',
] as const;

/**
 * The Senate sees what the districts sent it: applications from programme planning on, in every
 * district, never drafts, the formal check or the committee's review.
 */
export const SENATE_VISIBLE_STATES = [
  'in_planning',
  'selected',
  'waitlisted',
  'approved',
  'in_implementation',
  'final_report_submitted',
  'completed',
  'revoked',
] as const;

export interface ScopedApplication {
  id: string;
  reference: string;
  title: string;
  state: string;
  version: number;
  callId: string;
  districtId: string;
  organisationId: string;
}

/**
 * The one place deciding which applications a caller sees (ARCHITECTURE.md, "Access"): carriers
 * their organisations' (drafts included), staff their districts' once submitted (a draft is the
 * carrier's own work until it is sent), board members what reached the committee. Everything else
 * answers 404 as if it did not exist.
 */
export class ApplicationScope {
  readonly organisationIds: readonly string[];
  readonly staffDistrictIds: readonly string[];
  readonly boardDistrictIds: readonly string[];
  readonly senateDistrictIds: readonly string[];

  private constructor(readonly principal: Principal) {
    this.organisationIds = principal.organisations.map((o) => o.organisationId);
    this.staffDistrictIds = districtsWhere(principal, ...STAFF_ROLES);
    this.boardDistrictIds = districtsWhere(principal, 'board_member');
    this.senateDistrictIds = districtsWhere(principal, 'senate');
  }

  static of(principal: Principal): ApplicationScope {
    return new ApplicationScope(principal);
  }

  /**
   * An SQL condition on `a` (application) joined with `c` (its call); `$n` placeholders from
   * `first` on are bound to `params()`.
   */
  condition(first: number): string {
    const [orgs, staff, board, boardStates, senate, senateStates] = [0, 1, 2, 3, 4, 5].map(
      (n) => `$${first + n}`,
    );
    return `(a.organisation_id = ANY(${orgs}::uuid[])
      OR (c.district_id = ANY(${staff}::uuid[]) AND a.state <> 'draft')
      OR (c.district_id = ANY(${board}::uuid[]) AND a.state = ANY(${boardStates}::text[]))
      OR (c.district_id = ANY(${senate}::uuid[]) AND a.state = ANY(${senateStates}::text[])))`;
  }

  params(): unknown[] {
    return [
      this.organisationIds,
      this.staffDistrictIds,
      this.boardDistrictIds,
      [...BOARD_VISIBLE_STATES],
      this.senateDistrictIds,
      [...SENATE_VISIBLE_STATES],
    ];
  }

  /** The application, optionally locked for a command; 404 when the caller may not see it. */
  async application(db: Db, id: string, options: { lock?: boolean } = {}): Promise<ScopedApplication> {
    const rows = (await db.query(
      `SELECT a.id, a.reference, a.title, a.state, a.version, a.call_id, c.district_id, a.organisation_id
       FROM application a JOIN call c ON c.id = a.call_id
       WHERE a.id = $1 AND ${this.condition(2)}
       ${options.lock ? 'FOR UPDATE OF a' : ''}`,
      [id, ...this.params()],
    )) as {
      id: string;
      reference: string;
      title: string;
      state: string;
      version: number;
      call_id: string;
      district_id: string;
      organisation_id: string;
    }[];
    const row = rows[0];
    if (!row) throw new NotFoundError(APPLICATIONS_ERROR_CODES.applicationNotFound);
    return {
      id: row.id,
      reference: row.reference,
      title: row.title,
      state: row.state,
      version: row.version,
      callId: row.call_id,
      districtId: row.district_id,
      organisationId: row.organisation_id,
    };
  }

  /** The caller's roles for one application, as the lifecycle machine's guards read them. */
  rolesFor(application: { districtId: string; organisationId: string }): LifecycleRole[] {
    const roles: LifecycleRole[] = [];
    if (this.organisationIds.includes(application.organisationId)) roles.push('carrier');
    for (const r of this.principal.roles) {
      if (r.districtId === application.districtId && !roles.includes(r.role)) roles.push(r.role);
    }
    return roles;
  }

  isStaffOf(districtId: string, ...roles: StaffRole[]): boolean {
    return this.principal.roles.some((r) => r.districtId === districtId && roles.includes(r.role));
  }

  isCarrierOf(organisationId: string): boolean {
    return this.organisationIds.includes(organisationId);
  }

  /** `condition()` for an application already read: the same rule, for a command that loads once. */
  sees(application: { organisationId: string; districtId: string; state: string }): boolean {
    return (
      this.organisationIds.includes(application.organisationId) ||
      (this.staffDistrictIds.includes(application.districtId) && application.state !== 'draft') ||
      (this.boardDistrictIds.includes(application.districtId) &&
        (BOARD_VISIBLE_STATES as readonly string[]).includes(application.state)) ||
      (this.senateDistrictIds.includes(application.districtId) &&
        (SENATE_VISIBLE_STATES as readonly string[]).includes(application.state))
    );
  }
}
