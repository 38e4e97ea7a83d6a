import { Money } from '../money/money';
import { COST_CATEGORIES, type ApplicationContent, type CostCategory } from './application-content';
import { LINE_OVERRUN_TOLERANCE_PERCENT, toleratedOverrunCents } from './plan-balance';
import { cents, planTotals } from './plan-totals';

export { LINE_OVERRUN_TOLERANCE_PERCENT };

/**
 * The financing type a grant notice states (AV Nr. 2.2 zu § 44 LHO), persisted on the notice. The
 * values are stored, so this list is their single source. How lower costs or more cover change
 * the grant afterwards is ANBest-P Nr. 2 ("Nachträgliche Ermäßigung der Ausgaben oder Änderung
 * der Finanzierung"):
 * - `shortfall` (Fehlbedarfsfinanzierung, the default): the grant covers what own and
 *   third-party money leave open; every euro saved or newly covered reduces the grant in full
 *   (Nr. 2.2).
 * - `partial` (Anteilfinanzierung): the grant pays a fixed share of the eligible costs; cover that
 *   is higher than planned or new reduces it by the same share (Nr. 2.1, "anteilig").
 * - `fixed` (Festbetragsfinanzierung): a fixed sum, reduced only where the eligible costs
 *   fall below it.
 */
export const FINANCING_TYPES = ['shortfall', 'partial', 'fixed'] as const;
export type FinancingType = (typeof FINANCING_TYPES)[number];
export const DEFAULT_FINANCING_TYPE: FinancingType = 'shortfall';

export function isFinancingType(value: unknown): value is FinancingType {
  return typeof value === 'string' && (FINANCING_TYPES as readonly string[]).includes(value);
}

/**
 * Whether the plan and the settlement count costs net or gross of VAT. An organisation entitled to
 * deduct input tax (Vorsteuerabzug, § 15 UStG) gets the VAT it pays back from the tax office, so
 * only its net costs are eligible (ANBest-P Nr. 1.3); every other organisation counts gross.
 */
export const COST_BASES = ['net', 'gross'] as const;
export type CostBasis = (typeof COST_BASES)[number];

export function costBasisOf(vatDeductible: boolean): CostBasis {
  return vatDeductible ? 'net' : 'gross';
}

/** What was actually spent on one plan line, as the proof of use states it. */
export interface ActualCost {
  cashYear: number;
  category: CostCategory;
  /** Spent, as paid: VAT included. */
  amount: Money;
  /** The VAT contained in `amount`; not eligible when the costs count net. */
  vat?: Money;
}

/** A cost line that a change to the plan, approved after the notice, added or raised. */
export interface ApprovedPlanChange {
  cashYear: number;
  category: CostCategory;
  amount: Money;
}

/**
 * The rule that decided a line's eligible amount, shown next to it:
 * - `within_plan`: at most the planned amount was spent; all of it counts.
 * - `overrun_offset`: above the plan by at most 20 %, and savings on other lines offset it.
 * - `overrun_capped`: more than 20 % above the plan; counts up to the plan plus 20 % (where
 *   offset by savings).
 * - `overrun_not_offset`: above the plan, but the other lines saved too little to offset all of
 *   it; the part not offset does not count.
 * - `not_in_plan`: a line the approved plan does not have; nothing counts.
 * - `net_of_vat`: the costs count net (the organisation deducts input tax); without the VAT the
 *   spending is within the plan, and all of it but the VAT counts.
 */
export const LINE_RULES = [
  'within_plan',
  'net_of_vat',
  'overrun_offset',
  'overrun_capped',
  'overrun_not_offset',
  'not_in_plan',
] as const;
export type LineRule = (typeof LINE_RULES)[number];

