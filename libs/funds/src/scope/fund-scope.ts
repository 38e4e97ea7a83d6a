import { type FundKind, NotFoundError } from '@kiezfonds/domain';
import { districtsWhere, type Principal, type StaffRole } from '@kiezfonds/identity';
import { FUNDS_ERROR_CODES } from '../funds.exception';
import type { Fund } from '../funds/fund.service';
import type { Db } from '../balances/balance-rows';

/** Who books and reads the funds of a district (issue 5): its finance staff and admins. */
export const FUND_STAFF_ROLES: readonly StaffRole[] = ['finance', 'admin'];

/**
 * Who may read a district's funds and balances without booking anything: its finance staff and
 * admins, and the Senate (issue 21), which holds its role in every district.
 */
export const FUND_READER_ROLES: readonly StaffRole[] = ['finance', 'admin', 'senate'];

/** Who sees the double-funding warnings of an application: the district's coordinators, and finance and admins. */
export const DOUBLE_FUNDING_ROLES: readonly StaffRole[] = ['coordinator', 'finance', 'admin'];

export interface ScopedEntry {
  id: string;
  fundId: string;
  districtId: string;
  fundKind: FundKind;
  applicationId: string | null;
}

export interface ScopedApplication {
  id: string;
  districtId: string;
  organisationId: string;
}

/**
 * The one place that decides which funds, ledger entries, districts and applications a caller
 * may see (ARCHITECTURE.md, "Districts"): those of the districts where the caller holds one of the
 * roles. Everything else answers 404, exactly as a record that does not exist, so another
 * district's funds cannot even be probed. Controllers and services ask this class and never
 * compose district conditions of their own.
 */
export class FundScope {
  private constructor(readonly districtIds: readonly string[]) {}

  static of(principal: Principal, roles: readonly StaffRole[] = FUND_STAFF_ROLES): FundScope {
    return new FundScope(districtsWhere(principal, ...roles));
  }

  covers(districtId: string): boolean {
    return this.districtIds.includes(districtId);
  }

  /** The district itself: 404 (`not_found`) unless the caller works there. */
  district(districtId: string): string {
    if (!this.covers(districtId)) throw new NotFoundError();
    return districtId;
  }

  /**
   * An SQL condition: the row `alias` (with a `district_id` column) lies inside the scope;
   * `districts` is the placeholder the caller bound to `this.districtIds` (a uuid[] parameter).
   */
  condition(alias: string, districts: string): string {
    return `${alias}.district_id = ANY(${districts}::uuid[])`;
  }

  /** The fund, or 404 `fund_not_found` when it does not exist or belongs to another district. */
  async fund(db: Db, fundId: string): Promise<Fund> {
    const [row] = (await db.query(
      `SELECT f.id, f.district_id, f.kind, f.area_id, f.name FROM fund f
       WHERE f.id = $1 AND ${this.condition('f', '$2')}`,
      [fundId, this.districtIds],
    )) as { id: string; district_id: string; kind: FundKind; area_id: string | null; name: string }[];
    if (!row) throw new NotFoundError(FUNDS_ERROR_CODES.fundNotFound);
    return { id: row.id, districtId: row.district_id, kind: row.kind, areaId: row.area_id, name: row.name };
  }

  /** The ledger entry, or 404 `ledger_entry_not_found` outside the scope. */
  async entry(db: Db, entryId: string): Promise<ScopedEntry> {
    const [row] = (await db.query(
      `SELECT e.id, e.fund_id, f.district_id, e.fund_kind, e.application_id
       FROM ledger_entry e JOIN fund f ON f.id = e.fund_id
       WHERE e.id = $1 AND ${this.condition('f', '$2')}`,
      [entryId, this.districtIds],
    )) as {
      id: string;
      fund_id: string;
      district_id: string;
      fund_kind: FundKind;
      application_id: string | null;
    }[];
    if (!row) throw new NotFoundError(FUNDS_ERROR_CODES.ledgerEntryNotFound);
    return {
      id: row.id,
      fundId: row.fund_id,
      districtId: row.district_id,
      fundKind: row.fund_kind,
      applicationId: row.application_id,
    };
  }

  /**
   * The application with the district of its call, or 404 `application_not_found` outside the
   * scope; a draft is the carrier's alone and 404 to staff, as on `GET /applications/:id`.
   */
  async application(db: Db, applicationId: string): Promise<ScopedApplication> {
    const [row] = (await db.query(
      `SELECT a.id, c.district_id, a.organisation_id FROM application a JOIN call c ON c.id = a.call_id
       WHERE a.id = $1 AND a.state <> 'draft' AND ${this.condition('c', '$2')}`,
      [applicationId, this.districtIds],
    )) as { id: string; district_id: string; organisation_id: string }[];
    if (!row) throw new NotFoundError(FUNDS_ERROR_CODES.applicationNotFound);
    return { id: row.id, districtId: row.district_id, organisationId: row.organisation_id };
  }
}
