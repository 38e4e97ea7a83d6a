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
    const tokenOf = (cookie: string) => hashSecret(cookie.replace('kf_session=', ''));
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
    const hash = hashSecret(session.cookie.replace('kf_session=', ''));
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

  it('locks an account after 5 failures, even for the right password, and tells its owner', async () => {
    const target = await createUser(db.dataSource, { email: 'ziel@traeger.example' });
    await setPassword(db.dataSource, target.id, PASSWORD);
    for (let i = 0; i < 4; i++) {
      await request(server)
        .post('/api/auth/login')
        .send({ email: target.email, password: `rate-mal-${i}-xyz` })
        .expect(401);
    }
    const fifth = await request(server)
      .post('/api/auth/login')
      .send({ email: target.email, password: 'rate-mal-5-xyz' });
    expect(fifth.status).toBe(429);
    const locked = await request(server)
      .post('/api/auth/login')
      .send({ email: target.email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'account_locked' });
    expect(locked.body.message).toMatch(/in 15 Minuten erneut/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    const notices = await db.dataSource.query(
      `SELECT payload->>'kind' AS kind FROM outbox WHERE delivery_key LIKE $1`,
      [`account-locked:${target.id}:%`],
    );
    expect(notices).toEqual([{ kind: 'account_locked' }]);
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
