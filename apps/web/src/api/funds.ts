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
  /** Entries of Netzwerkfonds applications belong to the workflow and cannot be reversed here. */
  applicationId: string | null;
  trackedProjectId: string | null;
  projectTitle: string | null;
  organisationName: string | null;
  callOffRef: string | null;
  grantNoticeRef: string | null;
  actor: { id: string; displayName: string } | null;
  reason: string | null;
  reversedKind: EntryKind | null;
  reversesSeq: string | null;
  /** The reversal that cancelled this entry, if any. */
  reversedByEntryId: string | null;
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

/** The money a tracked project gets, booked by finance staff (Aktions-, Projekt- and Baufonds only). */
export const projectEntryKinds = ['commitment', 'disbursement', 'repayment', 'decommitment'] as const;
export type ProjectEntryKind = (typeof projectEntryKinds)[number];

export type ProjectBooking = {
  kind: ProjectEntryKind;
  programmeYear: number;
  cashYear: number;
  amountCents: string;
  trackedProjectId: string;
  reason?: string;
  callOffRef?: string;
  grantNoticeRef?: string;
};

/** A project of an Aktions-, Projekt- or Baufonds with its money so far (all programme years). */
export type TrackedProject = {
  id: string;
  fundId: string;
  organisationId: string;
  organisationName: string;
  title: string;
  areaId: string;
  areaName: string;
  actionFieldId: string | null;
  actionFieldName: string | null;
  decisionDate: string;
  periodStart: string;
  periodEnd: string;
  amountCents: string;
  committedCents: string;
  disbursedCents: string;
  repaidCents: string;
  createdAt: string;
};

export type NewTrackedProject = {
  organisationId: string;
  title: string;
  areaId?: string;
  actionFieldId?: string;
  decisionDate: string;
  periodStart: string;
  periodEnd: string;
  amountCents: string;
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type AreaKind = 'prognoseraum' | 'bezirksregion' | 'planungsraum' | 'qm_area' | 'aktionsraum';
export type Area = { id: string; kind: AreaKind; name: string; slug: string; parentId: string | null };
export type ActionField = { id: string; name: string; slug: string };
export type Carrier = { id: string; name: string };

export type AreaFigures = Figures & { areaId: string | null; areaName: string | null };
export type ActionFieldFigures = {
  actionFieldId: string | null;
  actionFieldName: string | null;
  fundKind: FundKind;
  committedCents: string;
  disbursedCents: string;
  repaidCents: string;
  paidCents: string;
  outstandingCents: string;
};

/** `GET /districts/:id/balances`: the district's figures in one programme year, by fund, area and action field. */
export type DistrictBalances = {
  districtId: string;
  districtName: string;
  programmeYear: number;
  totals: Figures;
  funds: (FundYear & { areaName: string | null })[];
  byArea: AreaFigures[];
  byActionField: ActionFieldFigures[];
};

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

export function bookProjectMoney(id: string, booking: ProjectBooking): Promise<Booked> {
  return apiRequest<Booked>(`/funds/${encode(id)}/ledger`, { method: 'POST', body: booking });
}

/** Cancels an entry in full with a reversing entry; the reason is required. */
export function reverseEntry(entryId: string, reason: string): Promise<Booked> {
  return apiRequest<Booked>(`/ledger/${encode(entryId)}/reversal`, { method: 'POST', body: { reason } });
}

export function listTrackedProjects(id: string, options: Signal = {}): Promise<Page<TrackedProject>> {
  return apiRequest<Page<TrackedProject>>(
    `/funds/${encode(id)}/projects${query({ pageSize: 100 })}`,
    options,
  );
}

export function recordTrackedProject(id: string, project: NewTrackedProject): Promise<TrackedProject> {
  return apiRequest<TrackedProject>(`/funds/${encode(id)}/projects`, { method: 'POST', body: project });
}

/** Carriers a project of the fund may be recorded for, by name (`q`: part of the name). */
export function listCarriers(id: string, q: string, options: Signal = {}): Promise<Page<Carrier>> {
  return apiRequest<Page<Carrier>>(
    `/funds/${encode(id)}/carriers${query({ q: q.trim(), pageSize: 100 })}`,
    options,
  );
}

export function listAreas(districtId: string, options: Signal = {}): Promise<{ items: Area[] }> {
  return apiRequest<{ items: Area[] }>(`/districts/${encode(districtId)}/areas`, options);
}

export function listActionFields(
  districtId: string,
  options: Signal = {},
): Promise<{ items: ActionField[] }> {
  return apiRequest<{ items: ActionField[] }>(`/districts/${encode(districtId)}/action-fields`, options);
}

export function getDistrictBalances(
  districtId: string,
  programmeYear: number,
  options: Signal = {},
): Promise<DistrictBalances> {
  return apiRequest<DistrictBalances>(
    `/districts/${encode(districtId)}/balances${query({ programmeYear })}`,
    options,
  );
}

export function districtBalancesExportUrl(districtId: string, format: 'csv' | 'xlsx', programmeYear: number) {
  return `${apiBasePath}/districts/${encode(districtId)}/balances.${format}${query({ programmeYear })}`;
}

/** Plain download addresses; the browser sends the session cookie with them. */
export function ledgerExportUrl(id: string, format: 'csv' | 'xlsx', filter: LedgerFilter): string {
  return `${apiBasePath}/funds/${encode(id)}/ledger.${format}${query(filter)}`;
}

export function yearlyReportUrl(id: string, year: number): string {
  return `${apiBasePath}/funds/${encode(id)}/years/${year}/report.xlsx`;
}

// The base-rate table (Basiszinssatz, § 247 BGB): finance reads it, administrators change it.

/** One period of the table: the rate applies from `validFrom` until the next period begins. */
export type BaseRate = { validFrom: string; rateBasisPoints: number };

export function listBaseRates(options: Signal = {}): Promise<{ items: BaseRate[] }> {
  return apiRequest('/base-rates', options);
}

/** Records the rate of a day, or corrects it (the API audits the previous value). */
export function setBaseRate(rate: BaseRate): Promise<BaseRate> {
  return apiRequest('/base-rates', { method: 'POST', body: rate });
}
