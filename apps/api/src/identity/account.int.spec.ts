import type { NestExpressApplication } from '@nestjs/platform-express';
import { REMINDER_KINDS } from '@kiezfonds/domain';
import {
  addOrganisationMember,
  createDistrict,
  createNotification,
  createOrganisation,
  createUser,
  grantRole,
  setPassword,
  type SignedIn,
  signIn,
  type TestDatabase,
  type UserRow,
} from '@kiezfonds/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';

describe('own account: profile, notification settings, API tokens and data export', () => {
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

  async function signedInUser(overrides: Partial<Omit<UserRow, 'id'>> = {}) {
    const user = await createUser(db.dataSource, overrides);
    await setPassword(db.dataSource, user.id, PASSWORD);
    const session = await signIn(server, user.email, PASSWORD);
    return { user, session };
  }

  const write = (session: SignedIn, method: 'post' | 'put' | 'patch' | 'delete', path: string) =>
    request(server)[method](path).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken);

  it('changes the own display name and language, answers the updated Me and records which fields changed', async () => {
    const { user, session } = await signedInUser({ displayName: 'Lena Hartmann' });
    const res = await write(session, 'patch', '/api/me')
      .send({ displayName: '  Lena Hartmann-Öztürk ', language: 'en' })
      .expect(200);
    expect(res.body).toMatchObject({
      id: user.id,
      displayName: 'Lena Hartmann-Öztürk',
      language: 'en',
      csrfToken: session.csrfToken,
    });
    const me = await request(server).get('/api/me').set('Cookie', session.cookie).expect(200);
    expect(me.body).toMatchObject({ displayName: 'Lena Hartmann-Öztürk', language: 'en' });
    const audit = await db.dataSource.query(
      `SELECT payload FROM audit_event WHERE action = 'profile_updated' AND entity_id = $1`,
      [user.id],
    );
    expect(audit).toEqual([{ payload: { fields: ['displayName', 'language'] } }]);
  });

  it('refuses an empty display name, an unknown language and the e-mail address as profile fields', async () => {
    const { session } = await signedInUser();
    const res = await write(session, 'patch', '/api/me')
      .send({ displayName: '   ', language: 'fr', email: 'neu@example.org' })
      .expect(400);
    expect(
      res.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort(),
    ).toEqual(['displayName:minLength', 'email:whitelistValidation', 'language:isIn']);
  });

  it('keeps e-mail copies of every reminder kind on by default and stores a changed choice', async () => {
    const { session } = await signedInUser();
    const initial = await request(server)
      .get('/api/me/notification-settings')
      .set('Cookie', session.cookie)
      .expect(200);
    expect(initial.body).toEqual(REMINDER_KINDS.map((kind) => ({ kind, email: true })));

    const saved = await write(session, 'put', '/api/me/notification-settings')
      .send([
        { kind: 'report_due', email: false },
        { kind: 'submission_deadline', email: false },
      ])
      .expect(200);
    const expected = REMINDER_KINDS.map((kind) => ({
      kind,
      email: kind !== 'report_due' && kind !== 'submission_deadline',
    }));
    expect(saved.body).toEqual(expected);

    await write(session, 'put', '/api/me/notification-settings')
      .send([{ kind: 'submission_deadline', email: true }])
      .expect(200);
    const reread = await request(server)
      .get('/api/me/notification-settings')
      .set('Cookie', session.cookie)
      .expect(200);
    expect(reread.body).toEqual(REMINDER_KINDS.map((kind) => ({ kind, email: kind !== 'report_due' })));
  });

  it('refuses notification settings for unknown or transactional kinds, twice the same kind, or not a list', async () => {
    const { session } = await signedInUser();
    const unknown = await write(session, 'put', '/api/me/notification-settings')
      .send([
        { kind: 'report_due', email: false },
        { kind: 'invitation', email: false },
        { kind: 'report_due', email: 'nein' },
      ])
      .expect(400);
    expect(unknown.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`)).toEqual([
      '1.kind:isIn',
      '2.email:isBoolean',
    ]);
    const twice = await write(session, 'put', '/api/me/notification-settings')
      .send([
        { kind: 'report_due', email: false },
        { kind: 'report_due', email: true },
      ])
      .expect(400);
    expect(twice.body.details).toMatchObject([{ field: '1.kind', rule: 'duplicate' }]);
    await write(session, 'put', '/api/me/notification-settings')
      .send({ kind: 'report_due', email: false })
      .expect(400);
  });

  it('shows a new API token once, lists it without the secret, and accepts it as Bearer', async () => {
    const { user, session } = await signedInUser();
    const created = await write(session, 'post', '/api/me/tokens')
      .send({ name: 'Export-Skript' })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Export-Skript',
      token: expect.stringMatching(/^kf_pat_[\w-]{40,}$/),
    });
    expect(created.body.token.startsWith(created.body.prefix)).toBe(true);

    const listed = await request(server).get('/api/me/tokens').set('Cookie', session.cookie).expect(200);
    expect(listed.body).toEqual([
      {
        id: created.body.id,
        name: 'Export-Skript',
        prefix: created.body.prefix,
        createdAt: expect.any(String),
        expiresAt: created.body.expiresAt,
        lastUsedAt: null,
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    const me = await request(server)
      .get('/api/me')
      .set('Authorization', `Bearer ${created.body.token}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: user.id });
    const [stored] = await db.dataSource.query(`SELECT token_hash FROM api_token WHERE id = $1`, [
      created.body.id,
    ]);
    expect(stored.token_hash).not.toContain(created.body.token);
    const audit = await db.dataSource.query(
      `SELECT action, payload FROM audit_event WHERE entity_id = $1 AND action LIKE 'token_%'`,
      [user.id],
    );
    expect(audit).toEqual([
      { action: 'token_created', payload: { tokenId: created.body.id, expiresInDays: 90 } },
    ]);
  });

  it('refuses a revoked token and no longer lists it', async () => {
    const { user, session } = await signedInUser();
    const created = await write(session, 'post', '/api/me/tokens').send({ name: 'Alt' }).expect(201);
    const bearer = `Bearer ${created.body.token}`;
    await request(server).get('/api/me').set('Authorization', bearer).expect(200);
    await write(session, 'delete', `/api/me/tokens/${created.body.id}`).expect(204);
    await request(server).get('/api/me').set('Authorization', bearer).expect(401);
    const listed = await request(server).get('/api/me/tokens').set('Cookie', session.cookie).expect(200);
    expect(listed.body).toEqual([]);
    await write(session, 'delete', `/api/me/tokens/${created.body.id}`).expect(404);
    const [audit] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'token_revoked'`,
      [user.id],
    );
    expect(audit.n).toBe(1);
  });

  it("cannot revoke another user's token", async () => {
    const owner = await signedInUser();
    const intruder = await signedInUser();
    const created = await write(owner.session, 'post', '/api/me/tokens').send({ name: 'Meins' }).expect(201);
    await write(intruder.session, 'delete', `/api/me/tokens/${created.body.id}`).expect(404);
    await request(server).get('/api/me').set('Authorization', `Bearer ${created.body.token}`).expect(200);
  });

  it('lets an API token act for its owner but not create further tokens', async () => {
    const { session } = await signedInUser();
    const created = await write(session, 'post', '/api/me/tokens').send({ name: 'Skript' }).expect(201);
    const bearer = `Bearer ${created.body.token}`;
    await request(server).patch('/api/me').set('Authorization', bearer).send({ language: 'en' }).expect(200);
    const refused = await request(server)
      .post('/api/me/tokens')
      .set('Authorization', bearer)
      .send({ name: 'Nachschub' })
      .expect(403);
    expect(refused.body.code).toBe('session_required');
  });

  it('exports the own data as a download and nothing of another user', async () => {
    const district = await createDistrict(db.dataSource, { name: 'Spandau' });
    const { user, session } = await signedInUser({
      displayName: 'Aylin Demir',
      email: 'aylin.demir@traeger.example',
    });
    const other = await signedInUser({ displayName: 'Jonas Fremd', email: 'jonas.fremd@bezirksamt.example' });
    await grantRole(db.dataSource, user.id, 'board_member', district.id);
    const organisation = await createOrganisation(db.dataSource, { name: 'Kiezküche e. V.' });
    await addOrganisationMember(db.dataSource, organisation.id, user.id, { isAdmin: true });
    await addOrganisationMember(db.dataSource, organisation.id, other.user.id);
    const mine = await createNotification(db.dataSource, user.id, { subject: 'Frist für Ihren Antrag' });
    await createNotification(db.dataSource, other.user.id, { subject: 'Nur für Jonas' });
    const myToken = await write(session, 'post', '/api/me/tokens').send({ name: 'Mein Skript' }).expect(201);
    await write(other.session, 'post', '/api/me/tokens').send({ name: 'Jonas Skript' }).expect(201);
    await write(session, 'patch', '/api/me').send({ language: 'en' }).expect(200);
    await write(other.session, 'patch', '/api/me').send({ language: 'en' }).expect(200);

    const res = await request(server).get('/api/me/export').set('Cookie', session.cookie).expect(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="kiezfonds-meine-daten-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const data = res.body;
    expect(data.profile).toMatchObject({
      id: user.id,
      email: user.email,
      displayName: 'Aylin Demir',
      language: 'en',
    });
    expect(data.roles).toEqual([
      {
        role: 'board_member',
        districtId: district.id,
        districtName: 'Spandau',
        grantedAt: expect.any(String),
      },
    ]);
    expect(data.memberships).toMatchObject([
      { organisationId: organisation.id, organisationName: 'Kiezküche e. V.', isAdmin: true },
    ]);
    expect(data.sessions).toHaveLength(1);
    expect(data.sessions[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), ip: expect.any(String), revokedAt: null }),
    );
    expect(data.tokens).toEqual([expect.objectContaining({ id: myToken.body.id, name: 'Mein Skript' })]);
    expect(data.notifications).toEqual([
      expect.objectContaining({ id: mine.id, subject: 'Frist für Ihren Antrag' }),
    ]);
    expect(data.notificationSettings).toHaveLength(REMINDER_KINDS.length);
    expect(data.auditEvents.map((e: { action: string }) => e.action).sort()).toEqual([
      'login',
      'profile_updated',
      'token_created',
    ]);
    expect(data.auditEvents.every((e: { entityId: string }) => e.entityId === user.id)).toBe(true);

    const text = JSON.stringify(data);
    for (const foreign of ['Jonas', other.user.email, other.user.id, 'Nur für Jonas'])
      expect(text).not.toContain(foreign);
    expect(text).not.toMatch(/hash|csrf|token_hash|password/i);
    expect(text).not.toContain(myToken.body.token);
  });

  it('answers 401 to every own-account route without a session', async () => {
    for (const path of ['/api/me/notification-settings', '/api/me/tokens', '/api/me/export'])
      await request(server).get(path).expect(401);
    await request(server).patch('/api/me').send({ language: 'en' }).expect(401);
  });
});
