import { callApi, type Schemas } from './contract';

/** What waits for the signed-in user (`GET /api/home/next-steps`), counted per role. */
export type NextStep = Schemas['NextStepDto'];
export type NextStepKey = NextStep['key'];

export function getNextSteps(options: { signal?: AbortSignal } = {}): Promise<Schemas['NextStepsDto']> {
  return callApi('get', '/api/home/next-steps', options);
}
