import { apiBasePath, apiRequest } from './client';

const encode = encodeURIComponent;

/** One project read from the file (docs/api/past-projects.md); `id` is null in a dry run. */
export type PastProjectRow = {
  row: number;
  id: string | null;
  fundKind: 'netzwerkfonds' | 'aktionsfonds' | 'projektfonds' | 'baufonds';
  programmeYear: number;
  organisationId: string;
  title: string;
  amountCents: string;
  periodStart: string;
  periodEnd: string;
  areaId: string;
  predecessorRow: number | null;
};

export type PastProjectImportAnswer = {
  dryRun: boolean;
  alreadyImported: boolean;
  fileSha256: string;
  rows: PastProjectRow[];
};

export function importPastProjects(
  districtId: string,
  file: File,
  dryRun: boolean,
): Promise<PastProjectImportAnswer> {
  const form = new FormData();
  form.set('file', file);
  return apiRequest(`/districts/${encode(districtId)}/past-projects?dryRun=${String(dryRun)}`, {
    method: 'POST',
    body: form,
  });
}

/** The empty table to fill in; a plain link, so the browser downloads it with the session cookie. */
export function pastProjectTemplateUrl(districtId: string): string {
  return `${apiBasePath}/districts/${encode(districtId)}/past-projects/template.csv`;
}
