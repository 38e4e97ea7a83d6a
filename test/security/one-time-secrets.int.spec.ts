import { PassThrough } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createApiToken,
  createDistrict,
  createTestDatabase,
  createTestRedis,
  createUser,
  grantRole,
  registrationRequest,
  setPassword,
  signIn,
  SmtpSink,
  testConfig,
  type TestDatabase,
  type TestRedis,
  testServices,
} from '@kiezfonds/testing';
import { POSTGRES_QUEUE_SCHEMA } from '@kiezfonds/platform';
import { Redis } from 'ioredis';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createWorker } from '../../apps/worker/src/create-worker';

const PASSWORD = 'lange-sichere-passphrase-42';
const NEW_PASSWORD = 'neue-passphrase-fuer-den-kiez';

/** Every value stored under the test's Redis prefix, whatever the key's type. */
async function redisDump(url: string, prefix: string): Promise<string> {
  const redis = new Redis(url);
  const parts: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string'
            ? await redis.get(key)
            : type === 'hash'
              ? await redis.hgetall(key)
              : type === 'list'
                ? await redis.lrange(key, 0, -1)
                : type === 'set'
                  ? await redis.smembers(key)
                  : type === 'zset'
                    ? await redis.zrange(key, 0, -1)
                    : type === 'stream'
                      ? await redis.xrange(key, '-', '+')
                      : null;
        parts.push(key, JSON.stringify(value));
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return parts.join('\n');
}

/** Every row of every table of a schema, as JSON text: the secret must be in none of them. */
async function databaseDump(db: TestDatabase, schema = 'public'): Promise<string> {
  const tables = (await db.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
    [schema],
  )) as { table_name: string }[];
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = (await db.dataSource.query(
      `SELECT row_to_json(t)::text AS row FROM "${schema}"."${table_name}" t`,
    )) as {
      row: string;
    }[];
    parts.push(...rows.map((r) => `${table_name}: ${r.row}`));
  }
  return parts.join('\n');
}

function tokenIn(text: string, page: string): string {
  const match = new RegExp(`${page}\\?token=([\\w-]+)`).exec(text);
  if (!match) throw new Error(`no ${page} link in the mail:\n${text}`);
  return match[1]!;
}