/** One plan line (cash year and category) set against the actual spending. */
export interface PlanComparisonLine {
  cashYear: number;
  category: CostCategory;
  planned: Money;
  /** Spent, as reported (VAT included). */
  actual: Money;
  /** The VAT in `actual` that does not count because the costs count net; zero when they count gross. */
  excludedVat: Money;
  /** (actual − excludedVat − planned) ÷ planned in percent, one decimal, truncated; `null` when nothing was planned. */
  deviationPercent: number | null;
  /** More than 20 % above the plan, or spending on a line the plan does not have. */
  overrun: boolean;
  /** What of the actual spending counts (see `rule`). */
  eligible: Money;
  /** Where the planned amount comes from: the notice's plan, or a change approved after it. */
  source: 'plan' | 'approved_change' | 'none';
  rule: LineRule;
}

export interface ProofOfUseInput {
  /** The approved application content: its cost and financing plans are the notice's plans. */
  content: ApplicationContent;
  actuals: readonly ActualCost[];
  /** Grant money paid out, net of repayments. */
  paid: Money;
  /** The grant the notice fixes; default: the financing plan's requested total. */
  grant?: Money;
  /** Default: shortfall funding (Fehlbedarfsfinanzierung). */
  financingType?: FinancingType;
  /**
   * Own contribution and third-party funds actually spent, as the proof of use states them. They
   * count at least as planned: ANBest-P Nr. 2 reduces the grant for higher or new cover (under
   * shortfall funding by every euro, Nr. 2.2; under partial funding by the grant's share, Nr. 2.1),
   * and never raises it for missing own money.
   */
  otherFunding?: Money;
  /** Lines a change approved after the notice added or raised. */
  approvedChanges?: readonly ApprovedPlanChange[];
  /** Default: gross (the organisation does not deduct input tax). */
  costBasis?: CostBasis;
}

/** One step of the settlement, in order, as the claim and the recovery notice show it. */
export interface SettlementStep {
  key:
    | 'eligible_costs'
    | 'other_funding'
    | 'shortfall'
    | 'share'
    | 'share_of_eligible'
    | 'new_cover'
    | 'share_of_new_cover'
    | 'approved_grant'
    | 'final_grant'
    | 'paid'
    | 'to_repay';
  amount: Money;
  /**
   * For `share` (amount: the planned total costs): the grant's share in basis points (8750 =
   * 87,50 %), rounded half-up for display; the share of the eligible costs is computed from the
   * exact fraction.
   */
  basisPoints?: number;
}

export interface ProofOfUse {
  financingType: FinancingType;
  costBasis: CostBasis;
  lines: PlanComparisonLine[];
  lineOverruns: PlanComparisonLine[];
  plannedTotal: Money;
  actualTotal: Money;
  /** The sum of the lines' eligible amounts; never above the planned total. */
  eligibleSpend: Money;
  /** The own and third-party money the settlement counts (shortfall and partial funding). */
  otherFunding: Money;
  grant: Money;
  /** The grant the eligible costs justify under the financing type. */
  finalGrant: Money;
  paid: Money;
  /** Paid grant money above the final grant: the repayment claim. Never negative. */
  unspent: Money;
  steps: SettlementStep[];
}

/** `numerator × factor ÷ denominator`, half-up to the cent (the rounding named in TRUST.md). */
function mulDivHalfUp(amount: Money, factor: bigint, denominator: bigint): Money {
  if (denominator <= 0n) return Money.ZERO;
  return Money.fromCents((amount.cents * factor * 2n + denominator) / (denominator * 2n));
}

function lineOrder(a: { cashYear: number; category: CostCategory }, b: typeof a): number {
  return a.cashYear - b.cashYear || COST_CATEGORIES.indexOf(a.category) - COST_CATEGORIES.indexOf(b.category);
}

/**
 * Actual spending against the cost plan, line by line (cash year, category), in plan order, with
 * the rule that decides each line's eligible amount (ANBest-P Nr. 1.2): a line counts up to its
 * plan; above it by at most 20 % (half-up to the cent) only as far as savings on other lines
 * offset the overrun, handed out in plan order; a line the plan does not have counts nothing
 * unless an approved change added it. When the costs count net, the reported VAT is taken off
 * each line before any of this.
 */
