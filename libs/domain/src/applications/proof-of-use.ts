import { Money } from '../money/money';
import { COST_CATEGORIES, type ApplicationContent, type CostCategory } from './application-content';
import { cents } from './plan-totals';

/** A plan line may be exceeded by up to this share if savings elsewhere offset it (DOMAIN.md step 8). */
export const LINE_OVERRUN_TOLERANCE_PERCENT = 20;

/** What was actually spent on one plan line, as the proof of use states it. */
export interface ActualCost {
  cashYear: number;
  category: CostCategory;
  amount: Money;
}

/** One plan line (cash year and category) set against the actual spending. */
export interface PlanComparisonLine {
  cashYear: number;
  category: CostCategory;
  planned: Money;
  actual: Money;
  /** (actual − planned) ÷ planned in percent, one decimal, truncated; `null` when nothing was planned. */
  deviationPercent: number | null;
  /** More than 20 % above the plan, or spending on a line the plan does not have. */
  overrun: boolean;
  /** What of the actual spending counts: at most the plan plus 20 %. */
  eligible: Money;
}

export interface ProofOfUseInput {
  content: ApplicationContent;
  actuals: readonly ActualCost[];
  /** Grant money paid out, net of repayments. */
  paid: Money;
  /**
   * Own contribution and third-party funds actually spent on the project. The grant pays what
   * they do not cover (Fehlbedarfsfinanzierung), so savings reduce the grant first. Zero when
   * not given.
   */
  otherFunding?: Money;
}

export interface ProofOfUse {
  lines: PlanComparisonLine[];
  lineOverruns: PlanComparisonLine[];
  actualTotal: Money;
  /**
   * Spending that counts: each line at most 20 % above its plan, all lines together at most the
   * planned total (an overrun is allowed only where savings elsewhere offset it).
   */
  eligibleSpend: Money;
  /** Paid grant money not covered by eligible spending: the repayment claim. Never negative. */
  unspent: Money;
}

/** Actual spending against the cost plan, line by line (cash year, category), in plan order. */
export function compareWithPlan(
  content: ApplicationContent,
  actuals: readonly ActualCost[],
): PlanComparisonLine[] {
  const lines = new Map<
    string,
    { cashYear: number; category: CostCategory; planned: Money; actual: Money }
  >();
  const line = (cashYear: number, category: CostCategory) => {
    const key = `${cashYear}|${category}`;
    let found = lines.get(key);
    if (!found) {
      found = { cashYear, category, planned: Money.ZERO, actual: Money.ZERO };
      lines.set(key, found);
    }
    return found;
  };
  for (const cost of content.costPlan ?? []) {
    if (cost.cashYear === undefined || cost.category === undefined) continue;
    const found = line(cost.cashYear, cost.category);
    found.planned = found.planned.add(cents(cost.amountCents));
  }
  for (const actual of actuals) {
    const found = line(actual.cashYear, actual.category);
    found.actual = found.actual.add(actual.amount);
  }
  return [...lines.values()]
    .sort(
      (a, b) =>
        a.cashYear - b.cashYear || COST_CATEGORIES.indexOf(a.category) - COST_CATEGORIES.indexOf(b.category),
    )
    .map(({ cashYear, category, planned, actual }) => {
      const ceiling = Money.fromCents((planned.cents * BigInt(100 + LINE_OVERRUN_TOLERANCE_PERCENT)) / 100n);
      return {
        cashYear,
        category,
        planned,
        actual,
        deviationPercent: planned.isZero()
          ? null
          : Number(((actual.cents - planned.cents) * 1000n) / planned.cents) / 10,
        overrun: actual.isGreaterThan(ceiling),
        eligible: Money.min(actual, ceiling),
      };
    });
}

/** The plan lines spent more than 20 % above plan (or spent on without a plan): flagged for the coordinator. */
export function lineOverruns(
  content: ApplicationContent,
  actuals: readonly ActualCost[],
): PlanComparisonLine[] {
  return compareWithPlan(content, actuals).filter((line) => line.overrun);
}

/** The numerical part of the proof of use (DOMAIN.md step 9): overruns, eligible spending, unspent money. */
export function proofOfUse({
  content,
  actuals,
  paid,
  otherFunding = Money.ZERO,
}: ProofOfUseInput): ProofOfUse {
  const lines = compareWithPlan(content, actuals);
  const plannedTotal = Money.sum(lines.map((l) => l.planned));
  const eligibleSpend = Money.min(Money.sum(lines.map((l) => l.eligible)), plannedTotal);
  const grantFunded = Money.max(eligibleSpend.subtract(otherFunding), Money.ZERO);
  return {
    lines,
    lineOverruns: lines.filter((l) => l.overrun),
    actualTotal: Money.sum(lines.map((l) => l.actual)),
    eligibleSpend,
    unspent: Money.max(paid.subtract(grantFunded), Money.ZERO),
  };
}
