import { Injectable } from '@nestjs/common';
import { type FundKind, NotFoundError } from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { recordAudit } from '@kiezfonds/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { Db } from '../balances/balance-rows';
import { FUNDS_ERROR_CODES } from '../funds.exception';
import { DOUBLE_FUNDING_ROLES, FundScope } from '../scope/fund-scope';

export const DOUBLE_FUNDING_WARNING = 'double_funding_warning';

/**
 * A tracked project, or a project of an earlier year imported from a file (`imported`, issue 21),
 * of the same carrier whose period overlaps the application's. Carriers are
 * Berlin-wide and double funding does not stop at district borders, so projects of other districts
 * count too; of those only kind, district and period are shown (a district's staff see nothing
 * else of another district), the id is kept for the record.
 */
export interface DoubleFundingMatch {
  /** The tracked project's id, or the imported project's when `imported`. */
  trackedProjectId: string;
  /** Imported from a file of earlier years (docs/api/past-projects.md): no fund row, `fundId` is null. */
  imported: boolean;
  districtId: string;
  districtName: string;
  /** False for a project of another district: title, fund, area and amount are then withheld (null). */
  sameDistrict: boolean;
  fundKind: FundKind;
  fundId: string | null;
  fundName: string | null;
  title: string | null;
  areaName: string | null;
  periodStart: string;
  periodEnd: string;
  amountCents: string | null;
}

export interface DoubleFundingReport {
  applicationId: string;
  organisationId: string;
  /** The application's funding period; while it is unknown (a draft) nothing can overlap. */
  periodStart: string | null;
  periodEnd: string | null;
  matches: DoubleFundingMatch[];
}

/** A warning as recorded in the audit trail when the application was submitted or approved. */
export interface RecordedDoubleFundingWarning {
  occurredAt: Date;
  actorId: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  trackedProjectIds: string[];
}

/** The application as its lifecycle command has already read (and locked) it. */
export interface DoubleFundingSubject {
  id: string;
  districtId: string;
  organisationId: string;
  periodStart: string | null;
  periodEnd: string | null;
}

export interface DoubleFundingActor {
  /** Null when the system acts (a scheduled transition). */
  actorId: string | null;
  requestId?: string | null;
}

interface ApplicationRow {
  id: string;
  district_id: string;
  organisation_id: string;
  period_start: string | null;
  period_end: string | null;
}

interface MatchRow {
  id: string;
  imported: boolean;
  district_id: string;
  district_name: string;
  fund_id: string | null;
  fund_kind: FundKind;
  fund_name: string | null;
  title: string;
  area_name: string;
  period_start: string;
  period_end: string;
  amount_cents: string;
}

/**
 * The double-funding check (Doppelförderung, DOMAIN.md): the same carrier must not be paid twice
 * for the same purpose and period. When a Netzwerkfonds application is submitted or approved, the
 * lifecycle calls `check` inside its transaction; the coordinator sees the matches as a warning
 * (the decision stays a human one: an overlapping period is a hint, not proof of the same
 * purpose) and the warning is recorded in the audit trail with the matching project ids.
 */
