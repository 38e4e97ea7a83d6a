import {
  createTestDatabase,
  createTestRedis,
  createUser,
  eventually,
  SmtpSink,
  TcpProxy,
  type TestDatabase,
  type TestRedis,
  type UserRow,
} from '@kiezfonds/testing';
import {
  type AppProcess,
  arrived,
  buildApps,
  queueNotices,
  report,
  sleep,
  startApp,
  tally,
} from './fault-harness';

/**
 * Fault injection, issue 17: the worker, a child process as in production, is killed with
 * SIGKILL 1–3 s after each start-up (which takes seconds of its own on a busy machine) while 500
 * notices flow, and started again at once, up to 10 times (start-up takes 4–15 s on the shared CI
 * machine, so more kills would make the suite too slow for CI's budget). Only a kill in the
 * instant between the SMTP server's acceptance and the worker's record may repeat a mail, and
 * then with the same Message-ID; the figures are reported.
 */
describe('fault: the worker SIGKILLed 1–3 s after each start during 500 notices', () => {
  const NOTICES = 500;
  const MAX_KILLS = 10;
  let distDir: string;
  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: SmtpSink;
  let smtpProxy: TcpProxy;
  let carrier: UserRow;
  let worker: AppProcess | undefined;

  const env = () => ({
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: redis.prefix,
    SMTP_URL: smtpProxy.urlFor(smtp.url),
    OUTBOX_POLL_INTERVAL_MS: '500',
    MAIL_JOB_LOCK_MS: '2000',
    MAIL_CLAIM_LEASE_MS: '2000',
    MAIL_RETRY_BASE_DELAY_MS: '100',
    MAIL_RETRY_MAX_DELAY_MS: '1000',
    RECONCILE_INTERVAL_MS: '2000',
    RECONCILE_GRACE_MS: '10000',
    SCHEDULER_WATCH_INTERVAL_MS: '1000',
  });

  beforeAll(async () => {
    distDir = buildApps('worker-crashes');
    db = await createTestDatabase();
    redis = createTestRedis();
    smtp = await SmtpSink.start();
    // Slower SMTP answers (2 ms a packet), so that the 500 mails span all the kills.
    smtpProxy = await TcpProxy.start(smtp.url);
    smtpProxy.delay(2);
    carrier = await createUser(db.dataSource, { displayName: 'Aylin Demir', email: 'aylin@traeger.example' });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await smtpProxy.stop();
    await smtp.stop();
    await redis.cleanup();
    await db.drop();
  });

  it('loses nothing; a repeated mail carries the same Message-ID', async () => {
    const started = Date.now();
    const keys = await queueNotices(db.dataSource, carrier, 'worker-kill', NOTICES);
    let kills = 0;
    worker = startApp(distDir, 'worker', env());
    const startups: number[] = [];
    // Bounded in time too: start-up is slow on a loaded machine, and CI has a budget.
    const killUntil = Date.now() + 90_000;
    while (kills < MAX_KILLS && Date.now() < killUntil && arrived(smtp.mails, keys) < NOTICES) {
      const spawned = Date.now();
      await worker.printed('kiezfonds worker started');
      startups.push(Date.now() - spawned);
      // Killed 1–3 s into its work, which is mostly sending at this point.
      await sleep(1_000 + Math.random() * 2_000);
      await worker.kill();
      kills += 1;
      worker = startApp(distDir, 'worker', env());
    }
    const atLastKill = arrived(smtp.mails, keys);
    await eventually(() => expect(arrived(smtp.mails, keys)).toBe(NOTICES), 90_000);
    await sleep(3_000);
    const result = tally(
      `worker SIGKILLed ${kills} times (${atLastKill} of ${NOTICES} mailed at the last kill)`,
      smtp.mails,
      keys,
      started,
    );
    report(result);
    process.stdout.write(
      `[faults] worker start-up took ${Math.min(...startups)}–${Math.max(...startups)} ms\n`,
    );
    expect(kills).toBeGreaterThanOrEqual(3);
    // The kills hit a worker at work, not one that never got going.
    expect(atLastKill).toBeGreaterThanOrEqual(50);
    expect(result).toMatchObject({
      expected: NOTICES,
      delivered: NOTICES,
      lost: 0,
      duplicatedWithOtherMessageId: 0,
    });
    // A mail sent by a worker killed before it recorded the send is recorded by the retry of its
    // job, once the lock of the killed worker's job and the claim's lease have run out: later than
    // the mail arrived, so the check waits for it (still bounded) instead of a fixed 3 s.
    await eventually(
      async () =>
        expect(
          await db.dataSource.query(
            `SELECT count(*)::int AS n FROM mail_delivery WHERE delivery_key = ANY($1) AND state = 'sent'`,
            [keys],
          ),
        ).toEqual([{ n: NOTICES }]),
      30_000,
    );
  }, 240_000);
});
