import type { INestApplicationContext } from '@nestjs/common';
import {
  jobIdFor,
  type Notice,
  NoticeDelivery,
  type NoticeJob,
  NoticeProcessor,
  OutboxRelay,
  OutboxService,
  storeNoticeAttachment,
} from '@kiezfonds/messaging';
import {
  BackendQueue,
  BackendQueueEvents,
  BackendWorker,
  DEFAULT_JOB_OPTIONS,
  JOBS,
  QUEUES,
} from '@kiezfonds/platform';
import type { AppConfig } from '@kiezfonds/config';
import {
  createTestDatabase,
  createTestRedis,
  createUser,
  eventually,
  SmtpSink,
  testConfig,
  type TestDatabase,
  type TestRedis,
  testQueueOptions,
  type UserRow,
} from '@kiezfonds/testing';
import type { Queue, QueueEvents } from 'bullmq';
import { createWorker } from './create-worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('notices: from a command’s transaction through outbox, queue and SMTP, exactly once', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let config: AppConfig;
  let smtp: SmtpSink;
  let worker: INestApplicationContext;
  let outbox: OutboxService;
  let queue: Queue;
  let events: QueueEvents;
  let carrier: UserRow;

  const submitted = (title: string, to: UserRow = carrier): Notice => ({
    kind: 'application_submitted',
    recipient: { userId: to.id, email: to.email, name: to.displayName, locale: to.language },
    data: { application: { title, reference: 'NWF-2027-001' }, call: { title: 'Netzwerkfonds 2027' } },
    district: { name: 'Spandau', contactEmail: 'netzwerkfonds@spandau.example' },
    link: '/antraege/1',
  });

  const mailsFor = (key: string) => smtp.mails.filter((m) => m.deliveryKey?.startsWith(key));

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    smtp = await SmtpSink.start();
    config = testConfig({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      SMTP_URL: smtp.url,
      OUTBOX_POLL_INTERVAL_MS: '500',
    });
    worker = await createWorker(config);
    await worker.init();
    outbox = worker.get(OutboxService);
    queue = new BackendQueue(QUEUES.mail, {
      ...testQueueOptions(config),
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    events = new BackendQueueEvents(QUEUES.mail, testQueueOptions(config));
    await events.waitUntilReady();
    carrier = await createUser(db.dataSource, { displayName: 'Aylin Demir', email: 'aylin@traeger.example' });
  });

  afterAll(async () => {
    await worker.close();
    await events.close();
    await queue.close();
    await smtp.stop();
    await redis.cleanup();
    await db.drop();
  });

  it('runs as many mail jobs at once as MAIL_CONCURRENCY says', async () => {
    const other = await createWorker({ ...config, MAIL_CONCURRENCY: 7 });
    try {
      await other.init();
      expect(other.get(NoticeProcessor).worker.concurrency).toBe(7);
      expect(worker.get(NoticeProcessor).worker.concurrency).toBe(config.MAIL_CONCURRENCY);
    } finally {
      await other.close();
    }
  });

  it('sends nothing for a command that rolls back, and exactly one mail for one that commits', async () => {
    await expect(
      db.dataSource.transaction(async (tx) => {
        await outbox.addNotice(tx, 'rollback-case', submitted('Zurückgerollt'));
        throw new Error('the command failed after writing its notice');
      }),
    ).rejects.toThrow('the command failed');
    expect(
      await db.dataSource.query(`SELECT 1 FROM outbox WHERE delivery_key LIKE 'rollback-case%'`),
    ).toEqual([]);

    await db.dataSource.transaction((tx) =>
      outbox.addNotice(tx, 'commit-case', submitted('Nachbarschaft verbindet')),
    );
    expect(await waitForJob(queue, jobIdFor(`commit-case|${carrier.email}`), events)).toBe('sent');

    await sleep(500);
    expect(mailsFor('commit-case')).toHaveLength(1);
    expect(mailsFor('rollback-case')).toHaveLength(0);
    const [mail] = mailsFor('commit-case');
    expect(mail!.to).toEqual(['aylin@traeger.example']);
    expect(mail!.subject).toContain('Nachbarschaft verbindet');
  });

  it('keeps no name, address or text of a notice in the queue: its job names the outbox row', async () => {
    await db.dataSource.transaction((tx) =>
      outbox.addNotice(tx, 'lean-job-case', submitted('Kiezgarten Staaken')),
    );
    const jobId = jobIdFor(`lean-job-case|${carrier.email}`);
    expect(await waitForJob(queue, jobId, events)).toBe('sent');
    expect(mailsFor('lean-job-case')).toHaveLength(1);
    const job = await queue.getJob(jobId);
    const [row] = (await db.dataSource.query(
      `SELECT id FROM outbox WHERE delivery_key LIKE 'lean-job-case%'`,
    )) as { id: string }[];
    // Redis keeps failed jobs until an administrator acts; it must not keep what identifies people.
    expect(job!.data).toEqual({ outboxId: row!.id, kind: 'application_submitted' });
  });

  it('sends nothing for a job whose outbox row pseudonymisation deleted, and fails a job that names no row', async () => {
    const gone = await queue.add(JOBS.sendNotice, {
      outboxId: '0b4e7c1e-5a4d-4f3a-9c1e-2d8f6a7b9c0d',
      kind: 'application_submitted',
    });
    expect(await gone.waitUntilFinished(events, 15_000)).toBe('recipient_gone');
    const broken = await queue.add(JOBS.sendNotice, {
      outboxId: 'kein-schlüssel',
      kind: 'application_submitted',
    });
    await expect(broken.waitUntilFinished(events, 15_000)).rejects.toThrow('outboxId is no id');
  });

  it('attaches the files a notice names, stored in the same transaction', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% Tagesordnung der AG Stabile Kieze\n%%EOF\n');
    await db.dataSource.transaction(async (tx) => {
      const agenda = await storeNoticeAttachment(tx, {
        fileName: 'tagesordnung-2027-02-10.pdf',
        contentType: 'application/pdf',
        content: pdf,
      });
      await outbox.addNotice(tx, 'attachment-case', { ...submitted('Mit Anlage'), attachments: [agenda] });
    });
    expect(await waitForJob(queue, jobIdFor(`attachment-case|${carrier.email}`), events)).toBe('sent');
    const [mail] = mailsFor('attachment-case');
    expect(mail!.attachments).toEqual([
      { filename: 'tagesordnung-2027-02-10.pdf', contentType: 'application/pdf', content: pdf },
    ]);
    // The in-app notice has no file; the mail carried it.
    expect(mailsFor('commit-case').every((m) => m.attachments.length === 0)).toBe(true);
  });

  it('does not send twice when the same job runs again after it was delivered', async () => {
    await db.dataSource.transaction((tx) =>
      outbox.addNotice(tx, 'rerun-case', submitted('Zweimal verarbeitet')),
    );
    await waitForJob(queue, jobIdFor(`rerun-case|${carrier.email}`), events);

    // The worker died after sending but before acknowledging: the job is delivered again.
    const [row] = (await db.dataSource.query(
      `SELECT payload, delivery_key FROM outbox WHERE delivery_key LIKE 'rerun-case%'`,
    )) as {
      payload: Notice;
      delivery_key: string;
    }[];
    const again = await queue.add(JOBS.sendNotice, { ...row!.payload, deliveryKey: row!.delivery_key });
    expect(await again.waitUntilFinished(events, 15_000)).toBe('already_sent');
    expect(mailsFor('rerun-case')).toHaveLength(1);
  });

  it('sends once when a worker dies after sending and another worker recovers the stalled job', async () => {
    // A queue of its own, so that only the two workers below can take the job.
    const apart = testQueueOptions(config, 'crash');
    const crashQueue = new BackendQueue(QUEUES.mail, apart);
    const crashEvents = new BackendQueueEvents(QUEUES.mail, apart);
    await crashEvents.waitUntilReady();
    const delivery = worker.get(NoticeDelivery);
    const notice: NoticeJob = {
      ...submitted('Absturz nach dem Senden'),
      deliveryKey: `crash-case|${carrier.email}`,
    };

    let delivered!: () => void;
    const deliveredOnce = new Promise<void>((resolve) => (delivered = resolve));
    // This worker sends the mail, then "dies": it never acknowledges and stops renewing its lock.
    const doomed = new BackendWorker(
      QUEUES.mail,
      async (job) => {
        await delivery.deliver(job.data as NoticeJob);
        delivered();
        return new Promise(() => undefined);
      },
      // The stalled check is throttled per queue by the interval of whoever ran it last.
      { ...apart, lockDuration: 1_000, stalledInterval: 300 },
    );
    const job = await crashQueue.add(JOBS.sendNotice, notice, { jobId: jobIdFor(notice.deliveryKey) });
    await deliveredOnce;
    await doomed.close(true);
    expect(mailsFor('crash-case')).toHaveLength(1);

    const recovering = new BackendWorker(QUEUES.mail, (next) => delivery.deliver(next.data as NoticeJob), {
      ...apart,
      lockDuration: 1_000,
      stalledInterval: 300,
      maxStalledCount: 1,
    });
    try {
      expect(await job.waitUntilFinished(crashEvents, 20_000)).toBe('already_sent');
      expect(mailsFor('crash-case')).toHaveLength(1);
    } finally {
      await recovering.close();
      await crashEvents.close();
      await crashQueue.close();
    }
  });

  it('delivers every mail once after the SMTP server was down for a while', async () => {
    await smtp.stop();
    await db.dataSource.transaction(async (tx) => {
      for (const n of [1, 2, 3])
        await outbox.addNotice(tx, `outage-${n}`, submitted(`Während der Störung ${n}`));
    });
    const ids = [1, 2, 3].map((n) => jobIdFor(`outage-${n}|${carrier.email}`));
    await eventually(async () => {
      const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
      expect(jobs.every((job) => (job?.attemptsMade ?? 0) >= 1)).toBe(true);
    });
    expect(mailsFor('outage-')).toHaveLength(0);

    await smtp.listen();
    await eventually(() => expect(mailsFor('outage-')).toHaveLength(3), 30_000);
    await sleep(3_000);
    const keys = mailsFor('outage-').map((m) => m.deliveryKey);
    expect(new Set(keys).size).toBe(3);
    expect(keys).toHaveLength(3);
  });

  it('puts every notice in the recipient’s in-app list, once', async () => {
    const rows = (await db.dataSource.query(
      `SELECT subject, link, read_at FROM notification WHERE user_id = $1 AND delivery_key LIKE 'commit-case%'`,
      [carrier.id],
    )) as { subject: string; link: string; read_at: Date | null }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ link: '/antraege/1', read_at: null });
    expect(rows[0]!.subject).toContain('Nachbarschaft verbindet');
  });

  it('keeps a reminder in-app only for a user who switched its e-mail copy off', async () => {
    const member = await createUser(db.dataSource, { displayName: 'Jonas Weber' });
    await db.dataSource.query(
      `INSERT INTO notification_preference (user_id, kind, email) VALUES ($1, 'submission_deadline', false)`,
      [member.id],
    );
    await db.dataSource.transaction((tx) =>
      outbox.addNotice(tx, 'quiet-reminder', {
        kind: 'submission_deadline',
        recipient: { userId: member.id, email: member.email, name: member.displayName, locale: 'de' },
        data: {
          call: { title: 'Netzwerkfonds 2027', submissionDeadline: '2027-01-31T22:59:00.000Z' },
          application: { title: 'Kiezküche' },
          daysLeft: 3,
        },
        link: '/antraege',
      }),
    );
    expect(await waitForJob(queue, jobIdFor(`quiet-reminder|${member.email}`), events)).toBe('in_app_only');
    expect(mailsFor('quiet-reminder')).toHaveLength(0);
    const rows = await db.dataSource.query(`SELECT kind FROM notification WHERE user_id = $1`, [member.id]);
    expect(rows).toEqual([{ kind: 'submission_deadline' }]);
  });

  it('sends nothing to a recipient pseudonymised after the notice was queued', async () => {
    const leaving = await createUser(db.dataSource, { displayName: 'Mara Schulz' });
    await db.dataSource.transaction(async (tx) => {
      await outbox.addNotice(tx, 'gone-case', submitted('Zu spät', leaving));
      await tx.query(`UPDATE app_user SET status = 'pseudonymised' WHERE id = $1`, [leaving.id]);
    });
    expect(await waitForJob(queue, jobIdFor(`gone-case|${leaving.email}`), events)).toBe('recipient_gone');
    expect(mailsFor('gone-case')).toHaveLength(0);
    expect(await db.dataSource.query(`SELECT 1 FROM notification WHERE user_id = $1`, [leaving.id])).toEqual(
      [],
    );
  });

  it('fails a malformed job at once, without retries and without sending anything', async () => {
    const before = smtp.mails.length;
    const job = await queue.add(JOBS.sendNotice, { deliveryKey: 'broken', kind: 'no_such_notice' });
    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow(/invalid notice job/);
    const failed = await queue.getJob(job.id!);
    expect(failed!.attemptsMade).toBe(1);
    expect(smtp.mails.length).toBe(before);
  });

  it('relays rows committed while no NOTIFY reached it, by polling', async () => {
    // This test's own DataSource has no OutboxWakeUp: its commit sends no NOTIFY.
    await db.dataSource.transaction((tx) =>
      outbox.addNotice(tx, 'polled', submitted('Ohne Benachrichtigung')),
    );
    await eventually(() => expect(mailsFor('polled')).toHaveLength(1), 15_000);
    expect(worker.get(OutboxRelay)).toBeDefined();
  });
});

/** Waits until the job with this id exists and has finished; returns its result. */
async function waitForJob(
  queue: Queue,
  id: string,
  events: QueueEvents,
  timeoutMs = 20_000,
): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await queue.getJob(id);
    if (job) {
      const state = await job.getState();
      if (state === 'completed') return (await queue.getJob(id))!.returnvalue;
      if (state === 'failed') throw new Error(`job ${id} failed: ${job.failedReason}`);
      try {
        return await job.waitUntilFinished(events, Math.max(1, deadline - Date.now()));
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish within ${timeoutMs} ms`);
    await sleep(100);
  }
}