describe('one-time secrets exist only in the mail that carries them', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: SmtpSink;
  let app: NestExpressApplication;
  let worker: INestApplicationContext;
  const logs: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    smtp = await SmtpSink.start();
    const config = testConfig({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      SMTP_URL: smtp.url,
      OUTBOX_POLL_INTERVAL_MS: '500',
      LOG_LEVEL: 'debug',
    });
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    app = await createApiApp(config, { logStream });
    await app.init();
    worker = await createWorker(config, { logStream });
    await worker.init();
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await smtp?.stop();
    await redis?.cleanup();
    await db?.drop();
  });

  it('keeps reset and invitation links and API tokens out of Redis, every table and the logs; the mailed links work', async () => {
    const server = app.getHttpServer();
    const district = await createDistrict(db.dataSource);
    const coordinator = await createUser(db.dataSource);
    await setPassword(db.dataSource, coordinator.id, PASSWORD);
    await grantRole(db.dataSource, coordinator.id, 'coordinator', district.id);
    const forgetful = await createUser(db.dataSource, { email: 'vergesslich@traeger.example' });
    await setPassword(db.dataSource, forgetful.id, PASSWORD);
    const scriptToken = await createApiToken(db.dataSource, forgetful.id);

    const staff = await signIn(server, coordinator.email, PASSWORD);
    await request(server)
      .post('/api/invitations')
      .set('Cookie', staff.cookie)
      .set('X-CSRF-Token', staff.csrfToken)
      .send({
        email: 'neu.im.team@ba.example',
        displayName: 'Neu im Team',
        language: 'de',
        role: 'finance',
        districtId: district.id,
      })
      .expect(201);
    await request(server).post('/api/auth/password-reset').send({ email: forgetful.email }).expect(202);

    const mails = await smtp.waitForMails(2, 30_000);
    const invitationMail = mails.find((m) => m.to.includes('neu.im.team@ba.example'))!;
    const resetMail = mails.find((m) => m.to.includes(forgetful.email))!;
    const invitationToken = tokenIn(invitationMail.text, '/einladung');
    const resetToken = tokenIn(resetMail.text, '/passwort-zuruecksetzen');
    expect(resetMail.html).toContain(resetToken);

    // The links work: the invitation page can be read (its secret in the URL), the reset succeeds.
    const invitation = await request(server).get(`/api/invitations/${invitationToken}`).expect(200);
    expect(invitation.body).toMatchObject({ email: 'neu.im.team@ba.example', role: 'finance' });
    await request(server)
      .get(`/einladung?token=${invitationToken}`)
      .set('Referer', `http://x/einladung?token=${invitationToken}`);
    await request(server).get('/api/me').set('Authorization', `Bearer ${scriptToken.token}`).expect(200);
    // A script that sends its token the OAuth way, in the query, is refused, and not logged either.
    await request(server).get(`/api/me?access_token=${scriptToken.token}`).expect(401);
    await request(server)
      .post('/api/auth/password-reset/confirm')
      .send({ token: resetToken, password: NEW_PASSWORD })
      .expect(204);
    await signIn(server, forgetful.email, NEW_PASSWORD);

    // The in-app notice of the reset says a link was mailed, and carries none.
    const notices = (await db.dataSource.query(
      `SELECT kind, link, body FROM notification WHERE user_id = $1`,
      [forgetful.id],
    )) as { kind: string; link: string | null; body: string }[];
    expect(notices).toEqual([
      { kind: 'password_reset', link: null, body: expect.stringContaining('per E-Mail') },
    ]);

    const places = {
      // The jobs of the queues: in Redis, or in their schema of the database (ADR 0015).
      queues:
        testServices().queueBackend === 'redis'
          ? await redisDump(redis.url, redis.prefix)
          : await databaseDump(db, POSTGRES_QUEUE_SCHEMA),
      database: await databaseDump(db),
      logs: logs.join(''),
    };
    // The search is meaningful: the places hold the notices and the requests themselves.
    expect(places.queues).toContain('password_reset');
    expect(places.database).toContain('neu.im.team@ba.example');
    expect(places.logs).toContain('/api/invitations/');
    // The notices were logged, by their delivery key, but not with the recipients' addresses.
    expect(places.logs).toContain('"deliveryKey":"password-reset:');
    for (const address of [forgetful.email, 'neu.im.team@ba.example'])
      expect(places.logs).not.toContain(address);
    for (const [place, text] of Object.entries(places)) {
      for (const token of [invitationToken, resetToken, scriptToken.token]) {
        expect({ place, found: text.includes(token) }).toEqual({ place, found: false });
      }
    }
  });

  it('ends an API token made before a password reset', async () => {
    const server = app.getHttpServer();
    const user = await createUser(db.dataSource);
    await setPassword(db.dataSource, user.id, PASSWORD);
    const before = await createApiToken(db.dataSource, user.id);
    await request(server).get('/api/me').set('Authorization', `Bearer ${before.token}`).expect(200);

    const waited = smtp.mails.length;
    await request(server).post('/api/auth/password-reset').send({ email: user.email }).expect(202);
    const [mail] = (await smtp.waitForMails(waited + 1, 30_000)).filter((m) => m.to.includes(user.email));
    await request(server)
      .post('/api/auth/password-reset/confirm')
      .send({ token: tokenIn(mail!.text, '/passwort-zuruecksetzen'), password: NEW_PASSWORD })
      .expect(204);

    await request(server).get('/api/me').set('Authorization', `Bearer ${before.token}`).expect(401);
    const [audit] = await db.dataSource.query(
      `SELECT payload FROM audit_event WHERE action = 'password_reset' AND entity_id = $1`,
      [user.id],
    );
    expect(audit.payload).toMatchObject({ tokensRevoked: 1 });
  });

  it("mails none of a stranger's words to the address the stranger registered with (TRUST.md)", async () => {
    const server = app.getHttpServer();
    const words = 'Gewinn abholen bei boese.example';
    const body = registrationRequest({
      email: 'opfer@nachbarschaft.example',
      organisationName: `${words} e. V.`,
      password: PASSWORD,
    });
    const waited = smtp.mails.length;
    await request(server)
      .post('/api/registrations')
      .send({ ...body, user: { ...body.user, displayName: words } })
      .expect(202);
    const [mail] = (await smtp.waitForMails(waited + 1, 30_000)).filter((m) =>
      m.to.includes('opfer@nachbarschaft.example'),
    );
    for (const part of [mail!.subject, mail!.text, mail!.html ?? '', ...mail!.to]) {
      expect(part).not.toContain('boese.example');
      expect(part).not.toContain('Gewinn');
    }
    expect(mail!.text).toContain('Guten Tag,');
    expect(mail!.text).toContain('eine Organisation registriert');
  });
});
