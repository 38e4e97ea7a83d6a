import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createDistrict,
  createTestDatabase,
  createTestRedis,
  createUser,
  eventually,
  grantRole,
  setPassword,
  signIn,
  TcpProxy,
  testConfig,
  type TestDatabase,
  type TestRedis,
  testServices,
} from '@kiezfonds/testing';
import request from 'supertest';
import { createApiApp } from '../create-api-app';

const PASSWORD = 'lange-sichere-passphrase-42';

describe('while PostgreSQL is unreachable the API answers 503 with a code and Retry-After, never 500', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let proxy: TcpProxy;
  let app: NestExpressApplication;
  let email: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    proxy = await TcpProxy.start(db.url);
    app = await createApiApp(
      testConfig({ DATABASE_URL: proxy.urlFor(db.url), REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix }),
    );
    await app.init();
    const district = await createDistrict(db.dataSource);
    const user = await createUser(db.dataSource);
    await setPassword(db.dataSource, user.id, PASSWORD);
    await grantRole(db.dataSource, user.id, 'coordinator', district.id);
    email = user.email;
  });

  afterAll(async () => {
    proxy.pass();
    await app.close();
    await proxy.stop();
    await redis.cleanup();
    await db.drop();
  });

  it('answers sign-in, a signed-in read and readiness with 503 during the cut, and 200 after', async () => {
    const session = await signIn(app.getHttpServer(), email, PASSWORD);
    proxy.cut();

    const login = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email, password: PASSWORD })
      .expect(503);
    expect(login.body).toMatchObject({
      code: 'database_unavailable',
      message: expect.stringContaining('Datenbank'),
      details: [],
    });
    expect(login.headers['retry-after']).toBe('5');
    const me = await request(app.getHttpServer())
      .get('/api/me')
      .set('Cookie', session.cookie)
      .set('Accept-Language', 'en')
      .expect(503);
    expect(me.body).toMatchObject({
      code: 'database_unavailable',
      message: expect.stringContaining('database'),
    });
    expect(me.headers['retry-after']).toBe('5');
    const ready = await request(app.getHttpServer()).get('/api/ready').expect(503);
    // Queues in PostgreSQL (a run without Redis) live in this very database and are down with it.
    const { queueBackend, queueCheck } = testServices();
    expect(ready.body).toEqual({
      status: 'unavailable',
      checks: { database: 'down', [queueCheck]: queueBackend === 'redis' ? 'up' : 'down' },
    });

    proxy.pass();
    // The pool reconnects by itself: no restart.
    await eventually(() => request(app.getHttpServer()).get('/api/ready').expect(200), 10_000);
    await request(app.getHttpServer()).get('/api/me').set('Cookie', session.cookie).expect(200);
    await signIn(app.getHttpServer(), email, PASSWORD);
  });
});