export function compareWithPlan(
  content: ApplicationContent,
  actuals: readonly ActualCost[],
  approvedChanges: readonly ApprovedPlanChange[] = [],
  costBasis: CostBasis = 'gross',
): PlanComparisonLine[] {
  type Draft = {
    cashYear: number;
    category: CostCategory;
    planned: Money;
    actual: Money;
    excludedVat: Money;
    source: PlanComparisonLine['source'];
  };
  const lines = new Map<string, Draft>();
  const line = (cashYear: number, category: CostCategory) => {
    const key = `${cashYear}|${category}`;
    let found = lines.get(key);
    if (!found) {
      found = {
        cashYear,
        category,
        planned: Money.ZERO,
        actual: Money.ZERO,
        excludedVat: Money.ZERO,
        source: 'none',
      };
      lines.set(key, found);
    }
    return found;
  };
  for (const cost of content.costPlan ?? []) {
    if (cost.cashYear === undefined || cost.category === undefined) continue;
    const found = line(cost.cashYear, cost.category);
    found.planned = found.planned.add(cents(cost.amountCents));
    found.source = 'plan';
  }
  for (const change of approvedChanges) {
    const found = line(change.cashYear, change.category);
    found.planned = found.planned.add(change.amount);
    if (found.source === 'none') found.source = 'approved_change';
  }
  for (const actual of actuals) {
    const found = line(actual.cashYear, actual.category);
    found.actual = found.actual.add(actual.amount);
    if (costBasis === 'net' && actual.vat) {
      found.excludedVat = found.excludedVat.add(Money.min(Money.max(actual.vat, Money.ZERO), actual.amount));
    }
  }
  const sorted = [...lines.values()].sort(lineOrder);
  const counted = (l: Draft) => l.actual.subtract(l.excludedVat);
  let savings = Money.sum(sorted.map((l) => Money.max(l.planned.subtract(counted(l)), Money.ZERO)));
  return sorted.map((draft) => {
    const { cashYear, category, planned, actual, excludedVat, source } = draft;
    const spent = counted(draft);
    const tolerance = Money.fromCents(toleratedOverrunCents(planned.cents));
    const over = Money.max(spent.subtract(planned), Money.ZERO);
    const deviationPercent = planned.isZero()
      ? null
      : Number(((spent.cents - planned.cents) * 1000n) / planned.cents) / 10;
    const overrun = planned.isZero() ? spent.isPositive() : over.isGreaterThan(tolerance);
    if (planned.isZero()) {
      return {
        cashYear,
        category,
        planned,
        actual,
        excludedVat,
        deviationPercent,
        overrun,
        eligible: Money.ZERO,
        source,
        rule: 'not_in_plan' as const,
      };
    }
    const wanted = Money.min(over, tolerance);
    const allowed = Money.min(wanted, savings);
    savings = savings.subtract(allowed);
    const rule: LineRule = !over.isPositive()
      ? excludedVat.isPositive()
        ? 'net_of_vat'
        : 'within_plan'
      : allowed.isLessThan(wanted)
        ? 'overrun_not_offset'
        : over.isGreaterThan(tolerance)
          ? 'overrun_capped'
          : 'overrun_offset';
    return {
      cashYear,
      category,
      planned,
      actual,
      excludedVat,
      deviationPercent,
      overrun,
      eligible: Money.min(spent, planned).add(allowed),
      source,
      rule,
    };
  });
}

/** The plan lines spent more than 20 % above plan (or spent on without a plan): flagged for the coordinator. */
export function lineOverruns(
  content: ApplicationContent,
  actuals: readonly ActualCost[],
  approvedChanges: readonly ApprovedPlanChange[] = [],
  costBasis: CostBasis = 'gross',
): PlanComparisonLine[] {
  return compareWithPlan(content, actuals, approvedChanges, costBasis).filter((line) => line.overrun);
}

