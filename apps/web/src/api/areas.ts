import { apiRequest } from './client';

const encode = encodeURIComponent;

export type IndicatorValue = {
  indicator: string;
  year: number;
  value: string | null;
  class: string | null;
  unit: string;
  source: string;
  sample: boolean;
};

export type AreaRow = {
  id: string;
  districtId: string;
  districtName: string;
  kind: string;
  name: string;
  code: string | null;
  committedCents: string;
  paidCents: string;
  indicators: IndicatorValue[];
  /** The outline for the map, when imported: polygons of rings of [longitude, latitude]. */
  shape?: number[][][][] | null;
  /** The outline is a made-up demo shape, not the real boundary. */
  shapeSample?: boolean;
};

export type AreaList = {
  items: AreaRow[];
  hasMore: boolean;
  indicators: string[];
  page: number;
  pageSize: number;
};

export type AreaRef = { id: string; kind: string; name: string; code: string | null };

export type MoneyLine = {
  fundKind: string;
  actionFieldId?: string | null;
  actionFieldName?: string | null;
  projects: number;
  committedCents: string;
  paidCents: string;
};

export type AreaDetail = {
  id: string;
  districtId: string;
  districtName: string;
  kind: string;
  name: string;
  code: string | null;
  ancestors: AreaRef[];
  children: AreaRef[];
  covers: AreaRef[];
  coveredBy: AreaRef[];
  indicators: IndicatorValue[];
  money: { committedCents: string; paidCents: string; byFundKind: MoneyLine[]; byActionField: MoneyLine[] };
};

export type IndicatorImportResult = {
  dryRun: boolean;
  importId: string | null;
  layout: 'monitoring' | 'generic';
  rows: number;
  values: number;
  areas: number;
  years: number[];
};

export function listAreas(
  query: { sort?: string; order?: 'asc' | 'desc'; kind?: string; page?: number; pageSize?: number },
  options: { signal?: AbortSignal } = {},
): Promise<AreaList> {
  const params = new URLSearchParams();
  if (query.sort) params.set('sort', query.sort);
  if (query.order) params.set('order', query.order);
  if (query.kind) params.set('kind', query.kind);
  params.set('page', String(query.page ?? 1));
  params.set('pageSize', String(query.pageSize ?? 100));
  return apiRequest(`/areas?${params.toString()}`, options);
}

export function getArea(id: string, options: { signal?: AbortSignal } = {}): Promise<AreaDetail> {
  return apiRequest(`/areas/${encode(id)}`, options);
}

export function importIndicators(
  districtId: string,
  file: File,
  dryRun: boolean,
): Promise<IndicatorImportResult> {
  const form = new FormData();
  form.set('dryRun', String(dryRun));
  form.set('file', file);
  return apiRequest(`/districts/${encode(districtId)}/area-indicators`, { method: 'POST', body: form });
}

export function importLorAreas(
  districtId: string,
  file: File,
): Promise<{ areas: number; planungsraeume: number }> {
  const form = new FormData();
  form.set('file', file);
  return apiRequest(`/districts/${encode(districtId)}/lor-areas`, { method: 'POST', body: form });
}

export function setAreaCovers(areaId: string, planungsraumIds: string[]): Promise<AreaDetail> {
  return apiRequest(`/areas/${encode(areaId)}/covers`, { method: 'PUT', body: { planungsraumIds } });
}

export function importAreaShapes(
  districtId: string,
  file: File,
  dryRun: boolean,
): Promise<{ dryRun: boolean; importId: string | null; areas: number }> {
  const form = new FormData();
  form.set('dryRun', String(dryRun));
  form.set('file', file);
  return apiRequest(`/districts/${encode(districtId)}/area-shapes`, { method: 'POST', body: form });
}
