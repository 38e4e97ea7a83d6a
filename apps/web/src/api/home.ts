import { apiRequest } from './client';

/** What waits for the signed-in user (`GET /api/home/next-steps`), counted per role. */
export const nextStepKeys = [
  'draftsToFinish',
  'changesRequested',
  'declarationsDue',
  'callOffsOpen',
  'reportsDue',
  'votenMissing',
  'writtenVotesOpen',
  'nextSession',
  'formalCheck',
  'repliesOverdue',
  'sessionsToPrepare',
  'plansInProgress',
  'callOffsToApprove',
  'callOffsToPay',
  'claimsOpen',
  'budgetsToEnter',
  'listsAwaitingSenate',
] as const;
export type NextStepKey = (typeof nextStepKeys)[number];

export type NextStep = {
  key: NextStepKey;
  role: 'carrier' | 'board_member' | 'coordinator' | 'finance' | 'senate';
  count: number;
  /** The nearest deadline or date: an ISO timestamp, or a calendar day `YYYY-MM-DD`. */
  due: string | null;
  /** The one item to open (application, session, call or fund), when the step names one. */
  targetId: string | null;
  year: number | null;
};

export function getNextSteps(options: { signal?: AbortSignal } = {}): Promise<{ items: NextStep[] }> {
  return apiRequest('/home/next-steps', options);
}
