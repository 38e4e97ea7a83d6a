/*
 * Sums of a cost and financing plan, per cash year and overall, in bigint cents, as the web's
 * forms show them live. An amount that is missing or not (yet) a valid string of digits counts as
 * zero, so the sums follow the form while it is being filled in; the server checks the plan again
 * (`applicationProblems`, `planTotals`). A stored draft may hold a line without a cash year: like
 * `planTotals`, the sums leave it out. Pure and free of zod/xstate, so the browser entry
 * (browser.ts) may export it.
 */

export type CostLineAmount = { cashYear?: number; category?: string; amountCents?: string | null };
export type FinancingLineAmounts = {
  cashYear?: number;
  requestedCents?: string | null;
  ownCents?: string | null;
  thirdPartyCents?: string | null;
};

export type YearBalance = {
  cashYear: number;
  costs: bigint;
  requested: bigint;
  own: bigint;
  thirdParty: bigint;
  /** requested + own + third-party */
  financing: bigint;
  /** costs − financing: positive when money is missing, negative when the financing exceeds the costs. */
  gap: bigint;
};

export type PlanBalance = {
  years: YearBalance[];
  total: Omit<YearBalance, 'cashYear'>;
  /** Every cash year's costs equal its financing (an empty plan is not balanced). */
  balanced: boolean;
};

export function centsOf(value: string | null | undefined): bigint {
  return typeof value === 'string' && /^\d+$/.test(value) ? BigInt(value) : 0n;
}

export function sumCents(values: readonly (string | null | undefined)[]): bigint {
  return values.reduce((sum, value) => sum + centsOf(value), 0n);
}

function emptyYear(cashYear: number): YearBalance {
  return { cashYear, costs: 0n, requested: 0n, own: 0n, thirdParty: 0n, financing: 0n, gap: 0n };
}

/** Costs and financing side by side for every cash year either plan mentions, in year order. */
export function planBalance(
  costPlan: readonly CostLineAmount[],
  financingPlan: readonly FinancingLineAmounts[],
): PlanBalance {
  const years = new Map<number, YearBalance>();
  const year = (cashYear: number) => {
    let entry = years.get(cashYear);
    if (!entry) {
      entry = emptyYear(cashYear);
      years.set(cashYear, entry);
    }
    return entry;
  };
  for (const line of costPlan) {
    if (line.cashYear !== undefined) year(line.cashYear).costs += centsOf(line.amountCents);
  }
  for (const line of financingPlan) {
    if (line.cashYear === undefined) continue;
    const entry = year(line.cashYear);
    entry.requested += centsOf(line.requestedCents);
    entry.own += centsOf(line.ownCents);
    entry.thirdParty += centsOf(line.thirdPartyCents);
  }
  const sorted = [...years.values()].sort((a, b) => a.cashYear - b.cashYear);
  const total = emptyYear(0);
  for (const entry of sorted) {
    entry.financing = entry.requested + entry.own + entry.thirdParty;
    entry.gap = entry.costs - entry.financing;
    total.costs += entry.costs;
    total.requested += entry.requested;
    total.own += entry.own;
    total.thirdParty += entry.thirdParty;
    total.financing += entry.financing;
  }
  total.gap = total.costs - total.financing;
  const { cashYear: _unused, ...totals } = total;
  return {
    years: sorted,
    total: totals,
    balanced: sorted.length > 0 && total.costs > 0n && sorted.every((entry) => entry.gap === 0n),
  };
}

/** The costs of each category in one cash year (or all years when `cashYear` is omitted). */
export function costsByCategory(costPlan: readonly CostLineAmount[], cashYear?: number): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const line of costPlan) {
    if (line.cashYear === undefined || (cashYear !== undefined && line.cashYear !== cashYear)) continue;
    const category = line.category ?? '';
    sums.set(category, (sums.get(category) ?? 0n) + centsOf(line.amountCents));
  }
  return sums;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** A line of the proof of use: what one category cost in one cash year, against the plan. */
