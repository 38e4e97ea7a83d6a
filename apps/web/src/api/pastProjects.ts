import { apiBasePath } from './client';
import { callApi, type Schemas } from './contract';

const encode = encodeURIComponent;

/** One project read from the file (docs/api/past-projects.md); `id` is null in a dry run. */
export type PastProjectRow = Schemas['PastProjectRowDto'];
export type PastProjectImportAnswer = Schemas['PastProjectImportAnswerDto'];

export function importPastProjects(
  districtId: string,
  file: File,
  dryRun: boolean,
): Promise<PastProjectImportAnswer> {
  const form = new FormData();
  form.set('file', file);
  return callApi('post', '/api/districts/{id}/past-projects', {
    path: { id: districtId },
    query: { dryRun: String(dryRun) as 'true' | 'false' },
    body: form,
  });
}

/** The empty table to fill in; a plain link, so the browser downloads it with the session cookie. */
export function pastProjectTemplateUrl(districtId: string): string {
  return `${apiBasePath}/districts/${encode(districtId)}/past-projects/template.csv`;
}
