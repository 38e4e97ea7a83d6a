import type { DataSource, EntityManager } from 'typeorm';
import { type CommitteeRow, committeeById, committeeOfDistrict } from '../votes/committee-membership';

export interface CallOfApplication {
  applicationId: string;
  state: string;
  title: string;
  callId: string;
  districtId: string;
  reviewDeadline: Date | null;
  committee: CommitteeRow | null;
}

/**
 * The committee that reviews a call's applications: the one the call names, else the district's
 * (most districts have one). Reviews, votes and the programme plan all ask the same committee.
 */
export async function committeeOfCall(
  db: DataSource | EntityManager,
  call: { committee_id: string | null; district_id: string },
): Promise<CommitteeRow | null> {
  return call.committee_id ? committeeById(db, call.committee_id) : committeeOfDistrict(db, call.district_id);
}

/** An application with its call's district, review deadline and reviewing committee. */
export async function callOfApplication(
  db: DataSource | EntityManager,
  applicationId: string,
  options: { lock?: boolean } = {},
): Promise<CallOfApplication | null> {
  const [row] = (await db.query(
    `SELECT a.id, a.state, a.title, c.id AS call_id, c.district_id, c.committee_id, c.review_deadline
       FROM application a JOIN call c ON c.id = a.call_id
      WHERE a.id = $1 ${options.lock ? 'FOR UPDATE OF a' : ''}`,
    [applicationId],
  )) as {
    id: string;
    state: string;
    title: string;
    call_id: string;
    district_id: string;
    committee_id: string | null;
    review_deadline: Date | null;
  }[];
  if (!row) return null;
  return {
    applicationId: row.id,
    state: row.state,
    title: row.title,
    callId: row.call_id,
    districtId: row.district_id,
    reviewDeadline: row.review_deadline,
    committee: await committeeOfCall(db, row),
  };
}

/** The states in which an application lies before the committee: reviewed, voted on, planned. */
export const BEFORE_COMMITTEE: readonly string[] = ['in_review', 'in_planning'];

/**
 * Whether the committee's members may see an application's Voten and votes: while it lies before
 * them, and afterwards once they have dealt with it (a Votum or a vote on it exists). An
 * application still with the office (a draft, a submission in formal check, a change request) is
 * not theirs to see yet.
 */
export async function hasBeenBeforeCommittee(
  db: DataSource | EntityManager,
  application: Pick<CallOfApplication, 'applicationId' | 'state'>,
): Promise<boolean> {
  if (BEFORE_COMMITTEE.includes(application.state)) return true;
  const [row] = (await db.query(
    `SELECT EXISTS (SELECT 1 FROM votum WHERE application_id = $1)
         OR EXISTS (SELECT 1 FROM committee_vote WHERE application_id = $1) AS dealt`,
    [application.applicationId],
  )) as { dealt: boolean }[];
  return row?.dealt === true;
}
