import type { INestApplicationContext } from '@nestjs/common';
import { REMINDER_SWEEP_SCHEDULER_ID, ReminderScheduler, ReminderSweep } from '@kiezfonds/messaging';
import type { AppConfig } from '@kiezfonds/config';
import { BackendQueue, JOBS, QUEUES } from '@kiezfonds/platform';
import {
  type CallRow,
  createApplication,
  createCall,
  createDistrict,
  createOrganisation,
  createTestDatabase,
  createTestRedis,
  createUser,
  type DistrictRow,
  type OrganisationRow,
  SmtpSink,
  testConfig,
  type TestDatabase,
  type TestRedis,
  testQueueOptions,
  type UserRow,
} from '@kiezfonds/testing';
import { createWorker } from './create-worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const SWEEP_INTERVAL_MS = 600_000;

interface OutboxRow {
  delivery_key: string;
  payload: { recipient: { email: string }; data: { daysLeft: number }; link: string };
}

describe('reminders: a sweep computes what is due and queues each reminder once', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let config: AppConfig;
  let smtp: SmtpSink;
  let worker: INestApplicationContext;
  let reminders: ReminderSweep;
  let district: DistrictRow;
  let aylin: UserRow;
  let jonas: UserRow;
  let organisation: OrganisationRow;

  const at = (iso: string) => new Date(iso);
  const sweep = async (iso: string) => (await reminders.sweep(at(iso))).queued;

  /** Outbox rows of submission-deadline reminders about one application, oldest first. */
  const remindersAbout = async (applicationId: string): Promise<OutboxRow[]> =>
    (await db.dataSource.query(
      `SELECT delivery_key, payload FROM outbox WHERE delivery_key LIKE $1 ORDER BY created_at, delivery_key`,
      [`reminder:submission_deadline:${applicationId}:%`],
    )) as OutboxRow[];

  const keyOf = (applicationId: string, deadline: string, offset: number, user: UserRow) =>
    `reminder:submission_deadline:${applicationId}:${deadline}:${offset}|${user.email}`;

  const mailsAbout = (applicationId: string) =>
    smtp.mails.filter((mail) =>
      mail.deliveryKey?.startsWith(`reminder:submission_deadline:${applicationId}:`),
    );

  /** An open call in the test's district with one organisation's draft in it. */
  async function callWithDraft(deadline: string): Promise<{ call: CallRow; draftId: string }> {
    const call = await createCall(db.dataSource, {
      districtId: district.id,
      submissionDeadline: at(deadline),
    });
    const draft = await createApplication(db.dataSource, {
      callId: call.id,
      organisationId: organisation.id,
    });
    return { call, draftId: draft.id };
  }

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
      REMINDER_SWEEP_INTERVAL_MS: String(SWEEP_INTERVAL_MS),
    });
    worker = await createWorker(config);
    await worker.init();
    reminders = worker.get(ReminderSweep);

    district = await createDistrict(db.dataSource, { name: 'Spandau' });
    aylin = await createUser(db.dataSource, { displayName: 'Aylin Demir', email: 'aylin@traeger.example' });
    jonas = await createUser(db.dataSource, { displayName: 'Jonas Weber', email: 'jonas@traeger.example' });
    // A member whose account is disabled hears nothing.
    const former = await createUser(db.dataSource, { displayName: 'Ehemalige Person' });
    await db.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [former.id]);
    organisation = await createOrganisation(db.dataSource, { members: [aylin, jonas, former] });
  });

  afterAll(async () => {
    await worker.close();
    await smtp.stop();
    await redis.cleanup();
    await db.drop();
  });

  describe('a call whose deadline is 31.01.2027, 23:59 Berlin time', () => {
    const deadline = '2027-01-31T22:59:00.000Z';
    let call: CallRow;
    let first: string;
    let second: string;

    beforeAll(async () => {
      call = await createCall(db.dataSource, {
        districtId: district.id,
        title: 'Netzwerkfonds Spandau 2027',
        submissionDeadline: at(deadline),
      });
      first = (
        await createApplication(db.dataSource, {
          callId: call.id,
          organisationId: organisation.id,
          title: 'Kiezküche',
        })
      ).id;
      second = (
        await createApplication(db.dataSource, {
          callId: call.id,
          organisationId: organisation.id,
          title: 'Lesepaten',
        })
      ).id;
      // Neither a submitted application nor a draft in a closed call is reminded.
      await createApplication(db.dataSource, {
        callId: call.id,
        organisationId: organisation.id,
        state: 'submitted',
      });
      const closed = await createCall(db.dataSource, {
        districtId: district.id,
        status: 'closed',
        submissionDeadline: at(deadline),
      });
      await createApplication(db.dataSource, { callId: closed.id, organisationId: organisation.id });
    });

    it('reminds each active member about each draft once, three days before, by mail in German', async () => {
      // 29.01.2027, 00:59 Berlin: an hour after the 3-day reminder became due.
      expect(await sweep('2027-01-28T23:59:00.000Z')).toBe(4);

      for (const draft of [first, second]) {
        const rows = await remindersAbout(draft);
        expect(rows.map((r) => r.delivery_key).sort()).toEqual([
          keyOf(draft, deadline, 3, aylin),
          keyOf(draft, deadline, 3, jonas),
        ]);
        expect(rows[0]!.payload).toMatchObject({ data: { daysLeft: 3 }, link: `/antraege/${draft}` });
      }

      await eventually(() => expect([...mailsAbout(first), ...mailsAbout(second)]).toHaveLength(4));
      const mails = [...mailsAbout(first), ...mailsAbout(second)];
      expect(mails.flatMap((mail) => mail.to).sort()).toEqual([
        'aylin@traeger.example',
        'aylin@traeger.example',
        'jonas@traeger.example',
        'jonas@traeger.example',
      ]);
      for (const mail of mails) {
        expect(mail.subject).toBe(
          'Noch 3 Tage: Einreichungsfrist im Aufruf „Netzwerkfonds Spandau 2027“ endet am 31.01.2027',
        );
      }
      expect(mailsAbout(first)[0]!.text).toContain('Kiezküche');
      expect(mailsAbout(first)[0]!.text).toContain(`/antraege/${first}`);
    });

    it('adds nothing when swept again at the same moment or later, before the 1-day reminder is due', async () => {
      expect(await sweep('2027-01-28T23:59:00.000Z')).toBe(0);
      expect(await sweep('2027-01-30T12:00:00.000Z')).toBe(0);
      // 30.01.2027, 23:58 Berlin: one minute before the 1-day reminder.
      expect(await sweep('2027-01-30T22:58:00.000Z')).toBe(0);
      expect(await remindersAbout(first)).toHaveLength(2);
      expect(await remindersAbout(second)).toHaveLength(2);
    });

    it('reminds only the draft that is still a draft once the other was submitted', async () => {
      await db.dataSource.query(
        `UPDATE application SET state = 'submitted', submitted_at = now() WHERE id = $1`,
        [first],
      );
      // 31.01.2027, 00:30 Berlin.
      expect(await sweep('2027-01-30T23:30:00.000Z')).toBe(2);
      expect(await remindersAbout(first)).toHaveLength(2);
      expect((await remindersAbout(second)).map((r) => r.delivery_key)).toEqual(
        expect.arrayContaining([keyOf(second, deadline, 1, aylin), keyOf(second, deadline, 1, jonas)]),
      );
      await eventually(() => expect(mailsAbout(second)).toHaveLength(4));
      expect(mailsAbout(second).filter((mail) => mail.subject.startsWith('Noch 1 Tag:'))).toHaveLength(2);
      await sleep(500);
      expect(mailsAbout(first)).toHaveLength(2);
    });

    it('sends nothing once the deadline has passed', async () => {
      expect(await sweep('2027-02-01T08:00:00.000Z')).toBe(0);
    });
  });

  it('reminds for the new date, and no longer for the old one, after the deadline moved a week', async () => {
    // 22.03.2027, 10:00 CET; moved to 29.03.2027, 10:00 CEST, after the clocks changed on 28 March.
    const oldDeadline = '2027-03-22T09:00:00.000Z';
    const newDeadline = '2027-03-29T08:00:00.000Z';
    const { call, draftId } = await callWithDraft(oldDeadline);

    expect(await sweep('2027-03-19T10:00:00.000Z')).toBe(2);
    // Delivered before the deadline moves: a reminder still queued then is dropped at delivery.
    await eventually(() => expect(mailsAbout(draftId)).toHaveLength(2));
    await db.dataSource.query(`UPDATE call SET submission_deadline = $2 WHERE id = $1`, [
      call.id,
      at(newDeadline),
    ]);

    // The old date's 1-day reminder would be due now; the new date is 8 days away, so its 14-day one is.
    expect(await sweep('2027-03-21T10:00:00.000Z')).toBe(2);
    // 26.03.2027, 09:30 CET: three calendar days before 29.03. 10:00 CEST is 26.03. 10:00 CET (71 hours).
    expect(await sweep('2027-03-26T08:30:00.000Z')).toBe(0);
    expect(await sweep('2027-03-26T09:00:00.000Z')).toBe(2);
    expect(await sweep('2027-03-28T09:00:00.000Z')).toBe(2);

    const keys = (await remindersAbout(draftId)).map((row) => row.delivery_key);
    expect(keys).toEqual([
      keyOf(draftId, oldDeadline, 3, aylin),
      keyOf(draftId, oldDeadline, 3, jonas),
      keyOf(draftId, newDeadline, 14, aylin),
      keyOf(draftId, newDeadline, 14, jonas),
      keyOf(draftId, newDeadline, 3, aylin),
      keyOf(draftId, newDeadline, 3, jonas),
      keyOf(draftId, newDeadline, 1, aylin),
      keyOf(draftId, newDeadline, 1, jonas),
    ]);
    await eventually(() => expect(mailsAbout(draftId)).toHaveLength(8));
  });

  it('sends only the nearest reminder after a long downtime, not every one it missed', async () => {
    // 10.05.2027, 18:00 CEST. No sweep ran during the 14- and 3-day reminders.
    const deadline = '2027-05-10T16:00:00.000Z';
    const { draftId } = await callWithDraft(deadline);

    expect(await sweep('2027-05-10T04:00:00.000Z')).toBe(2);
    expect((await remindersAbout(draftId)).map((row) => row.delivery_key)).toEqual([
      keyOf(draftId, deadline, 1, aylin),
      keyOf(draftId, deadline, 1, jonas),
    ]);
  });

  it('queues each reminder once when sweeps run at the same time', async () => {
    const deadline = '2027-06-30T21:59:00.000Z';
    const { draftId } = await callWithDraft(deadline);
    const now = '2027-06-27T22:00:00.000Z';

    const results = await Promise.all([
      reminders.sweep(at(now)),
      reminders.sweep(at(now)),
      reminders.sweep(at(now)),
    ]);
    expect(results.reduce((sum, result) => sum + result.queued, 0)).toBe(2);
    expect((await remindersAbout(draftId)).map((row) => row.delivery_key)).toEqual([
      keyOf(draftId, deadline, 3, aylin),
      keyOf(draftId, deadline, 3, jonas),
    ]);
    await eventually(() => expect(mailsAbout(draftId)).toHaveLength(2));
    await sleep(500);
    expect(mailsAbout(draftId)).toHaveLength(2);
  });

  it('schedules one repeatable sweep in the queues, however many workers start', async () => {
    // A second worker starting registers the same scheduler id again.
    await worker.get(ReminderScheduler).onApplicationBootstrap();
    const queue = new BackendQueue(QUEUES.reminders, testQueueOptions(config));
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({
        key: REMINDER_SWEEP_SCHEDULER_ID,
        name: JOBS.reminderSweep,
        every: SWEEP_INTERVAL_MS,
      });
      // The worker ran the scheduler's first sweep at start, with the real clock.
      await eventually(async () => expect(await queue.getCompletedCount()).toBeGreaterThanOrEqual(1));
      const [done] = await queue.getCompleted();
      expect(done!.name).toBe(JOBS.reminderSweep);
      expect(done!.returnvalue).toEqual({ queued: expect.any(Number) });
    } finally {
      await queue.close();
    }
  });
});

async function eventually(check: () => unknown, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}
