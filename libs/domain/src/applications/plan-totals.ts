import { Money } from '../money/money';
import type { ApplicationContent } from './application-content';

export interface PlanSums {
  /** The cost plan's total. */
  costs: Money;
  requested: Money;
  own: Money;
  thirdParty: Money;
  /** requested + own + third-party: must equal `costs`. */
  financing: Money;
}

export interface CashYearSums extends PlanSums {
  cashYear: number;
}

export interface PlanTotals extends PlanSums {
  /** Every cash year either plan names, in order. */
  byYear: CashYearSums[];
}

export interface Instalment {
  cashYear: number;
  amount: Money;
}

/**
 * The sums of the cost and financing plans, per cash year and overall: for the live sums in the
 * editor, the list columns and the grant notice. Lines without a cash year or amount count as
 * nothing (a draft may hold half-typed rows); whether the plan is complete is a separate question
 * (`applicationProblems`).
 */
export function planTotals(content: ApplicationContent): PlanTotals {
  const years = new Map<number, CashYearSums>();
  const year = (cashYear: number) => {
    let sums = years.get(cashYear);
    if (!sums) {
      sums = { cashYear, ...zeroSums() };
      years.set(cashYear, sums);
    }
    return sums;
  };
  for (const line of content.costPlan ?? []) {
    if (line.cashYear === undefined) continue;
    const sums = year(line.cashYear);
    sums.costs = sums.costs.add(cents(line.amountCents));
  }
  for (const line of content.financingPlan ?? []) {
    if (line.cashYear === undefined) continue;
    const sums = year(line.cashYear);
    sums.requested = sums.requested.add(cents(line.requestedCents));
    sums.own = sums.own.add(cents(line.ownCents));
    sums.thirdParty = sums.thirdParty.add(cents(line.thirdPartyCents));
    sums.financing = sums.requested.add(sums.own).add(sums.thirdParty);
  }
  const byYear = [...years.values()].sort((a, b) => a.cashYear - b.cashYear);
  const total = (pick: (sums: PlanSums) => Money) => Money.sum(byYear.map(pick));
  return {
    costs: total((s) => s.costs),
    requested: total((s) => s.requested),
    own: total((s) => s.own),
    thirdParty: total((s) => s.thirdParty),
    financing: total((s) => s.financing),
    byYear,
  };
}

/** The requested funding per cash year (the grant notice's instalments), in order; zero years included. */
export function instalmentsOf(content: ApplicationContent): Instalment[] {
  return planTotals(content)
    .byYear.filter((year) => (content.financingPlan ?? []).some((line) => line.cashYear === year.cashYear))
    .map((year) => ({ cashYear: year.cashYear, amount: year.requested }));
}

function zeroSums(): PlanSums {
  return {
    costs: Money.ZERO,
    requested: Money.ZERO,
    own: Money.ZERO,
    thirdParty: Money.ZERO,
    financing: Money.ZERO,
  };
}

/** A stored amount; a draft's blank or malformed amount counts as nothing. */
export function cents(value: string | undefined): Money {
  return value !== undefined && /^\d{1,15}$/.test(value) ? Money.fromCents(value) : Money.ZERO;
}
