import { Injectable } from '@nestjs/common';
import { LifecycleService } from '@kiezfonds/applications';
import {
  compareScenarios,
  ConflictError,
  type FillRule,
  ForbiddenError,
  Money,
  NotFoundError,
  type PlanItemInput,
  type ProgrammeInput,
  type ProgrammePlan,
  rankProgramme,
  reviewSummary,
  type Scenario,
  type ScenarioComparison,
  ValidationError,
  type VotumForSummary,
} from '@kiezfonds/domain';
import { BalanceService } from '@kiezfonds/funds';
import type { Principal } from '@kiezfonds/identity';
import { recordAudit, requestHash, runIdempotent } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { COMMITTEE_ERROR_CODES } from '../committee.exception';
import { isStaff } from '../votes/committee-membership';
import { committeeOfCall } from '../reviews/call-committee';

type Db = DataSource | EntityManager;

/** Applications the plan ranks: before the committee, or waitlisted by an earlier plan. */
const PLANNED_STATES = ['in_review', 'in_planning', 'waitlisted'];

interface CallRow {
  id: string;
  district_id: string;
  committee_id: string | null;
  programme_year: number;
  title: string;
}

interface PlanRow {
  id: string;
  budget_cents: string;
  fill_rule: FillRule;
  status: 'draft' | 'final';
  version: number;
  finalised_at: Date | null;
  final_list: PlanItemView[] | null;
}

interface CandidateRow {
  id: string;
  reference: string;
  title: string;
  carrier: string;
  state: string;
  requested_cents: string;
  submitted_at: Date;
  outcome: string | null;
  decided_at: Date | null;
  procedure: string | null;
  voten: VotumForSummary[];
  amount_cents: string | null;
  amount_reason: string | null;
  manual_rank: number | null;
}

export interface PlanItemView {
  applicationId: string;
  reference: string;
  title: string;
  carrier: string;
  state: string;
  /** The committee's decision: the outcome of the application's last closed vote. */
  decision: { outcome: string; decidedAt: string; procedure: string } | null;
  reviews: number;
  rank: number | null;
  status: 'selected' | 'waitlisted' | 'not_adopted';
  score: number | null;
  manualRank: number | null;
  requestedCents: string;
  amountCents: string;
  amountReason: string | null;
  runningTotalCents: string;
  remainingCents: string;
  shortByCents: string | null;
}

export interface ScenarioView {
  id: string;
  label: string;
  budgetCents: string | null;
  fillRule: FillRule | null;
  amounts: { applicationId: string; amountCents: string; reason: string }[];
  order: string[] | null;
}

export interface ProgrammePlanView {
  callId: string;
  callTitle: string;
  programmeYear: number;
  committeeId: string | null;
  status: 'draft' | 'final';
  version: number;
  finalisedAt: string | null;
  /** Netzwerkfonds money of the programme year not yet committed: the default budget. */
  availableCents: string;
  budgetCents: string;
  fillRule: FillRule;
  items: PlanItemView[];
  totals: {
    selectedCents: string;
    waitlistedCents: string;
    remainingCents: string;
    selected: number;
    waitlisted: number;
    notAdopted: number;
  };
  scenarios: ScenarioView[];
  /** The plan and every scenario side by side (null while there are no scenarios). */
  comparison: ScenarioComparison | null;
}

export interface ScenarioInput {
  label: string;
  budgetCents?: string;
  fillRule?: FillRule;
  amounts?: { applicationId: string; amountCents: string; reason: string }[];
  order?: string[];
}

/** The district's staff who follow its programme planning from the start. */
const PLAN_READERS = ['coordinator', 'admin', 'finance', 'board_member'];

/**
 * The annual programme planning (DOMAIN.md step 5): the applications the committee adopted,
 * ranked by the rules in libs/domain (places the committee gave, then review score, amount,
 * submission) and filled up to the budget; amounts can be adjusted with a reason; what-if
 * scenarios are compared side by side; finalising moves every application through the lifecycle
 * machine to selected or waitlisted in one transaction and keeps the list as decided.
 */
