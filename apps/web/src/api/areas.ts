import { callApi, type Schemas } from './contract';
import type { paths } from './schema';

export type IndicatorValue = Schemas['IndicatorValueDto'];
export type AreaRow = Schemas['AreaRowDto'];
export type AreaList = Schemas['AreaListDto'];
export type AreaRef = Schemas['AreaRefDto'];
export type MoneyLine = Schemas['AreaMoneyLineDto'];
export type AreaDetail = Schemas['AreaDetailDto'];
export type IndicatorImportResult = Schemas['IndicatorImportAnswerDto'];
type AreaListQuery = NonNullable<paths['/api/areas']['get']['parameters']['query']>;

export function listAreas(
  query: Omit<AreaListQuery, 'districtId'>,
  options: { signal?: AbortSignal } = {},
): Promise<AreaList> {
  return callApi('get', '/api/areas', {
    query: { ...query, page: query.page ?? 1, pageSize: query.pageSize ?? 100 },
    signal: options.signal,
  });
}

export function getArea(id: string, options: { signal?: AbortSignal } = {}): Promise<AreaDetail> {
  return callApi('get', '/api/areas/{id}', { path: { id }, signal: options.signal });
}

export function importIndicators(
  districtId: string,
  file: File,
  dryRun: boolean,
): Promise<IndicatorImportResult> {
  const form = new FormData();
  form.set('dryRun', String(dryRun));
  form.set('file', file);
  return callApi('post', '/api/districts/{id}/area-indicators', { path: { id: districtId }, body: form });
}

export function importLorAreas(districtId: string, file: File): Promise<Schemas['LorImportAnswerDto']> {
  const form = new FormData();
  form.set('file', file);
  return callApi('post', '/api/districts/{id}/lor-areas', { path: { id: districtId }, body: form });
}

export function setAreaCovers(areaId: string, planungsraumIds: string[]): Promise<AreaDetail> {
  return callApi('put', '/api/areas/{id}/covers', { path: { id: areaId }, body: { planungsraumIds } });
}

export function importAreaShapes(
  districtId: string,
  file: File,
  dryRun: boolean,
): Promise<Schemas['AreaShapesImportAnswerDto']> {
  const form = new FormData();
  form.set('dryRun', String(dryRun));
  form.set('file', file);
  return callApi('post', '/api/districts/{id}/area-shapes', { path: { id: districtId }, body: form });
}
