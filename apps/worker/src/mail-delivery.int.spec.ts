import type { INestApplicationContext } from '@nestjs/common';
import { DEFAULT_JOB_OPTIONS, JOBS, QUEUES } from '@kiezfonds/platform';
import {
  createTestDatabase,
  createTestRedis,
  SmtpSink,
  testConfig,
  type TestDatabase,
  type TestRedis,
} from '@kiezfonds/testing';
import { Queue, QueueEvents } from 'bullmq';
import { createWorker } from './create-worker';

describe('the worker delivers mail jobs from Redis to the SMTP server', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: SmtpSink;
  let worker: INestApplicationContext;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    smtp = await SmtpSink.start();
    worker = await createWorker(
      testConfig({
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: redis.prefix,
        SMTP_URL: smtp.url,
      }),
    );
    const connection = { url: redis.url };
    queue = new Queue(QUEUES.mail, {
      connection,
      prefix: redis.prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    events = new QueueEvents(QUEUES.mail, { connection, prefix: redis.prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await worker.close();
    await events.close();
    await queue.close();
    await smtp.stop();
    await redis.cleanup();
    await db.drop();
  });

  it('sends a queued mail with German umlauts intact', async () => {
    const job = await queue.add(JOBS.sendMail, {
      deliveryKey: 'round-trip-1',
      to: ['traegerin@example.org'],
      subject: 'Ihr Antrag ist eingegangen – Prüfung läuft',
      text: 'Guten Tag, wir haben Ihren Antrag über 1.234,56 € am 22.11.2026 erhalten.',
    });
    await job.waitUntilFinished(events, 15_000);

    const [mail] = await smtp.waitForMails(1);
    expect(mail).toMatchObject({
      to: ['traegerin@example.org'],
      subject: 'Ihr Antrag ist eingegangen – Prüfung läuft',
      deliveryKey: 'round-trip-1',
    });
    expect(mail!.text).toContain('1.234,56 € am 22.11.2026');
    expect(mail!.from).toContain('no-reply@kiezfonds.example');
  });

  it('fails a malformed job at once, without retries and without sending anything', async () => {
    const before = smtp.mails.length;
    const job = await queue.add(JOBS.sendMail, { deliveryKey: 'broken', to: ['not-an-address'] });
    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow(/invalid mail job/);

    const failed = await queue.getJob(job.id!);
    expect(failed!.attemptsMade).toBe(1);
    expect(await failed!.getState()).toBe('failed');
    expect(smtp.mails.length).toBe(before);
  });
});
