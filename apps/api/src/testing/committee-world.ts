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
 * The world's district gets its AG: five voting departments (or `votingMembers`, for tests where
 * the committee only has to decide) and one advisory member, a quorum of two thirds and two
 * thirds of the votes cast, abstentions counted as cast. Committees have no HTTP route to create
 * them yet, so the rows are laid directly.
 */
export async function createCommittee(
  world: ApplicationWorld,
  { votingMembers = DEPARTMENTS.length }: { votingMembers?: number } = {},
): Promise<CommitteeSetUp> {
  const [committee] = (await world.db.query(
    `INSERT INTO committee (district_id, name, short_name, quorum_numerator, quorum_denominator, majority,
                            abstentions_count_as_cast)
     VALUES ($1, 'AG Stabile Kieze', 'AG SK', 2, 3, 'two_thirds', true) RETURNING id`,
    [world.district.id],
  )) as { id: string }[];
  const voters: Actor[] = [world.boardMember];
  for (let i = 1; i < votingMembers; i++) voters.push(await world.staff('board_member'));
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

/** Submitted, formally checked and moved into programme planning by the coordinator. */
export async function inPlanning(world: ApplicationWorld, callId: string): Promise<string> {
  const { id } = await world.draft(callId);
  await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
  await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
  await world.event(world.coordinator, id, { type: 'START_PLANNING' }).expect(200);
  return id;
}

/**
 * The committee decides on one application in writing: the coordinator opens the vote and every
 * voting member answers `choice`, which closes it at once. Answers the vote's id, the decision.
 */
export async function decideInWriting(
  world: ApplicationWorld,
  ag: CommitteeSetUp,
  applicationId: string,
  choice: 'yes' | 'no' = 'yes',
): Promise<string> {
  const vote = (
    await world
      .post(world.coordinator, `/api/applications/${applicationId}/written-votes`)
      .send({ motion: 'Förderung empfehlen', deadline: new Date(Date.now() + 86_400_000).toISOString() })
      .expect(201)
  ).body as { id: string };
  for (const voter of ag.voters) {
    await world.post(voter, `/api/written-votes/${vote.id}/ballots`).send({ choice }).expect(201);
  }
  return vote.id;
}

/** Finalises the call's programme plan, with a budget that fits every adopted application unless given. */
export async function finalisePlan(world: ApplicationWorld, callId: string, budgetCents = '500000000') {
  await world
    .put(world.coordinator, `/api/calls/${callId}/programme-plan`)
    .send({ budgetCents, fillRule: 'skip_over' })
    .expect(200);
  return (await world.post(world.coordinator, `/api/calls/${callId}/programme-plan/finalise`).expect(200))
    .body as { items: { applicationId: string; status: string; state: string }[] };
}

/** An APPROVE with the report deadlines every grant notice needs, for applications of `selectedApplications`. */
export const APPROVAL = {
  type: 'APPROVE',
  reportDeadlines: [
    { kind: 'interim', due: '2028-03-31' },
    { kind: 'final', due: '2029-06-30' },
  ],
};

/**
 * Applications taken the whole way to `selected` as the rules demand: each in planning, adopted
 * by the committee in writing, then the call's programme plan finalised (so the list the district
 * sends names them) and the Senate's selection of the full amount recorded.
 */
export async function selectedApplications(
  world: ApplicationWorld,
  ag: CommitteeSetUp,
  count: number,
  senateAmountCents = '5000000',
): Promise<string[]> {
  const callId = (await world.openCall()).id;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await inPlanning(world, callId);
    await decideInWriting(world, ag, id);
    ids.push(id);
  }
  await finalisePlan(world, callId);
  for (const id of ids) {
    await world
      .event(world.coordinator, id, { type: 'RECORD_SENATE_SELECTION', amountCents: senateAmountCents })
      .expect(200);
  }
  return ids;
}
