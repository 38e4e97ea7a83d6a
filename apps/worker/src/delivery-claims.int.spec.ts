import type { INestApplicationContext } from '@nestjs/common';
import { messageIdFor, type Notice, OutboxService } from '@kiezfonds/messaging';
import {
  createTestDatabase,
  createTestRedis,
  createUser,
  eventually,
  SmtpSink,
  testConfig,
  type TestDatabase,
  type TestRedis,
  type UserRow,
} from '@kiezfonds/testing';
import { DataSource, type EntitySubscriberInterface } from 'typeorm';
import { createWorker } from './create-worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MAIL_FROM = 'kiezfonds <no-reply@kiezfonds.example>';

describe('a mail is claimed before it is sent and recorded after, never sent twice by a retry', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: SmtpSink;
  let worker: INestApplicationContext;
  let outbox: OutboxService;
  let carrier: UserRow;

  const submitted = (title: string): Notice => ({
    kind: 'application_submitted',
    recipient: { userId: carrier.id, email: carrier.email, name: carrier.displayName, locale: 'de' },
    data: { application: { title, reference: 'NWF-2027-007' }, call: { title: 'Netzwerkfonds 2027' } },
    district: { name: 'Spandau', contactEmail: 'netzwerkfonds@spandau.example' },
    link: '/antraege/7',
  });
  const keyOf = (occasion: string) => `${occasion}|${carrier.email}`;
  const mailsFor = (occasion: string) => smtp.mails.filter((m) => m.deliveryKey === keyOf(occasion));
  const deliveryRow = async (occasion: string) =>
    (
      (await db.dataSource.query(
        `SELECT state, message_id AS "messageId", sent_at AS "sentAt" FROM mail_delivery WHERE delivery_key = $1`,
        [keyOf(occasion)],
      )) as { state: string; messageId: string; sentAt: Date | null }[]
    )[0];
  const queueNotice = (occasion: string) =>
    db.dataSource.transaction((tx) => outbox.addNotice(tx, occasion, submitted(occasion)));

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
        MAIL_FROM,
        OUTBOX_POLL_INTERVAL_MS: '300',
        MAIL_CLAIM_LEASE_MS: '3000',
        MAIL_RETRY_BASE_DELAY_MS: '200',
        MAIL_RETRY_MAX_DELAY_MS: '1000',
      }),
    );
    await worker.init();
    outbox = worker.get(OutboxService);
    carrier = await createUser(db.dataSource, { displayName: 'Aylin Demir', email: 'aylin@traeger.example' });
  });

  afterAll(async () => {
    smtp.resume();
    await worker.close();
    await smtp.stop();
    await redis.cleanup();
    await db.drop();
  });

  it('commits the claim before the send and holds no transaction open while SMTP works', async () => {
    smtp.hold();
    try {
      const before = smtp.receiving;
      await queueNotice('held-send');
      await eventually(() => expect(smtp.receiving).toBe(before + 1));

      // SMTP has the mail but has not answered: the claim is visible to everyone, nothing holds its
      // row, and none of the app's sessions waits in a transaction that touched the deliveries (the
      // reminder sweep's own short transactions at start, or BullMQ's, are not this send's).
      expect(await deliveryRow('held-send')).toMatchObject({ state: 'claimed', sentAt: null });
      await db.dataSource.transaction(async (tx) => {
        await tx.query(`SET LOCAL lock_timeout = '1s'`);
        await tx.query(`SELECT 1 FROM mail_delivery WHERE delivery_key = $1 FOR UPDATE`, [
          keyOf('held-send'),
        ]);
      });
      const open = (await db.dataSource.query(
        `SELECT count(DISTINCT a.pid)::int AS n
           FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
          WHERE a.datname = $1 AND a.application_name = 'kiezfonds' AND a.state LIKE 'idle in transaction%'
            AND l.relation = 'mail_delivery'::regclass`,
        [db.name],
      )) as { n: number }[];
      expect(open[0]!.n).toBe(0);
    } finally {
      smtp.resume();
    }
    await eventually(() => expect(mailsFor('held-send')).toHaveLength(1));
    await eventually(async () => expect((await deliveryRow('held-send'))!.state).toBe('sent'));
  });

  it('claims a mail only once one of the 5 SMTP connections is free for it: the lease covers the send, not the wait', async () => {
    // MAIL_CONCURRENCY (20) jobs share the 5 connections. A claim taken before the wait for one
    // ran out under a live attempt when the server was slow, and a second attempt sent the mail again.
    const occasions = Array.from({ length: 8 }, (_, i) => `slow-server-${i}`);
    smtp.hold();
    try {
      const before = smtp.receiving;
      for (const occasion of occasions) await queueNotice(occasion);
      // Five mails are with the server, which does not answer; the other three wait for a connection.
      await eventually(() => expect(smtp.receiving).toBe(before + 5));
      await sleep(500);
      const states = (await db.dataSource.query(
        `SELECT count(*)::int AS n FROM mail_delivery WHERE delivery_key = ANY($1) AND state = 'claimed'`,
        [occasions.map(keyOf)],
      )) as { n: number }[];
      expect(states[0]!.n).toBe(5);
    } finally {
      smtp.resume();
    }
    await eventually(() => expect(occasions.map((o) => mailsFor(o).length)).toEqual(occasions.map(() => 1)));
    await eventually(async () => {
      for (const occasion of occasions) expect((await deliveryRow(occasion))!.state).toBe('sent');
    });
  });

  it('derives the Message-ID from the delivery key and records it with the delivery', async () => {
    await queueNotice('message-id');
    await eventually(() => expect(mailsFor('message-id')).toHaveLength(1));
    const expected = messageIdFor(keyOf('message-id'), MAIL_FROM);
    expect(expected).toMatch(/^<[0-9a-f]{40}@kiezfonds\.example>$/);
    expect(mailsFor('message-id')[0]!.messageId).toBe(expected);
    await eventually(async () =>
      expect(await deliveryRow('message-id')).toMatchObject({ state: 'sent', messageId: expected }),
    );
    expect(messageIdFor(keyOf('message-id'), MAIL_FROM)).toBe(expected);
    expect(messageIdFor(keyOf('other'), MAIL_FROM)).not.toBe(expected);
  });

  it('records the accepted mail and the delivered notice together, in one statement', async () => {
    // Both or neither: a notice never shows delivered while its mail is not recorded as sent, nor
    // the other way round, and the record after the send is one round trip and one commit.
    const records: string[] = [];
    const subscriber: EntitySubscriberInterface = {
      beforeQuery: (event) => {
        if (/state = 'sent'|delivered_at = now\(\)/.test(event.query)) records.push(event.query);
      },
    };
    worker.get(DataSource).subscribers.push(subscriber);
    try {
      await queueNotice('one-record');
      await eventually(async () => expect((await deliveryRow('one-record'))!.state).toBe('sent'));
    } finally {
      worker.get(DataSource).subscribers.splice(worker.get(DataSource).subscribers.indexOf(subscriber), 1);
    }
    expect(records).toHaveLength(1);
    expect(records[0]).toMatch(/UPDATE mail_delivery[\s\S]*UPDATE outbox/);
    expect(
      await db.dataSource.query(`SELECT outcome FROM outbox WHERE delivery_key = $1`, [keyOf('one-record')]),
    ).toEqual([{ outcome: 'sent' }]);
  });

  it('retries the record, not the send, when the database refuses it after SMTP accepted', async () => {
    await db.dataSource.query(`
      CREATE FUNCTION refuse_sent_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.state = 'sent' THEN RAISE EXCEPTION 'the database is unavailable (test)'; END IF;
        RETURN NEW;
      END $$`);
    await db.dataSource.query(`
      CREATE TRIGGER refuse_sent_record BEFORE UPDATE ON mail_delivery
      FOR EACH ROW EXECUTE FUNCTION refuse_sent_record()`);
    try {
      await queueNotice('record-fails');
      await eventually(() => expect(mailsFor('record-fails')).toHaveLength(1));
      // Longer than the claim lease and several retry delays: still one mail, the claim not yet recorded.
      await sleep(4_000);
      expect(mailsFor('record-fails')).toHaveLength(1);
      expect((await deliveryRow('record-fails'))!.state).toBe('claimed');
    } finally {
      await db.dataSource.query(`DROP TRIGGER refuse_sent_record ON mail_delivery`);
      await db.dataSource.query(`DROP FUNCTION refuse_sent_record()`);
    }
    await eventually(async () => expect((await deliveryRow('record-fails'))!.state).toBe('sent'));
    await eventually(async () =>
      expect(
        await db.dataSource.query(`SELECT outcome FROM outbox WHERE delivery_key = $1`, [
          keyOf('record-fails'),
        ]),
      ).toEqual([{ outcome: 'sent' }]),
    );
    await sleep(1_000);
    expect(mailsFor('record-fails')).toHaveLength(1);
  });

  it('waits while another attempt holds a live claim, and takes over a claim whose worker died', async () => {
    // A claim of a worker that died between claim and record, just now: its lease still runs.
    await db.dataSource.query(
      `INSERT INTO mail_delivery (delivery_key, recipient, notice_kind, state, claimed_at, message_id)
       VALUES ($1, $2, 'application_submitted', 'claimed', now(), $3)`,
      [keyOf('orphaned-claim'), carrier.email, messageIdFor(keyOf('orphaned-claim'), MAIL_FROM)],
    );
    await queueNotice('orphaned-claim');
    await sleep(1_500);
    expect(mailsFor('orphaned-claim')).toHaveLength(0);
    // After the lease the claim is taken over: one mail, with the Message-ID the first attempt had.
    await eventually(() => expect(mailsFor('orphaned-claim')).toHaveLength(1), 10_000);
    expect(mailsFor('orphaned-claim')[0]!.messageId).toBe(messageIdFor(keyOf('orphaned-claim'), MAIL_FROM));
    await eventually(async () => expect((await deliveryRow('orphaned-claim'))!.state).toBe('sent'));
  });

  describe('the SMTP server refuses the recipient', () => {
    const outboxRow = async (key: string) =>
      (
        (await db.dataSource.query(
          `SELECT outcome, failed_at AS "failedAt", last_error AS "lastError" FROM outbox WHERE delivery_key = $1`,
          [key],
        )) as { outcome: string | null; failedAt: Date | null; lastError: string | null }[]
      )[0]!;
    const noticeTo = (user: UserRow, title: string): Notice => ({
      ...submitted(title),
      recipient: { userId: user.id, email: user.email, name: user.displayName, locale: 'de' },
    });

    it("a permanent 5xx fails the notice at once with the server's reply, without retrying it", async () => {
      const gone = await createUser(db.dataSource, {
        displayName: 'Weg Adresse',
        email: 'weg@traeger.example',
      });
      smtp.refuse(gone.email, 550, '5.1.1 mailbox unavailable');
      await db.dataSource.transaction((tx) => outbox.addNotice(tx, 'perm-550', noticeTo(gone, 'Perm')));
      const key = `perm-550|${gone.email}`;
      await eventually(async () => expect((await outboxRow(key)).failedAt).not.toBeNull());
      expect((await outboxRow(key)).lastError).toMatch(/550.*mailbox unavailable/);
      // Several retry delays later it was still tried only once; the claim is given back.
      await sleep(2_000);
      expect(smtp.recipientAttempts.get(gone.email)).toBe(1);
      expect(
        await db.dataSource.query(`SELECT state, claimed_at FROM mail_delivery WHERE delivery_key = $1`, [
          key,
        ]),
      ).toEqual([{ state: 'claimed', claimed_at: null }]);
    });

    it('a temporary 4xx is retried and delivered once the server takes it', async () => {
      const busy = await createUser(db.dataSource, { displayName: 'Voll', email: 'voll@traeger.example' });
      smtp.refuse(busy.email, 451, '4.3.0 try again later');
      await db.dataSource.transaction((tx) => outbox.addNotice(tx, 'temp-451', noticeTo(busy, 'Temp')));
      const key = `temp-451|${busy.email}`;
      await eventually(() => expect(smtp.recipientAttempts.get(busy.email) ?? 0).toBeGreaterThanOrEqual(2));
      expect((await outboxRow(key)).failedAt).toBeNull();
      smtp.accept(busy.email);
      await eventually(async () => expect((await outboxRow(key)).outcome).toBe('sent'));
      expect(smtp.mails.filter((m) => m.deliveryKey === key)).toHaveLength(1);
    });
  });
});
