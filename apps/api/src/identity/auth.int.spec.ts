import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createApiToken,
  createUser,
  setPassword,
  signIn,
  type TestDatabase,
  type UserRow,
} from '@kiezfonds/testing';
import request from 'supertest';
import { hashSecret } from '@kiezfonds/identity';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';

describe('signing in, sessions and CSRF', () => {
  let api: TestApi;
  let db: TestDatabase;
  let user: UserRow;
  let server: ReturnType<NestExpressApplication['getHttpServer']>;

  beforeAll(async () => {
    api = await startTestApi();
    ({ db, server } = api);
    user = await createUser(db.dataSource, {
      email: 'Lena.Hartmann@Bezirksamt.example',
      displayName: 'Lena Hartmann',
    });
    await setPassword(db.dataSource, user.id, PASSWORD);
  });

  afterAll(async () => {
    await api.close();
  });

  it('signs in with the e-mail in any case and sets an HTTP-only, SameSite session cookie', async () => {
    const res = await request(server)
      .post('/api/auth/login')
      .send({ email: 'lena.hartmann@bezirksamt.example', password: PASSWORD })
      .expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join(';');
    expect(cookie).toMatch(/kf_session=[\w-]{40,}/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(res.body).toMatchObject({
      id: user.id,
      displayName: 'Lena Hartmann',
      roles: [],
      organisations: [],
    });
    expect(res.body.csrfToken).toEqual(expect.any(String));
  });

  it('answers a wrong password and an unknown address alike, and records the failure', async () => {
    const wrong = await request(server)
      .post('/api/auth/login')
      .send({ email: user.email, password: 'falsch-falsch-1' });
    const unknown = await request(server)
      .post('/api/auth/login')
      .send({ email: 'niemand@example.org', password: 'falsch-falsch-1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'invalid_credentials' });
    expect({ ...wrong.body, requestId: null }).toEqual({ ...unknown.body, requestId: null });
    const [audit] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'login_failed' AND entity_id = $1`,
      [user.id],
    );
    expect(audit.n).toBe(1);
  });

  it('knows the signed-in user at /api/me and nobody without a session', async () => {
    const session = await signIn(server, user.email, PASSWORD);
    const me = await request(server).get('/api/me').set('Cookie', session.cookie).expect(200);
    expect(me.body).toMatchObject({ id: user.id, email: user.email, csrfToken: session.csrfToken });
    const anonymous = await request(server).get('/api/me').expect(401);
    expect(anonymous.body).toMatchObject({ code: 'unauthenticated', message: 'Bitte melden Sie sich an.' });
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const session = await signIn(server, user.email, PASSWORD);
    const res = await request(server).post('/api/auth/logout').set('Cookie', session.cookie).expect(403);
    expect(res.body.code).toBe('csrf_failed');
    await request(server)
      .post('/api/auth/logout')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', 'guessed')
      .expect(403);
    await request(server).get('/api/me').set('Cookie', session.cookie).expect(200);
  });

  it('ends the session on logout', async () => {
    const session = await signIn(server, user.email, PASSWORD);
    await request(server)
      .post('/api/auth/logout')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrfToken)
      .expect(204);
    await request(server).get('/api/me').set('Cookie', session.cookie).expect(401);
  });

  it('ends every session and every API token of the user on "log out everywhere"', async () => {
    const laptop = await signIn(server, user.email, PASSWORD);
    const phone = await signIn(server, user.email, PASSWORD);
    const script = await createApiToken(db.dataSource, user.id);
    await request(server).get('/api/me').set('Authorization', `Bearer ${script.token}`).expect(200);
    await request(server)
      .post('/api/auth/logout-everywhere')
      .set('Cookie', phone.cookie)
      .set('X-CSRF-Token', phone.csrfToken)
      .expect(204);
    await request(server).get('/api/me').set('Cookie', laptop.cookie).expect(401);
    await request(server).get('/api/me').set('Cookie', phone.cookie).expect(401);
    await request(server).get('/api/me').set('Authorization', `Bearer ${script.token}`).expect(401);
  });

  it('times a session out after idle time and after its absolute lifetime', async () => {
    const idle = await signIn(server, user.email, PASSWORD);
    const old = await signIn(server, user.email, PASSWORD);
    const tokenOf = (cookie: string) => hashSecret(/kf_session=([^;]+)/.exec(cookie)![1]!);
    await db.dataSource.query(
      `UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = $1`,
      [tokenOf(idle.cookie)],
    );
    await db.dataSource.query(
      `UPDATE user_session SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [tokenOf(old.cookie)],
    );
    await request(server).get('/api/me').set('Cookie', idle.cookie).expect(401);
    await request(server).get('/api/me').set('Cookie', old.cookie).expect(401);
  });

  it('does not let background polling keep an idle session alive', async () => {
    const session = await signIn(server, user.email, PASSWORD);
    const hash = hashSecret(/kf_session=([^;]+)/.exec(session.cookie)![1]!);
    await db.dataSource.query(
      `UPDATE user_session SET last_seen_at = now() - interval '20 minutes' WHERE token_hash = $1`,
      [hash],
    );
    await request(server)
      .get('/api/me')
      .set('Cookie', session.cookie)
      .set('X-Kiezfonds-Background', '1')
      .expect(200);
    const [row] = await db.dataSource.query(
      `SELECT now() - last_seen_at > interval '19 minutes' AS idle FROM user_session WHERE token_hash = $1`,
      [hash],
    );
    expect(row.idle).toBe(true);
    await request(server).get('/api/me').set('Cookie', session.cookie).expect(200);
    const [touched] = await db.dataSource.query(
      `SELECT now() - last_seen_at < interval '1 minute' AS fresh FROM user_session WHERE token_hash = $1`,
      [hash],
    );
    expect(touched.fresh).toBe(true);
  });

  it('ends the sessions of a disabled account at once', async () => {
    const other = await createUser(db.dataSource);
    await setPassword(db.dataSource, other.id, PASSWORD);
    const session = await signIn(server, other.email, PASSWORD);
    await db.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [other.id]);
    await request(server).get('/api/me').set('Cookie', session.cookie).expect(401);
    await request(server)
      .post('/api/auth/login')
      .send({ email: other.email, password: PASSWORD })
      .expect(401);
  });

  it('slows the client that guesses, while the right password from another client gets in', async () => {
    const target = await createUser(db.dataSource, { email: 'ziel@traeger.example' });
    await setPassword(db.dataSource, target.id, PASSWORD);
    const attacker = (body: object) =>
      request(server).post('/api/auth/login').set('X-Forwarded-For', '198.51.100.66').send(body);
    for (let i = 0; i < 5; i++) {
      await attacker({ email: target.email, password: `rate-mal-${i}-xyz` }).expect(401);
    }
    // The guesser's client must now wait (the fifth failure asked for 2 s), even with the right password.
    const slowed = await attacker({ email: target.email, password: PASSWORD }).expect(429);
    expect(slowed.body).toMatchObject({ code: 'login_throttled' });
    expect(slowed.body.message).toMatch(/von diesem Gerät\. Bitte warten Sie \d+ Sekunden/);
    expect(['1', '2']).toContain(slowed.headers['retry-after']);

    // The owner, at another address, signs in at once.
    const owner = await request(server)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.10')
      .send({ email: target.email, password: PASSWORD })
      .expect(200);
    expect(owner.body.id).toBe(target.id);
  });

  it('lets a known device in while unknown clients are slowed after failures from many addresses', async () => {
    const target = await createUser(db.dataSource, { email: 'begehrt@traeger.example' });
    await setPassword(db.dataSource, target.id, PASSWORD);
    const from = (ip: string) => request(server).post('/api/auth/login').set('X-Forwarded-For', ip);
    // The owner's browser signed in before and holds the account's device cookie.
    const first = await from('203.0.113.20').send({ email: target.email, password: PASSWORD }).expect(200);
    const deviceCookie = ([] as string[])
      .concat(first.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('kf_device='))!
      .split(';')[0]!;

    // Eleven guesses, each from another address: no single client is slowed, the account is.
    for (let i = 0; i < 11; i++) {
      await from(`198.51.100.${i + 1}`)
        .send({ email: target.email, password: `falsch-${i}-xyz` })
        .expect(401);
    }
    const unknown = await from('192.0.2.77').send({ email: target.email, password: PASSWORD }).expect(429);
    expect(unknown.body.code).toBe('login_throttled_account');
    expect(unknown.body.message).toMatch(
      /an einem Gerät, an dem Sie sich schon angemeldet haben, geht es sofort/,
    );

    // The known device gets in at once, even from an address the guesses came from.
    await from('198.51.100.1')
      .set('Cookie', deviceCookie)
      .send({ email: target.email, password: PASSWORD })
      .expect(200);
    const notices = await db.dataSource.query(
      `SELECT payload->>'kind' AS kind FROM outbox WHERE delivery_key LIKE $1`,
      [`account-locked:${target.id}:%`],
    );
    expect(notices).toEqual([{ kind: 'account_locked' }]);
  });

  it('does not let one address lock out colleagues behind the same office NAT who signed in before', async () => {
    const colleague = await createUser(db.dataSource);
    await setPassword(db.dataSource, colleague.id, PASSWORD);
    const office = '203.0.113.99';
    const login = await request(server)
      .post('/api/auth/login')
      .set('X-Forwarded-For', office)
      .send({ email: colleague.email, password: PASSWORD })
      .expect(200);
    const device = ([] as string[])
      .concat(login.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('kf_device='))!;
    // Someone in the office sprays 31 guesses over 31 made-up accounts.
    for (let i = 0; i < 31; i++) {
      await request(server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', office)
        .send({ email: `gibt-es-nicht-${i}@traeger.example`, password: 'sommer-2026-kiez' })
        .expect(401);
    }
    const stranger = await request(server)
      .post('/api/auth/login')
      .set('X-Forwarded-For', office)
      .send({ email: 'noch-jemand@traeger.example', password: 'sommer-2026-kiez' })
      .expect(429);
    expect(stranger.body.code).toBe('login_throttled_network');
    await request(server)
      .post('/api/auth/login')
      .set('X-Forwarded-For', office)
      .set('Cookie', device.split(';')[0]!)
      .send({ email: colleague.email, password: PASSWORD })
      .expect(200);
  });

  it('accepts a personal API token in place of a session, without CSRF, and records its use', async () => {
    const token = 'kf_pat_test-token-0123456789abcdefghijklmnop';
    await db.dataSource.query(
      `INSERT INTO api_token (user_id, name, token_hash, prefix) VALUES ($1, 'Skript', $2, 'kf_pat_t')`,
      [user.id, hashSecret(token)],
    );
    const me = await request(server).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ id: user.id, csrfToken: null });
    const [row] = await db.dataSource.query(`SELECT last_used_at FROM api_token WHERE token_hash = $1`, [
      hashSecret(token),
    ]);
    expect(row.last_used_at).toBeInstanceOf(Date);
    await request(server).get('/api/me').set('Authorization', 'Bearer not-a-token').expect(401);
  });
});
