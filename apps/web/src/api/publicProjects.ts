import { apiBasePath } from './client';
import { callApi, type Schemas } from './contract';

/* The public list of funded projects (docs/api/public-projects.md): no login, nothing personal. */

export type PublicProject = Schemas['PublicProjectDto'];

export function listPublicProjects(options: { signal?: AbortSignal } = {}) {
  return callApi('get', '/api/public/projects', { signal: options.signal });
}

/** The open-data files of the list, Berlin-wide or of one district. */
export function publicProjectsDataUrl(format: 'csv' | 'json', district?: string): string {
  const query = district ? `?district=${encodeURIComponent(district)}` : '';
  return `${apiBasePath}/public/projects${format === 'csv' ? '.csv' : ''}${query}`;
}
