import {
  addOrganisationMember,
  createApiToken,
  createDistrict,
  createOrganisation,
  createUser,
  grantRole,
  setPassword,
  signIn,
  type SignedIn,
  type UserRow,
} from '@kiezfonds/testing';
import request from 'supertest';
import { DataSource, type EntitySubscriberInterface } from 'typeorm';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';

/**
 * Every request resolves its caller; at 16 clients the four queries it took were a fifth of a
 * SUBMIT's round trips. One query, whatever the caller holds, for cookies and API tokens alike,
 * including the minute-wise touch of the idle clock.
 */
describe('resolving the caller of a request takes one query', () => {
  let api: TestApi;
  let user: UserRow;
  let session: SignedIn;
  const seen: string[] = [];
  let counting = false;

  /** The queries the API's own pool runs while `work` is in flight. */
  async function queriesDuring(work: () => Promise<unknown>): Promise<string[]> {
    seen.length = 0;
    counting = true;
    try {
      await work();
    } finally {
      counting = false;
    }
    return [...seen];
  }

  beforeAll(async () => {
    api = await startTestApi();
    const db = api.db.dataSource;
    const spandau = await createDistrict(db, { slug: 'spandau', name: 'Spandau' });
    const neukoelln = await createDistrict(db, { slug: 'neukoelln', name: 'Neukölln' });
    user = await createUser(db);
    await grantRole(db, user.id, 'coordinator', spandau.id);
    await grantRole(db, user.id, 'finance', neukoelln.id);
    const organisation = await createOrganisation(db);
    await addOrganisationMember(db, organisation.id, user.id);
    await setPassword(db, user.id, PASSWORD);
    session = await signIn(api.server, user.email, PASSWORD);
    const subscriber: EntitySubscriberInterface = {
      beforeQuery: (event) => {
        if (counting) seen.push(event.query);
      },
    };
    api.app.get(DataSource).subscribers.push(subscriber);
  });

  afterAll(async () => {
    await api.close();
  });

  it('a signed-in request: one query, and the answer holds every role and organisation', async () => {
    let body: Record<string, unknown> = {};
    const queries = await queriesDuring(async () => {
      body = (await request(api.server).get('/api/me').set('Cookie', session.cookie).expect(200)).body;
    });
    expect(queries).toHaveLength(1);
    expect(body).toMatchObject({
      id: user.id,
      email: user.email,
      csrfToken: session.csrfToken,
      roles: [
        { role: 'coordinator', districtName: 'Spandau' },
        { role: 'finance', districtName: 'Neukölln' },
      ],
      organisations: [expect.objectContaining({ isAdmin: false, name: expect.any(String) })],
    });
  });

  it('still one query when the idle clock is touched, and the touch is made', async () => {
    const db = api.db.dataSource;
    await db.query(`UPDATE user_session SET last_seen_at = now() - interval '5 minutes' WHERE user_id = $1`, [
      user.id,
    ]);
    const queries = await queriesDuring(() =>
      request(api.server).get('/api/me').set('Cookie', session.cookie).expect(200),
    );
    expect(queries).toHaveLength(1);
    const [row] = (await db.query(
      `SELECT bool_and(last_seen_at > now() - interval '1 minute') AS fresh FROM user_session WHERE user_id = $1`,
      [user.id],
    )) as { fresh: boolean }[];
    expect(row!.fresh).toBe(true);
  });

  it('a background poll does not keep the session alive', async () => {
    const db = api.db.dataSource;
    await db.query(`UPDATE user_session SET last_seen_at = now() - interval '5 minutes' WHERE user_id = $1`, [
      user.id,
    ]);
    await request(api.server)
      .get('/api/me')
      .set('Cookie', session.cookie)
      .set('X-Kiezfonds-Background', '1')
      .expect(200);
    const [row] = (await db.query(
      `SELECT bool_and(last_seen_at < now() - interval '4 minutes') AS idle FROM user_session WHERE user_id = $1`,
      [user.id],
    )) as { idle: boolean }[];
    expect(row!.idle).toBe(true);
  });

  it('an API token: one query, with the same permissions', async () => {
    const token = await createApiToken(api.db.dataSource, user.id);
    let body: Record<string, unknown> = {};
    const queries = await queriesDuring(async () => {
      body = (
        await request(api.server).get('/api/me').set('Authorization', `Bearer ${token.token}`).expect(200)
      ).body;
    });
    expect(queries).toHaveLength(1);
    expect((body.roles as unknown[]).length).toBe(2);
    expect((body.organisations as unknown[]).length).toBe(1);
  });

  it('an unknown, revoked or disabled caller is refused after one query', async () => {
    const queries = await queriesDuring(() =>
      request(api.server).get('/api/me').set('Cookie', 'kf_session=unbekannt').expect(401),
    );
    expect(queries.length).toBeLessThanOrEqual(1);
    await api.db.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [user.id]);
    await request(api.server).get('/api/me').set('Cookie', session.cookie).expect(401);
  });
});
