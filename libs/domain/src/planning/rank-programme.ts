import { type ErrorDetail, ValidationError } from '../errors/domain-error';
import { Money } from '../money/money';

export const FILL_RULES = ['skip_over', 'stop_at_first_misfit'] as const;

/**
 * How the ranked list is filled with money.
 *
 * - `skip_over` (the default): an item that does not fit the money left is waitlisted and the next
 *   ones are still tried, so a smaller project further down may be selected. A committee expects
 *   this because money the district does not plan is money the Senate gives to other districts;
 *   the skipped item keeps its rank and heads the waitlist when money is freed.
 * - `stop_at_first_misfit`: the list ends at the first item that does not fit, so no project is
 *   selected over a better-ranked one. Offered for what-if comparison.
 */
export type FillRule = (typeof FILL_RULES)[number];

export interface PlanItemInput {
  applicationId: string;
  /** Whether the committee adopted (beschlossen) the application; only adopted items are ranked. */
  adopted: boolean;
  /** The review score as a scaled integer (see `SCORE_SCALE`), or null where there is none. */
  score: number | null;
  requested: Money;
  /** The amount to fund when it differs from the request: positive, at most the request. */
  amount?: Money;
  /** Why the amount differs from the request; required then, kept for the minutes. */
  amountReason?: string;
  submittedAt: Date;
  /** A place the committee gave by hand: 1 is first. Only adopted items are placed by hand. */
  manualRank?: number;
}

export interface ProgrammeInput {
  /** The programme year's budget for the fund (never negative). */
  budget: Money;
  items: readonly PlanItemInput[];
  fillRule?: FillRule;
}

export type PlanStatus = 'selected' | 'waitlisted' | 'not_adopted';

export interface RankedPlanItem {
  applicationId: string;
  /** 1, 2, … over the adopted items in order; null for items not adopted. */
  rank: number | null;
  status: PlanStatus;
  score: number | null;
  manualRank: number | null;
  requested: Money;
  /** What the item gets if selected (or would need, if waitlisted): the adjusted amount or the request. */
  amount: Money;
  amountReason: string | null;
  /** Sum of the selected amounts down to and including this row. */
  runningTotal: Money;
  /** Budget minus `runningTotal`: the money left after this row. */
  remaining: Money;
  /** For a waitlisted item, how much money was missing when it was tried; null when it would have fit. */
  shortBy: Money | null;
}

export interface ProgrammePlan {
  budget: Money;
  fillRule: FillRule;
  /** Adopted items in rank order, then the items not adopted. */
  items: readonly RankedPlanItem[];
  selectedTotal: Money;
  waitlistedTotal: Money;
  remaining: Money;
  selectedCount: number;
  waitlistedCount: number;
  notAdoptedCount: number;
}

/**
 * The ranked priority list of a programme year (DOMAIN.md step 5), filled up to the budget.
 *
 * Order, decided in this sequence:
 * 1. Adopted items before those not adopted (which are listed, unranked, for completeness).
 * 2. Items the committee placed by hand (`manualRank`, ascending) before all others: a decision
 *    of the committee outranks every computed order.
 * 3. Higher score first (an item without score after those with one).
 * 4. Smaller amount first: with equal merit, the cheaper project leaves room for more projects.
 * 5. Earlier submission first.
 * 6. Application id (plain code-unit order), so the list never depends on the input order.
 *
 * Then the budget is filled in that order by the fill rule (`skip_over` unless chosen otherwise).
 * The sum of the selected amounts never exceeds the budget.
 */
