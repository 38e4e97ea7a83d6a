import type { Vote, VoteChoice } from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { queryRows, recordAudit } from '@kiezfonds/persistence';
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** A seat's part in one vote: the seat (committee_member id) and the person holding it now. */
export interface SeatInVote {
  voteId: string;
  districtId: string;
  seatId: string;
  heldBy: string;
}

/**
 * The ballots of a vote as they count, oldest first: a ballot withdrawn because its member
 * declared a conflict of interest counts as a recusal (see `committee_ballot_counted`).
 */
export async function countedBallots(db: Db, voteId: string): Promise<Vote[]> {
  const rows = await queryRows<{ committee_member_id: string; choice: VoteChoice }>(
    db,
    `SELECT committee_member_id, choice FROM committee_ballot_counted WHERE vote_id = $1 ORDER BY cast_at`,
    [voteId],
  );
  return rows.map((row) => ({ memberId: row.committee_member_id, choice: row.choice }));
}

/**
 * The open votes of one procedure on applications a member's declared conflicts cover, in which
 * the member is not yet recused, locked for the caller's transaction.
 */
export async function openVotesInConflict<Row extends object>(
  tx: EntityManager,
  memberId: string,
  procedure: 'written' | 'roll_call',
): Promise<(Row & { id: string; committee_id: string })[]> {
  return queryRows(
    tx,
    `SELECT v.* FROM committee_vote v
      WHERE v.procedure = $2 AND v.closed_at IS NULL
        AND EXISTS (SELECT 1 FROM conflict_of_interest ci JOIN application a ON a.id = v.application_id
                     WHERE ci.committee_member_id = $1 AND ci.withdrawn_at IS NULL
                       AND (ci.application_id = a.id OR ci.organisation_id = a.organisation_id))
        AND NOT EXISTS (SELECT 1 FROM committee_ballot_counted b
                         WHERE b.vote_id = v.id AND b.committee_member_id = $1 AND b.choice = 'recused')
      ORDER BY v.id FOR UPDATE`,
    [memberId, procedure],
  );
}

/** Records the seat as recused in the vote, once (a second call records nothing). */
export async function recordRecusal(
  tx: EntityManager,
  seat: SeatInVote,
  principal: Principal,
  requestId: string | null,
): Promise<void> {
  const recorded = await queryRows<{ vote_id: string }>(
    tx,
    `INSERT INTO committee_ballot (vote_id, committee_member_id, held_by_member_id, choice, cast_by)
     VALUES ($1, $2, $3, 'recused', $4) ON CONFLICT DO NOTHING RETURNING vote_id`,
    [seat.voteId, seat.seatId, seat.heldBy, principal.userId],
  );
  if (recorded.length > 0) await auditSeat(tx, seat, 'recusal_recorded', principal, requestId);
}

/**
 * A conflict declared on an item still open: the seat's yes, no or abstain is withdrawn and counts
 * as a recusal from now on, and a seat that has not voted yet is recorded as recused. The ballot
 * itself stays as cast; like a ballot's, the withdrawal's audit says who, not how.
 */
export async function recuseSeat(
  tx: EntityManager,
  seat: SeatInVote,
  principal: Principal,
  requestId: string | null,
): Promise<void> {
  // A ballot that counts as anything but a recusal is one cast and not yet withdrawn.
  const withdrawn = await queryRows<{ vote_id: string }>(
    tx,
    `INSERT INTO committee_ballot_withdrawal (vote_id, committee_member_id, withdrawn_by)
     SELECT vote_id, committee_member_id, $3 FROM committee_ballot_counted
      WHERE vote_id = $1 AND committee_member_id = $2 AND choice <> 'recused'
     RETURNING vote_id`,
    [seat.voteId, seat.seatId, principal.userId],
  );
  if (withdrawn.length > 0) await auditSeat(tx, seat, 'ballot_withdrawn_for_conflict', principal, requestId);
  else await recordRecusal(tx, seat, principal, requestId);
}

function auditSeat(
  tx: EntityManager,
  seat: SeatInVote,
  action: 'recusal_recorded' | 'ballot_withdrawn_for_conflict',
  principal: Principal,
  requestId: string | null,
): Promise<void> {
  return recordAudit(tx, {
    entityType: 'committee_vote',
    entityId: seat.voteId,
    action,
    actorId: principal.userId,
    districtId: seat.districtId,
    payload: { memberId: seat.seatId, ...(seat.heldBy === seat.seatId ? {} : { heldBy: seat.heldBy }) },
    requestId,
  });
}
