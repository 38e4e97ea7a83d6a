import type { Principal } from '@kiezfonds/identity';
import { queryRows, recordAudit } from '@kiezfonds/persistence';
import type { EntityManager } from 'typeorm';

/** Applications whose Voten still weigh: before the committee, or on the waiting list of a draft plan. */
const STILL_RANKED = ['in_review', 'in_planning', 'waitlisted'];

/**
 * A conflict of interest declared after the member gave their department's Votum: by the rules
 * they took no part, so the Votum is withdrawn from every score and ranking of the applications
 * the declaration covers (the one named, or every application of the carrier). It stays in the
 * record with the time and the declaration; applications already past the planning keep theirs,
 * as the list decided on them cannot change any more.
 */
export async function withdrawVotenForConflict(
  tx: EntityManager,
  conflictId: string,
  districtId: string,
  principal: Principal,
  requestId: string | null,
): Promise<number> {
  const withdrawn = await queryRows<{
    id: string;
    application_id: string;
    department: string;
    member_id: string;
  }>(
    tx,
    `UPDATE votum v SET withdrawn_at = now(), withdrawn_for_conflict_id = ci.id
       FROM conflict_of_interest ci, application a
      WHERE ci.id = $1 AND v.committee_member_id = ci.committee_member_id AND v.withdrawn_at IS NULL
        AND a.id = v.application_id AND a.state = ANY($2::text[])
        AND (ci.application_id = a.id OR ci.organisation_id = a.organisation_id)
      RETURNING v.id, v.application_id, v.department, v.committee_member_id AS member_id`,
    [conflictId, STILL_RANKED],
  );
  for (const votum of withdrawn) {
    await recordAudit(tx, {
      entityType: 'votum',
      entityId: votum.id,
      action: 'votum_withdrawn_for_conflict',
      actorId: principal.userId,
      districtId,
      payload: {
        applicationId: votum.application_id,
        department: votum.department,
        memberId: votum.member_id,
        conflictId,
      },
      requestId,
    });
  }
  return withdrawn.length;
}
