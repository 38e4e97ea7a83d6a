import { binaryBody, pdfText } from '@kiezfonds/testing';
import { ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee, inPlanning } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

/**
 * Issue 15, deliverable 6, the API the voting screens rest on: a written ballot can be changed
 * until the vote closes, every change audited and the count taking the latest; advisory members
 * learn that they have no vote.
 */
describe('voting in writing, as the screens use it', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;
  let callId: string;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    ag = await createCommittee(world, { votingMembers: 3 });
    callId = (await world.openCall()).id;
  });

  afterAll(async () => {
    await api.close();
  });

  async function openVote(applicationId: string): Promise<string> {
    return (
      await world
        .post(world.coordinator, `/api/applications/${applicationId}/written-votes`)
        .send({ motion: 'Förderung empfehlen', deadline: new Date(Date.now() + 86_400_000).toISOString() })
        .expect(201)
    ).body.id as string;
  }

  const cast = (voter: number, voteId: string, choice: string) =>
    world.post(ag.voters[voter]!, `/api/written-votes/${voteId}/ballots`).send({ choice });

  it('lets a member change the ballot until the vote closes; each change is audited, the latest counts', async () => {
    const applicationId = await inPlanning(world, callId);
    const voteId = await openVote(applicationId);

    await cast(0, voteId, 'yes').expect(201);
    expect((await cast(0, voteId, 'no').expect(201)).body).toMatchObject({ ownBallot: 'no', responded: 1 });
    expect((await cast(0, voteId, 'abstain').expect(201)).body).toMatchObject({ ownBallot: 'abstain' });
    const changes = (await world.db.query(
      `SELECT actor_id, payload FROM audit_event WHERE entity_id = $1 AND action = 'ballot_changed' ORDER BY occurred_at`,
      [voteId],
    )) as { actor_id: string; payload: Record<string, unknown> }[];
    expect(changes).toEqual([
      { actor_id: ag.voters[0]!.user.id, payload: { memberId: ag.voterMemberIds[0] } },
      { actor_id: ag.voters[0]!.user.id, payload: { memberId: ag.voterMemberIds[0] } },
    ]);
    // The ballots themselves are append-only: the first one is still there as cast.
    const kept = (await world.db.query(
      `SELECT choice FROM committee_ballot WHERE vote_id = $1 UNION ALL
       SELECT choice FROM committee_ballot_change WHERE vote_id = $1`,
      [voteId],
    )) as { choice: string }[];
    expect(kept.map((k) => k.choice)).toEqual(['yes', 'no', 'abstain']);

    await cast(1, voteId, 'yes').expect(201);
    const closed = (await cast(2, voteId, 'yes').expect(201)).body;
    // Two yes and one abstention, abstentions counted as cast: 2 × 3 ≥ 3 × 2, adopted.
    expect(closed).toMatchObject({ state: 'closed', outcome: 'adopted' });
    expect(closed.tally).toMatchObject({ yes: 2, no: 0, abstain: 1, cast: 3 });
    const late = await cast(0, voteId, 'yes').expect(409);
    expect(late.body.code).toBe('vote_closed');

    const minutes = (
      await world
        .get(world.coordinator, `/api/written-votes/${voteId}/minutes.pdf`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200)
    ).body as Buffer;
    expect(await pdfText(minutes)).toContain(`${ag.voters[0]!.user.displayName} Enthaltung`);
  });

  it('tells advisory members that they have no vote, and refuses their ballot', async () => {
    const applicationId = await inPlanning(world, callId);
    const voteId = await openVote(applicationId);
    const seen = (await world.get(ag.advisor, `/api/applications/${applicationId}/votes`).expect(200)).body;
    expect(seen.items).toEqual([expect.objectContaining({ id: voteId, ownPart: 'advisory' })]);
    const voter = (await world.get(ag.voters[0]!, `/api/applications/${applicationId}/votes`).expect(200))
      .body;
    expect(voter.items[0]).toMatchObject({ ownPart: 'voting' });
    const refused = await world
      .post(ag.advisor, `/api/written-votes/${voteId}/ballots`)
      .send({ choice: 'yes' })
      .expect(403);
    expect(refused.body.code).toBe('not_voting_member');
  });
});