@Injectable()
export class ProgrammePlanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly balances: BalanceService,
    private readonly lifecycle: LifecycleService,
  ) {}

  async get(principal: Principal, callId: string, db: Db = this.dataSource): Promise<ProgrammePlanView> {
    const call = await this.call(db, principal, callId, { senate: true });
    const plan = await this.plan(db, call.id);
    // The Senate sees the list a district sent it, not the district's planning before that.
    if (plan?.status !== 'final' && !isStaff(principal, call.district_id, ...PLAN_READERS)) {
      throw new NotFoundError('call_not_found');
    }
    const available = await this.available(db, call);
    const committee = await committeeOfCall(db, call);
    const scenarios = plan ? await this.scenarios(db, plan.id) : [];
    const budget = plan ? Money.fromCents(plan.budget_cents) : Money.max(available, Money.ZERO);
    const fillRule = plan?.fill_rule ?? 'skip_over';

    // A final plan shows the list as it was decided; a draft is ranked afresh from the data.
    const final = plan?.status === 'final' ? plan.final_list : null;
    let items = final;
    let comparison: ScenarioComparison | null = null;
    if (!items) {
      const candidates = await this.candidates(db, call.id, plan?.id ?? null);
      const input = inputOf(budget, fillRule, candidates);
      items = itemsOf(rankProgramme(input), candidates);
      if (scenarios.length > 0) comparison = compareScenarios(input, scenarios.map(scenarioOf));
    }
    return this.view(call, plan, available, committee?.id ?? null, budget, fillRule, items, {
      scenarios: final ? [] : scenarios,
      comparison,
    });
  }

  /** Budget and fill rule of the plan; the plan is created with the first change. */
  async configure(
    principal: Principal,
    callId: string,
    input: { budgetCents: string; fillRule: FillRule },
    requestId: string | null,
  ): Promise<ProgrammePlanView> {
    return this.change(principal, callId, requestId, 'programme_plan_configured', async (tx, plan) => {
      await tx.query(
        `UPDATE programme_plan SET budget_cents = $2, fill_rule = $3, version = version + 1 WHERE id = $1`,
        [plan.id, input.budgetCents, input.fillRule],
      );
      return { before: { budgetCents: plan.budget_cents, fillRule: plan.fill_rule }, after: input };
    });
  }

  /** The amount to fund (with its reason) and the place the committee gave, for one application. */
  async adjust(
    principal: Principal,
    callId: string,
    applicationId: string,
    input: { amountCents: string | null; amountReason?: string | null; manualRank: number | null },
    requestId: string | null,
  ): Promise<ProgrammePlanView> {
    return this.change(principal, callId, requestId, 'programme_plan_adjusted', async (tx, plan) => {
      const candidates = await this.candidates(tx, callId, plan.id);
      const candidate = candidates.find((c) => c.id === applicationId);
      if (!candidate) throw new NotFoundError('application_not_found');
      const problems = [];
      const reason = input.amountReason?.trim() ?? '';
      if (input.amountCents !== null) {
        const amount = Money.fromCents(input.amountCents);
        if (amount.isGreaterThan(Money.fromCents(candidate.requested_cents))) {
          problems.push({
            field: 'amountCents',
            rule: 'notAboveRequested',
            params: { requestedCents: candidate.requested_cents },
          });
        } else if (!amount.equals(Money.fromCents(candidate.requested_cents)) && reason === '') {
          problems.push({ field: 'amountReason', rule: 'required' });
        }
      }
      if (input.manualRank !== null) {
        if (candidate.outcome !== 'adopted') problems.push({ field: 'manualRank', rule: 'adoptedOnly' });
        else if (candidates.some((c) => c.id !== applicationId && c.manual_rank === input.manualRank)) {
          problems.push({ field: 'manualRank', rule: 'duplicate' });
        }
      }
      if (problems.length > 0) throw new ValidationError(problems);
      const sameAsRequest =
        input.amountCents === null ||
        Money.fromCents(input.amountCents).equals(Money.fromCents(candidate.requested_cents));
      await tx.query(
        `INSERT INTO programme_plan_line (plan_id, application_id, amount_cents, amount_reason, manual_rank, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (plan_id, application_id) DO UPDATE SET amount_cents = EXCLUDED.amount_cents,
           amount_reason = EXCLUDED.amount_reason, manual_rank = EXCLUDED.manual_rank,
           updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [
          plan.id,
          applicationId,
          sameAsRequest ? null : input.amountCents,
          sameAsRequest ? null : reason,
          input.manualRank,
          principal.userId,
        ],
      );
      await tx.query(`UPDATE programme_plan SET version = version + 1 WHERE id = $1`, [plan.id]);
      return {
        applicationId,
        before: {
          amountCents: candidate.amount_cents,
          amountReason: candidate.amount_reason,
          manualRank: candidate.manual_rank,
        },
        after: {
          amountCents: sameAsRequest ? null : input.amountCents,
          amountReason: reason,
          manualRank: input.manualRank,
        },
      };
    });
  }

  async addScenario(
    principal: Principal,
    callId: string,
    input: ScenarioInput,
    requestId: string | null,
  ): Promise<ProgrammePlanView> {
    return this.change(principal, callId, requestId, 'programme_scenario_added', async (tx, plan) => {
      const base = inputOf(
        Money.fromCents(plan.budget_cents),
        plan.fill_rule,
        await this.candidates(tx, callId, plan.id),
      );
      const scenario: ScenarioView = {
        id: 'new',
        label: input.label,
        budgetCents: input.budgetCents ?? null,
        fillRule: input.fillRule ?? null,
        amounts: input.amounts ?? [],
        order: input.order ?? null,
      };
      // The domain names the scenario's problems (unknown applications, amounts above the request,
      // missing reasons) with dotted paths under `scenario`; the body has them at the top.
      try {
        compareScenarios(base, [scenarioOf(scenario)]);
      } catch (error) {
        if (error instanceof ValidationError) {
          throw new ValidationError(
            error.details.map((d) => ({
              ...d,
              field: d.field.replace(/^scenarios\.0\./, '').replace(/\.amount$/, '.amountCents'),
            })),
          );
        }
        throw error;
      }
      const taken = (await tx.query(`SELECT 1 FROM programme_scenario WHERE plan_id = $1 AND label = $2`, [
        plan.id,
        input.label,
      ])) as unknown[];
      if (taken.length > 0) throw new ValidationError([{ field: 'label', rule: 'duplicate' }]);
      const [row] = (await tx.query(
        `INSERT INTO programme_scenario (plan_id, created_by, label, budget_cents, fill_rule, amounts, application_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          plan.id,
          principal.userId,
          input.label,
          input.budgetCents ?? null,
          input.fillRule ?? null,
          JSON.stringify(scenario.amounts),
          input.order ? JSON.stringify(input.order) : null,
        ],
      )) as { id: string }[];
      return { scenarioId: row!.id, label: input.label };
    });
  }

  async removeScenario(
    principal: Principal,
    callId: string,
    scenarioId: string,
    requestId: string | null,
  ): Promise<ProgrammePlanView> {
    return this.change(principal, callId, requestId, 'programme_scenario_removed', async (tx, plan) => {
      const removed = (await tx.query(
        `DELETE FROM programme_scenario WHERE id = $1 AND plan_id = $2 RETURNING label`,
        [scenarioId, plan.id],
      )) as [{ label: string }[], number];
      if (removed[0].length === 0) throw new NotFoundError(COMMITTEE_ERROR_CODES.scenarioNotFound);
      return { scenarioId, label: removed[0][0]!.label };
    });
  }

  /**
   * Finalises the plan: every selected application moves to `selected` and every waitlisted one
   * to `waitlisted` through the lifecycle machine (an application still in review first enters
   * planning), all in one transaction with the plan, so a refusal anywhere leaves nothing changed.
   */
  /**
   * Finalises the plan; the same Idempotency-Key again answers the first answer, so a retry after a
   * lost answer is not refused as a second finalisation.
   */
  async finalise(
    principal: Principal,
    callId: string,
    requestId: string | null,
    key?: string,
  ): Promise<ProgrammePlanView> {
    const scope = `programme-plan-finalise:${callId}`;
    const request = { userId: principal.userId, key, scope, hash: requestHash(scope, {}) };
    return runIdempotent(this.dataSource, request, async (tx) => {
      const call = await this.coordinated(tx, principal, callId);
      const plan = await this.ensurePlan(tx, principal, call);
      if (plan.status === 'final') throw new ConflictError(COMMITTEE_ERROR_CODES.planFinal);
      const view = await this.get(principal, callId, tx);
      if (view.totals.selected === 0) throw new ConflictError(COMMITTEE_ERROR_CODES.planEmpty);
      const moved: { applicationId: string; state: string }[] = [];
      for (const item of view.items) {
        if (item.status === 'not_adopted') continue;
        const target = item.status === 'selected' ? 'SELECT' : 'WAITLIST';
        if (item.state === 'waitlisted' && target === 'WAITLIST') continue;
        if (item.state === 'in_review') {
          await this.lifecycle.sendWithin(
            tx,
            principal,
            item.applicationId,
            { type: 'START_PLANNING' },
            requestId,
          );
        }
        // The step cites the committee's decision and this plan, which sends it.
        const answer = await this.lifecycle.sendWithin(
          tx,
          principal,
          item.applicationId,
          { type: target },
          requestId,
          { planId: plan.id },
        );
        moved.push({ applicationId: item.applicationId, state: answer.state });
      }
      const finalList = view.items.map((item) => ({
        ...item,
        state: moved.find((m) => m.applicationId === item.applicationId)?.state ?? item.state,
      }));
      await tx.query(
        `UPDATE programme_plan SET status = 'final', finalised_at = now(), finalised_by = $2, final_list = $3,
                version = version + 1
          WHERE id = $1`,
        [plan.id, principal.userId, JSON.stringify(finalList)],
      );
      await recordAudit(tx, {
        entityType: 'programme_plan',
        entityId: plan.id,
        action: 'programme_plan_finalised',
        actorId: principal.userId,
        districtId: call.district_id,
        payload: {
          budgetCents: view.budgetCents,
          selectedCents: view.totals.selectedCents,
          moved,
        },
        requestId,
      });
      return this.get(principal, callId, tx);
    });
  }

  /** Runs one change of a draft plan under its row lock, audited, and answers the plan as it is now. */
  private async change(
    principal: Principal,
    callId: string,
    requestId: string | null,
    action: string,
    work: (tx: EntityManager, plan: PlanRow) => Promise<Record<string, unknown>>,
  ): Promise<ProgrammePlanView> {
    return this.dataSource.transaction(async (tx) => {
      const call = await this.coordinated(tx, principal, callId);
      const plan = await this.ensurePlan(tx, principal, call);
      if (plan.status === 'final') throw new ConflictError(COMMITTEE_ERROR_CODES.planFinal);
      const payload = await work(tx, plan);
      await recordAudit(tx, {
        entityType: 'programme_plan',
        entityId: plan.id,
        action,
        actorId: principal.userId,
        districtId: call.district_id,
        payload,
        requestId,
      });
      return this.get(principal, callId, tx);
    });
  }

  private async ensurePlan(tx: EntityManager, principal: Principal, call: CallRow): Promise<PlanRow> {
    const available = await this.available(tx, call);
    await tx.query(
      `INSERT INTO programme_plan (call_id, created_by, budget_cents) VALUES ($1, $2, $3)
       ON CONFLICT (call_id) DO NOTHING`,
      [call.id, principal.userId, Money.max(available, Money.ZERO).toString()],
    );
    const [plan] = (await tx.query(`SELECT * FROM programme_plan WHERE call_id = $1 FOR UPDATE`, [
      call.id,
    ])) as PlanRow[];
    return plan!;
  }

  private async plan(db: Db, callId: string): Promise<PlanRow | null> {
    const [plan] = (await db.query(`SELECT * FROM programme_plan WHERE call_id = $1`, [callId])) as PlanRow[];
    return plan ?? null;
  }

  private async available(db: Db, call: CallRow): Promise<Money> {
    const [fund] = (await db.query(
      `SELECT id FROM fund WHERE district_id = $1 AND kind = 'netzwerkfonds' AND area_id IS NULL ORDER BY created_at LIMIT 1`,
      [call.district_id],
    )) as { id: string }[];
    if (!fund) return Money.ZERO;
    return (await this.balances.fundYear(fund.id, call.programme_year, db)).available;
  }

  /** The applications to rank, with the committee's decision, their review scores and the plan's adjustments. */
  private async candidates(db: Db, callId: string, planId: string | null): Promise<CandidateRow[]> {
    return (await db.query(
      `SELECT a.id, a.reference, a.title, o.name AS carrier, a.state, a.requested_cents::text AS requested_cents,
              a.submitted_at, d.outcome, d.closed_at AS decided_at, d.procedure,
              coalesce((SELECT json_agg(json_build_object('departmentId', v.department,
                                 'recommendation', v.recommendation, 'score', v.score))
                          FROM votum v WHERE v.application_id = a.id AND v.withdrawn_at IS NULL), '[]') AS voten,
              l.amount_cents::text AS amount_cents, l.amount_reason, l.manual_rank
         FROM application a
         JOIN organisation o ON o.id = a.organisation_id
         LEFT JOIN LATERAL (
           SELECT v.outcome, v.closed_at, v.procedure FROM committee_vote v
            WHERE v.application_id = a.id AND v.closed_at IS NOT NULL
            ORDER BY v.closed_at DESC LIMIT 1) d ON true
         LEFT JOIN programme_plan_line l ON l.plan_id = $2 AND l.application_id = a.id
        WHERE a.call_id = $1 AND a.state = ANY($3::text[])
        ORDER BY a.reference`,
      [callId, planId, PLANNED_STATES],
    )) as CandidateRow[];
  }

  private async scenarios(db: Db, planId: string): Promise<ScenarioView[]> {
    const rows = (await db.query(
      `SELECT id, label, budget_cents::text AS budget_cents, fill_rule, amounts, application_order
         FROM programme_scenario WHERE plan_id = $1 ORDER BY created_at, label`,
      [planId],
    )) as {
      id: string;
      label: string;
      budget_cents: string | null;
      fill_rule: FillRule | null;
      amounts: ScenarioView['amounts'];
      application_order: string[] | null;
    }[];
    return rows.map((row) => ({
      id: row.id,
      label: row.label,
      budgetCents: row.budget_cents,
      fillRule: row.fill_rule,
      amounts: row.amounts,
      order: row.application_order,
    }));
  }

  private view(
    call: CallRow,
    plan: PlanRow | null,
    available: Money,
    committeeId: string | null,
    budget: Money,
    fillRule: FillRule,
    items: PlanItemView[],
    { scenarios, comparison }: { scenarios: ScenarioView[]; comparison: ScenarioComparison | null },
  ): ProgrammePlanView {
    const sum = (status: PlanItemView['status']) =>
      Money.sum(items.filter((i) => i.status === status).map((i) => Money.fromCents(i.amountCents)));
    const selected = sum('selected');
    return {
      callId: call.id,
      callTitle: call.title,
      programmeYear: call.programme_year,
      committeeId,
      status: plan?.status ?? 'draft',
      version: plan?.version ?? 0,
      finalisedAt: plan?.finalised_at?.toISOString() ?? null,
      availableCents: available.toString(),
      budgetCents: budget.toString(),
      fillRule,
      items,
      totals: {
        selectedCents: selected.toString(),
        waitlistedCents: sum('waitlisted').toString(),
        remainingCents: budget.subtract(selected).toString(),
        selected: items.filter((i) => i.status === 'selected').length,
        waitlisted: items.filter((i) => i.status === 'waitlisted').length,
        notAdopted: items.filter((i) => i.status === 'not_adopted').length,
      },
      scenarios,
      comparison,
    };
  }

  private async call(
    db: Db,
    principal: Principal,
    callId: string,
    { senate = false }: { senate?: boolean } = {},
  ): Promise<CallRow> {
    const [call] = (await db.query(
      `SELECT id, district_id, committee_id, programme_year, title FROM call WHERE id = $1`,
      [callId],
    )) as CallRow[];
    const readers = senate ? [...PLAN_READERS, 'senate'] : PLAN_READERS;
    if (!call || !isStaff(principal, call.district_id, ...readers)) {
      throw new NotFoundError('call_not_found');
    }
    return call;
  }

  private async coordinated(tx: EntityManager, principal: Principal, callId: string): Promise<CallRow> {
    const call = await this.call(tx, principal, callId);
    if (!isStaff(principal, call.district_id, 'coordinator')) throw new ForbiddenError('forbidden');
    // One planning change at a time per call: the call row is the lock that also covers creating the plan.
    await tx.query(`SELECT 1 FROM call WHERE id = $1 FOR UPDATE`, [call.id]);
    return call;
  }
}

