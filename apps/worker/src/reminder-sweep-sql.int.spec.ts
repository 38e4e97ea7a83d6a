import type { AppConfig } from '@kiezfonds/config';
import {
  calendarDaysLeft,
  calendarDaysOverdue,
  dueOverdueOffset,
  dueReminderOffset,
  REMINDER_SCHEDULES,
  type ReminderSchedule,
  subtractCalendarDays,
} from '@kiezfonds/domain';
import { dueOffsetSql, ReminderSweep } from '@kiezfonds/messaging';
import {
  createApplication,
  createCall,
  createDistrict,
  createOrganisation,
  createTestDatabase,
  createUser,
  testConfig,
  type TestDatabase,
} from '@kiezfonds/testing';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Instants from `from` (inclusive) to `to` (exclusive), every `stepMs`. */
function instants(from: string, to: string, stepMs: number): Date[] {
  const out: Date[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += stepMs) out.push(new Date(t));
  return out;
}

/**
 * The sweep computes in SQL what libs/domain computes in TypeScript (issue 18: one statement per
 * rule, no time-zone conversion per row in Node). These tests hold the two to the same answers
 * where they are hardest to get right, around the switches to and from summer time, and show the
 * sweep itself keeping the wall-clock times and adding nothing when swept again.
 */
