import { callApi, type Schemas } from './contract';

/** A project an application may continue (five-year chain): a funded application or an imported one. */
export type PredecessorOption = Schemas['PredecessorOptionDto'];

export function listPredecessorOptions(
  applicationId: string,
  options: { signal?: AbortSignal } = {},
): Promise<{ items: PredecessorOption[] }> {
  return callApi('get', '/api/applications/{id}/predecessor-options', {
    path: { id: applicationId },
    signal: options.signal,
  });
}