function inputOf(budget: Money, fillRule: FillRule, candidates: readonly CandidateRow[]): ProgrammeInput {
  return {
    budget,
    fillRule,
    items: candidates.map((c): PlanItemInput => {
      const adopted = c.outcome === 'adopted';
      return {
        applicationId: c.id,
        adopted,
        score: scoreOf(c),
        requested: Money.fromCents(c.requested_cents),
        ...(c.amount_cents !== null
          ? { amount: Money.fromCents(c.amount_cents), amountReason: c.amount_reason ?? '' }
          : {}),
        submittedAt: c.submitted_at ?? new Date(0),
        ...(adopted && c.manual_rank !== null ? { manualRank: c.manual_rank } : {}),
      };
    }),
  };
}

/** The mean of the Voten's scores (scaled integers), or null without scored Voten. */
function scoreOf(candidate: CandidateRow): number | null {
  return reviewSummary(candidate.voten).averageScore;
}

function itemsOf(plan: ProgrammePlan, candidates: readonly CandidateRow[]): PlanItemView[] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return plan.items.map((item) => {
    const c = byId.get(item.applicationId)!;
    return {
      applicationId: item.applicationId,
      reference: c.reference,
      title: c.title,
      carrier: c.carrier,
      state: c.state,
      decision:
        c.outcome && c.decided_at
          ? { outcome: c.outcome, decidedAt: c.decided_at.toISOString(), procedure: c.procedure ?? '' }
          : null,
      reviews: c.voten.length,
      rank: item.rank,
      status: item.status,
      score: item.score,
      manualRank: item.manualRank,
      requestedCents: item.requested.toString(),
      amountCents: item.amount.toString(),
      amountReason: item.amountReason,
      runningTotalCents: item.runningTotal.toString(),
      remainingCents: item.remaining.toString(),
      shortByCents: item.shortBy?.toString() ?? null,
    };
  });
}

function scenarioOf(view: ScenarioView): Scenario {
  return {
    key: view.id,
    label: view.label,
    ...(view.budgetCents !== null ? { budget: Money.fromCents(view.budgetCents) } : {}),
    ...(view.fillRule !== null ? { fillRule: view.fillRule } : {}),
    amounts: view.amounts.map((a) => ({
      applicationId: a.applicationId,
      amount: Money.fromCents(a.amountCents),
      reason: a.reason,
    })),
    ...(view.order ? { order: view.order } : {}),
  };
}
