import { Injectable } from '@nestjs/common';
import { BusinessRuleError, type ErrorDetail, isTrackedFundKind, ValidationError } from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { recordAudit } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import type { Db } from '../balances/balance-rows';
import { FUNDS_ERROR_CODES } from '../funds.exception';
import type { CreateTrackedProjectDto } from '../http/dtos/projects.dto';
import { FundScope } from '../scope/fund-scope';

/** A tracked project with what its fund has committed to, paid to and got back from it (all programme years). */
export interface TrackedProjectView {
  id: string;
  fundId: string;
  organisationId: string;
  organisationName: string;
  title: string;
  areaId: string;
  areaName: string;
  actionFieldId: string | null;
  actionFieldName: string | null;
  decisionDate: string;
  periodStart: string;
  periodEnd: string;
  amountCents: string;
  committedCents: string;
  disbursedCents: string;
  repaidCents: string;
  createdAt: Date;
}

/** A carrier as the project form offers it: no more than its name (data protection: only what is needed). */
export interface CarrierOption {
  id: string;
  name: string;
}

/** A LIKE pattern that finds `text` anywhere, with LIKE's wildcards in it taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const PROJECT_SELECT = `
  SELECT tp.id, tp.fund_id AS "fundId", tp.organisation_id AS "organisationId", o.name AS "organisationName",
         tp.title, tp.area_id AS "areaId", ar.name AS "areaName", tp.action_field_id AS "actionFieldId",
         af.name AS "actionFieldName", tp.decision_date::text AS "decisionDate",
         tp.period_start::text AS "periodStart", tp.period_end::text AS "periodEnd",
         tp.amount_cents::text AS "amountCents",
         coalesce(p.committed, 0)::text AS "committedCents", coalesce(p.disbursed, 0)::text AS "disbursedCents",
         coalesce(p.repaid, 0)::text AS "repaidCents", tp.created_at AS "createdAt"
  FROM tracked_project tp
  JOIN organisation o ON o.id = tp.organisation_id
  JOIN area ar ON ar.id = tp.area_id
  LEFT JOIN action_field af ON af.id = tp.action_field_id
  LEFT JOIN LATERAL (
    SELECT sum(committed_cents) AS committed, sum(disbursed_cents) AS disbursed, sum(repaid_cents) AS repaid
    FROM ledger_project_balance WHERE tracked_project_id = tp.id
  ) p ON true`;

/**
 * Projects of the Aktions-, Projekt- and Baufonds, which finance staff record (project, carrier,
 * area, action field, decision date, period, amount) and then book in the fund's ledger. The
 * Netzwerkfonds has applications instead, and takes no tracked projects.
 */
@Injectable()
export class TrackedProjectService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    principal: Principal,
    fundId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: TrackedProjectView[]; total: number }> {
    const fund = await FundScope.of(principal).fund(this.dataSource, fundId);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM tracked_project WHERE fund_id = $1`,
      [fund.id],
    )) as [{ total: number }];
    const items = (await this.dataSource.query(
      `${PROJECT_SELECT} WHERE tp.fund_id = $1 ORDER BY tp.decision_date DESC, tp.created_at DESC, tp.id
       LIMIT $2 OFFSET $3`,
      [fund.id, page.limit, page.offset],
    )) as TrackedProjectView[];
    return { items, total };
  }

  /**
   * The carriers a project of the fund may be recorded for: every organisation, since carriers
   * are Berlin-wide. Finance staff need to pick one, but not to see an organisation's members or
   * bank details, so the answer holds names only.
   */
  async carriers(
    principal: Principal,
    fundId: string,
    query: string | undefined,
    page: { limit: number; offset: number },
  ): Promise<{ items: CarrierOption[]; total: number }> {
    await FundScope.of(principal).fund(this.dataSource, fundId);
    const where = query ? `WHERE o.name ILIKE $1` : '';
    const params: unknown[] = query ? [containsPattern(query)] : [];
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM organisation o ${where}`,
      params,
    )) as [{ total: number }];
    const items = (await this.dataSource.query(
      `SELECT o.id, o.name FROM organisation o ${where} ORDER BY lower(o.name), o.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    )) as CarrierOption[];
    return { items, total };
  }

  async create(
    principal: Principal,
    fundId: string,
    input: CreateTrackedProjectDto,
    requestId: string | null,
  ): Promise<TrackedProjectView> {
    return this.dataSource.transaction(async (tx) => {
      const fund = await FundScope.of(principal).fund(tx, fundId);
      if (!isTrackedFundKind(fund.kind)) {
        throw new BusinessRuleError(FUNDS_ERROR_CODES.wrongFundKind, {
          fundKind: fund.kind,
          expected: 'tracked',
        });
      }
      const areaId = input.areaId ?? fund.areaId!;
      const problems: ErrorDetail[] = [];
      const exists = async (sql: string, params: unknown[]) => (await tx.query(sql, params)).length > 0;
      // Carriers are Berlin-wide; areas and action fields belong to the fund's district.
      if (!(await exists(`SELECT 1 FROM organisation WHERE id = $1`, [input.organisationId])))
        problems.push({ field: 'organisationId', rule: 'exists' });
      if (!(await exists(`SELECT 1 FROM area WHERE id = $1 AND district_id = $2`, [areaId, fund.districtId])))
        problems.push({ field: 'areaId', rule: 'exists' });
      if (
        input.actionFieldId !== undefined &&
        !(await exists(`SELECT 1 FROM action_field WHERE id = $1 AND district_id = $2`, [
          input.actionFieldId,
          fund.districtId,
        ]))
      )
        problems.push({ field: 'actionFieldId', rule: 'exists' });
      if (problems.length > 0) throw new ValidationError(problems);

      const [row] = (await tx.query(
        `INSERT INTO tracked_project (district_id, fund_id, fund_kind, organisation_id, title, area_id,
           action_field_id, decision_date, period_start, period_end, amount_cents)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          fund.districtId,
          fund.id,
          fund.kind,
          input.organisationId,
          input.title,
          areaId,
          input.actionFieldId ?? null,
          input.decisionDate,
          input.periodStart,
          input.periodEnd,
          String(input.amountCents),
        ],
      )) as { id: string }[];
      await recordAudit(tx, {
        entityType: 'tracked_project',
        entityId: row!.id,
        action: 'create',
        actorId: principal.userId,
        districtId: fund.districtId,
        requestId,
        // Ids and facts only; the title stays in the project row.
        payload: {
          fundId: fund.id,
          fundKind: fund.kind,
          organisationId: input.organisationId,
          areaId,
          actionFieldId: input.actionFieldId ?? null,
          decisionDate: input.decisionDate,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          amountCents: String(input.amountCents),
        },
      });
      return this.get(row!.id, tx);
    });
  }

  async get(projectId: string, db: Db = this.dataSource): Promise<TrackedProjectView> {
    const [row] = (await db.query(`${PROJECT_SELECT} WHERE tp.id = $1`, [projectId])) as TrackedProjectView[];
    if (!row) throw new Error(`tracked project ${projectId} vanished`);
    return row;
  }
}
