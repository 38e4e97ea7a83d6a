import { binaryBody, pdfText } from '@kiezfonds/testing';
import { ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

/**
 * Issue 7: a committee session over HTTP, from the agenda through attendance and the live quorum
 * to roll-call votes decided by the committee's rules (two thirds present, two thirds of the
 * votes cast, abstentions cast), including recusals and a session that loses its quorum.
 */
describe('committee sessions with roll-call votes', () => {
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

  const post = (path: string, body: Record<string, unknown> = {}) =>
    world.post(world.coordinator, path).send(body);

  async function openSession(applicationIds: string[]) {
    const session = (
      await post(`/api/committees/${ag.committeeId}/sessions`, {
        title: '3. Sitzung 2027',
        startsAt: '2027-02-10T16:00:00+01:00',
        place: 'Rathaus Spandau, Raum 210',
        applicationIds,
      }).expect(201)
    ).body as { id: string; items: { id: string }[]; status: string };
    expect(session.status).toBe('scheduled');
    await post(`/api/sessions/${session.id}/open`).expect(200);
    return session;
  }

  const attend = (sessionId: string, memberId: string, present = true) =>
    post(`/api/sessions/${sessionId}/attendance`, { memberId, present });

  it('runs a session from attendance to decision, with a live quorum and a recusal', async () => {
    const first = await inReview();
    const second = await inReview();
    // The Jugend department sits on the carrier's board.
    await world
      .post(ag.voters[0]!, `/api/committees/${ag.committeeId}/conflicts`)
      .send({ organisationId: world.organisation.id, reason: 'Vorstandsmitglied des Trägers' })
      .expect(201);
    const session = await openSession([first, second]);
    const [voter1, voter2, voter3, voter4, voter5] = ag.voterMemberIds as [
      string,
      string,
      string,
      string,
      string,
    ];

    // Quorum: 4 of 5 voting members (two thirds, rounded up); advisory members do not count.
    let live = (await attend(session.id, ag.advisorMemberId).expect(200)).body;
    expect(live.quorum).toMatchObject({ votingMembers: 5, required: 4, present: 0, reached: false });
    for (const member of [voter1, voter2, voter3, voter4, voter5])
      live = (await attend(session.id, member)).body;
    expect(live.quorum).toMatchObject({ present: 5, reached: true });

    const item = session.items[0]!;
    const vote = (await post(`/api/sessions/${session.id}/items/${item.id}/vote`).expect(200)).body.items[0]
      .vote;
    // The conflicted member present is recorded as recused at once, and cannot vote.
    expect(vote.ballots).toEqual([{ memberId: voter1, choice: 'recused' }]);
    const refused = await post(`/api/sessions/${session.id}/votes/${vote.id}/ballots`, {
      memberId: voter1,
      choice: 'yes',
    }).expect(403);
    expect(refused.body.code).toBe('member_conflicted');
    await post(`/api/sessions/${session.id}/votes/${vote.id}/ballots`, {
      memberId: ag.advisorMemberId,
      choice: 'yes',
    }).expect(403);

    for (const [memberId, choice] of [
      [voter2, 'yes'],
      [voter3, 'yes'],
      [voter4, 'yes'],
      [voter5, 'no'],
    ]) {
      await post(`/api/sessions/${session.id}/votes/${vote.id}/ballots`, { memberId, choice }).expect(200);
    }
    const twice = await post(`/api/sessions/${session.id}/votes/${vote.id}/ballots`, {
      memberId: voter5,
      choice: 'yes',
    }).expect(409);
    expect(twice.body).toMatchObject({ code: 'already_voted' });
    await post(`/api/sessions/${session.id}/close`).expect(409);

    const closed = (await post(`/api/sessions/${session.id}/votes/${vote.id}/close`).expect(200)).body;
    // Five present minus one recused: 4 take part, quorum held; 3 yes of 4 cast reach two thirds.
    expect(closed.items[0].vote).toMatchObject({ state: 'closed', outcome: 'adopted' });
    expect(closed.items[0].vote.tally).toMatchObject({ yes: 3, no: 1, recused: 1, cast: 4 });

    // Two members leave: 3 of 5 present, the quorum is lost and the next item cannot be decided.
    await attend(session.id, voter4, false).expect(200);
    live = (await attend(session.id, voter5, false).expect(200)).body;
    expect(live.quorum).toMatchObject({ present: 3, reached: false });
    // Opening a vote without a quorum is refused unless the coordinator confirms it (the minutes note it).
    const warned = await post(`/api/sessions/${session.id}/items/${session.items[1]!.id}/vote`).expect(409);
    expect(warned.body).toMatchObject({
      code: 'quorum_not_reached',
      allowed: ['attendance', 'open_item_vote'],
    });
    const next = (
      await post(`/api/sessions/${session.id}/items/${session.items[1]!.id}/vote`, {
        withoutQuorum: true,
      }).expect(200)
    ).body.items[1].vote;
    expect(next.quorumAtOpen).toEqual({ present: 3, required: 4, reached: false });
    await post(`/api/sessions/${session.id}/votes/${next.id}/ballots`, {
      memberId: voter2,
      choice: 'yes',
    }).expect(200);
    const absent = await post(`/api/sessions/${session.id}/votes/${next.id}/ballots`, {
      memberId: voter4,
      choice: 'yes',
    }).expect(422);
    expect(absent.body.code).toBe('voter_not_present');
    const undecided = (await post(`/api/sessions/${session.id}/votes/${next.id}/close`).expect(200)).body;
    expect(undecided.items[1].vote).toMatchObject({ outcome: 'no_quorum' });

    const early = await world.get(world.coordinator, `/api/sessions/${session.id}/minutes.pdf`).expect(409);
    expect(early.body.code).toBe('session_still_open');
    const listed = (await world.get(ag.voters[2]!, '/api/sessions').expect(200)).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: session.id, status: 'open', items: 2 })]);
    expect((await world.get(world.carrier, '/api/sessions').expect(200)).body.items).toEqual([]);
    const done = (await post(`/api/sessions/${session.id}/close`).expect(200)).body;
    expect(done.status).toBe('closed');
    const late = await attend(session.id, voter4).expect(409);
    expect(late.body).toMatchObject({ code: 'session_status_conflict' });

    // The minutes list every vote cast, by name, and the recusal; the second item was not decided.
    const pdf = await world
      .get(world.coordinator, `/api/sessions/${session.id}/minutes.pdf`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    const expected: [number, string][] = [
      [0, 'befangen – nicht mitgewirkt'],
      [1, 'Ja'],
      [2, 'Ja'],
      [3, 'Ja'],
      [4, 'Nein'],
    ];
    for (const [index, choice] of expected) {
      expect(text).toMatch(new RegExp(`${ag.voters[index]!.user.displayName}[^A-Za-z]*${choice}`));
    }
    expect(text).toContain('Ja 3 · Nein 1 · Enthaltung 0 · befangen 1');
    // The second item's vote was opened without a quorum, on the coordinator's confirmation; two had left.
    expect(text).toContain(
      'Die Abstimmung wurde eröffnet, obwohl das Gremium nicht beschlussfähig war (anwesend 3, erforderlich 4).',
    );
    expect(text).toMatch(new RegExp(`${ag.voters[3]!.user.displayName} nicht anwesend`));
  });

  it('rejects a tie', async () => {
    const session = await openSession([await inReview()]);
    const [, voter2, voter3, voter4, voter5] = ag.voterMemberIds as [string, string, string, string, string];
    for (const member of [voter2, voter3, voter4, voter5]) await attend(session.id, member).expect(200);
    const vote = (await post(`/api/sessions/${session.id}/items/${session.items[0]!.id}/vote`).expect(200))
      .body.items[0].vote;
    for (const [memberId, choice] of [
      [voter2, 'yes'],
      [voter3, 'yes'],
      [voter4, 'no'],
      [voter5, 'no'],
    ]) {
      await post(`/api/sessions/${session.id}/votes/${vote.id}/ballots`, { memberId, choice }).expect(200);
    }
    const closed = (await post(`/api/sessions/${session.id}/votes/${vote.id}/close`).expect(200)).body;
    expect(closed.items[0].vote).toMatchObject({ outcome: 'rejected' });
  });

  it('records the recusal of a conflicted member who comes in after the vote was opened', async () => {
    const session = await openSession([await inReview()]);
    // The Jugend department declared a standing conflict for the carrier in the first test.
    const [voter1, voter2, voter3, voter4] = ag.voterMemberIds as [string, string, string, string];
    for (const member of [voter2, voter3, voter4]) await attend(session.id, member).expect(200);
    const vote = (
      await post(`/api/sessions/${session.id}/items/${session.items[0]!.id}/vote`, {
        withoutQuorum: true,
      }).expect(200)
    ).body.items[0].vote;
    expect(vote.ballots).toEqual([]);
    await attend(session.id, voter1).expect(200);

    const own = await world
      .post(ag.voters[0]!, `/api/sessions/${session.id}/votes/${vote.id}/my-ballot`)
      .send({ choice: 'yes' })
      .expect(403);
    expect(own.body.code).toBe('member_conflicted');
    const seen = (await world.get(ag.voters[0]!, `/api/sessions/${session.id}`).expect(200)).body;
    expect(seen.items[0].vote.ballots).toEqual([{ memberId: voter1, choice: 'recused' }]);
    // Refused again, by the coordinator too; the recusal is recorded once.
    const recorded = await post(`/api/sessions/${session.id}/votes/${vote.id}/ballots`, {
      memberId: voter1,
      choice: 'no',
    }).expect(403);
    expect(recorded.body.code).toBe('member_conflicted');
    const audits = (await world.db.query(
      `SELECT payload FROM audit_event WHERE entity_id = $1 AND action = 'recusal_recorded'`,
      [vote.id],
    )) as { payload: { memberId: string } }[];
    expect(audits).toEqual([{ payload: expect.objectContaining({ memberId: voter1 }) }]);
    const ballots = (await world.db.query(`SELECT choice FROM committee_ballot WHERE vote_id = $1`, [
      vote.id,
    ])) as { choice: string }[];
    expect(ballots).toEqual([{ choice: 'recused' }]);
  });

  it('withdraws the vote of a member who declares a conflict while the roll call is open', async () => {
    const applicationId = await inReview();
    const session = await openSession([applicationId]);
    const [, voter2, voter3, voter4, voter5] = ag.voterMemberIds as [string, string, string, string, string];
    for (const member of [voter2, voter3, voter4, voter5]) await attend(session.id, member).expect(200);
    const vote = (await post(`/api/sessions/${session.id}/items/${session.items[0]!.id}/vote`).expect(200))
      .body.items[0].vote;
    for (const memberId of [voter2, voter3, voter4]) {
      await post(`/api/sessions/${session.id}/votes/${vote.id}/ballots`, { memberId, choice: 'yes' }).expect(
        200,
      );
    }

    // One who voted yes, and one who has not voted yet, declare a conflict on the application.
    for (const member of [ag.voters[2]!, ag.voters[4]!]) {
      await world
        .post(member, `/api/committees/${ag.committeeId}/conflicts`)
        .send({ applicationId, reason: 'Im Beirat des Projekts' })
        .expect(201);
    }
    const seen = (await world.get(world.coordinator, `/api/sessions/${session.id}`).expect(200)).body;
    expect(seen.items[0].vote.ballots).toEqual(
      expect.arrayContaining([
        { memberId: voter2, choice: 'yes' },
        { memberId: voter3, choice: 'recused' },
        { memberId: voter4, choice: 'yes' },
        { memberId: voter5, choice: 'recused' },
      ]),
    );
    const refused = await world
      .post(ag.voters[2]!, `/api/sessions/${session.id}/votes/${vote.id}/my-ballot`)
      .send({ choice: 'no' })
      .expect(403);
    expect(refused.body.code).toBe('member_conflicted');
    const actions = (await world.db.query(
      `SELECT action, payload->>'memberId' AS "memberId" FROM audit_event
        WHERE entity_id = $1 AND action IN ('recusal_recorded', 'ballot_withdrawn_for_conflict') ORDER BY occurred_at`,
      [vote.id],
    )) as { action: string; memberId: string }[];
    expect(actions).toEqual([
      { action: 'ballot_withdrawn_for_conflict', memberId: voter3 },
      { action: 'recusal_recorded', memberId: voter5 },
    ]);

    // Four present, two recused: two take part, fewer than the four required, so nothing is decided.
    // Counted as cast, the withdrawn yes would have made it 3 of 3 and adopted the item.
    const closed = (await post(`/api/sessions/${session.id}/votes/${vote.id}/close`).expect(200)).body;
    expect(closed.items[0].vote).toMatchObject({ outcome: 'no_quorum' });
    expect(closed.items[0].vote.tally).toMatchObject({ yes: 2, no: 0, recused: 2 });
    await post(`/api/sessions/${session.id}/close`).expect(200);
    const pdf = await world
      .get(world.coordinator, `/api/sessions/${session.id}/minutes.pdf`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toMatch(
      new RegExp(`${ag.voters[2]!.user.displayName}[^A-Za-z]*befangen \\(zurückgezogen\\)`),
    );
    expect(text).toMatch(
      new RegExp(`${ag.voters[4]!.user.displayName}[^A-Za-z]*befangen – nicht mitgewirkt`),
    );
    // Measured against all five voting members of the committee, not the four in the room.
    expect(text).toContain(
      'Mitgewirkt haben 2 von 5 stimmberechtigten Mitgliedern (erforderlich: 4); nicht beschlussfähig.',
    );
  });

  it('keeps sessions to coordinators of the district, and names invalid agenda entries', async () => {
    const path = `/api/committees/${ag.committeeId}/sessions`;
    const body = { title: 'x', startsAt: '2027-02-10T16:00:00+01:00', place: 'Rathaus', applicationIds: [] };
    const empty = await post(path, body).expect(400);
    expect(empty.body.details).toEqual([expect.objectContaining({ field: 'applicationIds' })]);
    const { id: draftId } = await world.draft(callId);
    const notBefore = await post(path, { ...body, applicationIds: [draftId] }).expect(400);
    expect(notBefore.body.details).toEqual([
      expect.objectContaining({ field: 'applicationIds.0', rule: 'beforeCommittee' }),
    ]);
    await world
      .post(world.boardMember, path)
      .send({ ...body, applicationIds: [draftId] })
      .expect(403);
    await world.post(world.carrier, path).send(body).expect(403);
  });

  it('lists for a member only the sessions of a committee they sit on today, not of one they join later', async () => {
    const session = (
      await post(`/api/committees/${ag.committeeId}/sessions`, {
        title: 'Sitzung Januar',
        startsAt: '2027-01-13T16:00:00+01:00',
        place: 'Rathaus Spandau',
        applicationIds: [await inReview()],
      }).expect(201)
    ).body as { id: string };
    const seat = async (validFrom: string) => {
      const member = await world.staff('board_member');
      await api.db.dataSource.query(
        `INSERT INTO committee_member (committee_id, user_id, department, voting, valid_from)
         VALUES ($1, $2, 'Kultur', true, ${validFrom})`,
        [ag.committeeId, member.user.id],
      );
      return member;
    };
    const berlinToday = `(now() AT TIME ZONE 'Europe/Berlin')::date`;
    const listed = async (member: Awaited<ReturnType<typeof seat>>) =>
      ((await world.get(member, '/api/sessions').expect(200)).body.items as { id: string }[]).map(
        (s) => s.id,
      );

    const tomorrow = await seat(`${berlinToday} + 1`);
    await world.get(tomorrow, `/api/sessions/${session.id}`).expect(404);
    expect(await listed(tomorrow)).not.toContain(session.id);
    const today = await seat(berlinToday);
    await world.get(today, `/api/sessions/${session.id}`).expect(200);
    expect(await listed(today)).toContain(session.id);
  });

  it('answers each step retried under the same Idempotency-Key with the first answer and one effect', async () => {
    const applicationId = await inReview();
    const send = (path: string, key: string, body: Record<string, unknown>) =>
      world.post(world.coordinator, path).set('Idempotency-Key', key).send(body);
    /** The request, then the same again as after a lost answer: the same answer. */
    const twice = async (path: string, key: string, body: Record<string, unknown> = {}) => {
      const first = await send(path, key, body);
      const again = await send(path, key, body);
      // A refusal answers alike too (each answer with its own requestId).
      const answer = (res: typeof first) =>
        res.status < 400
          ? { status: res.status, body: res.body }
          : { status: res.status, code: res.body.code };
      expect(answer(again)).toEqual(answer(first));
      return first;
    };
    const session = (
      await twice(`/api/committees/${ag.committeeId}/sessions`, `schedule-${applicationId}`, {
        title: 'Sondersitzung',
        startsAt: '2027-03-10T16:00:00+01:00',
        place: 'Rathaus Spandau',
        applicationIds: [applicationId],
      })
    ).body as { id: string; items: { id: string }[] };
    const scheduled = (await world.db.query(
      `SELECT count(*)::int AS n FROM session_agenda_item WHERE application_id = $1`,
      [applicationId],
    )) as { n: number }[];
    expect(scheduled[0]!.n).toBe(1);
    const path = (rest: string) => `/api/sessions/${session.id}${rest}`;
    expect((await twice(path('/open'), `open-${session.id}`)).status).toBe(200);
    for (const memberId of ag.voterMemberIds) {
      expect(
        (await twice(path('/attendance'), `in-${session.id}-${memberId}`, { memberId, present: true }))
          .status,
      ).toBe(200);
    }
    const opened = await twice(path(`/items/${session.items[0]!.id}/vote`), `vote-${session.id}`);
    const voteId = (opened.body as { items: { vote: { id: string } }[] }).items[0]!.vote.id;
    // The member of the carrier's board (first test) is refused alike each time, recused once.
    const [conflicted, ...others] = ag.voterMemberIds;
    const refused = await twice(path(`/votes/${voteId}/ballots`), `ballot-${voteId}-${conflicted}`, {
      memberId: conflicted,
      choice: 'yes',
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'member_conflicted']);
    for (const memberId of others) {
      const ballot = await twice(path(`/votes/${voteId}/ballots`), `ballot-${voteId}-${memberId}`, {
        memberId,
        choice: 'yes',
      });
      expect(ballot.status).toBe(200);
    }
    const closed = await twice(path(`/votes/${voteId}/close`), `close-vote-${voteId}`);
    expect(closed.body.items[0].vote).toMatchObject({ state: 'closed', outcome: 'adopted' });
    expect(closed.body.items[0].vote.tally).toMatchObject({ yes: 4, recused: 1, cast: 4 });
    expect((await twice(path('/close'), `close-${session.id}`)).status).toBe(200);

    const actions = (await world.db.query(
      `SELECT action, count(*)::int AS n FROM audit_event WHERE entity_id = ANY($1::text[]) GROUP BY action ORDER BY action`,
      [[session.id, voteId]],
    )) as { action: string; n: number }[];
    expect(Object.fromEntries(actions.map((a) => [a.action, a.n]))).toMatchObject({
      session_scheduled: 1,
      session_open: 1,
      session_attendance: ag.voterMemberIds.length,
      session_open_item_vote: 1,
      session_record_ballot: others.length,
      session_vote_closed: 1,
      session_close_item_vote: 1,
      session_close: 1,
    });
    // The same key for another request is refused.
    const reused = await send(path('/attendance'), `in-${session.id}-${others[0]}`, {
      memberId: others[0],
      present: false,
    }).expect(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });
});
