import { Money } from '../money/money';
import type { LedgerPosting, ReversibleEntryKind } from './ledger-entry';

/**
 * The stored counters of one fund and programme year. Each is a plain sum of entries:
 * - `budget`: budgets plus increasing amendments minus decreasing ones,
 * - `committed`: commitments minus de-commitments,
 * - `disbursed`: payments to carriers, `repaid`: money carriers paid back;
 * each reversal subtracts what the entry it cancels had added.
 */
export interface FundYearBalance {
  budget: Money;
  committed: Money;
  disbursed: Money;
  repaid: Money;
}

/** The counters of one project (application or tracked project) within one fund and programme year. */
export interface ProjectBalance {
  committed: Money;
  disbursed: Money;
  repaid: Money;
}

/** One cash year (Kassenjahr) of one fund and programme year: the instalments planned against what was paid. */
export interface CashYearBalance {
  /** Commitments minus de-commitments booked to this cash year. */
  planned: Money;
  disbursed: Money;
  repaid: Money;
}

/** The signed change one entry makes to the counters. */
export interface LedgerDelta {
  budget: Money;
  committed: Money;
  disbursed: Money;
  repaid: Money;
}

/**
 * Figures shown to finance staff, derived from the counters:
 * - `available` = budget − committed: what may still be promised,
 * - `paid` = disbursed − repaid: what has left the fund for good so far,
 * - `outstanding` = committed − paid: promised but not (or no longer) paid out.
 *
 * A repayment alone does not free budget: the commitment still stands until a de-commitment for
 * what will not be paid again is booked (by finance for tracked projects; for a Netzwerkfonds
 * grant the workflow books it with each principal repaid on a completed or revoked grant).
 */
export interface BalanceFigures {
  available: Money;
  paid: Money;
  outstanding: Money;
}

export const EMPTY_FUND_YEAR_BALANCE: FundYearBalance = Object.freeze({
  budget: Money.ZERO,
  committed: Money.ZERO,
  disbursed: Money.ZERO,
  repaid: Money.ZERO,
});

export const EMPTY_PROJECT_BALANCE: ProjectBalance = Object.freeze({
  committed: Money.ZERO,
  disbursed: Money.ZERO,
  repaid: Money.ZERO,
});

export const EMPTY_CASH_YEAR_BALANCE: CashYearBalance = Object.freeze({
  planned: Money.ZERO,
  disbursed: Money.ZERO,
  repaid: Money.ZERO,
});

function deltaOf(kind: ReversibleEntryKind, posting: LedgerPosting): LedgerDelta {
  const zero = Money.ZERO;
  const a = posting.amount;
  switch (kind) {
    case 'budget':
      return { budget: a, committed: zero, disbursed: zero, repaid: zero };
    case 'budget_amendment':
      return {
        budget: posting.direction === 'decrease' ? a.negate() : a,
        committed: zero,
        disbursed: zero,
        repaid: zero,
      };
    case 'commitment':
      return { budget: zero, committed: a, disbursed: zero, repaid: zero };
    case 'decommitment':
      return { budget: zero, committed: a.negate(), disbursed: zero, repaid: zero };
    case 'disbursement':
      return { budget: zero, committed: zero, disbursed: a, repaid: zero };
    case 'repayment':
      return { budget: zero, committed: zero, disbursed: zero, repaid: a };
  }
}

/** What a posting changes; a reversal changes the opposite of what the cancelled entry did. */
export function ledgerDelta(posting: LedgerPosting): LedgerDelta {
  if (posting.kind !== 'reversal') return deltaOf(posting.kind, posting);
  if (!posting.reversed) throw new RangeError('A reversal must say which kind of entry it cancels');
  const cancelled = deltaOf(posting.reversed.kind, {
    ...posting,
    direction: posting.reversed.direction,
  });
  return {
    budget: cancelled.budget.negate(),
    committed: cancelled.committed.negate(),
    disbursed: cancelled.disbursed.negate(),
    repaid: cancelled.repaid.negate(),
  };
}

export function applyToFundYear(balance: FundYearBalance, delta: LedgerDelta): FundYearBalance {
  return {
    budget: balance.budget.add(delta.budget),
    committed: balance.committed.add(delta.committed),
    disbursed: balance.disbursed.add(delta.disbursed),
    repaid: balance.repaid.add(delta.repaid),
  };
}

export function applyToProject(balance: ProjectBalance, delta: LedgerDelta): ProjectBalance {
  return {
    committed: balance.committed.add(delta.committed),
    disbursed: balance.disbursed.add(delta.disbursed),
    repaid: balance.repaid.add(delta.repaid),
  };
}

export function applyToCashYear(balance: CashYearBalance, delta: LedgerDelta): CashYearBalance {
  return {
    planned: balance.planned.add(delta.committed),
    disbursed: balance.disbursed.add(delta.disbursed),
    repaid: balance.repaid.add(delta.repaid),
  };
}

export function balanceFigures(balance: { budget?: Money } & ProjectBalance): BalanceFigures {
  const paid = balance.disbursed.subtract(balance.repaid);
  return {
    available: (balance.budget ?? Money.ZERO).subtract(balance.committed),
    paid,
    outstanding: balance.committed.subtract(paid),
  };
}

/** Every balance of a set of entries, keyed by the helpers below. */
export interface LedgerBalances {
  fundYears: Map<string, FundYearBalance>;
  projects: Map<string, ProjectBalance>;
  cashYears: Map<string, CashYearBalance>;
}

export function fundYearKey(fundId: string, programmeYear: number): string {
  return `${fundId}|${programmeYear}`;
}

export function projectKey(fundId: string, programmeYear: number, projectId: string): string {
  return `${fundId}|${programmeYear}|${projectId}`;
}

export function cashYearKey(fundId: string, programmeYear: number, cashYear: number): string {
  return `${fundId}|${programmeYear}|${cashYear}`;
}

export function emptyLedgerBalances(): LedgerBalances {
  return { fundYears: new Map(), projects: new Map(), cashYears: new Map() };
}

/** Adds one posting to the balances in place: what the stored counters do in the same transaction. */
export function applyPosting(balances: LedgerBalances, posting: LedgerPosting): void {
  const delta = ledgerDelta(posting);
  const { fundId, programmeYear } = posting;
  const fy = fundYearKey(fundId, programmeYear);
  balances.fundYears.set(fy, applyToFundYear(balances.fundYears.get(fy) ?? EMPTY_FUND_YEAR_BALANCE, delta));
  if (posting.projectId) {
    const p = projectKey(fundId, programmeYear, posting.projectId);
    balances.projects.set(p, applyToProject(balances.projects.get(p) ?? EMPTY_PROJECT_BALANCE, delta));
  }
  const c = cashYearKey(fundId, programmeYear, posting.cashYear);
  balances.cashYears.set(c, applyToCashYear(balances.cashYears.get(c) ?? EMPTY_CASH_YEAR_BALANCE, delta));
}

/** The balances of a whole ledger, from its entries alone. */
export function deriveBalances(postings: Iterable<LedgerPosting>): LedgerBalances {
  const balances = emptyLedgerBalances();
  for (const posting of postings) applyPosting(balances, posting);
  return balances;
}
