import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { NoticeProcessor, ReminderSweep } from '@kiezfonds/messaging';
import { eventually, SmtpSink, testConfig } from '@kiezfonds/testing';
import { ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';
import { createWorker } from '../../apps/worker/src/create-worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Committee notices are checked again at delivery (TRUST.md, "Work and delivery"): the mail worker
 * is paused after they were queued, the state changes meanwhile, and a notice that no longer fits
 * is dropped (and the drop recorded) instead of mailed.
 */
describe('committee notices checked again at delivery', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;
  let smtp: SmtpSink;
  let worker: INestApplicationContext;
  let callId: string;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    callId = (await world.openCall()).id;
    ag = await createCommittee(world);
    smtp = await SmtpSink.start();
    worker = await createWorker(
      testConfig({
        DATABASE_URL: api.db.url,
        REDIS_URL: api.redis.url,
        QUEUE_PREFIX: api.redis.prefix,
        SMTP_URL: smtp.url,
        OUTBOX_POLL_INTERVAL_MS: '200',
        REMINDER_SWEEP_INTERVAL_MS: '600000',
      }),
    );
    await worker.init();
  });

  afterAll(async () => {
    await worker.close();
    await smtp.stop();
    await api.close();
  });

  /** Opens a written vote, sweeps (mail worker paused), runs `meanwhile`, resumes; answers who got a reminder. */
  async function remindersAfter(
    meanwhile: (voteId: string) => Promise<void>,
  ): Promise<(voter: number) => number> {
    const { id: applicationId } = await world.draft(callId);
    await world.event(world.carrier, applicationId, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, applicationId, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    const deadline = new Date(Date.now() + 3 * 86_400_000);
    const vote = (
      await world
        .post(world.coordinator, `/api/applications/${applicationId}/written-votes`)
        .send({ motion: 'Förderung empfehlen', deadline: deadline.toISOString() })
        .expect(201)
    ).body as { id: string };
    const mailWorker = worker.get(NoticeProcessor).worker;
    await mailWorker.pause();
    const sweep = new ReminderSweep(api.db.dataSource, { APP_TIMEZONE: 'Europe/Berlin' } as AppConfig);
    await sweep.sweep(new Date(deadline.getTime() - 12 * 3_600_000));
    const queued = (await world.db.query(`SELECT delivery_key FROM outbox WHERE delivery_key LIKE $1`, [
      `reminder:written_vote_closing:${vote.id}:%`,
    ])) as { delivery_key: string }[];
    expect(queued).toHaveLength(5);
    await meanwhile(vote.id);
    await mailWorker.resume();
    const reminded = (voter: number) =>
      smtp.mails.filter(
        (m) =>
          m.deliveryKey?.startsWith(`reminder:written_vote_closing:${vote.id}:`) &&
          m.to.includes(ag.voters[voter]!.user.email.toLowerCase()),
      ).length;
    // The untouched member voters[0] is reminded as usual.
    await eventually(() => expect(reminded(0)).toBe(1), 20_000);
    await sleep(1_500);
    return reminded;
  }

  it('a closing reminder is dropped for a re-appointed member (an earlier term in the same committee) who voted since the sweep', async () => {
    // voters[1] served an earlier term in the same committee: a second, older membership row.
    await world.db.query(
      `INSERT INTO committee_member (committee_id, user_id, department, voting, valid_from, valid_to)
       VALUES ($1, $2, 'Schule', true, '2023-01-01', '2025-12-31')`,
      [ag.committeeId, ag.voters[1]!.user.id],
    );
    const reminded = await remindersAfter(async (voteId) => {
      // Both vote after the sweep: voters[4] (one membership) as the control, voters[1] (two).
      await world
        .post(ag.voters[4]!, `/api/written-votes/${voteId}/ballots`)
        .send({ choice: 'no' })
        .expect(201);
      await world
        .post(ag.voters[1]!, `/api/written-votes/${voteId}/ballots`)
        .send({ choice: 'yes' })
        .expect(201);
    });
    expect({ control: reminded(4), reAppointed: reminded(1) }).toEqual({ control: 0, reAppointed: 0 });
  }, 60_000);

  it('a closing reminder is dropped for a member whose seat ended after the sweep', async () => {
    const reminded = await remindersAfter(async () => {
      await world.db.query(`UPDATE committee_member SET valid_to = current_date - 1 WHERE id = $1`, [
        ag.voterMemberIds[2],
      ]);
    });
    expect(reminded(2)).toBe(0);
    await world.db.query(`UPDATE committee_member SET valid_to = NULL WHERE id = $1`, [ag.voterMemberIds[2]]);
  }, 60_000);

  it("an open written vote's notice is dropped when the vote closed before delivery", async () => {
    const { id: applicationId } = await world.draft(callId);
    await world.event(world.carrier, applicationId, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, applicationId, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    const mailWorker = worker.get(NoticeProcessor).worker;
    await mailWorker.pause();
    const deadline = new Date(Date.now() + 3 * 86_400_000);
    const vote = (
      await world
        .post(world.coordinator, `/api/applications/${applicationId}/written-votes`)
        .send({ motion: 'Förderung empfehlen', deadline: deadline.toISOString() })
        .expect(201)
    ).body as { id: string };
    // The notices wait (an SMTP outage, a busy queue); meanwhile every member votes and the vote closes.
    for (const voter of ag.voters)
      await world.post(voter, `/api/written-votes/${vote.id}/ballots`).send({ choice: 'yes' }).expect(201);
    const [closed] = (await world.db.query(
      `SELECT closed_at, closed_because FROM committee_vote WHERE id = $1`,
      [vote.id],
    )) as { closed_at: Date | null; closed_because: string | null }[];
    expect(closed!.closed_because).toBe('all_voted');
    await mailWorker.resume();

    const keys = `written-vote:${vote.id}:opened|%`;
    await eventually(async () => {
      const rows = (await world.db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE delivery_key LIKE $1 AND delivered_at IS NOT NULL`,
        [keys],
      )) as { n: number }[];
      expect(rows[0]!.n).toBe(5);
    }, 20_000);
    await sleep(500);
    const outcomes = (await world.db.query(`SELECT DISTINCT outcome FROM outbox WHERE delivery_key LIKE $1`, [
      keys,
    ])) as { outcome: string }[];
    const opened = smtp.mails.filter((m) => m.deliveryKey?.startsWith(`written-vote:${vote.id}:opened|`));
    expect({ mailed: opened.length, outcomes: outcomes.map((o) => o.outcome) }).toEqual({
      mailed: 0,
      outcomes: ['no_longer_due'],
    });
  }, 60_000);

  /** Submitted and formally checked: before the committee. */
  async function inReview(): Promise<string> {
    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    return id;
  }

  const openWrittenVote = async (applicationId: string) =>
    (
      await world
        .post(world.coordinator, `/api/applications/${applicationId}/written-votes`)
        .send({
          motion: 'Förderung empfehlen',
          deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        })
        .expect(201)
    ).body as { id: string };

  const declareConflict = (voter: number, applicationId: string) =>
    world
      .post(ag.voters[voter]!, `/api/committees/${ag.committeeId}/conflicts`)
      .send({ applicationId, reason: 'Vorstand im Trägerverein' })
      .expect(201);

  it('a member who declared a conflict of interest is not asked to vote on that application', async () => {
    const applicationId = await inReview();
    await declareConflict(2, applicationId);
    const vote = await openWrittenVote(applicationId);
    const addressed = (await world.db.query(
      `SELECT payload->'recipient'->>'userId' AS user_id FROM outbox WHERE delivery_key LIKE $1`,
      [`written-vote:${vote.id}:opened|%`],
    )) as { user_id: string }[];
    expect(addressed.map((row) => row.user_id).sort()).toEqual(
      ag.voters
        .filter((_, index) => index !== 2)
        .map((voter) => voter.user.id)
        .sort(),
    );
  }, 60_000);

  it("an open written vote's notice is dropped for a member who declared a conflict on it before delivery", async () => {
    const applicationId = await inReview();
    const mailWorker = worker.get(NoticeProcessor).worker;
    await mailWorker.pause();
    const vote = await openWrittenVote(applicationId);
    // The notices wait in the queue; meanwhile voters[3] declares a conflict on the application.
    await declareConflict(3, applicationId);
    await mailWorker.resume();
    const keys = `written-vote:${vote.id}:opened|%`;
    await eventually(async () => {
      const [{ n }] = (await world.db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE delivery_key LIKE $1 AND delivered_at IS NULL`,
        [keys],
      )) as [{ n: number }];
      expect(n).toBe(0);
    }, 20_000);
    const outcomes = (await world.db.query(
      `SELECT payload->'recipient'->>'userId' AS user_id, outcome FROM outbox WHERE delivery_key LIKE $1`,
      [keys],
    )) as { user_id: string; outcome: string }[];
    const conflicted = ag.voters[3]!.user;
    expect(outcomes.filter((row) => row.user_id === conflicted.id).map((row) => row.outcome)).toEqual([
      'no_longer_due',
    ]);
    expect(outcomes.filter((row) => row.user_id !== conflicted.id).map((row) => row.outcome)).toEqual(
      Array(4).fill('sent'),
    );
    const mailedTo = smtp.mails
      .filter((m) => m.deliveryKey?.startsWith(`written-vote:${vote.id}:opened|`))
      .flatMap((m) => m.to);
    expect(mailedTo).toHaveLength(4);
    expect(mailedTo).not.toContain(conflicted.email.toLowerCase());
    const [drop] = (await world.db.query(`SELECT reason FROM notice_drop WHERE delivery_key = $1`, [
      `written-vote:${vote.id}:opened|${conflicted.email.toLowerCase()}`,
    ])) as { reason: string }[];
    expect(drop).toEqual({ reason: 'no_longer_due' });
  }, 60_000);

  it('a session invitation is dropped when it arrives only after the session was held and closed', async () => {
    const { id: applicationId } = await world.draft(callId);
    await world.event(world.carrier, applicationId, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, applicationId, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    const session = (
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/sessions`)
        .send({
          title: '3. Sitzung 2027',
          startsAt: '2027-02-10T16:00:00+01:00',
          place: 'Rathaus Spandau, Raum 210',
          applicationIds: [applicationId],
        })
        .expect(201)
    ).body as { id: string };
    const mailWorker = worker.get(NoticeProcessor).worker;
    await mailWorker.pause();
    await world.post(world.coordinator, `/api/sessions/${session.id}/invite`).send({}).expect(200);
    await world.post(world.coordinator, `/api/sessions/${session.id}/open`).send({}).expect(200);
    await world.post(world.coordinator, `/api/sessions/${session.id}/close`).send({}).expect(200);
    await mailWorker.resume();
    const keys = `session:${session.id}:invitation:%`;
    await eventually(async () => {
      const rows = (await world.db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE delivery_key LIKE $1 AND delivered_at IS NULL`,
        [keys],
      )) as { n: number }[];
      expect(rows[0]!.n).toBe(0);
    }, 20_000);
    const outcomes = (await world.db.query(`SELECT DISTINCT outcome FROM outbox WHERE delivery_key LIKE $1`, [
      keys,
    ])) as { outcome: string }[];
    const invitations = smtp.mails.filter((m) =>
      m.deliveryKey?.startsWith(`session:${session.id}:invitation:`),
    );
    expect({ mailed: invitations.length, outcomes: outcomes.map((o) => o.outcome) }).toEqual({
      mailed: 0,
      outcomes: ['no_longer_due'],
    });
  }, 60_000);

  it('of two invitations to a session that waited together, only the later one is delivered', async () => {
    const { id: applicationId } = await world.draft(callId);
    await world.event(world.carrier, applicationId, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, applicationId, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    const session = (
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/sessions`)
        .send({
          title: '4. Sitzung 2027',
          startsAt: '2027-03-10T16:00:00+01:00',
          place: 'Rathaus Spandau, Raum 210',
          applicationIds: [applicationId],
        })
        .expect(201)
    ).body as { id: string };
    const mailWorker = worker.get(NoticeProcessor).worker;
    await mailWorker.pause();
    await world.post(world.coordinator, `/api/sessions/${session.id}/invite`).send({}).expect(200);
    await world.post(world.coordinator, `/api/sessions/${session.id}/invite`).send({}).expect(200);
    await mailWorker.resume();
    const prefix = `session:${session.id}:invitation:`;
    await eventually(async () => {
      const [{ n }] = (await world.db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE delivery_key LIKE $1 AND delivered_at IS NULL`,
        [`${prefix}%`],
      )) as [{ n: number }];
      expect(n).toBe(0);
    }, 20_000);
    const outcomes = (await world.db.query(
      `SELECT split_part(delivery_key, '|', 1) AS invitation, outcome, count(*)::int AS n FROM outbox
        WHERE delivery_key LIKE $1 GROUP BY 1, 2 ORDER BY 1`,
      [`${prefix}%`],
    )) as { invitation: string; outcome: string; n: number }[];
    // Every member was invited twice; the older invitation (the keys sort by time) is dropped.
    const members = outcomes[0]!.n;
    expect(outcomes.map(({ outcome, n }) => ({ outcome, n }))).toEqual([
      { outcome: 'no_longer_due', n: members },
      { outcome: 'sent', n: members },
    ]);
    const mailed = new Set(
      smtp.mails.filter((m) => m.deliveryKey?.startsWith(prefix)).map((m) => m.deliveryKey!.split('|')[0]),
    );
    expect([...mailed]).toEqual([outcomes[1]!.invitation]);
  }, 60_000);
});
