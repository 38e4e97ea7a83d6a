import { RETENTION_SWEEP_SCHEDULER_ID } from '@kiezfonds/identity';
import type { INestApplicationContext } from '@nestjs/common';
import {
  jobIdFor,
  type Notice,
  NoticeDelivery,
  type NoticeJob,
  OutboxService,
  RECONCILE_SCHEDULER_ID,
  Reconciler,
  REMINDER_SWEEP_SCHEDULER_ID,
} from '@kiezfonds/messaging';
import { WRITTEN_VOTE_SWEEP_SCHEDULER_ID } from '@kiezfonds/committee';
import {
  BackendQueue,
  BackendQueueEvents,
  BackendWorker,
  CAPPED_BACKOFF,
  freePort,
  JOBS,
  POSTGRES_QUEUE_SCHEMA,
  QUEUES,
  type QueueConnection,
  queueConnection,
} from '@kiezfonds/platform';
import {
  createTestDatabase,
  createUser,
  eventually,
  SmtpSink,
  testConfig,
  type TestDatabase,
  type UserRow,
} from '@kiezfonds/testing';
import type { AppConfig } from '@kiezfonds/config';
import type { Queue } from 'bullmq';
import { createWorker } from './create-worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The delivery guarantees of the notices (outbox, one mail per delivery key, retries, schedulers,
 * the reconciler) with the queues in PostgreSQL instead of Redis (QUEUE_BACKEND=postgres, ADR
 * 0015). REDIS_URL points at a port where nothing listens: nothing here may need a Redis.
 */
