import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { OutboxService, type Notice } from '@kiezfonds/messaging';
import {
  createDistrict,
  createUser,
  eventually,
  grantRole,
  setPassword,
  signIn,
  type SignedIn,
  SmtpSink,
  TcpProxy,
  testConfig,
  type UserRow,
  testServices,
} from '@kiezfonds/testing';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';
import { createWorker } from '../../apps/worker/src/create-worker';

const PASSWORD = 'lange-sichere-passphrase-42';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 17: what still fails after every retry is visible (readiness says `degraded`, the
 * administrators see the counts) and one action retries all of it, once each.
 */
describe('notices that failed for good: visible, and retried with one action', () => {
  let api: TestApi;
  let smtp: SmtpSink;
  let worker: INestApplicationContext;
  let admin: SignedIn;
  let districtAdmin: SignedIn;
  let carrier: UserRow;

  const notice = (title: string): Notice => ({
    kind: 'application_submitted',
    recipient: { userId: carrier.id, email: carrier.email, name: carrier.displayName, locale: 'de' },
    data: { application: { title, reference: 'NWF-2027-017' }, call: { title: 'Netzwerkfonds 2027' } },
    district: { name: 'Spandau', contactEmail: 'netzwerkfonds@spandau.example' },
    link: '/antraege/17',
  });
  const mailsFor = (prefix: string) => smtp.mails.filter((m) => m.deliveryKey?.startsWith(prefix));
  const ready = (session?: SignedIn) => {
    const call = request(api.server).get('/api/ready');
    return session ? call.set('Cookie', session.cookie) : call;
  };

  /** The failed jobs in the mail queue, as `/api/ready` shows them to operators. */
  const failedMailJobs = async (): Promise<number> =>
    (await ready(admin).expect(200)).body.details.queues.mail.failed as number;

  beforeAll(async () => {
    api = await startTestApi();
    smtp = await SmtpSink.start();
    worker = await createWorker(
      testConfig({
        DATABASE_URL: api.db.url,
        REDIS_URL: api.redis.url,
        QUEUE_PREFIX: api.redis.prefix,
        SMTP_URL: smtp.url,
        OUTBOX_POLL_INTERVAL_MS: '300',
        // Three attempts 100 ms apart: "for good" within a second instead of 29 hours.
        MAIL_RETRY_ATTEMPTS: '3',
        MAIL_RETRY_BASE_DELAY_MS: '100',
        MAIL_RETRY_MAX_DELAY_MS: '100',
      }),
    );
    await worker.init();
    const db = api.db.dataSource;
    const spandau = await createDistrict(db);
    const neukoelln = await createDistrict(db);
    const everywhere = await createUser(db);
    await setPassword(db, everywhere.id, PASSWORD);
    await grantRole(db, everywhere.id, 'admin', spandau.id);
    await grantRole(db, everywhere.id, 'admin', neukoelln.id);
    admin = await signIn(api.server, everywhere.email, PASSWORD);
    const local = await createUser(db);
    await setPassword(db, local.id, PASSWORD);
    await grantRole(db, local.id, 'admin', spandau.id);
    districtAdmin = await signIn(api.server, local.email, PASSWORD);
    carrier = await createUser(db, { displayName: 'Aylin Demir', email: 'aylin@traeger.example' });
  });

  afterAll(async () => {
    await worker.close();
    await smtp.stop();
    await api.close();
  });

  it('shows failed notices as degraded with counts, and sends each once after one retry action', async () => {
    await smtp.stop();
    await api.db.dataSource.transaction(async (tx) => {
      for (const n of [1, 2, 3])
        await worker.get(OutboxService).addNotice(tx, `given-up-${n}`, notice(`Nr. ${n}`));
    });
    await eventually(async () => {
      const res = await ready().expect(200);
      expect(res.body).toEqual({
        status: 'degraded',
        checks: { database: 'up', [testServices().queueCheck]: 'up' },
      });
      // Degraded comes with the first failure; the three fail one after the other.
      expect((await ready(admin).expect(200)).body.details.outbox).toEqual({ pending: 0, failed: 3 });
    }, 15_000);
    await request(api.server)
      .get('/api/admin/notices')
      .set('Cookie', admin.cookie)
      .expect(200, { pending: 0, failed: 3 });
    // A district's admin sees neither the counts nor the action: they span every district.
    await request(api.server).get('/api/admin/notices').set('Cookie', districtAdmin.cookie).expect(403);
    await request(api.server)
      .post('/api/admin/notices/retry-failed')
      .set('Cookie', districtAdmin.cookie)
      .set('X-CSRF-Token', districtAdmin.csrfToken)
      .expect(403);
    expect(mailsFor('given-up-')).toHaveLength(0);

    await smtp.listen();
    const retried = await request(api.server)
      .post('/api/admin/notices/retry-failed')
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrfToken)
      .expect(200);
    expect(retried.body).toEqual({ retried: 3 });
    await eventually(() => expect(mailsFor('given-up-')).toHaveLength(3), 15_000);
    await eventually(async () => expect((await ready().expect(200)).body.status).toBe('ok'));
    // The retry replaced the failed jobs of the first run: the queue's count of failed jobs, which
    // operators read, no longer counts notices that have since been delivered.
    await eventually(async () => expect(await failedMailJobs()).toBe(0));
    await sleep(1_000);
    expect(new Set(mailsFor('given-up-').map((m) => m.deliveryKey)).size).toBe(3);
    expect(mailsFor('given-up-')).toHaveLength(3);
    expect(
      await api.db.dataSource.query(
        `SELECT action, payload FROM audit_event WHERE action = 'retry_failed_notices'`,
      ),
    ).toEqual([{ action: 'retry_failed_notices', payload: { retried: 3 } }]);
  });

  it('retries failed notices with the queue unreachable from the API: PostgreSQL alone, each sent once later', async () => {
    // An API whose Redis goes through a proxy that is cut; the worker keeps its own connection,
    // and the failed jobs of the first run stay in the queue.
    const proxy = await TcpProxy.start(api.redis.url);
    let cutOff: NestExpressApplication | undefined;
    try {
      cutOff = await createApiApp(
        testConfig({
          DATABASE_URL: api.db.url,
          REDIS_URL: proxy.urlFor(api.redis.url),
          QUEUE_PREFIX: api.redis.prefix,
        }),
      );
      await cutOff.init();
      await smtp.stop();
      await api.db.dataSource.transaction(async (tx) => {
        for (const n of [1, 2])
          await worker.get(OutboxService).addNotice(tx, `queue-down-${n}`, notice(`Nr. ${n}`));
      });
      const failed = async () =>
        (
          (await api.db.dataSource.query(
            `SELECT count(*)::int AS n FROM outbox WHERE delivery_key LIKE 'queue-down-%' AND failed_at IS NOT NULL`,
          )) as [{ n: number }]
        )[0].n;
      await eventually(async () => expect(await failed()).toBe(2), 15_000);
      proxy.cut();

      const started = Date.now();
      const retried = await request(cutOff.getHttpServer())
        .post('/api/admin/notices/retry-failed')
        .set('Cookie', admin.cookie)
        .set('X-CSRF-Token', admin.csrfToken)
        .timeout(10_000);
      expect({ status: retried.status, body: retried.body }).toEqual({ status: 200, body: { retried: 2 } });
      expect(Date.now() - started).toBeLessThan(5_000);

      await smtp.listen();
      await eventually(() => expect(mailsFor('queue-down-')).toHaveLength(2), 15_000);
      await sleep(1_000);
      expect(new Set(mailsFor('queue-down-').map((m) => m.deliveryKey)).size).toBe(2);
      expect(mailsFor('queue-down-')).toHaveLength(2);
      expect(await failed()).toBe(0);
      // The worker removed the earlier generation's failed jobs once the queue was in reach.
      await eventually(async () => expect(await failedMailJobs()).toBe(0));
    } finally {
      proxy.pass();
      await cutOff?.close().catch(() => undefined);
      await proxy.stop();
    }
  }, 60_000);
});
