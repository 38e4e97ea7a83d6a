import {
  addOrganisationMember,
  createApiToken,
  createDistrict,
  createOrganisation,
  createUser,
  grantRole,
  setPassword,
  signIn,
  type TestDatabase,
} from '@kiezfonds/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';

describe('personal API tokens expire, record their use and can be revoked by the district’s admins', () => {
  let api: TestApi;
  let db: TestDatabase;
  let server: TestApi['server'];

  beforeAll(async () => {
    api = await startTestApi();
    ({ db, server } = api);
  });

  afterAll(async () => {
    await api.close();
  });

  async function person() {
    const user = await createUser(db.dataSource);
    await setPassword(db.dataSource, user.id, PASSWORD);
    return { user, session: await signIn(server, user.email, PASSWORD) };
  }

  it('lives as many days as chosen at creation, at most a year, and then answers 401', async () => {
    const { session } = await person();
    const create = (body: object) =>
      request(server)
        .post('/api/me/tokens')
        .set('Cookie', session.cookie)
        .set('X-CSRF-Token', session.csrfToken)
        .send(body);
    const created = await create({ name: 'Export', expiresInDays: 30 }).expect(201);
    const days = (Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)) / 86_400_000;
    expect(days).toBe(30);
    const standard = await create({ name: 'Standard' }).expect(201);
    expect((Date.parse(standard.body.expiresAt) - Date.parse(standard.body.createdAt)) / 86_400_000).toBe(90);
    const tooLong = await create({ name: 'Ewig', expiresInDays: 366 }).expect(400);
    expect(tooLong.body.details).toEqual([
      { field: 'expiresInDays', rule: 'max', message: 'Der Wert darf höchstens 365 sein.' },
    ]);

    await request(server).get('/api/me').set('Authorization', `Bearer ${created.body.token}`).expect(200);
    await db.dataSource.query(
      `UPDATE api_token SET created_at = now() - interval '31 days', expires_at = now() - interval '1 day' WHERE id = $1`,
      [created.body.id],
    );
    await request(server).get('/api/me').set('Authorization', `Bearer ${created.body.token}`).expect(401);
    const listed = await request(server).get('/api/me/tokens').set('Cookie', session.cookie).expect(200);
    expect(listed.body.map((t: { name: string }) => t.name)).toEqual(['Standard']);
  });

  it('records the last use to the minute, with one write for a burst of calls', async () => {
    const { user } = await person();
    const token = await createApiToken(db.dataSource, user.id);
    for (let i = 0; i < 3; i++)
      await request(server).get('/api/me').set('Authorization', `Bearer ${token.token}`).expect(200);
    const [first] = await db.dataSource.query(`SELECT last_used_at FROM api_token WHERE id = $1`, [token.id]);
    expect(first.last_used_at).toBeInstanceOf(Date);
    await db.dataSource.query(
      `UPDATE api_token SET last_used_at = now() - interval '30 seconds' WHERE id = $1`,
      [token.id],
    );
    await request(server).get('/api/me').set('Authorization', `Bearer ${token.token}`).expect(200);
    const [recent] = await db.dataSource.query(
      `SELECT now() - last_used_at > interval '29 seconds' AS untouched FROM api_token WHERE id = $1`,
      [token.id],
    );
    expect(recent.untouched).toBe(true);
    await db.dataSource.query(
      `UPDATE api_token SET last_used_at = now() - interval '2 minutes' WHERE id = $1`,
      [token.id],
    );
    await request(server).get('/api/me').set('Authorization', `Bearer ${token.token}`).expect(200);
    const [touched] = await db.dataSource.query(
      `SELECT now() - last_used_at < interval '1 minute' AS fresh FROM api_token WHERE id = $1`,
      [token.id],
    );
    expect(touched.fresh).toBe(true);
  });

  it('lets an admin list and revoke the tokens of the people in the own districts, and no others', async () => {
    const spandau = await createDistrict(db.dataSource);
    const mitte = await createDistrict(db.dataSource);
    const admin = await person();
    await grantRole(db.dataSource, admin.user.id, 'admin', spandau.id);
    const adminSession = await signIn(server, admin.user.email, PASSWORD);
    const finance = await createUser(db.dataSource, { displayName: 'Finn Anz' });
    await grantRole(db.dataSource, finance.id, 'finance', spandau.id);
    const elsewhere = await createUser(db.dataSource);
    await grantRole(db.dataSource, elsewhere.id, 'finance', mitte.id);
    const carrier = await createUser(db.dataSource);
    const organisation = await createOrganisation(db.dataSource);
    await addOrganisationMember(db.dataSource, organisation.id, carrier.id);
    const financeToken = await createApiToken(db.dataSource, finance.id, 'Buchungsexport');
    const otherToken = await createApiToken(db.dataSource, elsewhere.id, 'Mitte-Skript');
    await createApiToken(db.dataSource, carrier.id, 'Träger-Skript');

    const listed = await request(server)
      .get('/api/api-tokens')
      .set('Cookie', adminSession.cookie)
      .expect(200);
    expect(listed.body.items.map((t: { name: string }) => t.name).sort()).toEqual([
      'Buchungsexport',
      'Träger-Skript',
    ]);
    expect(listed.body.items.find((t: { name: string }) => t.name === 'Buchungsexport')).toMatchObject({
      owner: { id: finance.id, displayName: 'Finn Anz' },
      expiresAt: expect.any(String),
    });
    expect(JSON.stringify(listed.body)).not.toContain('token_hash');

    const revoke = (id: string) =>
      request(server)
        .delete(`/api/api-tokens/${id}`)
        .set('Cookie', adminSession.cookie)
        .set('X-CSRF-Token', adminSession.csrfToken);
    await revoke(otherToken.id).expect(404);
    await revoke(financeToken.id).expect(204);
    await request(server).get('/api/me').set('Authorization', `Bearer ${financeToken.token}`).expect(401);
    await request(server).get('/api/me').set('Authorization', `Bearer ${otherToken.token}`).expect(200);

    const coordinator = await person();
    await grantRole(db.dataSource, coordinator.user.id, 'coordinator', spandau.id);
    const coordinatorSession = await signIn(server, coordinator.user.email, PASSWORD);
    await request(server).get('/api/api-tokens').set('Cookie', coordinatorSession.cookie).expect(403);
  });

  it("leaves the tokens of another district's staff member who is also a carrier to that district (404)", async () => {
    const spandau = await createDistrict(db.dataSource);
    const neukoelln = await createDistrict(db.dataSource);
    const admin = await person();
    await grantRole(db.dataSource, admin.user.id, 'admin', spandau.id);
    const adminSession = await signIn(server, admin.user.email, PASSWORD);
    // Finance staff of Neukölln who is also a member of a carrier organisation: visible to
    // Spandau's admins as a carrier, but the account (and its tokens) belongs to Neukölln too.
    const both = await createUser(db.dataSource, { displayName: 'Nina Neukölln' });
    await grantRole(db.dataSource, both.id, 'finance', neukoelln.id);
    const organisation = await createOrganisation(db.dataSource);
    await addOrganisationMember(db.dataSource, organisation.id, both.id);
    const token = await createApiToken(db.dataSource, both.id, 'Neukölln-Buchungsexport');
    // A carrier who is also finance staff in Spandau stays the admin's to manage.
    const local = await createUser(db.dataSource);
    await grantRole(db.dataSource, local.id, 'finance', spandau.id);
    await addOrganisationMember(db.dataSource, organisation.id, local.id);
    const localToken = await createApiToken(db.dataSource, local.id, 'Spandau-Träger-Skript');

    const listed = await request(server)
      .get('/api/api-tokens?pageSize=100')
      .set('Cookie', adminSession.cookie)
      .expect(200);
    const names = listed.body.items.map((t: { name: string }) => t.name);
    expect(names).toContain('Spandau-Träger-Skript');
    expect(names).not.toContain('Neukölln-Buchungsexport');
    expect(listed.body.total).toBe(listed.body.items.length);

    const revoke = (id: string) =>
      request(server)
        .delete(`/api/api-tokens/${id}`)
        .set('Cookie', adminSession.cookie)
        .set('X-CSRF-Token', adminSession.csrfToken);
    const refused = await revoke(token.id).expect(404);
    expect(refused.body.code).toBe('not_found');
    await request(server).get('/api/me').set('Authorization', `Bearer ${token.token}`).expect(200);
    await revoke(localToken.id).expect(204);
  });
});
