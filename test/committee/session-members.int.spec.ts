import type { AppConfig } from '@kiezfonds/config';
import { ReminderSweep } from '@kiezfonds/messaging';
import { binaryBody, pdfText } from '@kiezfonds/testing';
import { type Actor, ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

interface OutboxRow {
  delivery_key: string;
  payload: { kind: string; recipient: { userId: string }; data: Record<string, unknown>; link: string };
}

/**
 * Issue 7, the members' side of sessions and written votes: invitations with the agenda as PDF,
 * substitutes holding an absent member's seat, members casting their own vote in the room,
 * minutes published to the members, and the notices and reminders of written votes.
 */
describe('sessions and written votes for the members', () => {
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
    // The Gesundheit department's member has a substitute.
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

  const outbox = async (pattern: string) =>
    (await world.db.query(
      `SELECT delivery_key, payload FROM outbox WHERE delivery_key LIKE $1 ORDER BY delivery_key`,
      [pattern],
    )) as OutboxRow[];

  async function inReview(): Promise<string> {
    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    return id;
  }

  const post = (path: string, body: Record<string, unknown> = {}) =>
    world.post(world.coordinator, path).send(body);

  it('invites every member with the agenda, and the members open the agenda as PDF', async () => {
    const applicationId = await inReview();
    const session = (
      await post(`/api/committees/${ag.committeeId}/sessions`, {
        title: '2. Sitzung 2027',
        startsAt: '2027-02-10T16:00:00+01:00',
        place: 'Rathaus Spandau, Raum 210',
        applicationIds: [applicationId],
      }).expect(201)
    ).body as { id: string };
    await world.post(ag.voters[1]!, `/api/sessions/${session.id}/invite`).send({}).expect(403);
    const invited = (await post(`/api/sessions/${session.id}/invite`).expect(200)).body;
    expect(invited.invitedAt).not.toBeNull();
    const invitations = await outbox(`session:${session.id}:invitation:%`);
    // Five voting members, the advisory member and the substitute.
    expect(invitations).toHaveLength(7);
    expect(invitations[0]!.payload).toMatchObject({
      kind: 'session_invitation',
      link: `/sitzungen/${session.id}`,
      data: {
        committee: { name: 'AG Stabile Kieze' },
        session: {
          place: 'Rathaus Spandau, Raum 210',
          agenda: [{ title: expect.stringContaining('Kiezküchen') }],
        },
      },
    });
    // The agenda goes with each invitation as PDF, in the recipient's language.
    const attached = (
      invitations[0]!.payload as unknown as { attachments: { id: string; fileName: string }[] }
    ).attachments;
    expect(attached).toEqual([{ id: expect.any(String), fileName: 'tagesordnung-2027-02-10.pdf' }]);
    const [file] = (await world.db.query(`SELECT content FROM notice_attachment WHERE id = $1`, [
      attached[0]!.id,
    ])) as { content: Buffer }[];
    expect((await pdfText(file!.content)).replace(/\s+/g, ' ')).toContain('Kiezküchen verbinden');
    // Inviting again (after a change of the agenda) sends a new invitation.
    const invite = () =>
      world
        .post(world.coordinator, `/api/sessions/${session.id}/invite`)
        .set('Idempotency-Key', `invite-again-${session.id}`);
    const again = await invite().expect(200);
    expect(await outbox(`session:${session.id}:invitation:%`)).toHaveLength(14);
    // The same request retried after a lost answer mails nobody twice.
    expect((await invite().expect(200)).body).toEqual(again.body);
    expect(await outbox(`session:${session.id}:invitation:%`)).toHaveLength(14);

    const agenda = await world
      .get(ag.voters[2]!, `/api/sessions/${session.id}/agenda.pdf`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = (await pdfText(agenda.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain('AG Stabile Kieze');
    expect(text).toContain('Kiezküchen verbinden');
    expect(text).toContain('50.000,00 €');
    await world.get(world.carrier, `/api/sessions/${session.id}/agenda.pdf`).expect(404);

    await post(`/api/sessions/${session.id}/open`).expect(200);
    const late = await post(`/api/sessions/${session.id}/invite`).expect(409);
    expect(late.body.code).toBe('session_status_conflict');
  });

  it('lets a substitute hold an absent member’s seat and members cast their own votes', async () => {
    const applicationId = await inReview();
    await world
      .post(ag.voters[0]!, `/api/committees/${ag.committeeId}/conflicts`)
      .send({ applicationId, reason: 'Vorstand des Trägers' })
      .expect(201);
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
    const wrong = await post(`/api/sessions/${session.id}/attendance`, {
      memberId: substituteMemberId,
      present: true,
      substituteForId: schule,
    }).expect(400);
    expect(wrong.body.details[0]).toMatchObject({ field: 'substituteForId', rule: 'notSubstitute' });
    const live = (
      await post(`/api/sessions/${session.id}/attendance`, {
        memberId: substituteMemberId,
        present: true,
        substituteForId: gesundheit,
      }).expect(200)
    ).body;
    // Four seats of five filled: the substitute fills Gesundheit's seat and is no sixth voter.
    expect(live.quorum).toMatchObject({ votingMembers: 5, required: 4, present: 4, reached: true });
    expect(live.seats).toEqual(
      expect.arrayContaining([{ memberId: gesundheit, heldBy: substituteMemberId }]),
    );

    const vote = (await post(`/api/sessions/${session.id}/items/${session.items[0]!.id}/vote`).expect(200))
      .body.items[0].vote;
    expect(vote.ballots).toEqual([{ memberId: jugend, choice: 'recused' }]);

    const own = (choice: string, actor: Actor) =>
      world.post(actor, `/api/sessions/${session.id}/votes/${vote.id}/my-ballot`).send({ choice });
    const mine = (await own('yes', ag.voters[1]!).expect(200)).body;
    expect(mine.ownSeat).toEqual({ memberId: schule, heldBy: schule });
    // Gesundheit is not in the room: the seat's vote is the substitute's, not the absent member's.
    expect((await own('no', ag.voters[3]!).expect(422)).body.code).toBe('voter_not_present');
    const bySubstitute = (await own('yes', substitute).expect(200)).body;
    expect(bySubstitute.items[0].vote.ballots).toEqual(
      expect.arrayContaining([{ memberId: gesundheit, choice: 'yes' }]),
    );
    expect((await own('no', ag.voters[0]!).expect(403)).body.code).toBe('member_conflicted');
    expect((await own('yes', ag.advisor).expect(403)).body.code).toBe('not_voting_member');
    expect((await own('yes', ag.voters[4]!).expect(422)).body.code).toBe('voter_not_present');
    expect((await own('no', ag.voters[1]!).expect(409)).body.code).toBe('already_voted');
    await own('abstain', ag.voters[2]!).expect(200);
    // Stadtentwicklung arrives late and votes: five seats, one recused, four take part.
    await post(`/api/sessions/${session.id}/attendance`, {
      memberId: ag.voterMemberIds[4],
      present: true,
    }).expect(200);
    await own('yes', ag.voters[4]!).expect(200);

    const closed = (await post(`/api/sessions/${session.id}/votes/${vote.id}/close`).expect(200)).body;
    // Yes 3, abstain 1 (counted as cast): 3 of 4 reach two thirds; the quorum of 4 holds.
    expect(closed.items[0].vote).toMatchObject({ outcome: 'adopted' });
    expect(closed.items[0].vote.tally).toMatchObject({ yes: 3, abstain: 1, recused: 1 });
    await post(`/api/sessions/${session.id}/close`).expect(200);

    // The minutes are the coordinator's draft until published; then the members read them.
    expect(
      (await world.get(ag.voters[1]!, `/api/sessions/${session.id}/minutes.pdf`).expect(404)).body.code,
    ).toBe('minutes_not_published');
    const published = (await post(`/api/sessions/${session.id}/minutes/publish`).expect(200)).body;
    expect(published.minutesPublishedAt).not.toBeNull();
    const notices = await outbox(`session:${session.id}:minutes|%`);
    expect(notices).toHaveLength(7);
    expect(notices[0]!.payload).toMatchObject({
      kind: 'minutes_available',
      data: { minutes: { objectionsBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } },
    });
    expect((await post(`/api/sessions/${session.id}/minutes/publish`).expect(409)).body.code).toBe(
      'minutes_already_published',
    );
    const minutes = await world
      .get(ag.voters[1]!, `/api/sessions/${session.id}/minutes.pdf`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = (await pdfText(minutes.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain(substitute.user.displayName);
    expect(text).toContain(ag.voters[3]!.user.displayName);
  });

  it('notifies the voting members of a written vote and reminds those who have not voted, once', async () => {
    const applicationId = await inReview();
    const deadline = new Date(Date.now() + 3 * 86_400_000);
    const vote = (
      await post(`/api/applications/${applicationId}/written-votes`, {
        motion: 'Förderung empfehlen',
        deadline: deadline.toISOString(),
      }).expect(201)
    ).body as { id: string };
    const opened = await outbox(`written-vote:${vote.id}:opened|%`);
    // The five voting seats: not the advisory member, not the substitute.
    expect(opened.map((row) => row.payload.recipient.userId).sort()).toEqual(
      ag.voters.map((voter) => voter.user.id).sort(),
    );
    expect(opened[0]!.payload).toMatchObject({
      kind: 'written_vote_opened',
      link: `/eingang/${applicationId}`,
      data: { vote: { subject: 'Kiezküchen verbinden', closesAt: deadline.toISOString() } },
    });

    await world
      .post(ag.voters[1]!, `/api/written-votes/${vote.id}/ballots`)
      .send({ choice: 'yes' })
      .expect(201);
    // A member declaring a conflict during the vote is recorded as recused at once and not reminded.
    await world
      .post(ag.voters[4]!, `/api/committees/${ag.committeeId}/conflicts`)
      .send({ applicationId, reason: 'Mitglied im Trägerverein' })
      .expect(201);
    const seen = (await world.get(ag.voters[4]!, `/api/written-votes/${vote.id}`).expect(200)).body;
    expect(seen).toMatchObject({ ownBallot: 'recused', responded: 2 });
    const sweep = new ReminderSweep(api.db.dataSource, {
      APP_TIMEZONE: 'Europe/Berlin',
    } as AppConfig);
    const dayBefore = new Date(deadline.getTime() - 12 * 3_600_000);
    await sweep.sweep(dayBefore);
    await sweep.sweep(new Date(dayBefore.getTime() + 3_600_000));
    const reminders = await outbox(`reminder:written_vote_closing:${vote.id}:%`);
    expect(reminders.map((row) => row.payload.recipient.userId).sort()).toEqual(
      ag.voters
        .filter((_, index) => index !== 1 && index !== 4)
        .map((voter) => voter.user.id)
        .sort(),
    );
  });
});
