import { type ErrorDetail, ValidationError } from '../errors/domain-error';
import type { Money } from '../money/money';
import {
  type FillRule,
  type PlanItemInput,
  type PlanStatus,
  type ProgrammeInput,
  type ProgrammePlan,
  rankProgramme,
} from './rank-programme';

/** A what-if variation of the base plan; whatever it leaves out stays as in the base. */
export interface Scenario {
  key: string;
  label: string;
  budget?: Money;
  /** Amounts to fund instead of the base's, each with a reason. */
  amounts?: readonly { applicationId: string; amount: Money; reason: string }[];
  /**
   * A hand-made order of adopted applications, first to last. It replaces the base's manual ranks:
   * the listed applications come first in this order, all others follow by the computed order.
   */
  order?: readonly string[];
  fillRule?: FillRule;
}

export interface ScenarioTotals {
  budget: Money;
  fillRule: FillRule;
  selectedTotal: Money;
  waitlistedTotal: Money;
  remaining: Money;
  selectedCount: number;
  waitlistedCount: number;
}

export interface ScenarioCell {
  rank: number | null;
  status: PlanStatus;
  amount: Money;
  /** Whether rank, status or amount differ from the base plan. */
  changed: boolean;
}

export interface ScenarioComparison {
  base: ScenarioTotals;
  scenarios: readonly ({ key: string; label: string } & ScenarioTotals)[];
  /** One row per application in the base plan's order; `scenarios` cells in the order given. */
  rows: readonly { applicationId: string; base: ScenarioCell; scenarios: readonly ScenarioCell[] }[];
}

/** The planning input a scenario describes: the base with the scenario's changes applied. */
export function applyScenario(base: ProgrammeInput, scenario: Scenario, field = 'scenario'): ProgrammeInput {
  const problems = scenarioProblems(base, scenario, field);
  if (problems.length > 0) throw new ValidationError(problems);
  const amounts = new Map((scenario.amounts ?? []).map((change) => [change.applicationId, change]));
  const order =
    scenario.order && new Map(scenario.order.map((applicationId, index) => [applicationId, index + 1]));
  return {
    budget: scenario.budget ?? base.budget,
    fillRule: scenario.fillRule ?? base.fillRule ?? 'skip_over',
    items: base.items.map((item): PlanItemInput => {
      const change = amounts.get(item.applicationId);
      const withAmount = change ? { ...item, amount: change.amount, amountReason: change.reason } : item;
      if (!order) return withAmount;
      const { manualRank: _replaced, ...rest } = withAmount;
      const manualRank = order.get(item.applicationId);
      return manualRank === undefined ? rest : { ...rest, manualRank };
    }),
  };
}

/**
 * The base plan and each scenario side by side: per application its rank, status and amount in
 * every plan, flagged where a scenario differs from the base, and each plan's totals.
 */
export function compareScenarios(base: ProgrammeInput, scenarios: readonly Scenario[]): ScenarioComparison {
  const keys = new Set<string>();
  const problems: ErrorDetail[] = [];
  scenarios.forEach((scenario, index) => {
    if (keys.has(scenario.key)) problems.push({ field: `scenarios.${index}.key`, rule: 'duplicate' });
    keys.add(scenario.key);
    problems.push(...scenarioProblems(base, scenario, `scenarios.${index}`));
  });
  if (problems.length > 0) throw new ValidationError(problems);

  const basePlan = rankProgramme(base);
  const plans = scenarios.map((scenario, index) =>
    rankProgramme(applyScenario(base, scenario, `scenarios.${index}`)),
  );
  const cellsOf = (plan: ProgrammePlan) => new Map(plan.items.map((item) => [item.applicationId, item]));
  const scenarioCells = plans.map(cellsOf);

  return {
    base: totals(basePlan),
    scenarios: scenarios.map((scenario, index) => ({
      key: scenario.key,
      label: scenario.label,
      ...totals(plans[index]!),
    })),
    rows: basePlan.items.map((baseItem) => {
      const baseCell: ScenarioCell = {
        rank: baseItem.rank,
        status: baseItem.status,
        amount: baseItem.amount,
        changed: false,
      };
      return {
        applicationId: baseItem.applicationId,
        base: baseCell,
        scenarios: scenarioCells.map((cells) => {
          const item = cells.get(baseItem.applicationId)!;
          return {
            rank: item.rank,
            status: item.status,
            amount: item.amount,
            changed:
              item.rank !== baseCell.rank ||
              item.status !== baseCell.status ||
              !item.amount.equals(baseCell.amount),
          };
        }),
      };
    }),
  };
}

function totals(plan: ProgrammePlan): ScenarioTotals {
  return {
    budget: plan.budget,
    fillRule: plan.fillRule,
    selectedTotal: plan.selectedTotal,
    waitlistedTotal: plan.waitlistedTotal,
    remaining: plan.remaining,
    selectedCount: plan.selectedCount,
    waitlistedCount: plan.waitlistedCount,
  };
}

function scenarioProblems(base: ProgrammeInput, scenario: Scenario, field: string): ErrorDetail[] {
  const known = new Map(base.items.map((item) => [item.applicationId, item]));
  const problems: ErrorDetail[] = [];
  const seenAmounts = new Set<string>();
  (scenario.amounts ?? []).forEach((change, index) => {
    const at = (name: string) => `${field}.amounts.${index}.${name}`;
    const item = known.get(change.applicationId);
    if (!item) problems.push({ field: at('applicationId'), rule: 'exists' });
    else if (seenAmounts.has(change.applicationId))
      problems.push({ field: at('applicationId'), rule: 'duplicate' });
    else if (!change.amount.isPositive()) problems.push({ field: at('amount'), rule: 'cents' });
    else if (change.amount.isGreaterThan(item.requested)) {
      problems.push({
        field: at('amount'),
        rule: 'notAboveRequested',
        params: { requestedCents: item.requested.toString() },
      });
    } else if (!change.amount.equals(item.requested) && !change.reason.trim()) {
      problems.push({ field: at('reason'), rule: 'required' });
    }
    seenAmounts.add(change.applicationId);
  });
  const seenOrder = new Set<string>();
  (scenario.order ?? []).forEach((applicationId, index) => {
    const at = `${field}.order.${index}`;
    if (!known.get(applicationId)?.adopted) problems.push({ field: at, rule: 'exists' });
    else if (seenOrder.has(applicationId)) problems.push({ field: at, rule: 'duplicate' });
    seenOrder.add(applicationId);
  });
  return problems;
}
