import type { INestApplicationContext } from '@nestjs/common';
import { ReminderSweep } from '@kiezfonds/messaging';
import {
  createApplication,
  createCall,
  createDistrict,
  createOrganisation,
  createTestDatabase,
  createTestRedis,
  createUser,
  grantRole,
  testConfig,
  type TestDatabase,
  type TestRedis,
  type UserRow,
} from '@kiezfonds/testing';
import { createWorker } from './create-worker';

interface OutboxRow {
  delivery_key: string;
  payload: { kind: string; recipient: { email: string }; data: Record<string, unknown>; link: string };
}

/**
 * The carrier's reminders of the application workflow: an open change request, the prompt-use
 * period of paid money, report deadlines of the grant notice. Rows are laid directly: the sweep
 * reads the database as the lifecycle leaves it, which the API tests cover.
 */
describe('reminders of the application workflow', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let worker: INestApplicationContext;
  let reminders: ReminderSweep;
  let member: UserRow;
  let applicationId: string;

  const outbox = async (kind: string): Promise<OutboxRow[]> =>
    (await db.dataSource.query(
      `SELECT delivery_key, payload FROM outbox WHERE delivery_key LIKE $1 ORDER BY delivery_key`,
      [`reminder:${kind}:%`],
    )) as OutboxRow[];

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    worker = await createWorker(
      testConfig({
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: redis.prefix,
        SMTP_URL: 'smtp://127.0.0.1:1',
        REMINDER_SWEEP_INTERVAL_MS: '600000',
      }),
    );
    await worker.init();
    reminders = worker.get(ReminderSweep);
    const district = await createDistrict(db.dataSource, { name: 'Spandau' });
    member = await createUser(db.dataSource, { displayName: 'Aylin Demir', email: 'aylin@traeger.example' });
    const organisation = await createOrganisation(db.dataSource, { members: [member] });
    const call = await createCall(db.dataSource, { districtId: district.id, status: 'closed' });
    applicationId = (
      await createApplication(db.dataSource, { callId: call.id, organisationId: organisation.id })
    ).id;
  });

  afterAll(async () => {
    await worker.close();
    await redis.cleanup();
    await db.drop();
  });

  it('reminds of an open change request 3 days and 1 day before its reply deadline, never after the answer', async () => {
    await db.dataSource.query(`UPDATE application SET state = 'changes_requested' WHERE id = $1`, [
      applicationId,
    ]);
    const [request] = (await db.dataSource.query(
      `INSERT INTO change_request (application_id, message, reply_deadline, requested_at)
       VALUES ($1, 'Bitte Honorare aufschlüsseln.', '2027-02-10T22:59:00Z', '2027-02-01T09:00:00Z') RETURNING id`,
      [applicationId],
    )) as { id: string }[];
    await reminders.sweep(new Date('2027-02-05T08:00:00Z'));
    expect(await outbox('change_request_deadline')).toHaveLength(0);
    await reminders.sweep(new Date('2027-02-08T08:00:00Z'));
    await reminders.sweep(new Date('2027-02-08T09:00:00Z'));
    const rows = await outbox('change_request_deadline');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.delivery_key).toBe(
      `reminder:change_request_deadline:${request!.id}:2027-02-10T22:59:00.000Z:3|${member.email}`,
    );
    expect(rows[0]!.payload.data).toMatchObject({
      daysLeft: 3,
      request: { requestedOn: '2027-02-01', replyBy: '2027-02-10' },
      application: { reference: expect.stringMatching(/^NWF-/) },
    });
    await db.dataSource.query(`UPDATE change_request SET answered_at = now() WHERE id = $1`, [request!.id]);
    await reminders.sweep(new Date('2027-02-10T08:00:00Z'));
    expect(await outbox('change_request_deadline')).toHaveLength(1);
  });

  it('reminds of the prompt-use period of paid money and of report deadlines during implementation', async () => {
    await db.dataSource.query(`UPDATE application SET state = 'in_implementation' WHERE id = $1`, [
      applicationId,
    ]);
    await db.dataSource.query(
      `INSERT INTO grant_notice (application_id, reference, amount_cents, period_start, period_end, instalments,
         report_deadlines, issued_on)
       VALUES ($1, 'NWF-TEST-ZB', 1400000, '2027-03-01', '2028-12-31', '[]',
         '[{"kind":"interim","due":"2027-09-30"},{"kind":"final","due":"2029-06-30"}]', '2027-02-20')`,
      [applicationId],
    );
    // A paid call-off needs a ledger entry; the reminder only reads the call-off, so a minimal fund suffices.
    const [fund] = (await db.dataSource.query(
      `INSERT INTO fund (district_id, kind, name)
       SELECT c.district_id, 'netzwerkfonds', 'Netzwerkfonds' FROM application a JOIN call c ON c.id = a.call_id
       WHERE a.id = $1 RETURNING id`,
      [applicationId],
    )) as { id: string }[];
    await db.dataSource.query(`INSERT INTO fund_year (fund_id, programme_year) VALUES ($1, 2027)`, [
      fund!.id,
    ]);
    const [ledger] = (await db.dataSource.query(
      `INSERT INTO ledger_entry (fund_id, fund_kind, programme_year, cash_year, kind, amount_cents, actor_id)
       VALUES ($1, 'netzwerkfonds', 2027, 2027, 'budget', 1, $2) RETURNING id`,
      [fund!.id, member.id],
    )) as { id: string }[];
    await db.dataSource.query(
      `INSERT INTO call_off (application_id, number, cash_year, amount_cents, state, paid_on, spend_by, ledger_entry_id)
       VALUES ($1, 1, 2027, 300000, 'paid', '2027-06-01', '2027-10-01', $2)`,
      [applicationId, ledger!.id],
    );
    await reminders.sweep(new Date('2027-09-18T08:00:00Z'));
    const promptUse = await outbox('prompt_use_deadline');
    expect(promptUse.map((r) => r.payload.data)).toEqual([
      expect.objectContaining({
        daysLeft: 14,
        callOff: expect.objectContaining({ number: 1, paidOn: '2027-06-01', spendBy: '2027-10-01' }),
      }),
    ]);
    const reports = await outbox('report_due');
    expect(reports.map((r) => r.payload.data)).toEqual([
      expect.objectContaining({ daysLeft: 13, report: { type: 'interim', due: '2027-09-30' } }),
    ]);
    await db.dataSource.query(
      `INSERT INTO application_report (application_id, kind, text) VALUES ($1, 'interim', 'Halbzeit')`,
      [applicationId],
    );
    // The carrier reports the money used: the 3-day reminder of its period is not sent.
    await db.dataSource.query(`UPDATE call_off SET used_on = '2027-09-20' WHERE application_id = $1`, [
      applicationId,
    ]);
    await reminders.sweep(new Date('2027-09-28T08:00:00Z'));
    expect(await outbox('report_due')).toHaveLength(1);
    await reminders.sweep(new Date('2027-09-29T08:00:00Z'));
    expect(await outbox('prompt_use_deadline')).toHaveLength(1);
  });

  it('tells the carrier and the coordinators when the proof of use is overdue, a day and a week after', async () => {
    // Continues the project above: the interim report is in, the proof of use was due on 30.06.2029.
    const coordinator = await createUser(db.dataSource, {
      displayName: 'Jana Becker',
      email: 'jana@ba.example',
    });
    const [{ district_id }] = (await db.dataSource.query(
      `SELECT c.district_id FROM application a JOIN call c ON c.id = a.call_id WHERE a.id = $1`,
      [applicationId],
    )) as [{ district_id: string }];
    await grantRole(db.dataSource, coordinator.id, 'coordinator', district_id);

    // 01.07.2029, 23:58 Berlin: not yet a full day after 30.06., 23:59.
    await reminders.sweep(new Date('2029-07-01T21:58:00Z'));
    expect(await outbox('report_overdue')).toEqual([]);
    await reminders.sweep(new Date('2029-07-01T22:00:00Z'));
    const first = await outbox('report_overdue');
    expect(first.map((r) => [r.delivery_key.split('|')[1], r.payload.data])).toEqual([
      ['aylin@traeger.example', expect.objectContaining({ audience: 'carrier', daysOverdue: 1 })],
      ['jana@ba.example', expect.objectContaining({ audience: 'coordinator', daysOverdue: 1 })],
    ]);
    expect(first[0]!.payload.data).toMatchObject({ report: { type: 'proof_of_use', due: '2029-06-30' } });
    expect(first[0]!.payload.data).not.toHaveProperty('daysLeft');

    await reminders.sweep(new Date('2029-07-08T08:00:00Z'));
    expect((await outbox('report_overdue')).map((r) => r.payload.data.daysOverdue)).toEqual([1, 1, 7, 7]);
    // Once the proof of use is in, nothing more is overdue.
    await db.dataSource.query(`UPDATE application SET state = 'final_report_submitted' WHERE id = $1`, [
      applicationId,
    ]);
    await reminders.sweep(new Date('2029-07-20T08:00:00Z'));
    expect(await outbox('report_overdue')).toHaveLength(4);
  });
});
