import { apiBasePath, apiRequest } from './client';

/*
 * The funds API (docs/api/funds.md): funds, balances, the ledger and its exports. Amounts are
 * integer cents as strings of digits, exactly as the API sends them.
 */

export const fundKinds = ['netzwerkfonds', 'aktionsfonds', 'projektfonds', 'baufonds'] as const;
export type FundKind = (typeof fundKinds)[number];

export const entryKinds = [
  'budget',
  'budget_amendment',
  'commitment',
  'decommitment',
  'disbursement',
  'repayment',
  'reversal',
] as const;
export type EntryKind = (typeof entryKinds)[number];

export type Figures = {
  budgetCents: string;
  committedCents: string;
  availableCents: string;
  disbursedCents: string;
  repaidCents: string;
  paidCents: string;
  outstandingCents: string;
};

export type Fund = {
  id: string;
  districtId: string;
  districtName: string;
  kind: FundKind;
  areaId: string | null;
  areaName: string | null;
  name: string;
};

export type FundWithBalance = Fund & { balance: Figures & { programmeYear: number; entryCount: number } };

export type FundList = {
  items: FundWithBalance[];
  total: number;
  page: number;
  pageSize: number;
  programmeYear: number;
};

export type CashYear = {
  cashYear: number;
  plannedCents: string;
  disbursedCents: string;
  repaidCents: string;
  paidCents: string;
};

export type FundYear = Figures & {
  fundId: string;
  fundKind: FundKind;
  fundName: string;
  districtId: string;
  areaId: string | null;
  programmeYear: number;
  entryCount: number;
  cashYears: CashYear[];
};

export type LedgerEntry = {
  id: string;
  seq: string;
  bookedAt: string;
  fundId: string;
  programmeYear: number;
  cashYear: number | null;
  kind: EntryKind;
  direction: 'increase' | 'decrease' | null;
  amountCents: string;
  projectTitle: string | null;
  organisationName: string | null;
  actor: { id: string; displayName: string } | null;
  reason: string | null;
  reversesSeq: string | null;
};

export type Ledger = { items: LedgerEntry[]; total: number; page: number; pageSize: number };

export type LedgerFilter = { programmeYear: number; cashYear?: number; kind?: EntryKind };

export type BudgetBooking = {
  kind: 'budget' | 'budget_amendment';
  programmeYear: number;
  amountCents: string;
  direction?: 'increase' | 'decrease';
  reason?: string;
};

export type Booked = { entry: LedgerEntry; balance: Figures & { fundId: string; programmeYear: number } };

type Signal = { signal?: AbortSignal };
const encode = encodeURIComponent;

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function listFunds(programmeYear: number, options: Signal = {}): Promise<FundList> {
  return apiRequest<FundList>(`/funds${query({ programmeYear, pageSize: 100 })}`, options);
}

export function getFund(id: string, options: Signal = {}): Promise<Fund> {
  return apiRequest<Fund>(`/funds/${encode(id)}`, options);
}

export function getFundYear(id: string, year: number, options: Signal = {}): Promise<FundYear> {
  return apiRequest<FundYear>(`/funds/${encode(id)}/years/${year}`, options);
}

export function listLedger(
  id: string,
  filter: LedgerFilter & { page: number; pageSize: number },
  options: Signal = {},
): Promise<Ledger> {
  return apiRequest<Ledger>(`/funds/${encode(id)}/ledger${query(filter)}`, options);
}

export function bookBudget(id: string, booking: BudgetBooking): Promise<Booked> {
  return apiRequest<Booked>(`/funds/${encode(id)}/ledger`, { method: 'POST', body: booking });
}

/** Plain download addresses; the browser sends the session cookie with them. */
export function ledgerExportUrl(id: string, format: 'csv' | 'xlsx', filter: LedgerFilter): string {
  return `${apiBasePath}/funds/${encode(id)}/ledger.${format}${query(filter)}`;
}

export function yearlyReportUrl(id: string, year: number): string {
  return `${apiBasePath}/funds/${encode(id)}/years/${year}/report.xlsx`;
}
