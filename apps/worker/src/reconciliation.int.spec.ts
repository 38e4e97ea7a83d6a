import { RETENTION_SWEEP_SCHEDULER_ID } from '@kiezfonds/identity';
import type { INestApplicationContext } from '@nestjs/common';
import {
  RECONCILE_SCHEDULER_ID,
  Reconciler,
  REMINDER_SWEEP_SCHEDULER_ID,
  jobIdFor,
  type Notice,
  OutboxService,
} from '@kiezfonds/messaging';
import { WRITTEN_VOTE_SWEEP_SCHEDULER_ID } from '@kiezfonds/committee';
import { JOBS, QUEUES } from '@kiezfonds/platform';
import {
  createTestDatabase,
  createUser,
  eventually,
  OwnRedisServer,
  SmtpSink,
  testConfig,
  type TestDatabase,
  type UserRow,
} from '@kiezfonds/testing';
import { Queue } from 'bullmq';
import { createWorker } from './create-worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A redis-server of this file's own: the last case restarts it empty, as a Redis without
 * persistence comes back after a crash. Deleting the keys one by one in the shared Redis would
 * leave states no restart produces (a job still listed as active whose lock is already gone).
 * About Redis, so on Redis whatever the run's queue backend: it needs the redis-server binary.
 */
