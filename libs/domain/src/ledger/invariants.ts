import type { Money } from '../money/money';
import {
  applyToFundYear,
  applyToProject,
  EMPTY_FUND_YEAR_BALANCE,
  EMPTY_PROJECT_BALANCE,
  type FundYearBalance,
  fundYearKey,
  type LedgerBalances,
  ledgerDelta,
  type ProjectBalance,
  projectKey,
} from './balances';
import type { LedgerPosting } from './ledger-entry';

/**
 * The ledger's invariants (issue 5), each with the error code the API answers with:
 * - `budget_exceeded`: per fund and programme year, committed ≤ budget;
 * - `disbursement_exceeds_commitment`: per project, what was paid out and not paid back
 *   (disbursed − repaid) ≤ committed — so a de-commitment cannot take back money already paid;
 * - `repayment_exceeds_disbursement`: per project, repaid ≤ disbursed.
 * Together they also keep every budget and every commitment at or above zero.
 *
 * Amounts describe the state the proposed entry would lead to; `excess` is by how much it breaks
 * the rule, i.e. how much smaller the entry would have to be.
 */
export type LedgerViolation =
  | {
      code: 'budget_exceeded';
      fundId: string;
      programmeYear: number;
      budget: Money;
      committed: Money;
      excess: Money;
    }
  | {
      code: 'disbursement_exceeds_commitment';
      fundId: string;
      programmeYear: number;
      projectId: string;
      committed: Money;
      paid: Money;
      excess: Money;
    }
  | {
      code: 'repayment_exceeds_disbursement';
      fundId: string;
      programmeYear: number;
      projectId: string;
      disbursed: Money;
      repaid: Money;
      excess: Money;
    };

export type LedgerViolationCode = LedgerViolation['code'];

export function fundYearViolations(
  fundId: string,
  programmeYear: number,
  balance: FundYearBalance,
): LedgerViolation[] {
  if (!balance.committed.isGreaterThan(balance.budget)) return [];
  return [
    {
      code: 'budget_exceeded',
      fundId,
      programmeYear,
      budget: balance.budget,
      committed: balance.committed,
      excess: balance.committed.subtract(balance.budget),
    },
  ];
}

export function projectViolations(
  fundId: string,
  programmeYear: number,
  projectId: string,
  balance: ProjectBalance,
): LedgerViolation[] {
  const violations: LedgerViolation[] = [];
  const paid = balance.disbursed.subtract(balance.repaid);
  if (paid.isGreaterThan(balance.committed)) {
    violations.push({
      code: 'disbursement_exceeds_commitment',
      fundId,
      programmeYear,
      projectId,
      committed: balance.committed,
      paid,
      excess: paid.subtract(balance.committed),
    });
  }
  if (balance.repaid.isGreaterThan(balance.disbursed)) {
    violations.push({
      code: 'repayment_exceeds_disbursement',
      fundId,
      programmeYear,
      projectId,
      disbursed: balance.disbursed,
      repaid: balance.repaid,
      excess: balance.repaid.subtract(balance.disbursed),
    });
  }
  return violations;
}

/** The current counters a posting is checked against: its fund year's and, for a project entry, its project's. */
export interface PostingContext {
  fundYear: FundYearBalance;
  /** The project's counters in the same fund and programme year; null or absent when it has none yet. */
  project?: ProjectBalance | null;
}

/**
 * Checks a proposed, well-formed posting (see `postingProblems`) against the current counters and
 * answers the invariants it would break; empty when it may be booked. The current counters are
 * assumed to satisfy every invariant (the ledger only ever books entries this accepts), so only
 * the rows the posting touches need looking at.
 */
export function checkPosting(current: PostingContext, posting: LedgerPosting): LedgerViolation[] {
  const delta = ledgerDelta(posting);
  const violations = fundYearViolations(
    posting.fundId,
    posting.programmeYear,
    applyToFundYear(current.fundYear, delta),
  );
  if (posting.projectId) {
    violations.push(
      ...projectViolations(
        posting.fundId,
        posting.programmeYear,
        posting.projectId,
        applyToProject(current.project ?? EMPTY_PROJECT_BALANCE, delta),
      ),
    );
  }
  return violations;
}

/** Every invariant broken anywhere in a set of balances (for audits of stored counters and for tests). */
export function ledgerViolations(balances: LedgerBalances): LedgerViolation[] {
  const violations: LedgerViolation[] = [];
  for (const [key, balance] of balances.fundYears) {
    const [fundId = '', year = ''] = key.split('|');
    violations.push(...fundYearViolations(fundId, Number(year), balance));
  }
  for (const [key, balance] of balances.projects) {
    const [fundId = '', year = '', projectId = ''] = key.split('|');
    violations.push(...projectViolations(fundId, Number(year), projectId, balance));
  }
  return violations;
}

/** The context `checkPosting` needs, read from in-memory balances. */
export function postingContext(balances: LedgerBalances, posting: LedgerPosting): PostingContext {
  const { fundId, programmeYear, projectId } = posting;
  return {
    fundYear: balances.fundYears.get(fundYearKey(fundId, programmeYear)) ?? EMPTY_FUND_YEAR_BALANCE,
    project: projectId ? (balances.projects.get(projectKey(fundId, programmeYear, projectId)) ?? null) : null,
  };
}
