import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createDistrict,
  createTestDatabase,
  createTestRedis,
  createUser,
  eventually,
  grantRole,
  setPassword,
  signIn,
  SmtpSink,
  TcpProxy,
  testConfig,
  type TestDatabase,
  type TestRedis,
  type UserRow,
} from '@kiezfonds/testing';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createWorker } from '../../apps/worker/src/create-worker';
import { arrived, queueNotices, report, sleep, tally } from './fault-harness';

const PASSWORD = 'lange-sichere-passphrase-42';

/**
 * Fault injection, issue 17: PostgreSQL cut for 30 s while 200 notices flow. The API and the
 * worker reach PostgreSQL through a proxy that drops every connection and refuses new ones; the
 * SMTP server stays up, so every mail in flight at the cut is accepted while its record cannot
 * be written — the case that used to send mails twice.
 */
describe('fault: PostgreSQL unreachable for 30 s during 200 notices', () => {
  const NOTICES = 200;
  const OUTAGE_MS = 30_000;

  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: SmtpSink;
  let proxy: TcpProxy;
  let worker: INestApplicationContext;
  let api: NestExpressApplication;
  let carrier: UserRow;
  let email: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    smtp = await SmtpSink.start();
    proxy = await TcpProxy.start(db.url);
    const settings = {
      DATABASE_URL: proxy.urlFor(db.url),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      SMTP_URL: smtp.url,
      OUTBOX_POLL_INTERVAL_MS: '500',
      MAIL_RETRY_BASE_DELAY_MS: '200',
      MAIL_RETRY_MAX_DELAY_MS: '2000',
      MAIL_CLAIM_LEASE_MS: '5000',
    };
    worker = await createWorker(testConfig(settings));
    await worker.init();
    api = await createApiApp(testConfig(settings));
    await api.init();
    carrier = await createUser(db.dataSource, { displayName: 'Aylin Demir', email: 'aylin@traeger.example' });
    const district = await createDistrict(db.dataSource);
    const coordinator = await createUser(db.dataSource);
    await setPassword(db.dataSource, coordinator.id, PASSWORD);
    await grantRole(db.dataSource, coordinator.id, 'coordinator', district.id);
    email = coordinator.email;
  });

  afterAll(async () => {
    proxy.pass();
    await api.close();
    await worker.close();
    await proxy.stop();
    await smtp.stop();
    await redis.cleanup();
    await db.drop();
  });

  it('loses nothing, sends nothing twice, answers 503 during the cut and 200 after', async () => {
    const started = Date.now();
    const keys = await queueNotices(db.dataSource, carrier, 'pg-outage', NOTICES);
    await eventually(() => expect(arrived(smtp.mails, keys)).toBeGreaterThanOrEqual(40), 30_000);
    proxy.cut();
    const cutAt = Date.now();

    const login = await request(api.getHttpServer())
      .post('/api/auth/login')
      .send({ email, password: PASSWORD });
    expect(login.status).toBe(503);
    expect(login.body.code).toBe('database_unavailable');
    expect(login.headers['retry-after']).toBe('5');
    const ready = await request(api.getHttpServer()).get('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.database).toBe('down');

    await sleep(OUTAGE_MS - (Date.now() - cutAt));
    // Still refused at the end of the cut, and still no bare 500.
    expect(
      (await request(api.getHttpServer()).post('/api/auth/login').send({ email, password: PASSWORD })).status,
    ).toBe(503);
    proxy.pass();

    await eventually(() => request(api.getHttpServer()).get('/api/ready').expect(200), 15_000);
    await signIn(api.getHttpServer(), email, PASSWORD);
    await eventually(() => expect(arrived(smtp.mails, keys)).toBe(NOTICES), 90_000);
    await sleep(2_000);
    const result = tally('PostgreSQL cut 30 s', smtp.mails, keys, started);
    report(result);
    expect(result).toMatchObject({ expected: NOTICES, delivered: NOTICES, lost: 0, duplicated: 0 });
    expect(
      await db.dataSource.query(
        `SELECT count(*)::int AS n FROM mail_delivery WHERE delivery_key = ANY($1) AND state = 'sent'`,
        [keys],
      ),
    ).toEqual([{ n: NOTICES }]);
  }, 180_000);
});
