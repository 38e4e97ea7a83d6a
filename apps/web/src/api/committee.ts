import { apiRequest } from './client';

type Signal = { signal?: AbortSignal };
const encode = encodeURIComponent;

export type Choice = 'yes' | 'no' | 'abstain' | 'recused';

export type SessionItemVote = {
  id: string;
  state: 'open' | 'closed';
  ballots: { memberId: string; choice: Choice }[];
  outcome: 'adopted' | 'rejected' | 'no_quorum' | null;
  tally: { yes: number; no: number; abstain: number; recused: number; cast: number } | null;
};

export type CommitteeSession = {
  id: string;
  committeeId: string;
  committee: string;
  title: string;
  startsAt: string;
  place: string;
  status: 'scheduled' | 'open' | 'closed';
  members: { id: string; displayName: string; department: string; voting: boolean; present: boolean }[];
  quorum: { votingMembers: number; required: number; present: number; reached: boolean };
  items: {
    id: string;
    position: number;
    applicationId: string;
    title: string;
    reference: string;
    carrier: string;
    requestedCents: string;
    vote: SessionItemVote | null;
  }[];
};

export function getSession(id: string, options: Signal = {}): Promise<CommitteeSession> {
  return apiRequest(`/sessions/${encode(id)}`, options);
}

export function openSession(id: string): Promise<CommitteeSession> {
  return apiRequest(`/sessions/${encode(id)}/open`, { method: 'POST', body: {} });
}

export function closeSession(id: string): Promise<CommitteeSession> {
  return apiRequest(`/sessions/${encode(id)}/close`, { method: 'POST', body: {} });
}

export function recordAttendance(id: string, memberId: string, present: boolean): Promise<CommitteeSession> {
  return apiRequest(`/sessions/${encode(id)}/attendance`, { method: 'POST', body: { memberId, present } });
}

export function openItemVote(id: string, itemId: string): Promise<CommitteeSession> {
  return apiRequest(`/sessions/${encode(id)}/items/${encode(itemId)}/vote`, { method: 'POST', body: {} });
}

export function recordBallot(
  id: string,
  voteId: string,
  memberId: string,
  choice: Exclude<Choice, 'recused'>,
): Promise<CommitteeSession> {
  return apiRequest(`/sessions/${encode(id)}/votes/${encode(voteId)}/ballots`, {
    method: 'POST',
    body: { memberId, choice },
  });
}

export function closeItemVote(id: string, voteId: string): Promise<CommitteeSession> {
  return apiRequest(`/sessions/${encode(id)}/votes/${encode(voteId)}/close`, { method: 'POST', body: {} });
}

export type SessionListItem = {
  id: string;
  title: string;
  committee: string;
  startsAt: string;
  place: string;
  status: CommitteeSession['status'];
  items: number;
};

export function listSessions(options: Signal = {}): Promise<{ items: SessionListItem[] }> {
  return apiRequest('/sessions', options);
}
