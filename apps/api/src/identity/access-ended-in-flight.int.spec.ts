import { createUser, setPassword } from '@kiezfonds/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const OLD = 'alte-sichere-passphrase-17';

/**
 * Ending every access to an account (a password reset, logout everywhere) while a sign-in or a new
 * API token is under way: TRUST.md says whoever held access before holds none after. The test holds
 * the reset's own statements open in a transaction of its own, lets the request reach the point
 * where it would make its session or token, and then commits the reset: nothing made may survive.
 */
describe('access that ends while a sign-in or a new token is in flight', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  /** The reset's writes, held open until `commit` is called. */
  async function heldReset(userId: string) {
    const runner = api.db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`UPDATE app_user SET password_hash = 'reset-' || password_hash WHERE id = $1`, [
      userId,
    ]);
    await runner.query(
      `UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
    await runner.query(`UPDATE api_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
    ]);
    return {
      async commit() {
        await runner.commitTransaction();
        await runner.release();
      },
    };
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

  it('a sign-in with the old password that checked it just before the reset gets no session', async () => {
    const user = await createUser(api.db.dataSource);
    await setPassword(api.db.dataSource, user.id, OLD);
    const reset = await heldReset(user.id);
    // The sign-in reads the committed (old) hash, which matches, and then reaches its session.
    const login = request(api.server)
      .post('/api/auth/login')
      .send({ email: user.email, password: OLD })
      .then();
    await settle();
    await reset.commit();
    const answer = await login;
    expect(answer.status).toBe(401);
    const open = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM user_session WHERE user_id = $1 AND revoked_at IS NULL`,
      [user.id],
    )) as { n: number }[];
    expect(open[0]!.n).toBe(0);
  });

  it('a token asked for by a session that the reset ends is not made', async () => {
    const user = await createUser(api.db.dataSource);
    await setPassword(api.db.dataSource, user.id, OLD);
    const signedIn = await request(api.server)
      .post('/api/auth/login')
      .send({ email: user.email, password: OLD })
      .expect(200);
    const cookie = (signedIn.headers['set-cookie'] as unknown as string[])
      .map((c) => c.split(';')[0])
      .join('; ');
    const reset = await heldReset(user.id);
    const mint = request(api.server)
      .post('/api/me/tokens')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', signedIn.body.csrfToken as string)
      .send({ name: 'Auswertung' })
      .then();
    await settle();
    await reset.commit();
    const answer = await mint;
    expect(answer.status).toBe(401);
    const open = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM api_token WHERE user_id = $1 AND revoked_at IS NULL`,
      [user.id],
    )) as { n: number }[];
    expect(open[0]!.n).toBe(0);
  });
});