export type AmountComparison = {
  cashYear: number;
  category: string;
  planned: bigint;
  actual: bigint;
  /** actual − planned */
  difference: bigint;
  /**
   * The overrun in tenths of a percent of the plan (235 = 23,5 %), rounded up so that a flagged
   * line never reads "20,0 %" (and one within the tolerance never more); null without a plan.
   */
  overrunPerMille: bigint | null;
  /** More than the tolerated overrun (ANBest-P: 20 % per budget line), or spent without a plan. */
  flagged: boolean;
};

/**
 * A plan line may be exceeded by up to this share if savings elsewhere offset it (ANBest-P Nr. 1.2,
 * DOMAIN.md step 8). Here, not in proof-of-use.ts, so that the browser entry can use it.
 */
export const LINE_OVERRUN_TOLERANCE_PERCENT = 20;
const TOLERATED_OVERRUN_PERCENT = BigInt(LINE_OVERRUN_TOLERANCE_PERCENT);

/**
 * How far a line may exceed its plan, in cents: 20 % of the plan, half-up to the cent (the rounding
 * TRUST.md names). The form that reports costs and the settlement (`compareWithPlan`) both judge
 * by it, so a line the settlement counts in full is never shown as more than 20 % over.
 */
export function toleratedOverrunCents(plannedCents: bigint): bigint {
  return (plannedCents * TOLERATED_OVERRUN_PERCENT * 2n + 100n) / 200n;
}

/**
 * Compares actual costs with the plan per cash year and category, for the form that reports them.
 * A line is flagged when it overruns its plan by more than 20 % (exactly 20 % is allowed) or has
 * costs but no plan. Changes to the plan the coordinator approved after the notice count as
 * planned, as in the settlement itself (what counts, offsetting by savings: `compareWithPlan` in
 * proof-of-use.ts).
 */
export function compareAmountsWithPlan(
  costPlan: readonly CostLineAmount[],
  actuals: readonly CostLineAmount[],
  approvedChanges: readonly CostLineAmount[] = [],
): AmountComparison[] {
  const key = (cashYear: number, category: string) => `${cashYear}|${category}`;
  const lines = new Map<string, AmountComparison>();
  const line = (cashYear: number, category: string) => {
    const k = key(cashYear, category);
    let entry = lines.get(k);
    if (!entry) {
      entry = {
        cashYear,
        category,
        planned: 0n,
        actual: 0n,
        difference: 0n,
        overrunPerMille: null,
        flagged: false,
      };
      lines.set(k, entry);
    }
    return entry;
  };
  for (const planned of [...costPlan, ...approvedChanges]) {
    if (planned.cashYear === undefined) continue;
    line(planned.cashYear, planned.category ?? '').planned += centsOf(planned.amountCents);
  }
  for (const actual of actuals) {
    if (actual.cashYear === undefined) continue;
    line(actual.cashYear, actual.category ?? '').actual += centsOf(actual.amountCents);
  }
  for (const entry of lines.values()) {
    entry.difference = entry.actual - entry.planned;
    if (entry.planned > 0n) {
      entry.flagged = entry.difference > toleratedOverrunCents(entry.planned);
      const perMille =
        entry.difference > 0n ? (entry.difference * 1000n + entry.planned - 1n) / entry.planned : 0n;
      // Within the tolerance a line reads at most 20,0 % (its last half cent is tolerated).
      entry.overrunPerMille = entry.flagged ? perMille : min(perMille, TOLERATED_OVERRUN_PERCENT * 10n);
    } else {
      entry.flagged = entry.actual > 0n;
    }
  }
  return [...lines.values()].sort((a, b) => a.cashYear - b.cashYear || a.category.localeCompare(b.category));
}

/** Tenths of a percent as German text: 235 → "23,5 %". */
export function perMilleText(perMille: bigint, decimalSeparator = ','): string {
  const whole = perMille / 10n;
  const tenth = perMille % 10n;
  return `${whole}${decimalSeparator}${tenth} %`;
}
