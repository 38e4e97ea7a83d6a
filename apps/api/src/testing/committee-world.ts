import type { Actor, ApplicationWorld } from './application-world';

export interface CommitteeSetUp {
  committeeId: string;
  /** Five voting members, one per department (the world's board member first). */
  voters: Actor[];
  /** committee_member ids of `voters`, in the same order. */
  voterMemberIds: string[];
  advisor: Actor;
  advisorMemberId: string;
}

const DEPARTMENTS = ['Jugend', 'Schule', 'Soziales', 'Gesundheit', 'Stadtentwicklung'];

/**
 * The world's district gets its AG: five voting departments and one advisory member, a quorum of
 * two thirds and two thirds of the votes cast, abstentions counted as cast. Committees have no
 * HTTP route to create them yet, so the rows are laid directly.
 */
export async function createCommittee(world: ApplicationWorld): Promise<CommitteeSetUp> {
  const [committee] = (await world.db.query(
    `INSERT INTO committee (district_id, name, short_name, quorum_numerator, quorum_denominator, majority,
                            abstentions_count_as_cast)
     VALUES ($1, 'AG Stabile Kieze', 'AG SK', 2, 3, 'two_thirds', true) RETURNING id`,
    [world.district.id],
  )) as { id: string }[];
  const voters: Actor[] = [world.boardMember];
  for (let i = 1; i < DEPARTMENTS.length; i++) voters.push(await world.staff('board_member'));
  const advisor = await world.staff('board_member');
  const addMember = async (actor: Actor, department: string, voting: boolean) => {
    const [row] = (await world.db.query(
      `INSERT INTO committee_member (committee_id, user_id, department, voting, valid_from)
       VALUES ($1, $2, $3, $4, '2026-01-01') RETURNING id`,
      [committee!.id, actor.user.id, department, voting],
    )) as { id: string }[];
    return row!.id;
  };
  const voterMemberIds: string[] = [];
  for (const [i, voter] of voters.entries())
    voterMemberIds.push(await addMember(voter, DEPARTMENTS[i]!, true));
  const advisorMemberId = await addMember(advisor, 'Quartiersmanagement', false);
  return { committeeId: committee!.id, voters, voterMemberIds, advisor, advisorMemberId };
}
