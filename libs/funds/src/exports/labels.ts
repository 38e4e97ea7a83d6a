import type { BudgetDirection, FundKind, LedgerEntryKind } from '@kiezfonds/domain';

/** German names as finance staff use them, for exports and default fund names. */
export const FUND_KIND_LABELS: Record<FundKind, string> = {
  netzwerkfonds: 'Netzwerkfonds',
  aktionsfonds: 'Aktionsfonds',
  projektfonds: 'Projektfonds',
  baufonds: 'Baufonds',
};

export const ENTRY_KIND_LABELS: Record<LedgerEntryKind, string> = {
  budget: 'Budget',
  budget_amendment: 'Budgetänderung',
  commitment: 'Bindung',
  decommitment: 'Aufhebung der Bindung',
  disbursement: 'Auszahlung',
  repayment: 'Rückzahlung',
  reversal: 'Storno',
};

export const DIRECTION_LABELS: Record<BudgetDirection, string> = {
  increase: 'Erhöhung',
  decrease: 'Minderung',
};
