import { apiBasePath } from './client';
import { callApi, type Schemas } from './contract';

type Signal = { signal?: AbortSignal };
const encode = encodeURIComponent;

export type Choice = 'yes' | 'no' | 'abstain' | 'recused';

export type SessionItemVote = Schemas['SessionItemVoteDto'];
/** A session with its members, live quorum, seats and agenda; every write on it answers it again. */
export type CommitteeSession = Schemas['SessionDto'];

export function getSession(id: string, options: Signal = {}): Promise<CommitteeSession> {
  return callApi('get', '/api/sessions/{id}', { path: { id }, ...options });
}

export function openSession(id: string): Promise<CommitteeSession> {
  return callApi('post', '/api/sessions/{id}/open', { path: { id } });
}

export function closeSession(id: string): Promise<CommitteeSession> {
  return callApi('post', '/api/sessions/{id}/close', { path: { id } });
}

export function recordAttendance(id: string, memberId: string, present: boolean): Promise<CommitteeSession> {
  return callApi('post', '/api/sessions/{id}/attendance', { path: { id }, body: { memberId, present } });
}

export function openItemVote(
  id: string,
  itemId: string,
  options: { withoutQuorum?: boolean } = {},
): Promise<CommitteeSession> {
  return callApi('post', '/api/sessions/{id}/items/{itemId}/vote', { path: { id, itemId }, body: options });
}

export function recordBallot(
  id: string,
  voteId: string,
  memberId: string,
  choice: Exclude<Choice, 'recused'>,
): Promise<CommitteeSession> {
  return callApi('post', '/api/sessions/{id}/votes/{voteId}/ballots', {
    path: { id, voteId },
    body: { memberId, choice },
  });
}

export function castOwnSessionBallot(
  id: string,
  voteId: string,
  choice: Exclude<Choice, 'recused'>,
): Promise<CommitteeSession> {
  return callApi('post', '/api/sessions/{id}/votes/{voteId}/my-ballot', {
    path: { id, voteId },
    body: { choice },
  });
}

export function inviteToSession(id: string): Promise<CommitteeSession> {
  return callApi('post', '/api/sessions/{id}/invite', { path: { id } });
}

export function publishMinutes(id: string): Promise<CommitteeSession> {
  return callApi('post', '/api/sessions/{id}/minutes/publish', { path: { id } });
}

export function agendaUrl(id: string): string {
  return `${apiBasePath}/sessions/${encode(id)}/agenda.pdf`;
}

export function sessionMinutesUrl(id: string): string {
  return `${apiBasePath}/sessions/${encode(id)}/minutes.pdf`;
}

export function closeItemVote(id: string, voteId: string): Promise<CommitteeSession> {
  return callApi('post', '/api/sessions/{id}/votes/{voteId}/close', { path: { id, voteId } });
}

export type NewSession = Schemas['ScheduleSessionDto'];

/**
 * Schedules a session. `idempotencyKey` is made once per opened form, so a double click or a
 * retry after a lost answer schedules one session.
 */
