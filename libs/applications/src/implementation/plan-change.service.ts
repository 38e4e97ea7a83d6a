import { Injectable } from '@nestjs/common';
import { ConflictError, type CostCategory, ForbiddenError, ValidationError } from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { recordAudit } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { APPLICATIONS_ERROR_CODES } from '../applications.exception';
import { requestHash, runIdempotent } from '../lifecycle/idempotency';
import { ApplicationScope } from '../scope/application-scope';

/**
 * The states in which a change to the plan can be approved: after the notice fixed the plan and
 * before the settlement is final. After the proof of use a change still counts (the coordinator may
 * approve a reported overrun before completing), after completion the settlement is on record.
 */
export const PLAN_CHANGE_STATES = ['approved', 'in_implementation', 'final_report_submitted'] as const;

/** One approved change as the grant notice keeps it; the settlement reads cashYear, category, amountCents. */
interface StoredPlanChange {
  id: string;
  cashYear: number;
  category: CostCategory;
  amountCents: string;
  reason: string;
  approvedBy: string;
  approvedAt: string;
}

/**
 * Changes to the cost plan approved after the grant notice (ANBest-P Nr. 1.2): a line the plan did
 * not have, or more on one it had. Without one, spending on such a line is not eligible at the
 * settlement. The coordinator records the change; it is appended to the notice and never edited.
 */
@Injectable()
export class PlanChangeService {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: Principal, applicationId: string) {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, applicationId);
    const [notice] = (await this.dataSource.query(
      `SELECT approved_plan_changes FROM grant_notice WHERE application_id = $1`,
      [scoped.id],
    )) as { approved_plan_changes: StoredPlanChange[] }[];
    return { items: notice?.approved_plan_changes ?? [] };
  }

  async approve(
    principal: Principal,
    applicationId: string,
    input: { cashYear: number; category: CostCategory; amountCents: string | number; reason: string },
    requestId: string | null,
    idempotencyKey?: string,
  ) {
    const scope = ApplicationScope.of(principal);
    const body = {
      cashYear: input.cashYear,
      category: input.category,
      amountCents: String(input.amountCents),
      reason: input.reason,
    };
    const idempotencyScope = `plan-change:${applicationId}`;
    return runIdempotent(
      this.dataSource,
      {
        userId: principal.userId,
        key: idempotencyKey,
        scope: idempotencyScope,
        hash: requestHash(idempotencyScope, body),
      },
      async (tx) => {
        const scoped = await scope.application(tx, applicationId, { lock: true });
        if (!scope.isStaffOf(scoped.districtId, 'coordinator')) throw new ForbiddenError();
        if (!(PLAN_CHANGE_STATES as readonly string[]).includes(scoped.state)) {
          throw new ConflictError(APPLICATIONS_ERROR_CODES.planChangeNotAllowed, [...PLAN_CHANGE_STATES], {
            state: scoped.state,
          });
        }
        const [notice] = (await tx.query(`SELECT instalments FROM grant_notice WHERE application_id = $1`, [
          scoped.id,
        ])) as { instalments: { cashYear: number }[] }[];
        if (!notice) {
          throw new ConflictError(APPLICATIONS_ERROR_CODES.planChangeNotAllowed, [...PLAN_CHANGE_STATES], {
            state: scoped.state,
          });
        }
        if (!notice.instalments.some((i) => i.cashYear === body.cashYear)) {
          throw new ValidationError([{ field: 'cashYear', rule: 'cashYearOutsideNotice' }]);
        }
        const change: StoredPlanChange = {
          id: randomUUID(),
          ...body,
          approvedBy: principal.userId,
          approvedAt: new Date().toISOString(),
        };
        await tx.query(
          `UPDATE grant_notice SET approved_plan_changes = approved_plan_changes || $2::jsonb
           WHERE application_id = $1`,
          [scoped.id, JSON.stringify([change])],
        );
        await recordAudit(tx, {
          entityType: 'application',
          entityId: scoped.id,
          action: 'plan_change_approved',
          actorId: principal.userId,
          districtId: scoped.districtId,
          requestId,
          payload: { changeId: change.id, ...body },
        });
        return change;
      },
    );
  }
}
