import { RETENTION_SWEEP_SCHEDULER_ID } from '@kiezfonds/identity';
import type { INestApplicationContext } from '@nestjs/common';
import { WRITTEN_VOTE_SWEEP_SCHEDULER_ID } from '@kiezfonds/committee';
import { RECONCILE_SCHEDULER_ID, REMINDER_SWEEP_SCHEDULER_ID } from '@kiezfonds/messaging';
import { QUEUES } from '@kiezfonds/platform';
import {
  createUser,
  eventually,
  OwnRedisServer,
  SmtpSink,
  TcpProxy,
  testConfig,
  type UserRow,
} from '@kiezfonds/testing';
import { Queue } from 'bullmq';
import { type Actor, ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { createCommittee } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';
import { createWorker } from '../../apps/worker/src/create-worker';
import { arrived, queueNotices, report, sleep, tally } from './fault-harness';

/**
 * Fault injection, issue 17: Redis killed (SIGKILL) and started again empty while notices flow,
 * once with the queue moving and once with a backlog waiting in Redis (SMTP refused meanwhile).
 * A redis-server of this file's own, on a spare port: the shared Redis is never wiped. The worker
 * is not restarted; it must notice the empty Redis by itself. About Redis, so on Redis whatever the
 * run's queue backend; it needs the redis-server binary (OwnRedisServer says so when it is missing).
 */
describe('fault: Redis restarted without its data', () => {
  const NOTICES = 150;
  let redisServer: OwnRedisServer;
  let api: TestApi;
  let world: ApplicationWorld;
  let smtp: SmtpSink;
  let smtpProxy: TcpProxy;
  let worker: INestApplicationContext;
  let carrier: UserRow;
  let callId: string;
  let voters: Actor[];
  const queues: Queue[] = [];

  const queue = (name: string) => {
    const q = new Queue(name, { connection: { url: redisServer.url }, prefix: 'kiezfonds-faults' });
    queues.push(q);
    return q;
  };
  const schedulersPresent = async () => {
    const present = await Promise.all(
      (
        [
          [QUEUES.reminders, REMINDER_SWEEP_SCHEDULER_ID],
          [QUEUES.committee, WRITTEN_VOTE_SWEEP_SCHEDULER_ID],
          [QUEUES.maintenance, RECONCILE_SCHEDULER_ID],
          [QUEUES.retention, RETENTION_SWEEP_SCHEDULER_ID],
        ] as const
      ).map(async ([name, id]) => Boolean(await queue(name).getJobScheduler(id))),
    );
    await Promise.all(queues.splice(0).map((q) => q.close()));
    return present;
  };
  const closings = async (voteId: string) =>
    (
      (await api.db.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'written_vote_closed'`,
        [voteId],
      )) as { n: number }[]
    )[0]!.n;

  /** A written vote due in `ms`, with four of five ballots cast, so that the sweep closes it. */
  async function voteDueIn(ms: number): Promise<string> {
    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    const vote = (
      await world
        .post(world.coordinator, `/api/applications/${id}/written-votes`)
        .send({
          motion: 'Das Vorhaben wird zur Förderung empfohlen.',
          deadline: new Date(Date.now() + ms).toISOString(),
        })
        .expect(201)
    ).body as { id: string };
    for (const [i, voter] of voters.slice(1).entries())
      await world
        .post(voter, `/api/written-votes/${vote.id}/ballots`)
        .send({ choice: i < 3 ? 'yes' : 'abstain' })
        .expect(201);
    return vote.id;
  }

  beforeAll(async () => {
    redisServer = await OwnRedisServer.start();
    api = await startTestApi({
      QUEUE_BACKEND: 'redis',
      REDIS_URL: redisServer.url,
      QUEUE_PREFIX: 'kiezfonds-faults',
    });
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    callId = (await world.openCall()).id;
    ({ voters } = await createCommittee(world));
    smtp = await SmtpSink.start();
    smtpProxy = await TcpProxy.start(smtp.url);
    worker = await createWorker(
      testConfig({
        DATABASE_URL: api.db.url,
        QUEUE_BACKEND: 'redis',
        REDIS_URL: redisServer.url,
        QUEUE_PREFIX: 'kiezfonds-faults',
        SMTP_URL: smtpProxy.urlFor(smtp.url),
        OUTBOX_POLL_INTERVAL_MS: '500',
        REMINDER_SWEEP_INTERVAL_MS: '1000',
        SCHEDULER_WATCH_INTERVAL_MS: '500',
        RECONCILE_INTERVAL_MS: '2000',
        RECONCILE_GRACE_MS: '5000',
        MAIL_RETRY_BASE_DELAY_MS: '100',
        MAIL_RETRY_MAX_DELAY_MS: '1000',
        // Longer than any send here: no worker dies in this file, so no claim needs taking over
        // (production: 120 s). When a claim still covered the wait for one of the 5 SMTP connections
        // too, a 3 s lease ran out under jobs queued there from before the wipe, and the same
        // notice's new job sent 5 mails twice in one clean-clone run; claims now wait for nothing.
        MAIL_CLAIM_LEASE_MS: '30000',
      }),
    );
    await worker.init();
    carrier = await createUser(api.db.dataSource, {
      displayName: 'Aylin Demir',
      email: 'aylin@traeger.example',
    });
  }, 60_000);

  afterAll(async () => {
    smtpProxy?.pass();
    await redisServer?.start().catch(() => undefined);
    await worker?.close();
    await Promise.all(queues.map((q) => q.close()));
    await api?.close();
    await smtpProxy?.stop();
    await smtp?.stop();
    await redisServer?.kill();
  });

  it('mid-flow: loses nothing, sends nothing twice, restores the schedulers and closes a vote due meanwhile once', async () => {
    expect(await schedulersPresent()).toEqual([true, true, true, true]);
    const voteId = await voteDueIn(600_000);
    // Slower SMTP answers, so that the kill finds jobs waiting, active and half-finished in Redis.
    smtpProxy.delay(40);
    const started = Date.now();
    const keys = await queueNotices(api.db.dataSource, carrier, 'redis-flow', NOTICES);
    await eventually(() => expect(arrived(smtp.mails, keys)).toBeGreaterThanOrEqual(20), 20_000);

    await redisServer.kill();
    const atKill = arrived(smtp.mails, keys);
    smtpProxy.pass();
    // The vote falls due while Redis is down.
    await api.db.dataSource.query(
      `UPDATE committee_vote SET deadline = now() + interval '1 second' WHERE id = $1`,
      [voteId],
    );
    await sleep(3_000);
    // The vote's deadline passed while Redis was down: nobody could have closed it.
    expect(await closings(voteId)).toBe(0);
    await redisServer.start();
    expect(atKill).toBeLessThan(NOTICES - 50);

    await eventually(async () => expect(await schedulersPresent()).toEqual([true, true, true, true]), 15_000);
    await eventually(async () => expect(await closings(voteId)).toBe(1), 15_000);
    await eventually(() => expect(arrived(smtp.mails, keys)).toBe(NOTICES), 60_000);
    await sleep(2_000);
    const result = tally(
      `Redis killed and restarted empty mid-flow (${atKill} mailed before the kill)`,
      smtp.mails,
      keys,
      started,
    );
    report(result);
    expect(result).toMatchObject({ expected: NOTICES, delivered: NOTICES, lost: 0, duplicated: 0 });
    expect(await closings(voteId)).toBe(1);
    const { body } = await world.get(world.coordinator, `/api/written-votes/${voteId}`).expect(200);
    expect(body).toMatchObject({ state: 'closed', closedBecause: 'deadline_passed' });
  }, 150_000);

  it('with a backlog waiting in Redis: loses nothing and sends nothing twice', async () => {
    smtpProxy.cut();
    const started = Date.now();
    const keys = await queueNotices(api.db.dataSource, carrier, 'redis-backlog', NOTICES);
    await eventually(
      async () =>
        expect(
          await api.db.dataSource.query(
            `SELECT count(*)::int AS n FROM outbox WHERE delivery_key = ANY($1) AND relayed_at IS NOT NULL`,
            [keys],
          ),
        ).toEqual([{ n: NOTICES }]),
      20_000,
    );
    expect(arrived(smtp.mails, keys)).toBe(0);

    await redisServer.kill();
    await sleep(1_000);
    await redisServer.start();
    smtpProxy.pass();

    await eventually(async () => expect(await schedulersPresent()).toEqual([true, true, true, true]), 15_000);
    await eventually(() => expect(arrived(smtp.mails, keys)).toBe(NOTICES), 60_000);
    await sleep(2_000);
    const result = tally('Redis killed and restarted empty with a backlog of 150', smtp.mails, keys, started);
    report(result);
    expect(result).toMatchObject({ expected: NOTICES, delivered: NOTICES, lost: 0, duplicated: 0 });
  }, 150_000);
});
