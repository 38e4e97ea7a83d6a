import { type Actor, ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

/**
 * GET /api/me/export must carry the person's OWN ballots and no other person's: a substitute who
 * votes in the room for an absent member's seat cast that ballot; the absent member did not.
 */
describe('personal data export: ballots cast by a substitute', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let callId: string;
  let ag: CommitteeSetUp;
  let substitute: Actor;
  let substituteMemberId: string;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    callId = (await world.openCall()).id;
    ag = await createCommittee(world);
    substitute = await world.staff('board_member');
    const [row] = (await world.db.query(
      `INSERT INTO committee_member (committee_id, user_id, department, voting, valid_from, substitute_for_id)
       VALUES ($1, $2, 'Gesundheit', true, '2026-01-01', $3) RETURNING id`,
      [ag.committeeId, substitute.user.id, ag.voterMemberIds[3]],
    )) as { id: string }[];
    substituteMemberId = row!.id;
  });

  afterAll(async () => {
    await api.close();
  });

  const post = (path: string, body: Record<string, unknown> = {}) =>
    world.post(world.coordinator, path).send(body);

  it('lists the substitute’s ballot in the substitute’s export, not in the absent member’s', async () => {
    const { id: applicationId } = await world.draft(callId);
    await world.event(world.carrier, applicationId, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, applicationId, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    const session = (
      await post(`/api/committees/${ag.committeeId}/sessions`, {
        title: '3. Sitzung 2027',
        startsAt: '2027-03-10T16:00:00+01:00',
        place: 'Rathaus Spandau, Raum 210',
        applicationIds: [applicationId],
      }).expect(201)
    ).body as { id: string; items: { id: string }[] };
    await post(`/api/sessions/${session.id}/open`).expect(200);
    const [jugend, schule, soziales, gesundheit] = ag.voterMemberIds as [string, string, string, string];
    for (const memberId of [jugend, schule, soziales]) {
      await post(`/api/sessions/${session.id}/attendance`, { memberId, present: true }).expect(200);
    }
    await post(`/api/sessions/${session.id}/attendance`, {
      memberId: substituteMemberId,
      present: true,
      substituteForId: gesundheit,
    }).expect(200);
    const vote = (await post(`/api/sessions/${session.id}/items/${session.items[0]!.id}/vote`).expect(200))
      .body.items[0].vote as { id: string };
    await world
      .post(substitute, `/api/sessions/${session.id}/votes/${vote.id}/my-ballot`)
      .send({ choice: 'yes' })
      .expect(200);

    const exportOf = async (actor: Actor) =>
      (await world.get(actor, '/api/me/export').expect(200)).body as {
        committee: { ballots: { voteId: string; choice: string }[] };
      };
    const bySubstitute = await exportOf(substitute);
    const byAbsent = await exportOf(ag.voters[3]!);

    // The absent Gesundheit member was not in the room and cast nothing.
    expect(byAbsent.committee.ballots.filter((b) => b.voteId === vote.id)).toEqual([]);
    // The substitute cast "yes": it is their personal data.
    expect(bySubstitute.committee.ballots.filter((b) => b.voteId === vote.id)).toEqual([
      expect.objectContaining({ voteId: vote.id, choice: 'yes' }),
    ]);
  });
});