@Injectable()
export class DoubleFundingService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Lists the matches and records a warning when there are any; the caller's transaction commits
   * both. The application by id, or as the caller has read it.
   */
  async check(
    tx: EntityManager,
    subject: string | DoubleFundingSubject,
    actor: DoubleFundingActor,
  ): Promise<DoubleFundingReport> {
    // A lifecycle command passes the application it has read under its lock: reading it again
    // here was a round trip on every submission for nothing (issue 18).
    const application: ApplicationRow =
      typeof subject === 'string'
        ? await this.application(tx, subject)
        : {
            id: subject.id,
            district_id: subject.districtId,
            organisation_id: subject.organisationId,
            period_start: subject.periodStart,
            period_end: subject.periodEnd,
          };
    const report = await this.report(tx, application);
    if (report.matches.length > 0) {
      await recordAudit(tx, {
        entityType: 'application',
        entityId: application.id,
        action: DOUBLE_FUNDING_WARNING,
        actorId: actor.actorId,
        districtId: application.district_id,
        requestId: actor.requestId ?? null,
        payload: {
          organisationId: application.organisation_id,
          periodStart: application.period_start,
          periodEnd: application.period_end,
          trackedProjectIds: report.matches.map((m) => m.trackedProjectId),
        },
      });
    }
    return report;
  }

  /** The current matches, without recording anything. */
  async find(applicationId: string, db: Db = this.dataSource): Promise<DoubleFundingReport> {
    return this.report(db, await this.application(db, applicationId));
  }

  /** The warnings recorded so far, newest first. */
  async recorded(applicationId: string, db: Db = this.dataSource): Promise<RecordedDoubleFundingWarning[]> {
    const rows = (await db.query(
      `SELECT occurred_at, actor_id, payload FROM audit_event
       WHERE entity_type = 'application' AND entity_id = $1 AND action = $2
       ORDER BY occurred_at DESC, id`,
      [applicationId, DOUBLE_FUNDING_WARNING],
    )) as {
      occurred_at: Date;
      actor_id: string | null;
      payload: { periodStart?: string | null; periodEnd?: string | null; trackedProjectIds?: string[] };
    }[];
    return rows.map((row) => ({
      occurredAt: row.occurred_at,
      actorId: row.actor_id,
      periodStart: row.payload.periodStart ?? null,
      periodEnd: row.payload.periodEnd ?? null,
      trackedProjectIds: row.payload.trackedProjectIds ?? [],
    }));
  }

  /** `GET /applications/:id/double-funding`: the current matches and the recorded warnings, for staff of the application's district. */
  async view(
    principal: Principal,
    applicationId: string,
  ): Promise<
    DoubleFundingReport & {
      warnings: (Omit<RecordedDoubleFundingWarning, 'occurredAt'> & { occurredAt: string })[];
    }
  > {
    const scoped = await FundScope.of(principal, DOUBLE_FUNDING_ROLES).application(
      this.dataSource,
      applicationId,
    );
    const report = await this.find(scoped.id);
    const warnings = await this.recorded(scoped.id);
    return { ...report, warnings: warnings.map((w) => ({ ...w, occurredAt: w.occurredAt.toISOString() })) };
  }

  private async application(db: Db, applicationId: string): Promise<ApplicationRow> {
    const [row] = (await db.query(
      `SELECT a.id, c.district_id, a.organisation_id, a.period_start::text AS period_start,
              a.period_end::text AS period_end
       FROM application a JOIN call c ON c.id = a.call_id WHERE a.id = $1`,
      [applicationId],
    )) as ApplicationRow[];
    if (!row) throw new NotFoundError(FUNDS_ERROR_CODES.applicationNotFound);
    return row;
  }

  private async report(db: Db, application: ApplicationRow): Promise<DoubleFundingReport> {
    const base = {
      applicationId: application.id,
      organisationId: application.organisation_id,
      periodStart: application.period_start,
      periodEnd: application.period_end,
    };
    if (!application.period_start || !application.period_end) return { ...base, matches: [] };
    // Periods are whole days, both ends included: they overlap when each starts before the other ends.
    const rows = (await db.query(
      `SELECT p.id, p.imported, p.district_id, d.name AS district_name, p.fund_id, p.fund_kind, p.fund_name,
              p.title, ar.name AS area_name, p.period_start::text AS period_start,
              p.period_end::text AS period_end, p.amount_cents::text AS amount_cents
       FROM (
         SELECT tp.id, false AS imported, tp.district_id, tp.fund_id, tp.fund_kind, f.name AS fund_name,
                tp.title, tp.area_id, tp.period_start, tp.period_end, tp.amount_cents
         FROM tracked_project tp JOIN fund f ON f.id = tp.fund_id
         WHERE tp.organisation_id = $1 AND tp.period_start <= $3 AND tp.period_end >= $2
         UNION ALL
         SELECT pp.id, true, pp.district_id, NULL, pp.fund_kind, NULL, pp.title, pp.area_id,
                pp.period_start, pp.period_end, pp.amount_cents
         FROM past_project pp
         WHERE pp.organisation_id = $1 AND pp.period_start <= $3 AND pp.period_end >= $2
       ) p
       JOIN district d ON d.id = p.district_id
       JOIN area ar ON ar.id = p.area_id
       ORDER BY p.district_id = $4 DESC, p.period_start, p.id`,
      [
        application.organisation_id,
        application.period_start,
        application.period_end,
        application.district_id,
      ],
    )) as MatchRow[];
    return {
      ...base,
      matches: rows.map((row) => {
        const sameDistrict = row.district_id === application.district_id;
        return {
          trackedProjectId: row.id,
          imported: row.imported,
          districtId: row.district_id,
          districtName: row.district_name,
          sameDistrict,
          fundKind: row.fund_kind,
          fundId: sameDistrict ? row.fund_id : null,
          fundName: sameDistrict ? row.fund_name : null,
          title: sameDistrict ? row.title : null,
          areaName: sameDistrict ? row.area_name : null,
          periodStart: row.period_start,
          periodEnd: row.period_end,
          amountCents: sameDistrict ? row.amount_cents : null,
        };
      }),
    };
  }
}