describe('reminder sweep in SQL: the same times as libs/domain', () => {
  let db: TestDatabase;
  let config: AppConfig;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ DATABASE_URL: db.url });
  });

  afterAll(async () => {
    await db.drop();
  });

  /** Evaluates `expression` over the pairs (x.deadline, x.now) in one query, in order. */
  async function overPairs<T>(
    expression: string,
    pairs: { deadline: Date; now: Date }[],
    timeZone = 'Europe/Berlin',
  ): Promise<T[]> {
    const rows = (await db.dataSource.query(
      `SELECT ${expression} AS value
         FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS x(deadline, now, n)
        ORDER BY x.n`,
      [pairs.map((p) => p.deadline.toISOString()), pairs.map((p) => p.now.toISOString()), timeZone],
    )) as { value: T }[];
    return rows.map((row) => row.value);
  }

  // The weeks of both switches in 2026 (29 March, 25 October), every 20 minutes, including the
  // hours that do not exist (spring) or exist twice (autumn), with milliseconds that must survive.
  const berlinSwitchWeeks = [
    ...instants('2026-03-26T00:00:00.250Z', '2026-04-02T00:00:00Z', 20 * MINUTE),
    ...instants('2026-10-22T00:00:00.999Z', '2026-10-29T00:00:00Z', 20 * MINUTE),
  ];

  it.each([
    ['Europe/Berlin', berlinSwitchWeeks],
    [
      'America/Los_Angeles',
      [
        ...instants('2026-03-06T00:00:00Z', '2026-03-11T00:00:00Z', 30 * MINUTE),
        ...instants('2026-10-30T00:00:00Z', '2026-11-04T00:00:00Z', 30 * MINUTE),
      ],
    ],
    // Lord Howe Island moves its clocks by half an hour.
    ['Australia/Lord_Howe', instants('2026-10-02T00:00:00Z', '2026-10-07T00:00:00Z', 15 * MINUTE)],
  ])('subtracts calendar days as subtractCalendarDays does in %s', async (timeZone, deadlines) => {
    const days = [1, 2, 3, 7, 14, -1, -7, 0];
    const cases = deadlines.flatMap((deadline) => days.map((d) => ({ deadline, d })));
    const rows = (await db.dataSource.query(
      `SELECT kf_subtract_calendar_days(x.instant, x.days, $3) AS at
         FROM unnest($1::timestamptz[], $2::int[]) WITH ORDINALITY AS x(instant, days, n) ORDER BY x.n`,
      [cases.map((c) => c.deadline.toISOString()), cases.map((c) => c.d), timeZone],
    )) as { at: Date }[];
    const inSql = rows.map((row) => row.at.toISOString());
    const inDomain = cases.map((c) => subtractCalendarDays(c.deadline, c.d, timeZone).toISOString());
    expect(inSql).toHaveLength(cases.length);
    expect(inSql).toEqual(inDomain);
  });

  // Deadlines every 140 minutes through both switch weeks (so they fall on every hour of the day in
  // turn), each seen from moments 16 days before to 9 days after it, every 241 minutes.
  const pairs = berlinSwitchWeeks
    .filter((_, i) => i % 7 === 0)
    .flatMap((deadline) =>
      instants(
        new Date(deadline.getTime() - 16 * 24 * HOUR).toISOString(),
        new Date(deadline.getTime() + 9 * 24 * HOUR).toISOString(),
        241 * MINUTE,
      ).map((now) => ({ deadline, now })),
    );

  it('counts the days left and overdue as calendarDaysLeft and calendarDaysOverdue do', async () => {
    expect(pairs.length).toBeGreaterThan(20_000);
    const left = await overPairs<number>(`kf_calendar_days_left(x.deadline, x.now, $3)`, pairs);
    expect(left).toEqual(pairs.map((p) => calendarDaysLeft(p.deadline, p.now, 'Europe/Berlin')));
    const overdue = await overPairs<number>(`kf_calendar_days_overdue(x.deadline, x.now, $3)`, pairs);
    expect(overdue).toEqual(pairs.map((p) => calendarDaysOverdue(p.deadline, p.now, 'Europe/Berlin')));
  });

  it.each(Object.entries(REMINDER_SCHEDULES) as [string, ReminderSchedule][])(
    'picks the reminder that is due as the domain does, for %s',
    async (_kind, schedule) => {
      const inSql = await overPairs<number | null>(
        dueOffsetSql(schedule, 'x.deadline', 'x.now', '$3::text'),
        pairs,
      );
      const due = schedule.after ? dueOverdueOffset : dueReminderOffset;
      expect(inSql).toEqual(pairs.map((p) => due(p.deadline, schedule.offsetsDays, p.now, 'Europe/Berlin')));
    },
  );

  describe('the sweep', () => {
    let sweep: ReminderSweep;
    let organisationId: string;
    let districtId: string;
    const member = { email: 'ada@traeger.example' };

    beforeAll(async () => {
      sweep = new ReminderSweep(db.dataSource, config);
      districtId = (await createDistrict(db.dataSource)).id;
      const ada = await createUser(db.dataSource, { ...member, displayName: '  Ada Lovelace ' });
      // The database accepts this address, the notice schema does not (no top-level domain).
      const local = await createUser(db.dataSource, { email: 'kasse@localhost' });
      organisationId = (await createOrganisation(db.dataSource, { members: [ada, local] })).id;
    });

    async function draftDue(deadline: string): Promise<string> {
      const call = await createCall(db.dataSource, { districtId, submissionDeadline: new Date(deadline) });
      return (await createApplication(db.dataSource, { callId: call.id, organisationId })).id;
    }

    const keysAbout = async (id: string) =>
      (
        (await db.dataSource.query(
          `SELECT delivery_key FROM outbox WHERE delivery_key LIKE $1 AND failed_at IS NULL ORDER BY delivery_key`,
          [`reminder:submission_deadline:${id}:%`],
        )) as { delivery_key: string }[]
      ).map((row) => row.delivery_key);

    it('queues the 3-day reminder of a deadline in the autumn overlap at its earlier 02:30', async () => {
      // 28.10.2026, 02:30 CET. Three calendar days before is 25.10., 02:30, which Berlin shows
      // twice: first in summer time (00:30 UTC), an hour later in winter time.
      const deadline = '2026-10-28T01:30:00.000Z';
      const draft = await draftDue(deadline);
      expect((await sweep.sweep(new Date('2026-10-25T00:29:59.999Z'))).queued).toBe(1);
      expect((await sweep.sweep(new Date('2026-10-25T00:30:00.000Z'))).queued).toBe(1);
      expect(await keysAbout(draft)).toEqual([
        `reminder:submission_deadline:${draft}:${deadline}:14|${member.email}`,
        `reminder:submission_deadline:${draft}:${deadline}:3|${member.email}`,
      ]);
    });

    it('queues the 3-day reminder of a deadline after the spring switch 71 hours ahead, saying 3 days', async () => {
      // 31.03.2026, 10:00 CEST; the 3-day reminder is due 28.03., 10:00 CET (09:00 UTC).
      const deadline = '2026-03-31T08:00:00.000Z';
      const draft = await draftDue(deadline);
      expect((await sweep.sweep(new Date('2026-03-28T08:59:00.000Z'))).queued).toBe(1);
      expect((await sweep.sweep(new Date('2026-03-28T09:00:00.000Z'))).queued).toBe(1);
      const [notice] = (await db.dataSource.query(`SELECT payload FROM outbox WHERE delivery_key = $1`, [
        `reminder:submission_deadline:${draft}:${deadline}:3|${member.email}`,
      ])) as { payload: Record<string, unknown> }[];
      expect(notice!.payload).toEqual({
        kind: 'submission_deadline',
        recipient: { userId: expect.any(String), email: member.email, name: 'Ada Lovelace', locale: 'de' },
        data: {
          call: { id: expect.any(String), title: expect.any(String), submissionDeadline: deadline },
          application: {
            id: draft,
            title: expect.any(String),
            updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          },
          daysLeft: 3,
        },
        district: { name: expect.any(String) },
        link: `/antraege/${draft}`,
        occasion: { entityId: draft, deadline },
      });
    });

    it('adds nothing and touches no outbox row when swept again; an undeliverable address fails alone', async () => {
      const deadline = '2027-02-15T10:00:00.000Z';
      const draft = await draftDue(deadline);
      const now = new Date('2027-02-12T11:00:00.000Z');
      expect((await sweep.sweep(now)).queued).toBe(1);
      const before = (await db.dataSource.query(
        `SELECT delivery_key, xmin::text AS version FROM outbox ORDER BY delivery_key`,
      )) as unknown[];
      expect((await sweep.sweep(now)).queued).toBe(0);
      expect((await sweep.sweep(new Date(now.getTime() + HOUR))).queued).toBe(0);
      expect(
        await db.dataSource.query(
          `SELECT delivery_key, xmin::text AS version FROM outbox ORDER BY delivery_key`,
        ),
      ).toEqual(before);
      // Ada's reminder is queued. kasse@localhost cannot receive a notice (the schema wants a
      // top-level domain): its reminder is recorded as failed, with the failed notices an
      // operator sees and retries, and is never relayed; it holds back nobody else's.
      const rows = (await db.dataSource.query(
        `SELECT delivery_key, relayed_at IS NULL AS pending, failed_at IS NOT NULL AS failed, last_error
           FROM outbox WHERE delivery_key LIKE $1 ORDER BY delivery_key`,
        [`reminder:submission_deadline:${draft}:%`],
      )) as unknown[];
      expect(rows).toEqual([
        {
          delivery_key: `reminder:submission_deadline:${draft}:${deadline}:3|${member.email}`,
          pending: true,
          failed: false,
          last_error: null,
        },
        {
          delivery_key: `reminder:submission_deadline:${draft}:${deadline}:3|kasse@localhost`,
          pending: false,
          failed: true,
          last_error: 'the address is not one the notice schema accepts',
        },
      ]);
    });
  });
});
