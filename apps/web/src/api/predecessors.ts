import { apiRequest } from './client';

/** A project an application may continue (five-year chain): a funded application or an imported one. */
export type PredecessorOption = {
  id: string;
  kind: 'application' | 'imported';
  reference: string | null;
  title: string;
  fundKind: 'netzwerkfonds' | 'aktionsfonds' | 'projektfonds' | 'baufonds' | null;
  programmeYear: number;
  periodStart: string | null;
  periodEnd: string | null;
};

export function listPredecessorOptions(
  applicationId: string,
  options: { signal?: AbortSignal } = {},
): Promise<{ items: PredecessorOption[] }> {
  return apiRequest(`/applications/${encodeURIComponent(applicationId)}/predecessor-options`, options);
}
