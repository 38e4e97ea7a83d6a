import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Notice, OutboxService } from '@kiezfonds/messaging';
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
import { sleep } from './fault-harness';

const PASSWORD = 'lange-sichere-passphrase-42';

/**
 * PostgreSQL that stops answering without closing the connection (a host that vanished, a
 * failover to a new address, a firewall that drops packets): no reset ever arrives, so only a
 * client-side read timeout ends a statement. The statement timeouts are short here to compress
 * time; the client gives up a margin after them.
 */
describe('fault: PostgreSQL black-holed (packets swallowed, no reset)', () => {
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
      DATABASE_STATEMENT_TIMEOUT_MS: '2000',
      WORKER_DATABASE_STATEMENT_TIMEOUT_MS: '2000',
      DATABASE_CONNECTION_TIMEOUT_MS: '3000',
      OUTBOX_POLL_INTERVAL_MS: '300',
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
    smtp.resume();
    proxy.pass();
    await api.close().catch(() => undefined);
    await worker.close().catch(() => undefined);
    await proxy.stop();
    await smtp.stop();
    await redis.cleanup();
    await db.drop();
  });

  it('a request answers 503 database_unavailable within the statement timeout and a margin, then 200', async () => {
    const session = await signIn(api.getHttpServer(), email, PASSWORD);
    proxy.blackHole();
    const started = Date.now();
    let outcome: { status: number; code: unknown; retryAfter: unknown } | string;
    try {
      const res = await request(api.getHttpServer())
        .get('/api/notifications')
        .set('Cookie', session.cookie)
        .timeout(30_000);
      outcome = { status: res.status, code: res.body.code, retryAfter: res.headers['retry-after'] };
    } catch (error) {
      outcome = `no answer after ${Date.now() - started} ms (${(error as Error).message})`;
    } finally {
      proxy.pass();
    }
    expect(outcome).toEqual({ status: 503, code: 'database_unavailable', retryAfter: '5' });
    expect(Date.now() - started).toBeLessThan(15_000);
    // The connections that went dead are dropped, not handed to the next request.
    await eventually(
      () => request(api.getHttpServer()).get('/api/notifications').set('Cookie', session.cookie).expect(200),
      15_000,
    );
  }, 60_000);

  it('the worker retries the record of an accepted mail until PostgreSQL answers again, and sends once', async () => {
    const key = `black-hole|${carrier.email}`;
    const notice: Notice = {
      kind: 'application_submitted',
      recipient: { userId: carrier.id, email: carrier.email, name: carrier.displayName, locale: 'de' },
      data: {
        application: { title: 'Schwarzes Loch', reference: 'NWF-2027-020' },
        call: { title: 'Netzwerkfonds 2027' },
      },
      district: { name: 'Spandau', contactEmail: 'netzwerkfonds@spandau.example' },
      link: '/antraege/20',
    };
    smtp.hold();
    await db.dataSource.transaction((tx) => new OutboxService().addNotice(tx, 'black-hole', notice));
    await eventually(() => expect(smtp.receiving).toBe(1), 15_000);
    proxy.blackHole();
    smtp.resume();
    await sleep(4_000);
    // New connections pass again; those open during the outage stay dead.
    proxy.pass();
    await eventually(async () => {
      const rows = (await db.dataSource.query(`SELECT outcome FROM outbox WHERE delivery_key = $1`, [
        key,
      ])) as {
        outcome: string | null;
      }[];
      expect(rows[0]!.outcome).toBe('sent');
    }, 30_000);
    expect(smtp.mails.filter((m) => m.deliveryKey === key)).toHaveLength(1);
  }, 90_000);
});