describe('notices with the queues in PostgreSQL: the same delivery guarantees without Redis', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let config: AppConfig;
  let worker: INestApplicationContext;
  let outbox: OutboxService;
  let carrier: UserRow;
  const queues = new Map<string, Queue>();

  const notice = (title: string): Notice => ({
    kind: 'application_submitted',
    recipient: { userId: carrier.id, email: carrier.email, name: carrier.displayName, locale: 'de' },
    data: { application: { title, reference: 'NWF-2027-020' }, call: { title: 'Netzwerkfonds 2027' } },
    district: { name: 'Spandau', contactEmail: 'netzwerkfonds@spandau.example' },
    link: '/antraege/20',
  });
  const keyOf = (occasion: string) => `${occasion}|${carrier.email}`;
  const mailsFor = (prefix: string) => smtp.mails.filter((m) => m.deliveryKey?.startsWith(prefix));
  /** The test's own view of a queue, on the same backend as the worker's. */
  const queue = (name: string): Queue => {
    if (!queues.has(name)) queues.set(name, new BackendQueue(name, { connection: queueConnection(config) }));
    return queues.get(name)!;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await SmtpSink.start();
    config = testConfig({
      DATABASE_URL: db.url,
      QUEUE_BACKEND: 'postgres',
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      SMTP_URL: smtp.url,
      OUTBOX_POLL_INTERVAL_MS: '300',
      RECONCILE_INTERVAL_MS: '60000',
      SCHEDULER_WATCH_INTERVAL_MS: '500',
      MAIL_CLAIM_LEASE_MS: '3000',
      MAIL_RETRY_BASE_DELAY_MS: '200',
      MAIL_RETRY_MAX_DELAY_MS: '400',
    });
    worker = await createWorker(config);
    await worker.init();
    outbox = worker.get(OutboxService);
    carrier = await createUser(db.dataSource, { displayName: 'Aylin Demir', email: 'aylin@traeger.example' });
  });

  afterAll(async () => {
    await worker?.close();
    await Promise.all([...queues.values()].map((q) => q.close()));
    await smtp?.stop();
    await db?.drop();
  });

  it('mails a committed notice once, through a job kept in the application’s database', async () => {
    await db.dataSource.transaction((tx) => outbox.addNotice(tx, 'pg-commit', notice('Kiezgarten')));
    await eventually(() => expect(mailsFor('pg-commit')).toHaveLength(1), 15_000);
    // The SMTP server has the mail before the worker has recorded it and finished the job.
    await eventually(async () => {
      const finished = await queue(QUEUES.mail).getJob(jobIdFor(keyOf('pg-commit')));
      expect(await finished!.getState()).toBe('completed');
    }, 10_000);
    const job = await queue(QUEUES.mail).getJob(jobIdFor(keyOf('pg-commit')));
    expect(job!.returnvalue).toBe('sent');
    const [{ n }] = (await db.dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`,
      [POSTGRES_QUEUE_SCHEMA],
    )) as [{ n: number }];
    expect(n).toBeGreaterThan(0);

    // The same job id again (a relay that ran twice) adds nothing and sends nothing.
    await queue(QUEUES.mail).add(
      JOBS.sendNotice,
      { ...notice('Kiezgarten'), deliveryKey: keyOf('pg-commit') },
      { jobId: jobIdFor(keyOf('pg-commit')) },
    );
    await sleep(1_000);
    expect(mailsFor('pg-commit')).toHaveLength(1);
  });

  it('retries with the capped backoff while SMTP is down, and mails each notice once when it is back', async () => {
    await smtp.stop();
    await db.dataSource.transaction(async (tx) => {
      for (const n of [1, 2]) await outbox.addNotice(tx, `pg-outage-${n}`, notice(`Störung ${n}`));
    });
    const ids = [1, 2].map((n) => jobIdFor(keyOf(`pg-outage-${n}`)));
    await eventually(async () => {
      const jobs = await Promise.all(ids.map((id) => queue(QUEUES.mail).getJob(id)));
      expect(jobs.map((job) => (job?.attemptsMade ?? 0) >= 2)).toEqual([true, true]);
    }, 20_000);
    const job = await queue(QUEUES.mail).getJob(ids[0]!);
    expect(job!.opts.backoff).toEqual({ type: CAPPED_BACKOFF, delay: 200 });
    expect(mailsFor('pg-outage-')).toHaveLength(0);

    await smtp.listen();
    await eventually(() => expect(mailsFor('pg-outage-')).toHaveLength(2), 30_000);
    await sleep(1_500);
    expect(new Set(mailsFor('pg-outage-').map((m) => m.deliveryKey)).size).toBe(2);
    expect(mailsFor('pg-outage-')).toHaveLength(2);
  });

  it('sends once when a worker dies after sending and another worker recovers the stalled job', async () => {
    // A schema of its own, so that only the two workers below can take the job.
    const connection = { ...queueConnection(config), schema: 'bullmq_crash' } as QueueConnection;
    const crashQueue = new BackendQueue(QUEUES.mail, { connection });
    const crashEvents = new BackendQueueEvents(QUEUES.mail, { connection });
    await crashEvents.waitUntilReady();
    const delivery = worker.get(NoticeDelivery);
    const job: NoticeJob = { ...notice('Absturz nach dem Senden'), deliveryKey: keyOf('pg-crash') };

    let delivered!: () => void;
    const deliveredOnce = new Promise<void>((resolve) => (delivered = resolve));
    // This worker sends the mail, then "dies": it never acknowledges and stops renewing its lock.
    const doomed = new BackendWorker(
      QUEUES.mail,
      async (next) => {
        await delivery.deliver(next.data as NoticeJob);
        delivered();
        return new Promise(() => undefined);
      },
      { connection, lockDuration: 1_000, stalledInterval: 300 },
    );
    const added = await crashQueue.add(JOBS.sendNotice, job, { jobId: jobIdFor(job.deliveryKey) });
    await deliveredOnce;
    await doomed.close(true);
    expect(mailsFor('pg-crash')).toHaveLength(1);

    const recovering = new BackendWorker(QUEUES.mail, (next) => delivery.deliver(next.data as NoticeJob), {
      connection,
      lockDuration: 1_000,
      stalledInterval: 300,
      maxStalledCount: 1,
    });
    try {
      expect(await added.waitUntilFinished(crashEvents, 20_000)).toBe('already_sent');
      expect(mailsFor('pg-crash')).toHaveLength(1);
    } finally {
      await recovering.close();
      await crashEvents.close();
      await crashQueue.close();
    }
  });

  it('registers the reminder sweep once and runs it', async () => {
    const reminders = queue(QUEUES.reminders);
    const schedulers = await reminders.getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: REMINDER_SWEEP_SCHEDULER_ID, name: JOBS.reminderSweep }),
    ]);
    await eventually(async () => expect(await reminders.getCompletedCount()).toBeGreaterThanOrEqual(1));
    const [done] = await reminders.getCompleted();
    expect(done!.name).toBe(JOBS.reminderSweep);
    expect(done!.returnvalue).toEqual({ queued: expect.any(Number) });
  });

  it('hands a notice whose job is gone back to the relay, and mails it once', async () => {
    await db.dataSource.transaction(async (tx) => {
      await outbox.addNotice(tx, 'pg-lost', notice('Verloren'));
      // As the relay leaves a row once its job is enqueued: relayed, no outcome yet; the job is gone.
      await tx.query(`UPDATE outbox SET relayed_at = now() WHERE delivery_key = $1`, [keyOf('pg-lost')]);
    });
    expect(await queue(QUEUES.mail).getJob(jobIdFor(keyOf('pg-lost')))).toBeUndefined();

    const result = await worker.get(Reconciler).reconcile({ graceMs: 0 });
    expect(result.requeued).toBe(1);
    await eventually(() => expect(mailsFor('pg-lost')).toHaveLength(1), 15_000);
    await worker.get(Reconciler).reconcile({ graceMs: 0 });
    await sleep(1_000);
    expect(mailsFor('pg-lost')).toHaveLength(1);
  });

  it('puts back a scheduler that went missing', async () => {
    const all = [
      [QUEUES.reminders, REMINDER_SWEEP_SCHEDULER_ID],
      [QUEUES.committee, WRITTEN_VOTE_SWEEP_SCHEDULER_ID],
      [QUEUES.maintenance, RECONCILE_SCHEDULER_ID],
      [QUEUES.retention, RETENTION_SWEEP_SCHEDULER_ID],
    ] as const;
    for (const [name, id] of all) expect(await queue(name).getJobScheduler(id)).toBeDefined();
    await queue(QUEUES.maintenance).removeJobScheduler(RECONCILE_SCHEDULER_ID);
    expect(await queue(QUEUES.maintenance).getJobScheduler(RECONCILE_SCHEDULER_ID)).toBeUndefined();
    await eventually(
      async () =>
        expect(await queue(QUEUES.maintenance).getJobScheduler(RECONCILE_SCHEDULER_ID)).toBeDefined(),
      10_000,
    );
  });
});
