import { apiBasePath, apiRequest } from './client';
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

export type ReviewCriterion = { key: string; label: string; weight: number; maxScore: number };

export type Votum = {
  id: string;
  department: string;
  author: string;
  recommendation: Recommendation;
  conditions: string;
  scores: Record<string, number>;
  /** Share of full marks in hundredths of a percent (10 000 = 100 %). */
  score: number | null;
  comment: string;
  confidentialNote: string | null;
  submittedAt: string;
  updatedAt: string;
  version: number;
  /** The author declared a conflict of interest after giving it: on record, but counted nowhere. */
  withdrawn: { at: string; reason: 'conflict' } | null;
};

export type ApplicationReviews = {
  applicationId: string;
  committeeId: string;
  reviewDeadline: string | null;
  deadlinePassed: boolean;
  criteria: ReviewCriterion[];
  voten: Votum[];
  summary: {
    reviews: number;
    scored: number;
    averageScore: number | null;
    recommendations: Record<Recommendation, number>;
  };
  missingDepartments: string[];
  confidentialNotesHidden: boolean;
  own: { department: string; conflicted: boolean; votumId: string | null } | null;
};

export type ReviewQueueItem = {
  applicationId: string;
  reference: string;
  title: string;
  carrier: string;
  state: string;
  requestedCents: string;
  reviewDeadline: string | null;
  reviewed: boolean;
  conflicted: boolean;
  voten: number;
};

export type VotumInput = {
  recommendation: Recommendation;
  conditions?: string;
  scores?: Record<string, number>;
  comment: string;
  confidentialNote?: string;
};

export function getReviewQueue(options: Signal = {}): Promise<{ items: ReviewQueueItem[] }> {
  return apiRequest('/reviews/queue', options);
}

export function getReviews(applicationId: string, options: Signal = {}): Promise<ApplicationReviews> {
  return apiRequest(`/applications/${encode(applicationId)}/reviews`, options);
}

export function submitVotum(applicationId: string, votum: VotumInput): Promise<ApplicationReviews> {
  return apiRequest(`/applications/${encode(applicationId)}/votum`, { method: 'PUT', body: votum });
}

export function declareConflict(
  committeeId: string,
  declaration: { applicationId: string; reason: string },
): Promise<unknown> {
  return apiRequest(`/committees/${encode(committeeId)}/conflicts`, { method: 'POST', body: declaration });
}

export type PlanStatus = 'selected' | 'waitlisted' | 'not_adopted';

export type PlanItem = {
  applicationId: string;
  reference: string;
  title: string;
  carrier: string;
  state: string;
  decision: { outcome: string; decidedAt: string; procedure: string } | null;
  reviews: number;
  rank: number | null;
  status: PlanStatus;
  score: number | null;
  manualRank: number | null;
  requestedCents: string;
  amountCents: string;
  amountReason: string | null;
  runningTotalCents: string;
  remainingCents: string;
  shortByCents: string | null;
};

export type PlanScenario = {
  id: string;
  label: string;
  budgetCents: string | null;
  fillRule: 'skip_over' | 'stop_at_first_misfit' | null;
  amounts: { applicationId: string; amountCents: string; reason: string }[];
  order: string[] | null;
};

type ScenarioTotals = {
  budget: string;
  selectedTotal: string;
  waitlistedTotal: string;
  remaining: string;
  selectedCount: number;
  waitlistedCount: number;
};

type ScenarioCell = { rank: number | null; status: PlanStatus; amount: string; changed: boolean };

export type ProgrammePlan = {
  callId: string;
  callTitle: string;
  programmeYear: number;
  committeeId: string | null;
  status: 'draft' | 'final';
  version: number;
  finalisedAt: string | null;
  availableCents: string;
  budgetCents: string;
  fillRule: 'skip_over' | 'stop_at_first_misfit';
  items: PlanItem[];
  totals: {
    selectedCents: string;
    waitlistedCents: string;
    remainingCents: string;
    selected: number;
    waitlisted: number;
    notAdopted: number;
  };
  scenarios: PlanScenario[];
  comparison: {
    base: ScenarioTotals;
    scenarios: ({ key: string; label: string } & ScenarioTotals)[];
    rows: { applicationId: string; base: ScenarioCell; scenarios: ScenarioCell[] }[];
  } | null;
};

const planPath = (callId: string) => `/calls/${encode(callId)}/programme-plan`;

export function getProgrammePlan(callId: string, options: Signal = {}): Promise<ProgrammePlan> {
  return apiRequest(planPath(callId), options);
}

export function configureProgrammePlan(
  callId: string,
  settings: { budgetCents: string; fillRule: ProgrammePlan['fillRule'] },
): Promise<ProgrammePlan> {
  return apiRequest(planPath(callId), { method: 'PUT', body: settings });
}

