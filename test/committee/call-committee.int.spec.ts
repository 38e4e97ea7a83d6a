import { type Actor, ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee, inPlanning } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

/**
 * A district may have several committees; a call names the one that reviews, votes on and plans
 * its applications (`PUT /calls/:id/review-setup`). No other committee may decide them: neither
 * by a written vote nor in a session (TRUST.md: no role can skip the body the rules put in
 * between). Found by an audit: written votes went to the district's first committee by name, and
 * sessions of any committee of the district took any application.
 */
describe('the committee a call names decides its applications', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  /** "AG Stabile Kieze": the district's first committee by name. */
  let ag: CommitteeSetUp;
  /** "Zukunftsrat": the committee the call names. */
  let zukunftsrat: { id: string; members: Actor[] };
  let callId: string;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    ag = await createCommittee(world, { votingMembers: 3 });
    const [row] = (await world.db.query(
      `INSERT INTO committee (district_id, name, short_name, quorum_numerator, quorum_denominator, majority,
                              abstentions_count_as_cast)
       VALUES ($1, 'Zukunftsrat', 'ZR', 2, 3, 'two_thirds', true) RETURNING id`,
      [world.district.id],
    )) as { id: string }[];
    zukunftsrat = { id: row!.id, members: [] };
    for (const department of ['Jugend', 'Schule', 'Soziales']) {
      const actor = await world.staff('board_member');
      await world.db.query(
        `INSERT INTO committee_member (committee_id, user_id, department, voting, valid_from)
         VALUES ($1, $2, $3, true, '2026-01-01')`,
        [zukunftsrat.id, actor.user.id, department],
      );
      zukunftsrat.members.push(actor);
    }
    callId = (await world.openCall()).id;
    await world
      .put(world.coordinator, `/api/calls/${callId}/review-setup`)
      .send({ committeeId: zukunftsrat.id, reviewDeadline: null, criteria: [] })
      .expect(200);
  });

  afterAll(async () => {
    await api.close();
  });

  it('puts a written vote to the call’s committee, whose members alone vote', async () => {
    const id = await inPlanning(world, callId);
    const vote = (
      await world
        .post(world.coordinator, `/api/applications/${id}/written-votes`)
        .send({ motion: 'Förderung empfehlen', deadline: new Date(Date.now() + 86_400_000).toISOString() })
        .expect(201)
    ).body as { id: string; committeeId: string };
    expect(vote.committeeId).toBe(zukunftsrat.id);

    await world
      .post(ag.voters[1]!, `/api/written-votes/${vote.id}/ballots`)
      .send({ choice: 'yes' })
      .expect(404);
    await world
      .post(zukunftsrat.members[0]!, `/api/written-votes/${vote.id}/ballots`)
      .send({ choice: 'yes' })
      .expect(201);
  });

  it('refuses the application on the agenda of another committee’s session, naming the field and rule', async () => {
    const id = await inPlanning(world, callId);
    const session = (committeeId: string) =>
      world.post(world.coordinator, `/api/committees/${committeeId}/sessions`).send({
        title: 'Sitzung',
        startsAt: '2027-03-10T16:00:00+01:00',
        place: 'Rathaus Spandau, Raum 210',
        applicationIds: [id],
      });
    const refused = await session(ag.committeeId).expect(400);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ field: 'applicationIds.0', rule: 'callCommittee' }),
    ]);
    await session(zukunftsrat.id).expect(201);

    // A call that names no committee is the district's first committee's.
    const other = (await world.openCall()).id;
    const unnamed = await inPlanning(world, other);
    await world
      .post(world.coordinator, `/api/committees/${ag.committeeId}/sessions`)
      .send({
        title: 'Sitzung',
        startsAt: '2027-03-11T16:00:00+01:00',
        place: 'Rathaus Spandau, Raum 210',
        applicationIds: [unnamed],
      })
      .expect(201);
  });
});
