import type { INestApplicationContext } from '@nestjs/common';
import { NoticeProcessor, ReminderSweep } from '@kiezfonds/messaging';
import {
  createApplication,
  createCall,
  createDistrict,
  createOrganisation,
  createTestDatabase,
  createTestRedis,
  createUser,
  eventually,
  SmtpSink,
  testConfig,
  type TestDatabase,
  type TestRedis,
} from '@kiezfonds/testing';
import { createWorker } from './create-worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 15, deliverable 7 (TRUST.md, "Work and delivery"): a reminder is checked again when the
 * worker delivers it. One queued for a deadline that has since moved, or about a draft that has
 * since been submitted, is not delivered (neither mailed nor shown in the app), and the drop is on
 * record; one whose deadline stands is delivered as usual. The mail worker is paused between the
 * sweep and the delivery, so the change happens while the job waits in the queue.
 */
describe('a reminder checked again at delivery', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: SmtpSink;
  let worker: INestApplicationContext;
  let mailWorker: NoticeProcessor['worker'];

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
        OUTBOX_POLL_INTERVAL_MS: '200',
        REMINDER_SWEEP_INTERVAL_MS: '600000',
      }),
    );
    await worker.init();
    mailWorker = worker.get(NoticeProcessor).worker;
  });

  afterAll(async () => {
    await worker.close();
    await smtp.stop();
    await redis.cleanup();
    await db.drop();
  });

  it('is not delivered when its deadline moved or its draft was submitted since it was queued', async () => {
    const district = await createDistrict(db.dataSource, { name: 'Spandau' });
    const aylin = await createUser(db.dataSource, {
      displayName: 'Aylin Demir',
      email: 'aylin@traeger.example',
    });
    const organisation = await createOrganisation(db.dataSource, { members: [aylin] });
    // Three calls whose submission deadline is 31.01.2027, 23:59 Berlin, each with a draft.
    const deadline = new Date('2027-01-31T22:59:00.000Z');
    const drafts: Record<'moved' | 'submitted' | 'standing', string> = {
      moved: '',
      submitted: '',
      standing: '',
    };
    const calls: Record<string, string> = {};
    for (const name of Object.keys(drafts) as (keyof typeof drafts)[]) {
      const call = await createCall(db.dataSource, { districtId: district.id, submissionDeadline: deadline });
      calls[name] = call.id;
      drafts[name] = (
        await createApplication(db.dataSource, { callId: call.id, organisationId: organisation.id })
      ).id;
    }
    const keyOf = (draft: string) =>
      `reminder:submission_deadline:${draft}:${deadline.toISOString()}:3|${aylin.email}`;

    await mailWorker.pause();
    // 29.01.2027, 00:59 Berlin: the 3-day reminders are due.
    expect((await worker.get(ReminderSweep).sweep(new Date('2027-01-28T23:59:00.000Z'))).queued).toBe(3);
    await eventually(async () => {
      const [{ waiting }] = (await db.dataSource.query(
        `SELECT count(*)::int AS waiting FROM outbox WHERE delivery_key = ANY($1) AND relayed_at IS NOT NULL`,
        [Object.values(drafts).map(keyOf)],
      )) as [{ waiting: number }];
      expect(waiting).toBe(3);
    });

    // While the reminders wait in the queue, one call moves its deadline a week and one draft is submitted.
    await db.dataSource.query(`UPDATE call SET submission_deadline = $2 WHERE id = $1`, [
      calls.moved,
      new Date('2027-02-07T22:59:00.000Z'),
    ]);
    await db.dataSource.query(
      `UPDATE application SET state = 'submitted', submitted_at = now() WHERE id = $1`,
      [drafts.submitted],
    );
    await mailWorker.resume();

    await eventually(() =>
      expect(smtp.mails.filter((mail) => mail.deliveryKey === keyOf(drafts.standing))).toHaveLength(1),
    );
    await eventually(async () => {
      const drops = (await db.dataSource.query(
        `SELECT delivery_key, notice_kind, reason, occasion FROM notice_drop ORDER BY delivery_key`,
      )) as { delivery_key: string; notice_kind: string; reason: string; occasion: unknown }[];
      expect(drops).toEqual(
        [drafts.moved, drafts.submitted]
          .map((draft) => ({
            delivery_key: keyOf(draft),
            notice_kind: 'submission_deadline',
            reason: 'no_longer_due',
            occasion: { entityId: draft, deadline: deadline.toISOString() },
          }))
          .sort((a, b) => a.delivery_key.localeCompare(b.delivery_key)),
      );
    });
    await sleep(500);
    for (const draft of [drafts.moved, drafts.submitted]) {
      expect(smtp.mails.filter((mail) => mail.deliveryKey === keyOf(draft))).toEqual([]);
      const notifications = (await db.dataSource.query(`SELECT 1 FROM notification WHERE delivery_key = $1`, [
        keyOf(draft),
      ])) as unknown[];
      expect(notifications).toEqual([]);
    }
  });

  it('is not delivered once the deadline it announces has passed, though the deadline stands', async () => {
    const district = await createDistrict(db.dataSource, { name: 'Mitte' });
    const jonas = await createUser(db.dataSource, {
      displayName: 'Jonas Berg',
      email: 'jonas@traeger.example',
    });
    const organisation = await createOrganisation(db.dataSource, { members: [jonas] });
    // A few seconds away, whole seconds as the reminder carries the deadline.
    const deadline = new Date(Math.floor((Date.now() + 4_000) / 1000) * 1000);
    const call = await createCall(db.dataSource, { districtId: district.id, submissionDeadline: deadline });
    const draft = await createApplication(db.dataSource, {
      callId: call.id,
      organisationId: organisation.id,
    });
    const key = `reminder:submission_deadline:${draft.id}:${deadline.toISOString()}:1|${jonas.email}`;

    await mailWorker.pause();
    // The sweep of the day before queues "1 day left"; then the reminder waits (an SMTP outage,
    // a long queue) until the deadline has passed. The call is still open: calls close by hand.
    expect(
      (await worker.get(ReminderSweep).sweep(new Date(deadline.getTime() - 12 * 3_600_000))).queued,
    ).toBe(1);
    await eventually(async () => {
      const [row] = (await db.dataSource.query(`SELECT relayed_at FROM outbox WHERE delivery_key = $1`, [
        key,
      ])) as {
        relayed_at: Date | null;
      }[];
      expect(row?.relayed_at).toBeTruthy();
    });
    await sleep(Math.max(deadline.getTime() - Date.now(), 0) + 500);
    await mailWorker.resume();

    await eventually(async () =>
      expect(await db.dataSource.query(`SELECT outcome FROM outbox WHERE delivery_key = $1`, [key])).toEqual([
        { outcome: 'no_longer_due' },
      ]),
    );
    expect(
      await db.dataSource.query(`SELECT reason FROM notice_drop WHERE delivery_key = $1`, [key]),
    ).toEqual([{ reason: 'no_longer_due' }]);
    expect(smtp.mails.filter((mail) => mail.deliveryKey === key)).toEqual([]);
  });
});
