import type { AppConfig } from '@kiezfonds/config';
import { WrittenVoteService } from '@kiezfonds/committee';
import { ReminderSweep } from '@kiezfonds/messaging';
import { binaryBody, pdfText } from '@kiezfonds/testing';
import { type Actor, ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

/**
 * A written vote decides with the electorate it opened to: the voting seats held when it opened,
 * the members its opening notice went to. Who sits in the committee later changes neither who may
 * answer, nor who is waited for, reminded or counted, nor the result and its minutes.
 *
 * The committee: five voting departments and an advisory member, a quorum of two thirds, two
 * thirds of the votes cast (abstentions cast). Each test adds and ends the seats it needs.
 */
describe('the electorate of a written vote', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let callId: string;
  let ag: CommitteeSetUp;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    callId = (await world.openCall()).id;
    ag = await createCommittee(world);
  });

  afterAll(async () => {
    await api.close();
  });

  async function inReview(): Promise<string> {
    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    return id;
  }

  async function openVote(applicationId: string, deadline: Date): Promise<string> {
    const opened = await world
      .post(world.coordinator, `/api/applications/${applicationId}/written-votes`)
      .send({ motion: 'Das Vorhaben wird zur Förderung empfohlen.', deadline: deadline.toISOString() })
      .expect(201);
    return opened.body.id as string;
  }

  const cast = (actor: Actor, voteId: string, choice: 'yes' | 'no' | 'abstain') =>
    world.post(actor, `/api/written-votes/${voteId}/ballots`).send({ choice });

  const view = async (voteId: string) =>
    (await world.get(world.coordinator, `/api/written-votes/${voteId}`).expect(200)).body as {
      state: string;
      eligible: number;
      responded: number;
      missing: { department: string; seatEnded: boolean }[];
      closedBecause: string | null;
      outcome: string | null;
      tally: Record<string, unknown> | null;
    };

  /** Berlin's calendar day `offset` days from today, as memberships count their days. */
  async function berlinDay(offset: number): Promise<string> {
    const [row] = (await world.db.query(
      `SELECT to_char((now() AT TIME ZONE 'Europe/Berlin')::date + $1::int, 'YYYY-MM-DD') AS day`,
      [offset],
    )) as { day: string }[];
    return row!.day;
  }

  /** A new voting member of the committee from `validFrom`, added by the coordinator. */
  async function seat(department: string, validFrom: string): Promise<{ actor: Actor; memberId: string }> {
    const actor = await world.staff('board_member');
    const { body } = await world
      .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
      .send({ userId: actor.user.id, department, voting: true, validFrom })
      .expect(201);
    const member = (body.members as { id: string; userId: string }[]).find(
      (m) => m.userId === actor.user.id,
    )!;
    return { actor, memberId: member.id };
  }

  /** The coordinator ends a seat yesterday: from today its member reads nothing of the committee. */
  async function endSeat(memberId: string): Promise<void> {
    await world
      .post(world.coordinator, `/api/committees/${ag.committeeId}/members/${memberId}/end`)
      .send({ validTo: await berlinDay(-1) })
      .expect(200);
  }

  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

  it('counts a ballot cast from a seat that ended before the close, in the result, the answer and the minutes', async () => {
    const leaving = await seat('Kultur', '2026-01-01');
    const voteId = await openVote(await inReview(), inDays(2));
    expect(await view(voteId)).toMatchObject({ eligible: 6, responded: 0 });
    await cast(leaving.actor, voteId, 'yes').expect(201);
    // The department's seat ends (a new head of office, a reorganisation) while the vote is open.
    await endSeat(leaving.memberId);
    expect(await view(voteId)).toMatchObject({ state: 'open', eligible: 6, responded: 1 });

    await cast(ag.voters[0]!, voteId, 'yes').expect(201);
    await cast(ag.voters[1]!, voteId, 'yes').expect(201);
    await cast(ag.voters[2]!, voteId, 'yes').expect(201);
    await cast(ag.voters[3]!, voteId, 'no').expect(201);
    const last = await cast(ag.voters[4]!, voteId, 'no').expect(201);
    // 4 yes of 6 cast reach two thirds (12 ≥ 12). Without the ballot of the ended seat it would
    // have been 3 of 5 (9 < 10): rejected, by a change in the committee after the vote was cast.
    expect(last.body).toMatchObject({ state: 'closed', closedBecause: 'all_voted', outcome: 'adopted' });
    expect(last.body.tally).toMatchObject({ yes: 4, no: 2, abstain: 0, cast: 6 });
    expect(await view(voteId)).toMatchObject({ eligible: 6, responded: 6, missing: [] });

    const pdf = await world
      .get(world.coordinator, `/api/written-votes/${voteId}/minutes.pdf`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toMatch(new RegExp(`${leaving.actor.user.displayName}[^A-Za-z]*Ja`));
    expect(text).toContain('Ja 4 · Nein 2 · Enthaltung 0');
  });

  it('keeps a member whose seat ended before answering in the electorate: missing, waited for until the deadline', async () => {
    const leaving = await seat('Umwelt', '2026-01-01');
    const deadline = inDays(1);
    const voteId = await openVote(await inReview(), deadline);
    expect((await view(voteId)).missing.find((m) => m.department === 'Umwelt')?.seatEnded).toBe(false);
    await endSeat(leaving.memberId);
    // The seat bounds the board member role: from its end the member can answer no more.
    await cast(leaving.actor, voteId, 'yes').expect(403);

    await cast(ag.voters[0]!, voteId, 'yes').expect(201);
    await cast(ag.voters[1]!, voteId, 'yes').expect(201);
    await cast(ag.voters[2]!, voteId, 'yes').expect(201);
    await cast(ag.voters[3]!, voteId, 'yes').expect(201);
    const fifth = await cast(ag.voters[4]!, voteId, 'no').expect(201);
    // The vote opened to six: one has not answered, so it does not close before its deadline.
    expect(fifth.body).toMatchObject({ state: 'open', eligible: 6, responded: 5 });
    // The coordinator sees why this one will stay missing.
    expect((await view(voteId)).missing.map((m) => [m.department, m.seatEnded])).toEqual([['Umwelt', true]]);

    await api.app.get(WrittenVoteService).closeDue(new Date(deadline.getTime() + 1_000));
    const closed = await view(voteId);
    expect(closed).toMatchObject({ state: 'closed', closedBecause: 'deadline_passed', outcome: 'adopted' });
    // The quorum is two thirds of the six the vote opened to: 4 required, 5 took part.
    expect(closed.tally).toMatchObject({ yes: 4, no: 1, cast: 5, quorum: { required: 4, present: 5 } });
    expect(closed.missing.map((m) => m.department)).toEqual(['Umwelt']);
  });

  it('leaves a seat taken after the opening out: it neither answers, nor is reminded or waited for', async () => {
    const applicationId = await inReview();
    const deadline = inDays(3);
    const voteId = await openVote(applicationId, deadline);
    const newcomer = await seat('Verkehr', await berlinDay(0));

    // The member sits on the committee and reads the vote, but it did not open to them.
    const seen = (await world.get(newcomer.actor, `/api/written-votes/${voteId}`).expect(200)).body;
    expect(seen).toMatchObject({ state: 'open', eligible: 5, responded: 0, ownBallot: null });
    const refused = await cast(newcomer.actor, voteId, 'yes').expect(403);
    expect(refused.body.code).toBe('not_voting_member');
    // The application's votes tell the web why: no vote buttons for a vote that did not open to them.
    const listed = (await world.get(newcomer.actor, `/api/applications/${applicationId}/votes`).expect(200))
      .body as { items: { id: string; ownPart: string | null }[] };
    expect(listed.items.find((vote) => vote.id === voteId)?.ownPart).toBe('joined_after_opening');
    // A conflict they declare on the application records nothing in a vote they are not part of.
    await world
      .post(newcomer.actor, `/api/committees/${ag.committeeId}/conflicts`)
      .send({ applicationId, reason: 'Vorstand im Trägerverein' })
      .expect(201);
    const theirs = (await world.db.query(
      `SELECT count(*)::int AS n FROM committee_ballot WHERE vote_id = $1 AND committee_member_id = $2`,
      [voteId, newcomer.memberId],
    )) as { n: number }[];
    expect(theirs[0]!.n).toBe(0);
    const steps = (await world.get(newcomer.actor, '/api/home/next-steps').expect(200)).body as {
      items: { key: string }[];
    };
    expect(steps.items.map((step) => step.key)).not.toContain('writtenVotesOpen');

    // The closing reminder goes to the five the vote opened to, not to the newcomer.
    await new ReminderSweep(api.db.dataSource, { APP_TIMEZONE: 'Europe/Berlin' } as AppConfig).sweep(
      new Date(deadline.getTime() - 12 * 3_600_000),
    );
    const reminded = (await world.db.query(
      `SELECT payload -> 'recipient' ->> 'userId' AS user_id FROM outbox WHERE delivery_key LIKE $1`,
      [`reminder:written_vote_closing:${voteId}:%`],
    )) as { user_id: string }[];
    expect(reminded.map((row) => row.user_id).sort()).toEqual(ag.voters.map((v) => v.user.id).sort());

    // When the five have answered, everyone the vote opened to has: it closes at once.
    for (const voter of ag.voters.slice(0, 4)) await cast(voter, voteId, 'yes').expect(201);
    const last = await cast(ag.voters[4]!, voteId, 'yes').expect(201);
    expect(last.body).toMatchObject({ state: 'closed', closedBecause: 'all_voted', outcome: 'adopted' });
    expect(last.body.tally).toMatchObject({ yes: 5, cast: 5, quorum: { required: 4, present: 5 } });
  });
});
