import {
  balanceFigures,
  EMPTY_FUND_YEAR_BALANCE,
  type FundYearBalance,
  Money,
  type ProjectBalance,
} from '@kiezfonds/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { FundYearFigures } from '../ledger/ledger-command';

/** Where a read runs: the data source, or a transaction to see its own uncommitted entries. */
export type Db = DataSource | EntityManager;

/** Counters as PostgreSQL returns them: bigint as decimal strings. */
export interface FundYearBalanceRow {
  budget_cents: string;
  committed_cents: string;
  disbursed_cents: string;
  repaid_cents: string;
}

export interface ProjectBalanceRow {
  committed_cents: string;
  disbursed_cents: string;
  repaid_cents: string;
}

export function fundYearBalanceOf(row: FundYearBalanceRow | undefined): FundYearBalance {
  if (!row) return EMPTY_FUND_YEAR_BALANCE;
  return {
    budget: Money.fromCents(row.budget_cents),
    committed: Money.fromCents(row.committed_cents),
    disbursed: Money.fromCents(row.disbursed_cents),
    repaid: Money.fromCents(row.repaid_cents),
  };
}

export function projectBalanceOf(row: ProjectBalanceRow | undefined): ProjectBalance | null {
  if (!row) return null;
  return {
    committed: Money.fromCents(row.committed_cents),
    disbursed: Money.fromCents(row.disbursed_cents),
    repaid: Money.fromCents(row.repaid_cents),
  };
}

export function withFigures(balance: FundYearBalance): FundYearFigures {
  const { available, paid, outstanding } = balanceFigures(balance);
  return { ...balance, available, paid, outstanding };
}