export function scheduleSession(
  committeeId: string,
  session: NewSession,
  idempotencyKey: string,
): Promise<CommitteeSession> {
  return callApi('post', '/api/committees/{id}/sessions', {
    path: { id: committeeId },
    body: session,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export type SessionListItem = Schemas['SessionListItemDto'];

export function listSessions(options: Signal = {}): Promise<{ items: SessionListItem[] }> {
  return callApi('get', '/api/sessions', options);
}

export type Recommendation = 'support' | 'support_with_conditions' | 'do_not_support';
export const recommendations: readonly Recommendation[] = [
  'support',
  'support_with_conditions',
  'do_not_support',
];

export type ReviewCriterion = Schemas['ReviewCriterionDto'];
export type Votum = Schemas['VotumViewDto'];
export type ApplicationReviews = Schemas['ApplicationReviewsDto'];
export type ReviewQueueItem = Schemas['ReviewQueueItemDto'];
export type VotumInput = Schemas['VotumDto'];

export function getReviewQueue(options: Signal = {}): Promise<{ items: ReviewQueueItem[] }> {
  return callApi('get', '/api/reviews/queue', options);
}

export function getReviews(applicationId: string, options: Signal = {}): Promise<ApplicationReviews> {
  return callApi('get', '/api/applications/{id}/reviews', { path: { id: applicationId }, ...options });
}

export function submitVotum(applicationId: string, votum: VotumInput): Promise<ApplicationReviews> {
  return callApi('put', '/api/applications/{id}/votum', { path: { id: applicationId }, body: votum });
}

export function declareConflict(
  committeeId: string,
  declaration: { applicationId: string; reason: string },
): Promise<Schemas['ConflictDto']> {
  return callApi('post', '/api/committees/{id}/conflicts', { path: { id: committeeId }, body: declaration });
}

export type PlanStatus = 'selected' | 'waitlisted' | 'not_adopted';

export type PlanItem = Schemas['PlanItemViewDto'];
export type PlanScenario = Schemas['ScenarioViewDto'];
/** The plan with its scenarios compared; every write on it answers it again. */
export type ProgrammePlan = Schemas['ProgrammePlanViewDto'];

const planPath = (callId: string) => `/calls/${encode(callId)}/programme-plan`;

export function getProgrammePlan(callId: string, options: Signal = {}): Promise<ProgrammePlan> {
  return callApi('get', '/api/calls/{id}/programme-plan', { path: { id: callId }, ...options });
}

export function configureProgrammePlan(
  callId: string,
  settings: { budgetCents: string; fillRule: ProgrammePlan['fillRule'] },
): Promise<ProgrammePlan> {
  return callApi('put', '/api/calls/{id}/programme-plan', { path: { id: callId }, body: settings });
}

export function adjustPlanLine(
  callId: string,
  applicationId: string,
  line: { amountCents: string | null; amountReason?: string; manualRank: number | null },
): Promise<ProgrammePlan> {
  return callApi('put', '/api/calls/{id}/programme-plan/lines/{applicationId}', {
    path: { id: callId, applicationId },
    body: line,
  });
}

export function addPlanScenario(
  callId: string,
  scenario: { label: string; budgetCents?: string; order?: string[] },
): Promise<ProgrammePlan> {
  return callApi('post', '/api/calls/{id}/programme-plan/scenarios', {
    path: { id: callId },
    body: scenario,
  });
}

export function removePlanScenario(callId: string, scenarioId: string): Promise<ProgrammePlan> {
  return callApi('delete', '/api/calls/{id}/programme-plan/scenarios/{scenarioId}', {
    path: { id: callId, scenarioId },
  });
}

export function finaliseProgrammePlan(callId: string): Promise<ProgrammePlan> {
  return callApi('post', '/api/calls/{id}/programme-plan/finalise', { path: { id: callId } });
}

export function programmePlanExportUrl(callId: string, format: 'pdf' | 'xlsx'): string {
  return `${apiBasePath}${planPath(callId)}/export.${format}`;
}

export type ApplicationVote = Schemas['ApplicationVoteDto'];
export type WrittenVote = Schemas['WrittenVoteDto'];

export function getApplicationVotes(
  applicationId: string,
  options: Signal = {},
): Promise<{ items: ApplicationVote[] }> {
  return callApi('get', '/api/applications/{id}/votes', { path: { id: applicationId }, ...options });
}

export function getWrittenVote(id: string, options: Signal = {}): Promise<WrittenVote> {
  return callApi('get', '/api/written-votes/{id}', { path: { id }, ...options });
}

export function openWrittenVote(
  applicationId: string,
  vote: Schemas['OpenWrittenVoteDto'],
): Promise<WrittenVote> {
  return callApi('post', '/api/applications/{id}/written-votes', { path: { id: applicationId }, body: vote });
}

export function castWrittenBallot(id: string, choice: Exclude<Choice, 'recused'>): Promise<WrittenVote> {
  return callApi('post', '/api/written-votes/{id}/ballots', { path: { id }, body: { choice } });
}

export function minutesUrl(vote: Pick<ApplicationVote, 'id' | 'session'>): string {
  return vote.session
    ? sessionMinutesUrl(vote.session.id)
    : `${apiBasePath}/written-votes/${encode(vote.id)}/minutes.pdf`;
}

export type CommitteeRules = Schemas['CommitteeRulesDto'];
export type Committee = Schemas['CommitteeDto'];

export function listCommittees(options: Signal = {}): Promise<{ items: Committee[] }> {
  return callApi('get', '/api/committees', options);
}

export function setCommitteeRules(id: string, rules: CommitteeRules): Promise<Committee> {
  return callApi('put', '/api/committees/{id}/rules', { path: { id }, body: rules });
}

export function addCommitteeMember(id: string, member: Schemas['NewMemberDto']): Promise<Committee> {
  return callApi('post', '/api/committees/{id}/members', { path: { id }, body: member });
}

export function endCommitteeMembership(id: string, memberId: string, validTo: string): Promise<Committee> {
  return callApi('post', '/api/committees/{id}/members/{memberId}/end', {
    path: { id, memberId },
    body: { validTo },
  });
}
