import type { ErrorDetail } from '../errors/domain-error';
import type { Money } from '../money/money';

/**
 * The four funds (DOMAIN.md, fund table). Persisted, so this list is the single source in code; the
 * migration's CHECK holds a frozen copy. Netzwerkfonds is run here in full and belongs to a
 * district; the other three are tracked, one each per QM area.
 */
export const FUND_KINDS = ['netzwerkfonds', 'aktionsfonds', 'projektfonds', 'baufonds'] as const;
export type FundKind = (typeof FUND_KINDS)[number];

export const TRACKED_FUND_KINDS = ['aktionsfonds', 'projektfonds', 'baufonds'] as const;
export type TrackedFundKind = (typeof TRACKED_FUND_KINDS)[number];

export function isTrackedFundKind(kind: FundKind): kind is TrackedFundKind {
  return kind !== 'netzwerkfonds';
}

/**
 * What can be booked (issue 5). A correction is never an edit: a `reversal` cancels one earlier
 * entry in full, and the right entry is then booked anew.
 */
export const LEDGER_ENTRY_KINDS = [
  'budget',
  'budget_amendment',
  'commitment',
  'decommitment',
  'disbursement',
  'repayment',
  'reversal',
] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/** Kinds that move money of one project (an application or a tracked project). */
export const PROJECT_ENTRY_KINDS = ['commitment', 'decommitment', 'disbursement', 'repayment'] as const;
export type ProjectEntryKind = (typeof PROJECT_ENTRY_KINDS)[number];

export type BudgetEntryKind = 'budget' | 'budget_amendment';
export type ReversibleEntryKind = Exclude<LedgerEntryKind, 'reversal'>;

/** Amounts are always positive; a budget amendment says by its direction whether it adds or takes away. */
export const BUDGET_DIRECTIONS = ['increase', 'decrease'] as const;
export type BudgetDirection = (typeof BUDGET_DIRECTIONS)[number];

export function isProjectEntryKind(kind: LedgerEntryKind): kind is ProjectEntryKind {
  return (PROJECT_ENTRY_KINDS as readonly string[]).includes(kind);
}

/**
 * An entry as far as balances and invariants are concerned (no actor, reason or references).
 * A reversal carries the fund, years, amount and project of the entry it cancels, and that entry's
 * kind and direction in `reversed`, so its effect follows from the entry alone.
 */
export interface LedgerPosting {
  kind: LedgerEntryKind;
  fundId: string;
  /** Whose budget pays (Programmjahr). */
  programmeYear: number;
  /** When the money flows (Kassenjahr). */
  cashYear: number;
  /** Positive; the kind decides the direction. */
  amount: Money;
  /** Only for `budget_amendment` (and a reversal of one: then the amendment's). */
  direction: BudgetDirection | null;
  /** The application (Netzwerkfonds) or tracked project (other funds) of a project entry. */
  projectId: string | null;
  /** Only for `reversal`: what the cancelled entry was. */
  reversed: { kind: ReversibleEntryKind; direction: BudgetDirection | null } | null;
}

export const MIN_PROGRAMME_YEAR = 2000;
export const MAX_PROGRAMME_YEAR = 2100;

/**
 * Whether a posting is well-formed on its own, before any balance is looked at: a positive amount,
 * plausible years (money of a programme year cannot flow before that year), and exactly the
 * references its kind needs. Answers the problems as validation details; empty when it is fine.
 */
export function postingProblems(posting: LedgerPosting): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!posting.amount.isPositive()) problems.push({ field: 'amount', rule: 'min', params: { min: '0,01' } });
  const year = (field: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min || value > MAX_PROGRAMME_YEAR) {
      problems.push({ field, rule: 'min', params: { min } });
    }
  };
  year('programmeYear', posting.programmeYear, MIN_PROGRAMME_YEAR);
  year('cashYear', posting.cashYear, Math.max(MIN_PROGRAMME_YEAR, posting.programmeYear));

  const effective = posting.kind === 'reversal' ? posting.reversed?.kind : posting.kind;
  if (posting.kind === 'reversal' && !posting.reversed) {
    problems.push({ field: 'reversesEntryId', rule: 'required' });
  }
  if (posting.kind !== 'reversal' && posting.reversed) {
    problems.push({ field: 'reversesEntryId', rule: 'unknown_field' });
  }
  if (effective === 'budget_amendment' && !posting.direction) {
    problems.push({ field: 'direction', rule: 'required' });
  }
  if (effective !== undefined && effective !== 'budget_amendment' && posting.direction) {
    problems.push({ field: 'direction', rule: 'unknown_field' });
  }
  if (effective !== undefined && isProjectEntryKind(effective) && !posting.projectId) {
    problems.push({ field: 'projectId', rule: 'required' });
  }
  if ((effective === 'budget' || effective === 'budget_amendment') && posting.projectId) {
    problems.push({ field: 'projectId', rule: 'unknown_field' });
  }
  return problems;
}
