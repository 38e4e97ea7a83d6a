import type { INestApplicationContext } from '@nestjs/common';
import { WrittenVoteService } from '@kiezfonds/committee';
import { binaryBody, pdfText, testConfig } from '@kiezfonds/testing';
import { createWorker } from '../../apps/worker/src/create-worker';
import { type Actor, ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { createCommittee } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

/**
 * Issue 7: the conflicts register and the written procedure (Umlaufverfahren) through HTTP, and
 * the worker closing a vote at its deadline exactly once, also with two workers running.
 */
describe('conflicts of interest and written votes', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let callId: string;
  let committeeId: string;
  let voters: Actor[];
  let advisor: Actor;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    callId = (await world.openCall()).id;
    ({ committeeId, voters, advisor } = await createCommittee(world));
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

  const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

  function openVote(applicationId: string, deadline = inHours(48)) {
    return world
      .post(world.coordinator, `/api/applications/${applicationId}/written-votes`)
      .send({ motion: 'Das Vorhaben wird zur Förderung empfohlen.', deadline });
  }

  const cast = (actor: Actor, voteId: string, choice: string) =>
    world.post(actor, `/api/written-votes/${voteId}/ballots`).send({ choice });

  it('lets only coordinators open a vote, with a motion and a future deadline', async () => {
    const id = await inReview();
    const bad = await world
      .post(world.coordinator, `/api/applications/${id}/written-votes`)
      .send({ motion: ' ', deadline: '2020-01-01T12:00:00Z' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('motion');
    const past = await openVote(id, '2020-01-01T12:00:00Z').expect(400);
    expect(past.body.details).toEqual([expect.objectContaining({ field: 'deadline', rule: 'inFuture' })]);
    await world
      .post(world.boardMember, `/api/applications/${id}/written-votes`)
      .send({ motion: 'x', deadline: inHours(1) })
      .expect(403);
    const { body } = await openVote(id).expect(201);
    expect(body).toMatchObject({ state: 'open', eligible: 5, responded: 0 });
    const early = await world.get(world.coordinator, `/api/written-votes/${body.id}/minutes.pdf`).expect(409);
    expect(early.body.code).toBe('vote_still_open');
    expect(body.missing).toHaveLength(5);
    const twice = await openVote(id).expect(409);
    expect(twice.body.code).toBe('vote_already_open');
  });

  it('answers a retried opening or ballot under the same Idempotency-Key with the first answer, once', async () => {
    const id = await inReview();
    const deadline = inHours(48);
    const open = () => openVote(id, deadline).set('Idempotency-Key', `written-vote-${id}`);
    const opened = await open().expect(201);
    // The answer was lost and the request goes again: the vote it opened, not 409 vote_already_open.
    expect((await open().expect(201)).body).toEqual(opened.body);
    const votes = (await world.db.query(
      `SELECT count(*)::int AS n FROM committee_vote WHERE application_id = $1`,
      [id],
    )) as { n: number }[];
    expect(votes[0]!.n).toBe(1);
    const voteId = opened.body.id as string;
    const ballot = () => cast(voters[1]!, voteId, 'yes').set('Idempotency-Key', `ballot-${voteId}`);
    const first = await ballot().expect(201);
    expect((await ballot().expect(201)).body).toEqual(first.body);
    const trail = (await world.db.query(
      `SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'ballot_%'`,
      [voteId],
    )) as { action: string }[];
    expect(trail.map((row) => row.action)).toEqual(['ballot_cast']);
    const reused = await cast(voters[1]!, voteId, 'no')
      .set('Idempotency-Key', `ballot-${voteId}`)
      .expect(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it("refuses a conflicted member's vote (403), records the recusal and never counts it", async () => {
    const id = await inReview();
    const conflicted = voters[0]!;
    const declared = await world
      .post(conflicted, `/api/committees/${committeeId}/conflicts`)
      .send({ applicationId: id, reason: 'Ich bin Vorstandsmitglied des Trägervereins.' })
      .expect(201);
    expect(declared.body).toMatchObject({ applicationId: id, withdrawnAt: null });
    const register = await world
      .get(world.coordinator, `/api/committees/${committeeId}/conflicts`)
      .expect(200);
    expect(register.body.items.map((c: { id: string }) => c.id)).toContain(declared.body.id);

    const vote = (await openVote(id).expect(201)).body as { id: string };
    const refused = await cast(conflicted, vote.id, 'yes').expect(403);
    expect(refused.body.code).toBe('member_conflicted');
    await cast(conflicted, vote.id, 'no').expect(403);
    await cast(advisor, vote.id, 'yes').expect(403);

    const ballots = (await api.db.dataSource.query(
      `SELECT b.choice FROM committee_ballot b JOIN committee_member m ON m.id = b.committee_member_id
        WHERE b.vote_id = $1 AND m.user_id = $2`,
      [vote.id, conflicted.user.id],
    )) as { choice: string }[];
    expect(ballots).toEqual([{ choice: 'recused' }]);
    const recusals = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'recusal_recorded'`,
      [vote.id],
    )) as { n: number }[];
    expect(recusals[0]!.n).toBe(1);

    // The four others: three yes, one no. Everyone has answered, so the vote closes at once.
    await cast(voters[1]!, vote.id, 'yes').expect(201);
    await cast(voters[2]!, vote.id, 'yes').expect(201);
    await cast(voters[3]!, vote.id, 'yes').expect(201);
    // A member may change their ballot while the vote is open; the count takes the latest.
    const changed = await cast(voters[3]!, vote.id, 'no').expect(201);
    expect(changed.body).toMatchObject({ state: 'open', ownBallot: 'no' });
    await cast(voters[3]!, vote.id, 'yes').expect(201);
    const last = await cast(voters[4]!, vote.id, 'no').expect(201);
    expect(last.body).toMatchObject({ state: 'closed', closedBecause: 'all_voted', outcome: 'adopted' });
    expect(last.body.tally).toMatchObject({ yes: 3, no: 1, recused: 1, cast: 4 });
    const late = await cast(voters[1]!, vote.id, 'no').expect(409);
    expect(late.body.code).toBe('vote_closed');

    // The minutes list every voting member's vote by name, the recusal included.
    const pdf = await world
      .get(world.coordinator, `/api/written-votes/${vote.id}/minutes.pdf`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    const expectedLines = new Map<Actor, string>([
      [conflicted, 'befangen – nicht mitgewirkt'],
      [voters[1]!, 'Ja'],
      [voters[2]!, 'Ja'],
      [voters[3]!, 'Ja'],
      [voters[4]!, 'Nein'],
    ]);
    for (const [voter, choice] of expectedLines) {
      expect(text).toMatch(new RegExp(`${voter.user.displayName}[^A-Za-z]*${choice}`));
    }
    expect(text).toContain('Ja 3 · Nein 1 · Enthaltung 0 · befangen 1');
  });

  it('withdraws the vote of a member who declares a conflict after voting: it counts as a recusal', async () => {
    const id = await inReview();
    const vote = (await openVote(id).expect(201)).body as { id: string };
    const lateDeclarer = voters[2]!;
    await cast(voters[1]!, vote.id, 'yes').expect(201);
    await cast(lateDeclarer, vote.id, 'yes').expect(201);
    await cast(voters[3]!, vote.id, 'no').expect(201);

    await world
      .post(lateDeclarer, `/api/committees/${committeeId}/conflicts`)
      .send({ applicationId: id, reason: 'Mein Ehepartner leitet das Projekt.' })
      .expect(201);
    const seen = (await world.get(lateDeclarer, `/api/written-votes/${vote.id}`).expect(200)).body;
    expect(seen).toMatchObject({ state: 'open', ownBallot: 'recused', responded: 3 });
    const again = await cast(lateDeclarer, vote.id, 'yes').expect(403);
    expect(again.body.code).toBe('member_conflicted');
    // The ballot stays as cast (append-only); the withdrawal is its own record, audited once.
    const [row] = (await api.db.dataSource.query(
      `SELECT b.choice, w.withdrawn_by FROM committee_ballot b JOIN committee_member m ON m.id = b.committee_member_id
         LEFT JOIN committee_ballot_withdrawal w ON w.vote_id = b.vote_id AND w.committee_member_id = b.committee_member_id
        WHERE b.vote_id = $1 AND m.user_id = $2`,
      [vote.id, lateDeclarer.user.id],
    )) as { choice: string; withdrawn_by: string | null }[];
    expect(row).toEqual({ choice: 'yes', withdrawn_by: lateDeclarer.user.id });
    const withdrawals = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'ballot_withdrawn_for_conflict'`,
      [vote.id],
    )) as { n: number }[];
    expect(withdrawals[0]!.n).toBe(1);
    // The member's own data export shows the vote as cast and when it was withdrawn.
    const exported = (await world.get(lateDeclarer, '/api/me/export').expect(200)).body;
    expect(exported.committee.ballots).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ voteId: vote.id, choice: 'yes', withdrawnAt: expect.any(String) }),
      ]),
    );

    await cast(voters[4]!, vote.id, 'yes').expect(201);
    const last = await cast(voters[0]!, vote.id, 'yes').expect(201);
    expect(last.body).toMatchObject({ state: 'closed', closedBecause: 'all_voted', outcome: 'adopted' });
    expect(last.body.tally).toMatchObject({ yes: 3, no: 1, recused: 1, cast: 4 });

    const pdf = await world
      .get(world.coordinator, `/api/written-votes/${vote.id}/minutes.pdf`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toMatch(
      new RegExp(`${lateDeclarer.user.displayName}[^A-Za-z]*befangen \\(zurückgezogen\\)`),
    );
    expect(text).toContain('Ja 3 · Nein 1 · Enthaltung 0 · befangen 1');
  });

  it('records a declaration and its withdrawal once per Idempotency-Key, answering a retry alike', async () => {
    const id = await inReview();
    const member = voters[3]!;
    const declare = () =>
      world
        .post(member, `/api/committees/${committeeId}/conflicts`)
        .set('Idempotency-Key', `declare-${id}`)
        .send({ applicationId: id, reason: 'Mitglied im Förderverein.' });
    const declared = await declare().expect(201);
    expect((await declare().expect(201)).body).toEqual(declared.body);
    const rows = (await world.db.query(
      `SELECT count(*)::int AS n FROM conflict_of_interest WHERE application_id = $1`,
      [id],
    )) as { n: number }[];
    expect(rows[0]!.n).toBe(1);
    const withdraw = () =>
      world
        .post(member, `/api/committees/${committeeId}/conflicts/${declared.body.id}/withdraw`)
        .set('Idempotency-Key', `withdraw-${declared.body.id}`);
    const withdrawn = await withdraw().expect(200);
    // Not 409 conflict_withdrawn: the same request again answers as the first time.
    expect((await withdraw().expect(200)).body).toEqual(withdrawn.body);
  });

  it('lets a member withdraw a declaration, and then vote', async () => {
    const id = await inReview();
    const member = voters[2]!;
    const { body: conflict } = await world
      .post(member, `/api/committees/${committeeId}/conflicts`)
      .send({ applicationId: id, reason: 'Irrtümlich erklärt.' })
      .expect(201);
    await world.post(member, `/api/committees/${committeeId}/conflicts/${conflict.id}/withdraw`).expect(200);
    const twice = await world
      .post(member, `/api/committees/${committeeId}/conflicts/${conflict.id}/withdraw`)
      .expect(409);
    expect(twice.body.code).toBe('conflict_withdrawn');
    const vote = (await openVote(id).expect(201)).body as { id: string };
    await cast(member, vote.id, 'yes').expect(201);
  });

  it('names the rule when a declaration gives neither or both subjects', async () => {
    const res = await world
      .post(voters[1]!, `/api/committees/${committeeId}/conflicts`)
      .send({ reason: 'Ohne Gegenstand' })
      .expect(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'applicationId', rule: 'exactlyOneOf' }),
    ]);
    await world
      .post(world.carrier, `/api/committees/${committeeId}/conflicts`)
      .send({ organisationId: world.organisation.id, reason: 'x' })
      .expect(403);
  });

  function workerConfig(sweepIntervalMs: number) {
    return testConfig({
      DATABASE_URL: api.db.url,
      REDIS_URL: api.redis.url,
      QUEUE_PREFIX: api.redis.prefix,
      REMINDER_SWEEP_INTERVAL_MS: String(sweepIntervalMs),
    });
  }

  async function closings(voteId: string): Promise<number> {
    const rows = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'written_vote_closed'`,
      [voteId],
    )) as { n: number }[];
    return rows[0]!.n;
  }

  /** A vote with a deadline 1,5 s ahead (or at `deadline`) and four of five ballots (3 yes, 1 abstain) cast. */
  async function voteAboutToClose(deadline = new Date(Date.now() + 1_500)): Promise<string> {
    const id = await inReview();
    const vote = (await openVote(id, deadline.toISOString()).expect(201)).body as {
      id: string;
    };
    await cast(voters[1]!, vote.id, 'yes').expect(201);
    await cast(voters[2]!, vote.id, 'yes').expect(201);
    await cast(voters[3]!, vote.id, 'yes').expect(201);
    await cast(voters[4]!, vote.id, 'abstain').expect(201);
    return vote.id;
  }

  const passDeadline = () => new Promise((resolve) => setTimeout(resolve, 1_600));

  it("is closed by the worker's scheduled sweep once the deadline has passed", async () => {
    const voteId = await voteAboutToClose();
    await passDeadline();
    const worker = await createWorker(workerConfig(1_000));
    try {
      await worker.init();
      for (let i = 0; i < 50 && (await closings(voteId)) === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await worker.close();
    }
    const { body } = await world.get(world.coordinator, `/api/written-votes/${voteId}`).expect(200);
    // Four of five took part (the quorum is 4 of 5); 3 yes of 4 cast reach two thirds (3 ≥ 2,67).
    expect(body).toMatchObject({ state: 'closed', closedBecause: 'deadline_passed', outcome: 'adopted' });
    expect(body.tally).toMatchObject({ yes: 3, no: 0, abstain: 1, cast: 4 });
    expect(body.missing.map((m: { department: string }) => m.department)).toEqual(['Jugend']);
    expect(await closings(voteId)).toBe(1);
  });

  it('is closed exactly once when two workers sweep at the same moment', async () => {
    // Started first: each worker's scheduler sweeps once at start, before this vote is due.
    const workers: INestApplicationContext[] = [
      await createWorker(workerConfig(3_600_000)),
      await createWorker(workerConfig(3_600_000)),
    ];
    try {
      await Promise.all(workers.map((worker) => worker.init()));
      // Due an hour from now, and swept as if that hour had passed: the workers' own scheduled sweeps
      // (real time) leave it alone, and a slow machine cannot let the deadline pass while ballots are cast.
      const deadline = new Date(Date.now() + 3_600_000);
      const voteId = await voteAboutToClose(deadline);
      const after = new Date(deadline.getTime() + 1_000);
      const results = await Promise.all(
        workers.map((worker) => worker.get(WrittenVoteService).closeDue(after)),
      );
      expect(results.map((r) => r.closed).sort()).toEqual([0, 1]);
      expect((await workers[0]!.get(WrittenVoteService).closeDue(after)).closed).toBe(0);
      expect(await closings(voteId)).toBe(1);
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
    }
  });
});
