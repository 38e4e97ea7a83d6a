import { Injectable } from '@nestjs/common';
import { NotFoundError, type VoteChoice } from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { DataSource } from 'typeorm';
import { callOfApplication, hasBeenBeforeCommittee } from '../reviews/call-committee';
import { currentMembers, isStaff } from './committee-membership';

export interface ApplicationVoteView {
  id: string;
  procedure: 'written' | 'roll_call';
  motion: string;
  openedAt: string;
  /** The written procedure's deadline; null for a roll call in a session. */
  deadline: string | null;
  state: 'open' | 'closed';
  closedAt: string | null;
  outcome: string | null;
  tally: unknown;
  session: { id: string; title: string } | null;
  /** How the caller voted, if they sit on the committee and have voted. */
  ownBallot: VoteChoice | null;
  /** Voting members who have answered so far. */
  responded: number;
  /**
   * How the caller takes part, if they sit on the committee: advisory members and substitutes
   * (who vote in a session in place of an absent member, never in writing) cast no written ballot,
   * nor does a voting member whose seat began after a written vote opened (its electorate was
   * fixed then).
   */
  ownPart: 'voting' | 'advisory' | 'substitute' | 'joined_after_opening' | null;
}

/**
 * The committee's votes on one application, newest first: open written votes to take part in,
 * and the decisions (roll calls in sessions, written procedures) with their results.
 */
@Injectable()
export class ApplicationVotes {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: Principal, applicationId: string): Promise<{ items: ApplicationVoteView[] }> {
    const application = await callOfApplication(this.dataSource, applicationId);
    // A draft is the carrier's alone: 404 to the office too, as on GET /applications/:id.
    if (!application?.committee || application.state === 'draft')
      throw new NotFoundError('application_not_found');
    const member = (await currentMembers(this.dataSource, application.committee.id)).find(
      (m) => m.userId === principal.userId,
    );
    const staff = isStaff(principal, application.districtId, 'coordinator', 'admin');
    if (!member && !staff) throw new NotFoundError('application_not_found');
    // Members see the votes of applications before their committee, not of those still with the office.
    if (!staff && !(await hasBeenBeforeCommittee(this.dataSource, application)))
      throw new NotFoundError('application_not_found');
    const rows = (await this.dataSource.query(
      `SELECT v.id, v.procedure, v.motion, v.opened_at, v.deadline, v.closed_at, v.outcome, v.tally,
              s.id AS session_id, s.title AS session_title,
              (SELECT b.choice FROM committee_ballot_counted b WHERE b.vote_id = v.id AND b.committee_member_id = $2) AS own,
              (SELECT count(*)::int FROM committee_ballot b WHERE b.vote_id = v.id) AS responded,
              EXISTS (SELECT 1 FROM committee_vote_electorate e
                       WHERE e.vote_id = v.id AND e.committee_member_id = $2) AS in_electorate
         FROM committee_vote v LEFT JOIN committee_session s ON s.id = v.session_id
        WHERE v.application_id = $1
        ORDER BY v.opened_at DESC`,
      [applicationId, member?.id ?? null],
    )) as Record<string, unknown>[];
    return {
      items: rows.map((row) => ({
        id: row.id as string,
        procedure: row.procedure as ApplicationVoteView['procedure'],
        motion: row.motion as string,
        openedAt: (row.opened_at as Date).toISOString(),
        deadline: (row.deadline as Date | null)?.toISOString() ?? null,
        state: row.closed_at ? 'closed' : 'open',
        closedAt: (row.closed_at as Date | null)?.toISOString() ?? null,
        outcome: (row.outcome as string | null) ?? null,
        tally: row.tally ?? null,
        session: row.session_id ? { id: row.session_id as string, title: row.session_title as string } : null,
        ownBallot: (row.own as VoteChoice | null) ?? null,
        responded: row.responded as number,
        ownPart: !member
          ? null
          : member.substituteForId
            ? 'substitute'
            : !member.voting
              ? 'advisory'
              : row.procedure === 'written' && !row.in_electorate
                ? 'joined_after_opening'
                : 'voting',
      })),
    };
  }
}
