import { apiBasePath, apiRequest } from './client';
import type { FundKind } from './funds';

/* The public list of funded projects (docs/api/public-projects.md): no login, nothing personal. */

export type PublicProject = {
  reference: string;
  title: string;
  carrier: string;
  district: { slug: string; name: string };
  fundKind: FundKind;
  programmeYear: number;
  /** The grant of the notice in cents. */
  amountCents: number;
  periodStart: string;
  periodEnd: string;
  areas: string[];
  actionFields: string[];
};

export function listPublicProjects(options: { signal?: AbortSignal } = {}) {
  return apiRequest<{ projects: PublicProject[] }>('/public/projects', { signal: options.signal });
}

/** The open-data files of the list, Berlin-wide or of one district. */
export function publicProjectsDataUrl(format: 'csv' | 'json', district?: string): string {
  const query = district ? `?district=${encodeURIComponent(district)}` : '';
  return `${apiBasePath}/public/projects${format === 'csv' ? '.csv' : ''}${query}`;
}