export function rankProgramme(input: ProgrammeInput): ProgrammePlan {
  const problems = programmeProblems(input);
  if (problems.length > 0) throw new ValidationError(problems);
  const fillRule = input.fillRule ?? 'skip_over';

  const prepared = input.items.map((item) => ({
    item,
    amount: item.amount ?? item.requested,
    manualRank: item.adopted && item.manualRank !== undefined ? item.manualRank : null,
  }));
  const adopted = prepared.filter((p) => p.item.adopted).sort(comparePlanItems);
  const notAdopted = prepared.filter((p) => !p.item.adopted).sort(comparePlanItems);

  let runningTotal = Money.ZERO;
  let stopped = false;
  const items: RankedPlanItem[] = [];
  const row = (
    p: (typeof prepared)[number],
    rank: number | null,
    status: PlanStatus,
    shortBy: Money | null,
  ) =>
    items.push({
      applicationId: p.item.applicationId,
      rank,
      status,
      score: p.item.score,
      manualRank: p.manualRank,
      requested: p.item.requested,
      amount: p.amount,
      amountReason: p.amount.equals(p.item.requested) ? null : (p.item.amountReason?.trim() ?? null),
      runningTotal,
      remaining: input.budget.subtract(runningTotal),
      shortBy,
    });

  adopted.forEach((p, index) => {
    const left = input.budget.subtract(runningTotal);
    const fits = !p.amount.isGreaterThan(left);
    if (fits && !stopped) {
      runningTotal = runningTotal.add(p.amount);
      row(p, index + 1, 'selected', null);
    } else {
      if (!fits) stopped = fillRule === 'stop_at_first_misfit';
      row(p, index + 1, 'waitlisted', fits ? null : p.amount.subtract(left));
    }
  });
  for (const p of notAdopted) row(p, null, 'not_adopted', null);

  const waitlisted = items.filter((i) => i.status === 'waitlisted');
  return {
    budget: input.budget,
    fillRule,
    items,
    selectedTotal: runningTotal,
    waitlistedTotal: Money.sum(waitlisted.map((i) => i.amount)),
    remaining: input.budget.subtract(runningTotal),
    selectedCount: items.filter((i) => i.status === 'selected').length,
    waitlistedCount: waitlisted.length,
    notAdoptedCount: items.filter((i) => i.status === 'not_adopted').length,
  };
}

interface Comparable {
  item: PlanItemInput;
  amount: Money;
  manualRank: number | null;
}

function comparePlanItems(a: Comparable, b: Comparable): number {
  return (
    compareNullsLast(a.manualRank, b.manualRank, (x, y) => x - y) ||
    compareNullsLast(a.item.score, b.item.score, (x, y) => y - x) ||
    a.amount.compare(b.amount) ||
    a.item.submittedAt.getTime() - b.item.submittedAt.getTime() ||
    (a.item.applicationId < b.item.applicationId ? -1 : a.item.applicationId > b.item.applicationId ? 1 : 0)
  );
}

function compareNullsLast<T>(a: T | null, b: T | null, compare: (a: T, b: T) => number): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return compare(a, b);
}

/** Everything wrong with a planning input, as validation details with dotted field paths. */
export function programmeProblems(input: ProgrammeInput): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (input.budget.isNegative()) problems.push({ field: 'budget', rule: 'min', params: { min: 0 } });
  if (input.fillRule !== undefined && !(FILL_RULES as readonly string[]).includes(input.fillRule)) {
    problems.push({ field: 'fillRule', rule: 'isIn' });
  }
  const ids = new Set<string>();
  const manualRanks = new Set<number>();
  input.items.forEach((item, index) => {
    const field = (name: string) => `items.${index}.${name}`;
    if (ids.has(item.applicationId)) problems.push({ field: field('applicationId'), rule: 'duplicate' });
    ids.add(item.applicationId);
    if (item.score !== null) {
      if (!Number.isSafeInteger(item.score)) problems.push({ field: field('score'), rule: 'isInt' });
      else if (item.score < 0) problems.push({ field: field('score'), rule: 'min', params: { min: 0 } });
    }
    if (!item.requested.isPositive()) problems.push({ field: field('requested'), rule: 'cents' });
    if (item.amount !== undefined) {
      if (!item.amount.isPositive()) problems.push({ field: field('amount'), rule: 'cents' });
      else if (item.amount.isGreaterThan(item.requested)) {
        problems.push({
          field: field('amount'),
          rule: 'notAboveRequested',
          params: { requestedCents: item.requested.toString() },
        });
      } else if (!item.amount.equals(item.requested) && !item.amountReason?.trim()) {
        problems.push({ field: field('amountReason'), rule: 'required' });
      }
    }
    if (Number.isNaN(item.submittedAt.getTime()))
      problems.push({ field: field('submittedAt'), rule: 'isDateString' });
    if (item.manualRank !== undefined && item.adopted) {
      if (!Number.isSafeInteger(item.manualRank))
        problems.push({ field: field('manualRank'), rule: 'isInt' });
      else if (item.manualRank < 1)
        problems.push({ field: field('manualRank'), rule: 'min', params: { min: 1 } });
      else if (manualRanks.has(item.manualRank))
        problems.push({ field: field('manualRank'), rule: 'duplicate' });
      manualRanks.add(item.manualRank);
    }
  });
  return problems;
}