describe('the reconciler puts back from PostgreSQL what Redis lost', () => {
  const prefix = 'kf-reconcile';
  let db: TestDatabase;
  let redis: OwnRedisServer;
  let smtp: SmtpSink;
  let worker: INestApplicationContext;
  let outbox: OutboxService;
  let carrier: UserRow;
  const queues: Queue[] = [];

  const notice = (title: string): Notice => ({
    kind: 'application_submitted',
    recipient: { userId: carrier.id, email: carrier.email, name: carrier.displayName, locale: 'de' },
    data: { application: { title, reference: 'NWF-2027-011' }, call: { title: 'Netzwerkfonds 2027' } },
    district: { name: 'Spandau', contactEmail: 'netzwerkfonds@spandau.example' },
    link: '/antraege/11',
  });
  const keyOf = (occasion: string) => `${occasion}|${carrier.email}`;
  const mailsFor = (prefix: string) => smtp.mails.filter((m) => m.deliveryKey?.startsWith(prefix));
  const queue = (name: string) => {
    const q = new Queue(name, { connection: { url: redis.url }, prefix });
    queues.push(q);
    return q;
  };
  /** Outbox rows as the relay leaves them once their jobs are in Redis: relayed, no outcome yet. */
  const relayedWithoutJob = async (occasions: string[]) => {
    await db.dataSource.transaction(async (tx) => {
      for (const occasion of occasions) await outbox.addNotice(tx, occasion, notice(occasion));
      await tx.query(`UPDATE outbox SET relayed_at = now() WHERE delivery_key = ANY($1)`, [
        occasions.map(keyOf),
      ]);
    });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await OwnRedisServer.start();
    smtp = await SmtpSink.start();
    worker = await createWorker(
      testConfig({
        DATABASE_URL: db.url,
        QUEUE_BACKEND: 'redis',
        REDIS_URL: redis.url,
        QUEUE_PREFIX: prefix,
        SMTP_URL: smtp.url,
        OUTBOX_POLL_INTERVAL_MS: '300',
        RECONCILE_INTERVAL_MS: '1000',
        RECONCILE_GRACE_MS: '3000',
        // A send that was under way when SMTP stopped keeps its claim until the lease ends; time is
        // compressed here like the reconciler's.
        MAIL_CLAIM_LEASE_MS: '3000',
        MAIL_JOB_LOCK_MS: '2000',
        SCHEDULER_WATCH_INTERVAL_MS: '500',
        MAIL_RETRY_BASE_DELAY_MS: '100',
        MAIL_RETRY_MAX_DELAY_MS: '500',
      }),
    );
    await worker.init();
    outbox = worker.get(OutboxService);
    carrier = await createUser(db.dataSource, { displayName: 'Aylin Demir', email: 'aylin@traeger.example' });
  });

  afterAll(async () => {
    await worker?.close();
    await Promise.all(queues.map((q) => q.close()));
    await smtp?.stop();
    await redis?.kill();
    await db?.drop();
  });

  it('re-enqueues notices relayed into a Redis that lost them, after the grace period, and mails each once', async () => {
    const occasions = [1, 2, 3, 4, 5].map((n) => `lost-${n}`);
    await relayedWithoutJob(occasions);
    await sleep(1_500);
    // Within the grace period nothing happens: the job may still be on its way.
    expect(mailsFor('lost-')).toHaveLength(0);
    await eventually(() => expect(mailsFor('lost-')).toHaveLength(5), 15_000);
    await sleep(2_500);
    expect(new Set(mailsFor('lost-').map((m) => m.deliveryKey)).size).toBe(5);
    expect(mailsFor('lost-')).toHaveLength(5);
    expect(
      await db.dataSource.query(
        `SELECT DISTINCT outcome FROM outbox WHERE delivery_key = ANY($1) AND delivered_at IS NOT NULL`,
        [occasions.map(keyOf)],
      ),
    ).toEqual([{ outcome: 'sent' }]);
  });

  it('is safe when several workers reconcile at the same moment: each lost notice is mailed once', async () => {
    const occasions = [1, 2, 3, 4, 5, 6].map((n) => `parallel-${n}`);
    await relayedWithoutJob(occasions);
    const reconciler = worker.get(Reconciler);
    await Promise.all([1, 2, 3].map(() => reconciler.reconcile({ graceMs: 0 })));
    await eventually(() => expect(mailsFor('parallel-')).toHaveLength(6), 15_000);
    await Promise.all([1, 2, 3].map(() => reconciler.reconcile({ graceMs: 0 })));
    await sleep(2_000);
    expect(new Set(mailsFor('parallel-').map((m) => m.deliveryKey)).size).toBe(6);
    expect(mailsFor('parallel-')).toHaveLength(6);
  });

  it('leaves alone a notice whose job Redis still holds, waiting for its retry', async () => {
    const mail = queue(QUEUES.mail);
    await relayedWithoutJob(['waiting-retry']);
    await db.dataSource.query(
      `UPDATE outbox SET relayed_at = now() - interval '1 hour' WHERE delivery_key = $1`,
      [keyOf('waiting-retry')],
    );
    const [row] = (await db.dataSource.query(`SELECT payload FROM outbox WHERE delivery_key = $1`, [
      keyOf('waiting-retry'),
    ])) as { payload: Notice }[];
    const job = await mail.add(
      JOBS.sendNotice,
      { ...row!.payload, deliveryKey: keyOf('waiting-retry') },
      { jobId: jobIdFor(keyOf('waiting-retry')), delay: 60_000 },
    );
    const result = await worker.get(Reconciler).reconcile();
    expect(result.requeued).toBe(0);
    expect(
      await db.dataSource.query(
        `SELECT relayed_at IS NOT NULL AS relayed FROM outbox WHERE delivery_key = $1`,
        [keyOf('waiting-retry')],
      ),
    ).toEqual([{ relayed: true }]);
    await job.remove();
  });

  it('notices a Redis that came back empty: schedulers back and lost notices sent, without a restart', async () => {
    const schedulers = [
      [QUEUES.reminders, REMINDER_SWEEP_SCHEDULER_ID],
      [QUEUES.committee, WRITTEN_VOTE_SWEEP_SCHEDULER_ID],
      [QUEUES.maintenance, RECONCILE_SCHEDULER_ID],
      [QUEUES.retention, RETENTION_SWEEP_SCHEDULER_ID],
    ] as const;
    for (const [name, id] of schedulers) expect(await queue(name).getJobScheduler(id)).toBeDefined();

    // A backlog waits in Redis (SMTP is down), then Redis loses everything.
    await smtp.stop();
    await db.dataSource.transaction(async (tx) => {
      for (const n of [1, 2, 3, 4]) await outbox.addNotice(tx, `backlog-${n}`, notice(`Rückstau ${n}`));
    });
    await eventually(async () =>
      expect(
        await db.dataSource.query(
          `SELECT count(*)::int AS n FROM outbox WHERE delivery_key LIKE 'backlog-%' AND relayed_at IS NOT NULL`,
        ),
      ).toEqual([{ n: 4 }]),
    );
    // The test's own clients go first: they would only report the lost connection.
    await Promise.all(queues.splice(0).map((q) => q.close()));
    await redis.kill();
    await redis.start();
    await smtp.listen();

    await eventually(async () => {
      for (const [name, id] of schedulers) expect(await queue(name).getJobScheduler(id)).toBeDefined();
    }, 10_000);
    await eventually(() => expect(mailsFor('backlog-')).toHaveLength(4), 30_000);
    await sleep(2_000);
    expect(new Set(mailsFor('backlog-').map((m) => m.deliveryKey)).size).toBe(4);
    expect(mailsFor('backlog-')).toHaveLength(4);
  }, 60_000);
});