export function adjustPlanLine(
  callId: string,
  applicationId: string,
  line: { amountCents: string | null; amountReason?: string; manualRank: number | null },
): Promise<ProgrammePlan> {
  return apiRequest(`${planPath(callId)}/lines/${encode(applicationId)}`, { method: 'PUT', body: line });
}

export function addPlanScenario(
  callId: string,
  scenario: { label: string; budgetCents?: string; order?: string[] },
): Promise<ProgrammePlan> {
  return apiRequest(`${planPath(callId)}/scenarios`, { method: 'POST', body: scenario });
}

export function removePlanScenario(callId: string, scenarioId: string): Promise<ProgrammePlan> {
  return apiRequest(`${planPath(callId)}/scenarios/${encode(scenarioId)}`, { method: 'DELETE' });
}

export function finaliseProgrammePlan(callId: string): Promise<ProgrammePlan> {
  return apiRequest(`${planPath(callId)}/finalise`, { method: 'POST', body: {} });
}

export function programmePlanExportUrl(callId: string, format: 'pdf' | 'xlsx'): string {
  return `${apiBasePath}${planPath(callId)}/export.${format}`;
}

export type ApplicationVote = {
  id: string;
  procedure: 'written' | 'roll_call';
  motion: string;
  openedAt: string;
  deadline: string | null;
  state: 'open' | 'closed';
  closedAt: string | null;
  outcome: 'adopted' | 'rejected' | 'no_quorum' | null;
  tally: { yes: number; no: number; abstain: number; recused: number; cast: number } | null;
  session: { id: string; title: string } | null;
  ownBallot: Choice | null;
  responded: number;
  /** How the caller takes part: advisory members and substitutes cast no written ballot. */
  ownPart: 'voting' | 'advisory' | 'substitute' | null;
};

export type WrittenVote = {
  id: string;
  applicationId: string;
  motion: string;
  deadline: string;
  state: 'open' | 'closed';
  eligible: number;
  responded: number;
  missing: { memberId: string; name: string; department: string }[] | null;
  ownBallot: Choice | null;
  outcome: ApplicationVote['outcome'];
};

export function getApplicationVotes(
  applicationId: string,
  options: Signal = {},
): Promise<{ items: ApplicationVote[] }> {
  return apiRequest(`/applications/${encode(applicationId)}/votes`, options);
}

export function getWrittenVote(id: string, options: Signal = {}): Promise<WrittenVote> {
  return apiRequest(`/written-votes/${encode(id)}`, options);
}

export function openWrittenVote(
  applicationId: string,
  vote: { motion: string; deadline: string },
): Promise<WrittenVote> {
  return apiRequest(`/applications/${encode(applicationId)}/written-votes`, { method: 'POST', body: vote });
}

export function castWrittenBallot(id: string, choice: Exclude<Choice, 'recused'>): Promise<WrittenVote> {
  return apiRequest(`/written-votes/${encode(id)}/ballots`, { method: 'POST', body: { choice } });
}

export function minutesUrl(vote: Pick<ApplicationVote, 'id' | 'session'>): string {
  return vote.session
    ? sessionMinutesUrl(vote.session.id)
    : `${apiBasePath}/written-votes/${encode(vote.id)}/minutes.pdf`;
}

export type CommitteeRules = {
  quorumNumerator: number;
  quorumDenominator: number;
  majority: 'simple' | 'two_thirds';
  abstentionsCountAsCast: boolean;
};

export type Committee = {
  id: string;
  districtId: string;
  name: string;
  shortName: string;
  rules: CommitteeRules;
  members: {
    id: string;
    userId: string;
    displayName: string;
    department: string;
    voting: boolean;
    substituteForId: string | null;
    validFrom: string;
    validTo: string | null;
  }[];
};

export function listCommittees(options: Signal = {}): Promise<{ items: Committee[] }> {
  return apiRequest('/committees', options);
}

export function setCommitteeRules(id: string, rules: CommitteeRules): Promise<Committee> {
  return apiRequest(`/committees/${encode(id)}/rules`, { method: 'PUT', body: rules });
}

export function addCommitteeMember(
  id: string,
  member: {
    userId: string;
    department: string;
    voting: boolean;
    validFrom: string;
    substituteForId?: string;
  },
): Promise<Committee> {
  return apiRequest(`/committees/${encode(id)}/members`, { method: 'POST', body: member });
}

export function endCommitteeMembership(id: string, memberId: string, validTo: string): Promise<Committee> {
  return apiRequest(`/committees/${encode(id)}/members/${encode(memberId)}/end`, {
    method: 'POST',
    body: { validTo },
  });
}
