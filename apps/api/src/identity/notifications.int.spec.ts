import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createNotification,
  createUser,
  setPassword,
  type SignedIn,
  signIn,
  type TestDatabase,
  type UserRow,
} from '@kiezfonds/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';

describe('in-app notifications', () => {
  let api: TestApi;
  let db: TestDatabase;
  let server: ReturnType<NestExpressApplication['getHttpServer']>;

  beforeAll(async () => {
    api = await startTestApi();
    ({ db, server } = api);
  });

  afterAll(async () => {
    await api.close();
  });

  async function signedInUser(): Promise<{ user: UserRow; session: SignedIn }> {
    const user = await createUser(db.dataSource);
    await setPassword(db.dataSource, user.id, PASSWORD);
    return { user, session: await signIn(server, user.email, PASSWORD) };
  }

  const list = (session: SignedIn, query = '') =>
    request(server).get(`/api/notifications${query}`).set('Cookie', session.cookie).expect(200);
  const post = (session: SignedIn, path: string) =>
    request(server).post(path).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken);

  /** Three notifications a second apart, the newest last, and one already read. */
  async function threeNotifications(userId: string) {
    const made = [];
    for (const [i, read] of [false, true, false].entries()) {
      const notification = await createNotification(db.dataSource, userId, { subject: `Hinweis ${i}`, read });
      await db.dataSource.query(
        `UPDATE notification SET created_at = now() - make_interval(secs => $2) WHERE id = $1`,
        [notification.id, 10 - i],
      );
      made.push(notification);
    }
    return made;
  }

  it('lists the own notifications newest first, with the total and the number of unread ones', async () => {
    const { user, session } = await signedInUser();
    await threeNotifications(user.id);
    const other = await createUser(db.dataSource);
    await createNotification(db.dataSource, other.id, { subject: 'Nicht Ihrer' });

    const res = await list(session);
    expect(res.body).toMatchObject({ total: 3, unread: 2 });
    expect(res.body.items.map((n: { subject: string }) => n.subject)).toEqual([
      'Hinweis 2',
      'Hinweis 1',
      'Hinweis 0',
    ]);
    expect(res.body.items[0]).toEqual({
      id: expect.any(String),
      kind: 'submission_deadline',
      subject: 'Hinweis 2',
      body: 'Text',
      link: '/antraege',
      createdAt: expect.any(String),
      readAt: null,
    });
    expect(res.body.items[1].readAt).toEqual(expect.any(String));

    const page = await list(session, '?page=2&pageSize=2');
    expect(page.body).toMatchObject({ total: 3, unread: 2 });
    expect(page.body.items.map((n: { subject: string }) => n.subject)).toEqual(['Hinweis 0']);
  });

  it('refuses a page size above 100 and a page below 1', async () => {
    const { session } = await signedInUser();
    const res = await request(server)
      .get('/api/notifications?page=0&pageSize=500')
      .set('Cookie', session.cookie)
      .expect(400);
    expect(
      res.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort(),
    ).toEqual(['page:min', 'pageSize:max']);
  });

  it('marks one notification read, and marking it again changes nothing', async () => {
    const { user, session } = await signedInUser();
    const [oldest] = await threeNotifications(user.id);
    await post(session, `/api/notifications/${oldest!.id}/read`).expect(204);
    const [{ read_at: firstRead }] = await db.dataSource.query(
      `SELECT read_at FROM notification WHERE id = $1`,
      [oldest!.id],
    );
    expect(firstRead).toBeInstanceOf(Date);
    expect((await list(session)).body.unread).toBe(1);
    await post(session, `/api/notifications/${oldest!.id}/read`).expect(204);
    const [{ read_at: again }] = await db.dataSource.query(`SELECT read_at FROM notification WHERE id = $1`, [
      oldest!.id,
    ]);
    expect(again).toEqual(firstRead);
  });

  it('marks all own notifications read and leaves those of others alone', async () => {
    const { user, session } = await signedInUser();
    await threeNotifications(user.id);
    const other = await createUser(db.dataSource);
    const foreign = await createNotification(db.dataSource, other.id);
    await post(session, '/api/notifications/read-all').expect(204);
    expect((await list(session)).body).toMatchObject({ total: 3, unread: 0 });
    const [row] = await db.dataSource.query(`SELECT read_at FROM notification WHERE id = $1`, [foreign.id]);
    expect(row.read_at).toBeNull();
  });

  it("answers 404 for another user's notification and leaves it unread", async () => {
    const { session } = await signedInUser();
    const other = await createUser(db.dataSource);
    const foreign = await createNotification(db.dataSource, other.id);
    const res = await post(session, `/api/notifications/${foreign.id}/read`).expect(404);
    expect(res.body.code).toBe('not_found');
    await post(session, '/api/notifications/00000000-0000-4000-8000-000000000000/read').expect(404);
    const [row] = await db.dataSource.query(`SELECT read_at FROM notification WHERE id = $1`, [foreign.id]);
    expect(row.read_at).toBeNull();
  });

  it('refuses an id that is not a UUID, and every route without a session', async () => {
    const { session } = await signedInUser();
    const res = await post(session, '/api/notifications/abc/read').expect(400);
    expect(res.body.details).toMatchObject([{ field: 'id', rule: 'isUuid' }]);
    await request(server).get('/api/notifications').expect(401);
    await request(server).post('/api/notifications/read-all').expect(401);
  });
});
