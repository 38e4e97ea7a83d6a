import { apiBasePath } from './client';
import { callApi, type Schemas } from './contract';

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

export type Figures = Schemas['FiguresDto'];
export type Fund = Schemas['FundDto'];
export type FundWithBalance = Schemas['FundWithBalanceDto'];
export type FundList = Schemas['FundListDto'];
export type CashYear = Schemas['CashYearDto'];
export type FundYear = Schemas['FundYearDto'];
export type LedgerEntry = Schemas['LedgerEntryDto'];
export type Ledger = Schemas['LedgerPageDto'];

export type LedgerFilter = { programmeYear: number; cashYear?: number; kind?: EntryKind };

/** A budget or its amendment: the booking form's part of BookEntryDto. */
export type BudgetBooking = Pick<
  Schemas['BookEntryDto'],
  'programmeYear' | 'amountCents' | 'direction' | 'reason'
> & {
  kind: 'budget' | 'budget_amendment';
};

export type Booked = Schemas['BookedDto'];

/** The money a tracked project gets, booked by finance staff (Aktions-, Projekt- and Baufonds only). */
export const projectEntryKinds = ['commitment', 'disbursement', 'repayment', 'decommitment'] as const;
export type ProjectEntryKind = (typeof projectEntryKinds)[number];

export type ProjectBooking = Pick<
  Schemas['BookEntryDto'],
  'programmeYear' | 'amountCents' | 'reason' | 'callOffRef' | 'grantNoticeRef'
> & { kind: ProjectEntryKind; cashYear: number; trackedProjectId: string };

/** A project of an Aktions-, Projekt- or Baufonds with its money so far (all programme years). */
export type TrackedProject = Schemas['TrackedProjectDto'];
export type NewTrackedProject = Schemas['CreateTrackedProjectDto'];

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type Area = Schemas['DistrictAreaDto'];
export type AreaKind = Area['kind'];
export type ActionField = Schemas['ActionFieldDto'];
export type Carrier = Schemas['CarrierDto'];

export type AreaFigures = Schemas['AreaFiguresDto'];
export type ActionFieldFigures = Schemas['ActionFieldFiguresDto'];

/** `GET /districts/:id/balances`: the district's figures in one programme year, by fund, area and action field. */
export type DistrictBalances = Schemas['DistrictBalancesDto'];

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
  return callApi('get', '/api/funds', { query: { programmeYear, pageSize: 100 }, ...options });
}

export function getFund(id: string, options: Signal = {}): Promise<Fund> {
  return callApi('get', '/api/funds/{id}', { path: { id }, ...options });
}

export function getFundYear(id: string, year: number, options: Signal = {}): Promise<FundYear> {
  return callApi('get', '/api/funds/{id}/years/{year}', { path: { id, year }, ...options });
}

export function listLedger(
  id: string,
  filter: LedgerFilter & { page: number; pageSize: number },
  options: Signal = {},
): Promise<Ledger> {
  return callApi('get', '/api/funds/{id}/ledger', { path: { id }, query: filter, ...options });
}

export function bookBudget(id: string, booking: BudgetBooking): Promise<Booked> {
  return callApi('post', '/api/funds/{id}/ledger', { path: { id }, body: booking });
}

export function bookProjectMoney(id: string, booking: ProjectBooking): Promise<Booked> {
  return callApi('post', '/api/funds/{id}/ledger', { path: { id }, body: booking });
}

/** Cancels an entry in full with a reversing entry; the reason is required. */
export function reverseEntry(entryId: string, reason: string): Promise<Booked> {
  return callApi('post', '/api/ledger/{entryId}/reversal', { path: { entryId }, body: { reason } });
}

export function listTrackedProjects(id: string, options: Signal = {}): Promise<Page<TrackedProject>> {
  return callApi('get', '/api/funds/{id}/projects', { path: { id }, query: { pageSize: 100 }, ...options });
}

export function recordTrackedProject(id: string, project: NewTrackedProject): Promise<TrackedProject> {
  return callApi('post', '/api/funds/{id}/projects', { path: { id }, body: project });
}

/** Carriers a project of the fund may be recorded for, by name (`q`: part of the name). */
export function listCarriers(id: string, q: string, options: Signal = {}): Promise<Page<Carrier>> {
  return callApi('get', '/api/funds/{id}/carriers', {
    path: { id },
    query: { q: q.trim(), pageSize: 100 },
    ...options,
  });
}

export function listAreas(districtId: string, options: Signal = {}): Promise<{ items: Area[] }> {
  return callApi('get', '/api/districts/{id}/areas', { path: { id: districtId }, ...options });
}

export function listActionFields(
  districtId: string,
  options: Signal = {},
): Promise<{ items: ActionField[] }> {
  return callApi('get', '/api/districts/{id}/action-fields', { path: { id: districtId }, ...options });
}

export function getDistrictBalances(
  districtId: string,
  programmeYear: number,
  options: Signal = {},
): Promise<DistrictBalances> {
  return callApi('get', '/api/districts/{id}/balances', {
    path: { id: districtId },
    query: { programmeYear },
    ...options,
  });
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
export type BaseRate = Schemas['BaseRateDto'];

export function listBaseRates(options: Signal = {}): Promise<{ items: BaseRate[] }> {
  return callApi('get', '/api/base-rates', options);
}

/** Records the rate of a day, or corrects it (the API audits the previous value). */
export function setBaseRate(rate: BaseRate): Promise<BaseRate> {
  return callApi('post', '/api/base-rates', { body: rate });
}
