import type { AppConfig } from '@kiezfonds/config';
import { ReminderSweep } from '@kiezfonds/messaging';
import { dataSourceOptions } from '@kiezfonds/persistence';
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
import { DataSource, type Logger } from 'typeorm';

/**
 * The sweep is set-based (issue 18): however many reminders are due, each rule costs the same
 * statements (its SELECT and one INSERT … ON CONFLICT DO NOTHING on the delivery key), so the
 * round trips do not grow with the number of due items.
 */
describe('reminder sweep: round trips do not grow with the number of due reminders', () => {
  let db: TestDatabase;
  let counted: DataSource;
  let config: AppConfig;
  let statements = 0;

  const logger: Logger = {
    logQuery: () => {
      statements++;
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ DATABASE_URL: db.url });
    counted = await new DataSource({ ...dataSourceOptions(db.url), logging: ['query'], logger }).initialize();
  });

  afterAll(async () => {
    await counted.destroy();
    await db.drop();
  });

  it('queues N reminders with as many statements as 3, and a second sweep queues none', async () => {
    const now = new Date('2027-01-28T10:00:00.000Z');
    const district = await createDistrict(db.dataSource);
    const call = await createCall(db.dataSource, {
      districtId: district.id,
      submissionDeadline: new Date('2027-01-31T09:00:00.000Z'),
    });
    const member = await createUser(db.dataSource);
    const organisation = await createOrganisation(db.dataSource, { members: [member] });
    const drafts = async (count: number) => {
      for (let n = 0; n < count; n++) {
        await createApplication(db.dataSource, { callId: call.id, organisationId: organisation.id });
      }
    };
    const sweep = new ReminderSweep(counted, config);
    const sweepCounted = async () => {
      statements = 0;
      const { queued } = await sweep.sweep(now);
      return { queued, statements };
    };

    await drafts(3);
    const few = await sweepCounted();
    await drafts(27);
    const many = await sweepCounted();
    const again = await sweepCounted();

    expect(few.queued).toBe(3);
    expect(many.queued).toBe(27);
    expect(again.queued).toBe(0);
    expect(many.statements).toBe(few.statements);
    expect(again.statements).toBe(few.statements);
    const [{ count }] = (await db.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox WHERE delivery_key LIKE 'reminder:submission_deadline:%'`,
    )) as [{ count: number }];
    expect(count).toBe(30);
  });
});
