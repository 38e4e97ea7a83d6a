import type { INestApplicationContext } from '@nestjs/common';
import { type Notice, OutboxService } from '@kiezfonds/messaging';
import {
  createTestDatabase,
  createTestRedis,
  createUser,
  eventually,
  SmtpSink,
  TcpProxy,
  testConfig,
  type TestDatabase,
  type TestRedis,
  type UserRow,
} from '@kiezfonds/testing';
import { createWorker } from '../../apps/worker/src/create-worker';

/**
 * The outbox relay's LISTEN connection, through a proxy that cuts it or swallows its packets. The
 * relay polls only every ten minutes here, so a notice that is mailed within seconds was relayed
 * because a NOTIFY woke it, or because the relay listened again and looked at once. The statement
 * timeout is short to compress time: the client gives up a margin (5 s) after it.
 */
describe('fault: the outbox relay loses its LISTEN connection', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: SmtpSink;
  let proxy: TcpProxy;
  let worker: INestApplicationContext;
  let carrier: UserRow;

  const notice = (title: string): Notice => ({
    kind: 'application_submitted',
    recipient: { userId: carrier.id, email: carrier.email, name: carrier.displayName, locale: 'de' },
    data: { application: { title, reference: 'NWF-2027-021' }, call: { title: 'Netzwerkfonds 2027' } },
    district: { name: 'Spandau', contactEmail: 'netzwerkfonds@spandau.example' },
    link: '/antraege/21',
  });

  /** Commits a notice and sends the NOTIFY a command's commit sends, past the proxy. */
  async function commitNotice(key: string): Promise<void> {
    await db.dataSource.transaction((tx) => new OutboxService().addNotice(tx, key, notice(key)));
    await db.dataSource.query(`SELECT pg_notify('outbox', '')`);
  }

  const mailed = (key: string) =>
    smtp.mails.filter((m) => m.deliveryKey === `${key}|${carrier.email}`).length;

  /** The server processes of connections that LISTEN for outbox rows. */
  const listeners = async () =>
    (
      (await db.dataSource.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN outbox'`,
      )) as { pid: number }[]
    ).map((row) => row.pid);

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    smtp = await SmtpSink.start();
    proxy = await TcpProxy.start(db.url);
    worker = await createWorker(
      testConfig({
        DATABASE_URL: proxy.urlFor(db.url),
        REDIS_URL: redis.url,
        QUEUE_PREFIX: redis.prefix,
        SMTP_URL: smtp.url,
        OUTBOX_POLL_INTERVAL_MS: '600000',
        WORKER_DATABASE_STATEMENT_TIMEOUT_MS: '1000',
        DATABASE_CONNECTION_TIMEOUT_MS: '2000',
      }),
    );
    await worker.init();
    carrier = await createUser(db.dataSource, { displayName: 'Aylin Demir', email: 'aylin@traeger.example' });
  });

  afterAll(async () => {
    proxy.pass();
    await worker.close().catch(() => undefined);
    await proxy.stop();
    await smtp.stop();
    await redis.cleanup();
    await db.drop();
  });

  it('listens again after the connection was cut and relays what was committed meanwhile', async () => {
    await commitNotice('listening');
    await eventually(() => expect(mailed('listening')).toBe(1), 10_000);

    proxy.cut();
    await commitNotice('while-cut');
    // The relay tries to listen again while PostgreSQL is still out of reach, and keeps trying.
    const refused = proxy.refused;
    await eventually(() => expect(proxy.refused).toBeGreaterThan(refused + 1), 15_000);
    proxy.pass();
    await eventually(() => expect(mailed('while-cut')).toBe(1), 15_000);
    await commitNotice('after-cut');
    await eventually(() => expect(mailed('after-cut')).toBe(1), 10_000);
  }, 60_000);

  it('drops a LISTEN connection whose packets are swallowed, listens again once they pass, and relays', async () => {
    await eventually(async () => expect(await listeners()).toHaveLength(1), 15_000);
    const [blackHoled] = await listeners();
    proxy.blackHole();
    await commitNotice('black-holed');
    try {
      // No reset ever arrives: only the read timeout on the relay's check of the connection ends it.
      await eventually(async () => expect(await listeners()).not.toContain(blackHoled), 30_000);
    } finally {
      proxy.pass();
    }
    await eventually(() => expect(mailed('black-holed')).toBe(1), 20_000);
    expect(await listeners()).toHaveLength(1);
  }, 90_000);
});