/**
 * The settlement of the proof of use (DOMAIN.md step 9, ANBest-P Nr. 1.2 and 2.1): the eligible
 * costs line by line, the final grant under the notice's financing type, and what of the paid
 * money is to be repaid. One implementation, used by the API and the recovery notice.
 */
export function proofOfUse({
  content,
  actuals,
  paid,
  grant,
  financingType = DEFAULT_FINANCING_TYPE,
  otherFunding,
  approvedChanges = [],
  costBasis = 'gross',
}: ProofOfUseInput): ProofOfUse {
  const lines = compareWithPlan(content, actuals, approvedChanges, costBasis);
  const plannedTotal = Money.sum(lines.map((l) => l.planned));
  const eligibleSpend = Money.sum(lines.map((l) => l.eligible));
  const totals = planTotals(content);
  const approved = grant ?? totals.requested;
  const plannedOther = totals.own.add(totals.thirdParty);
  const steps: SettlementStep[] = [{ key: 'eligible_costs', amount: eligibleSpend }];
  let counted = Money.ZERO;
  let finalGrant: Money;
  switch (financingType) {
    case 'shortfall': {
      counted = Money.max(plannedOther, otherFunding ?? Money.ZERO);
      const shortfall = Money.max(eligibleSpend.subtract(counted), Money.ZERO);
      finalGrant = Money.min(shortfall, approved);
      steps.push(
        { key: 'other_funding', amount: counted },
        { key: 'shortfall', amount: shortfall },
        { key: 'approved_grant', amount: approved },
      );
      break;
    }
    case 'partial': {
      // The share is the notice's grant over the plan's total costs, as the notice fixed them.
      const basis = totals.costs.isPositive() ? totals.costs : plannedTotal;
      const share = mulDivHalfUp(eligibleSpend, approved.cents, basis.cents);
      steps.push(
        {
          key: 'share',
          amount: basis,
          basisPoints: basis.isPositive()
            ? Number((approved.cents * 20000n + basis.cents) / (basis.cents * 2n))
            : 0,
        },
        { key: 'share_of_eligible', amount: share },
      );
      // ANBest-P Nr. 2.1: cover above the plan (more own money, new third-party funds) lowers the
      // grant "anteilig", by the grant's share of it, each line rounded half-up to the cent. Less
      // own money than planned raises nothing.
      let reduction = Money.ZERO;
      counted = plannedOther;
      if (otherFunding !== undefined) {
        const newCover = Money.max(otherFunding.subtract(plannedOther), Money.ZERO);
        reduction = mulDivHalfUp(newCover, approved.cents, basis.cents);
        counted = plannedOther.add(newCover);
        steps.push({ key: 'new_cover', amount: newCover }, { key: 'share_of_new_cover', amount: reduction });
      }
      finalGrant = Money.min(Money.max(share.subtract(reduction), Money.ZERO), approved);
      steps.push({ key: 'approved_grant', amount: approved });
      break;
    }
    case 'fixed':
      finalGrant = Money.min(eligibleSpend, approved);
      steps.push({ key: 'approved_grant', amount: approved });
      break;
  }
  const unspent = Money.max(paid.subtract(finalGrant), Money.ZERO);
  steps.push(
    { key: 'final_grant', amount: finalGrant },
    { key: 'paid', amount: paid },
    { key: 'to_repay', amount: unspent },
  );
  return {
    financingType,
    costBasis,
    lines,
    lineOverruns: lines.filter((l) => l.overrun),
    plannedTotal,
    actualTotal: Money.sum(lines.map((l) => l.actual)),
    eligibleSpend,
    otherFunding: counted,
    grant: approved,
    finalGrant,
    paid,
    unspent,
    steps,
  };
}
