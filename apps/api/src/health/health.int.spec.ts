import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createDistrict,
  createTestDatabase,
  createUser,
  grantRole,
  setPassword,
  signIn,
  testConfig,
  type TestDatabase,
  testServices,
} from '@kiezfonds/testing';
import type { DataSource } from 'typeorm';
import { getQueueToken } from '@nestjs/bullmq';
import { JOBS, QUEUES } from '@kiezfonds/platform';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { createApiApp } from '../create-api-app';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';

/** An administrator of every district there is (here: one), signed in; returns the cookie. */
async function installationAdmin(db: DataSource, app: NestExpressApplication): Promise<string> {
  const district = await createDistrict(db);
  const admin = await createUser(db);
  await setPassword(db, admin.id, PASSWORD);
  await grantRole(db, admin.id, 'admin', district.id);
  return (await signIn(app.getHttpServer(), admin.email, PASSWORD)).cookie;
}

describe('health, readiness and API documentation', () => {
  let api: TestApi;
  let db: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    api = await startTestApi({ API_DOCS: 'on' });
    ({ db, app } = api);
  });

  afterAll(async () => {
    await api.close();
  });

  it('reports the process alive', async () => {
    await request(app.getHttpServer()).get('/api/health').expect(200, { status: 'ok' });
  });

  it('reports ready when PostgreSQL and the queues answer, without details for anyone but operators', async () => {
    const res = await request(app.getHttpServer()).get('/api/ready').expect(200);
    // The queues' check is named after where they live: Redis, or PostgreSQL where the run has no Redis.
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'up', [testServices().queueCheck]: 'up' } });
  });

  it('shows outbox backlog, queue depths and failed jobs to the installation’s administrators', async () => {
    await db.dataSource.query(
      `INSERT INTO outbox (topic, delivery_key, payload) VALUES ('notice', 'pending-1', '{}'), ('notice', 'pending-2', '{}')`,
    );
    const cookie = await installationAdmin(db.dataSource, app);
    const res = await request(app.getHttpServer()).get('/api/ready').set('Cookie', cookie).expect(200);
    expect(res.body.details.outbox).toEqual({ pending: 2, failed: 0 });
    expect(res.body.details.queues.mail).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    expect(res.body.details.queues.reminders).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
  });

  it('publishes the OpenAPI document and its browsable page', async () => {
    const json = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(json.body.info.title).toBe('kiezfonds API');
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/ready']));
    const page = await request(app.getHttpServer()).get('/api/docs').expect(200);
    expect(page.text).toContain('swagger');
  });
});

describe('readiness when a dependency is down', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Nothing listens on port 1: the queues' Redis is "down" for this app from the start.
    app = await createApiApp(
      testConfig({ DATABASE_URL: db.url, QUEUE_BACKEND: 'redis', REDIS_URL: 'redis://127.0.0.1:1' }),
    );
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('answers 503 and names the failing dependency', async () => {
    const anonymous = await request(app.getHttpServer()).get('/api/ready').expect(503);
    expect(anonymous.body).toEqual({ status: 'unavailable', checks: { database: 'up', redis: 'down' } });
    const cookie = await installationAdmin(db.dataSource, app);
    const res = await request(app.getHttpServer()).get('/api/ready').set('Cookie', cookie).expect(503);
    expect(res.body).toMatchObject({ status: 'unavailable', checks: { database: 'up', redis: 'down' } });
    expect(res.body.details.queues).toBeNull();
  });
});

describe('operator views in production', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApiApp(
      testConfig({
        DATABASE_URL: db.url,
        NODE_ENV: 'production',
        SESSION_SECRET: 'production-secret-for-this-test-0123456789',
        APP_URL: 'https://kiezfonds.example',
      }),
    );
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('publishes neither the API documentation nor the queue dashboard unless configured', async () => {
    await request(app.getHttpServer()).get('/api/docs-json').expect(404);
    await request(app.getHttpServer()).get('/api/docs').expect(404);
    await request(app.getHttpServer()).get('/api/admin/queues').expect(404);
    await request(app.getHttpServer()).get('/api/health').expect(200);
  });
});

describe('readiness with the queues in PostgreSQL (QUEUE_BACKEND=postgres)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let cookie: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    // No Redis anywhere: nothing listens on port 1.
    app = await createApiApp(
      testConfig({ DATABASE_URL: db.url, QUEUE_BACKEND: 'postgres', REDIS_URL: 'redis://127.0.0.1:1' }),
    );
    await app.init();
    cookie = await installationAdmin(db.dataSource, app);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('is ready without Redis and counts the jobs of the queues in the database', async () => {
    const anonymous = await request(app.getHttpServer()).get('/api/ready').expect(200);
    expect(anonymous.body).toEqual({ status: 'ok', checks: { database: 'up', queues: 'up' } });
    const res = await request(app.getHttpServer()).get('/api/ready').set('Cookie', cookie).expect(200);
    expect(res.body.details.queues.mail).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
  });

  it('shows the queues in the database on the dashboard, with a notice reduced to its kind', async () => {
    const mail = app.get<Queue>(getQueueToken(QUEUES.mail));
    const job = await mail.add(JOBS.sendNotice, {
      kind: 'password_reset',
      recipient: { userId: null, email: 'geheim@traeger.example', name: 'Gesa Geheim', locale: 'de' },
      deliveryKey: 'pg-dashboard|geheim@traeger.example',
    });
    const listed = await request(app.getHttpServer())
      .get('/api/admin/queues/api/queues?activeQueue=mail&status=waiting&page=1')
      .set('Cookie', cookie)
      .expect(200);
    const queue = (listed.body.queues as { name: string; jobs: { id: string; data: unknown }[] }[]).find(
      (q) => q.name === QUEUES.mail,
    );
    expect(queue?.jobs.map((j) => [j.id, j.data])).toEqual([[job.id, { kind: 'password_reset' }]]);
    expect(listed.text).not.toContain('geheim@traeger.example');
  });
});
