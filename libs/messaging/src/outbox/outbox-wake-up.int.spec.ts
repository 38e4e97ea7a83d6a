import { createTestDatabase, eventually, type TestDatabase } from '@kiezfonds/testing';
import { Client } from 'pg';
import type { Notice } from './notice';
import { OutboxWakeUp } from './outbox-wake-up';
import { OutboxService } from './outbox.service';

const notice = (title: string): Notice => ({
  kind: 'application_submitted',
  recipient: { userId: null, email: 'mira.koch@traeger.example', name: 'Mira Koch', locale: 'de' },
  data: { application: { title, reference: 'NWF-2027-001' }, call: { title: 'Netzwerkfonds 2027' } },
  district: { name: 'Spandau', contactEmail: 'netzwerkfonds@spandau.example' },
  link: '/antraege/1',
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 18: a command that queues a notice must not NOTIFY inside its transaction, which would
 * hold PostgreSQL's notification-queue lock through its commit and make all such commands commit
 * one at a time. The relay is woken after the commit instead (ADR 0021).
 */
describe('waking the outbox relay after the commit', () => {
  let db: TestDatabase;
  let listener: Client;
  let wakeUps: number;
  const outbox = new OutboxService();

  beforeAll(async () => {
    db = await createTestDatabase();
    listener = new Client({ connectionString: db.url });
    await listener.connect();
    listener.on('notification', () => wakeUps++);
    await listener.query('LISTEN outbox');
  });

  afterAll(async () => {
    await listener?.end();
    await db?.drop();
  });

  beforeEach(() => {
    wakeUps = 0;
  });

  it('sends no NOTIFY from the transaction that writes the outbox', async () => {
    await db.dataSource.transaction((tx) => outbox.addNotice(tx, 'plain', notice('Ohne Weckruf')));
    await pause(300);
    expect(wakeUps).toBe(0);
    const [{ usage }] = await db.dataSource.query(`SELECT pg_notification_queue_usage() AS usage`);
    expect(usage).toBe(0);
  });

  describe('with the wake-up registered', () => {
    let wakeUp: OutboxWakeUp;

    beforeAll(() => {
      wakeUp = new OutboxWakeUp(db.dataSource);
      wakeUp.onModuleInit();
    });

    afterAll(async () => {
      await wakeUp.onApplicationShutdown();
    });

    it('wakes the relay once the rows are committed', async () => {
      await db.dataSource.transaction((tx) => outbox.addNotice(tx, 'committed', notice('Mit Weckruf')));
      await eventually(() => expect(wakeUps).toBeGreaterThanOrEqual(1));
    });

    it('does not wake it for a transaction that rolled back or wrote nothing new', async () => {
      await expect(
        db.dataSource.transaction(async (tx) => {
          await outbox.addNotice(tx, 'rolled-back', notice('Zurückgerollt'));
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      // Queued before under the same key: nothing new to relay.
      await db.dataSource.transaction((tx) => outbox.addNotice(tx, 'committed', notice('Mit Weckruf')));
      await db.dataSource.transaction((tx) => tx.query('SELECT 1'));
      await pause(300);
      expect(wakeUps).toBe(0);
    });

    it('sends one NOTIFY for all the commits made while one is in flight, and one after them', async () => {
      for (let i = 0; i < 10; i++) wakeUp.signal();
      await eventually(() => expect(wakeUps).toBe(2));
      await pause(300);
      expect(wakeUps).toBe(2);
    });
  });
});
