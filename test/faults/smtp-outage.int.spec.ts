import type { INestApplicationContext } from '@nestjs/common';
import {
  createTestDatabase,
  createTestRedis,
  createUser,
  eventually,
  SmtpSink,
  TcpProxy,
  testConfig,
  type TestDatabase,
  type TestRedis,
  type UserRow,
} from '@kiezfonds/testing';
import { cappedBackoff, retryWindowMs } from '@kiezfonds/platform';
import { createWorker } from '../../apps/worker/src/create-worker';
import { arrived, queueNotices, report, sleep, tally } from './fault-harness';

/**
 * Fault injection, issue 17: SMTP unreachable for longer than the old retry budget. Time is
 * compressed by configuration: retries start at 50 ms and are capped at 500 ms, so 40 attempts
 * span about 18 s; the old policy (8 attempts, doubling) would have given up after 6.35 s at the
 * same base. The proxy refuses SMTP for 10 s.
 */
describe('fault: SMTP unreachable longer than the old retry budget', () => {
  const NOTICES = 100;
  const OUTAGE_MS = 10_000;
  const policy = { attempts: 40, baseDelayMs: 50, maxDelayMs: 500 };
  const oldBudgetMs = [1, 2, 3, 4, 5, 6, 7].reduce((sum, n) => sum + policy.baseDelayMs * 2 ** (n - 1), 0);

  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: SmtpSink;
  let proxy: TcpProxy;
  let worker: INestApplicationContext;
  let carrier: UserRow;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    smtp = await SmtpSink.start();
    proxy = await TcpProxy.start(smtp.url);
    worker = await createWorker(
      testConfig({
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: redis.prefix,
        SMTP_URL: proxy.urlFor(smtp.url),
        OUTBOX_POLL_INTERVAL_MS: '500',
        MAIL_RETRY_ATTEMPTS: String(policy.attempts),
        MAIL_RETRY_BASE_DELAY_MS: String(policy.baseDelayMs),
        MAIL_RETRY_MAX_DELAY_MS: String(policy.maxDelayMs),
        MAIL_CLAIM_LEASE_MS: '3000',
      }),
    );
    await worker.init();
    carrier = await createUser(db.dataSource, { displayName: 'Aylin Demir', email: 'aylin@traeger.example' });
  });

  afterAll(async () => {
    proxy.pass();
    await worker.close();
    await proxy.stop();
    await smtp.stop();
    await redis.cleanup();
    await db.drop();
  });

  it('loses nothing and sends nothing twice', async () => {
    expect(oldBudgetMs).toBe(6_350);
    expect(OUTAGE_MS).toBeGreaterThan(oldBudgetMs);
    expect(retryWindowMs(policy)).toBeGreaterThan(OUTAGE_MS + 5_000);
    expect(cappedBackoff(policy, 30)).toBe(500);

    const started = Date.now();
    // The outage begins between mails: a first batch is delivered completely, then SMTP becomes
    // unreachable and the rest is queued while it is down. (A cut in the instant between the
    // server's acceptance and its reply is the one case that may repeat a mail, with the same
    // Message-ID; the worker-crash scenario counts those.)
    const before = await queueNotices(db.dataSource, carrier, 'smtp-outage-before', 10);
    await eventually(() => expect(arrived(smtp.mails, before)).toBe(before.length), 20_000);
    await eventually(
      async () =>
        expect(
          await db.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL`),
        ).toEqual([{ n: 0 }]),
      20_000,
    );
    proxy.cut();
    const during = await queueNotices(db.dataSource, carrier, 'smtp-outage', NOTICES - before.length);
    const keys = [...before, ...during];
    const atCut = arrived(smtp.mails, keys);
    await sleep(OUTAGE_MS);
    // Nothing arrived during the outage, and nothing has been given up on.
    expect(arrived(smtp.mails, keys)).toBe(atCut);
    expect(
      await db.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE failed_at IS NOT NULL`),
    ).toEqual([{ n: 0 }]);
    proxy.pass();

    await eventually(() => expect(arrived(smtp.mails, keys)).toBe(NOTICES), 60_000);
    await sleep(2_000);
    const result = tally('SMTP unreachable 10 s (old budget 6.35 s)', smtp.mails, keys, started);
    report(result);
    expect(result).toMatchObject({ expected: NOTICES, delivered: NOTICES, lost: 0, duplicated: 0 });
  }, 120_000);
});
