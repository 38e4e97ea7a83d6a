import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  addOrganisationMember,
  createDistrict,
  createOrganisation,
  createUser,
  type DistrictRow,
  grantRole,
  type OrganisationRow,
  setPassword,
  type SignedIn,
  signIn,
  oneTimeLinkToken,
  type TestDatabase,
  type UserRow,
} from '@kiezfonds/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';
const NEW_PASSWORD = 'kiezküche-am-falkenhagener-feld';

interface InvitationNotice {
  kind: string;
  recipient: { userId: string; email: string; name: string; locale: string };
  district?: { name: string };
  data: { inviter: { name: string }; organisation?: { name: string }; expiresAt: string };
  secretLink: { purpose: 'invitation'; linkId: string };
  link?: string;
}

describe('invitations', () => {
  let api: TestApi;
  let db: TestDatabase;
  let server: ReturnType<NestExpressApplication['getHttpServer']>;
  let spandau: DistrictRow;
  let mitte: DistrictRow;
  let coordinator: UserRow;
  let admin: UserRow;
  let organisation: OrganisationRow;
  let orgAdmin: UserRow;
  let orgMember: UserRow;

  beforeAll(async () => {
    api = await startTestApi();
    ({ db, server } = api);
    spandau = await createDistrict(db.dataSource, { name: 'Spandau' });
    mitte = await createDistrict(db.dataSource, { name: 'Mitte' });
    coordinator = await activeUser({ displayName: 'Jana Becker' });
    await grantRole(db.dataSource, coordinator.id, 'coordinator', spandau.id);
    admin = await activeUser();
    await grantRole(db.dataSource, admin.id, 'admin', spandau.id);
    orgAdmin = await activeUser({ displayName: 'Aylin Demir' });
    orgMember = await activeUser();
    organisation = await createOrganisation(db.dataSource, {
      name: 'Nachbarschaftshilfe Falkenhagener Feld e. V.',
    });
    await addOrganisationMember(db.dataSource, organisation.id, orgAdmin.id, { isAdmin: true });
    await addOrganisationMember(db.dataSource, organisation.id, orgMember.id);
  });

  afterAll(async () => {
    await api.close();
  });

  async function activeUser(overrides: Partial<Omit<UserRow, 'id'>> = {}): Promise<UserRow> {
    const user = await createUser(db.dataSource, overrides);
    await setPassword(db.dataSource, user.id, PASSWORD);
    return user;
  }

  async function invite(as: UserRow, body: Record<string, unknown>) {
    const session = await signIn(server, as.email, PASSWORD);
    return request(server)
      .post('/api/invitations')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrfToken)
      .send({ displayName: 'Eingeladene Person', language: 'de', ...body });
  }

  async function noticeOf(invitationId: string): Promise<InvitationNotice> {
    const rows = (await db.dataSource.query(`SELECT payload FROM outbox WHERE delivery_key LIKE $1`, [
      `invitation:${invitationId}|%`,
    ])) as { payload: InvitationNotice }[];
    expect(rows).toHaveLength(1);
    return rows[0]!.payload;
  }

  async function tokenOf(invitationId: string): Promise<string> {
    const { secretLink } = await noticeOf(invitationId);
    return oneTimeLinkToken(secretLink);
  }

  function accept(token: string, password = NEW_PASSWORD) {
    return request(server).post('/api/invitations/accept').send({ token, password });
  }

  it('mails the invited address a link to /einladung, valid for 7 days, through the outbox', async () => {
    const res = await invite(coordinator, {
      email: 'Tom.Berger@Bezirksamt-Spandau.example',
      displayName: 'Tom Berger',
      role: 'board_member',
      districtId: spandau.id,
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      email: 'Tom.Berger@Bezirksamt-Spandau.example',
      expiresAt: expect.any(String),
    });
    const days = (Date.parse(res.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const notice = await noticeOf(res.body.id);
    expect(notice).toMatchObject({
      kind: 'invitation',
      recipient: { email: 'Tom.Berger@Bezirksamt-Spandau.example', name: 'Tom Berger', locale: 'de' },
      district: { name: 'Spandau' },
      data: { inviter: { name: 'Jana Becker' }, expiresAt: res.body.expiresAt },
    });
    // The notice names the link; its secret is derived only for the mail (ADR 0008).
    expect(notice.secretLink).toEqual({ purpose: 'invitation', linkId: res.body.id });
    expect(notice.link).toBeUndefined();

    const [user] = await db.dataSource.query(
      `SELECT status, password_hash FROM app_user WHERE lower(email) = 'tom.berger@bezirksamt-spandau.example'`,
    );
    expect(user).toEqual({ status: 'invited', password_hash: null });
    const [audit] = await db.dataSource.query(
      `SELECT actor_id, district_id, payload FROM audit_event WHERE action = 'invitation_created' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit).toMatchObject({
      actor_id: coordinator.id,
      district_id: spandau.id,
      payload: { role: 'board_member', districtId: spandau.id, newAccount: true },
    });
  });

  it('shows what the link offers, and accepting signs in with exactly the invited role', async () => {
    const created = await invite(coordinator, {
      email: 'sara.yilmaz@bezirksamt-spandau.example',
      displayName: 'Sara Yılmaz',
      role: 'finance',
      districtId: spandau.id,
    });
    const token = await tokenOf(created.body.id);

    const offer = await request(server).get(`/api/invitations/${token}`).expect(200);
    expect(offer.body).toEqual({
      email: 'sara.yilmaz@bezirksamt-spandau.example',
      displayName: 'Sara Yılmaz',
      role: 'finance',
      districtName: 'Spandau',
      expiresAt: created.body.expiresAt,
      accountExists: false,
    });

    const res = await accept(token).expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join(';');
    expect(cookie).toMatch(/kf_session=[\w-]{40,}/);
    expect(cookie).toContain('HttpOnly');
    expect(res.body).toMatchObject({
      email: 'sara.yilmaz@bezirksamt-spandau.example',
      roles: [{ role: 'finance', districtId: spandau.id }],
      organisations: [],
      csrfToken: expect.any(String),
    });
    const me = await request(server).get('/api/me').set('Cookie', cookie.split(';')[0]!).expect(200);
    expect(me.body.roles).toEqual([{ role: 'finance', districtId: spandau.id, districtName: spandau.name }]);

    const [granted] = await db.dataSource.query(
      `SELECT actor_id, payload FROM audit_event WHERE action = 'role_granted' AND entity_id = $1`,
      [res.body.id],
    );
    expect(granted).toMatchObject({
      actor_id: res.body.id,
      payload: {
        role: 'finance',
        districtId: spandau.id,
        invitationId: created.body.id,
        grantedBy: coordinator.id,
      },
    });
    await signIn(server, 'sara.yilmaz@bezirksamt-spandau.example', NEW_PASSWORD);
  });

  it('lets a link work only once', async () => {
    const created = await invite(coordinator, {
      email: 'einmal@bezirksamt-spandau.example',
      role: 'board_member',
      districtId: spandau.id,
    });
    const token = await tokenOf(created.body.id);
    await accept(token).expect(200);

    const again = await accept(token, 'noch-ein-anderes-passwort').expect(410);
    expect(again.body).toMatchObject({ code: 'link_invalid', details: [] });
    expect(again.body.message).toMatch(/bereits verwendet/);
    await request(server).get(`/api/invitations/${token}`).expect(410);
    await signIn(server, 'einmal@bezirksamt-spandau.example', NEW_PASSWORD);
  });

  it('answers 410 for an expired or unknown link and leaves the account unused', async () => {
    const created = await invite(coordinator, {
      email: 'zu-spaet@bezirksamt-spandau.example',
      role: 'board_member',
      districtId: spandau.id,
    });
    const token = await tokenOf(created.body.id);
    await db.dataSource.query(
      `UPDATE one_time_token SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day'
       WHERE id = $1`,
      [created.body.id],
    );
    const expired = await accept(token).expect(410);
    expect(expired.body.code).toBe('link_invalid');
    await request(server).get(`/api/invitations/${token}`).expect(410);
    await accept('gibt-es-nicht-0123456789abcdefghijklmnopq').expect(410);

    const [user] = await db.dataSource.query(
      `SELECT status FROM app_user WHERE email = 'zu-spaet@bezirksamt-spandau.example'`,
    );
    expect(user.status).toBe('invited');
    const roles = await db.dataSource.query(
      `SELECT 1 FROM role_assignment r JOIN app_user u ON u.id = r.user_id WHERE u.email = 'zu-spaet@bezirksamt-spandau.example'`,
    );
    expect(roles).toEqual([]);
  });

  it('refuses a weak or common password at acceptance and keeps the link usable', async () => {
    const created = await invite(coordinator, {
      email: 'schwach@bezirksamt-spandau.example',
      role: 'board_member',
      districtId: spandau.id,
    });
    const token = await tokenOf(created.body.id);
    const short = await accept(token, 'kurz').expect(400);
    expect(short.body.details).toEqual([
      { field: 'password', rule: 'minLength', message: 'Bitte geben Sie mindestens 12 Zeichen ein.' },
    ]);
    const common = await accept(token, 'qwerty123456').expect(400);
    expect(common.body.details).toEqual([
      { field: 'password', rule: 'commonPassword', message: expect.any(String) },
    ]);
    await accept(token).expect(200);
  });

  it('does not let a coordinator invite into another district, nor grant admin', async () => {
    const otherDistrict = await invite(coordinator, {
      email: 'fremd@example.org',
      role: 'board_member',
      districtId: mitte.id,
    });
    expect(otherDistrict.status).toBe(404);

    const asAdmin = await invite(coordinator, {
      email: 'chefin@example.org',
      role: 'admin',
      districtId: spandau.id,
    });
    expect(asAdmin.status).toBe(403);
    expect(asAdmin.body.code).toBe('role_not_grantable');

    const byAdmin = await invite(admin, {
      email: 'chefin@example.org',
      role: 'admin',
      districtId: spandau.id,
    });
    expect(byAdmin.status).toBe(201);
    const byAdminElsewhere = await invite(admin, {
      email: 'chefin@example.org',
      role: 'admin',
      districtId: mitte.id,
    });
    expect(byAdminElsewhere.status).toBe(404);
    const [pending] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM one_time_token t JOIN app_user u ON u.id = t.user_id
       WHERE u.email IN ('fremd@example.org', 'chefin@example.org')`,
    );
    expect(pending.n).toBe(1);
  });

  it('refuses invitations from an organisation that no coordinator has verified yet', async () => {
    const res = await invite(orgAdmin, {
      email: 'fremd@irgendwo.example',
      displayName: 'Bitte klicken Sie hier: https://phishing.example',
      role: 'carrier',
      organisationId: organisation.id,
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('organisation_not_verified');
    const [queued] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE payload->'recipient'->>'email' = 'fremd@irgendwo.example'`,
    );
    expect(queued.n).toBe(0);
    const [account] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM app_user WHERE email = 'fremd@irgendwo.example'`,
    );
    expect(account.n).toBe(0);
  });

  it('lets an organisation admin invite a colleague as a plain member, and not a plain member', async () => {
    await db.dataSource.query(`UPDATE organisation SET verified_at = now() WHERE id = $1`, [organisation.id]);
    const byMember = await invite(orgMember, {
      email: 'kollege@nachbarschaftshilfe.example',
      role: 'carrier',
      organisationId: organisation.id,
    });
    expect(byMember.status).toBe(403);

    const created = await invite(orgAdmin, {
      email: 'kollege@nachbarschaftshilfe.example',
      displayName: 'Kai Kollege',
      language: 'en',
      role: 'carrier',
      organisationId: organisation.id,
    });
    expect(created.status).toBe(201);
    const notice = await noticeOf(created.body.id);
    expect(notice).toMatchObject({
      recipient: { locale: 'en', name: 'Kai Kollege' },
      data: { inviter: { name: 'Aylin Demir' }, organisation: { name: organisation.name } },
    });
    expect(notice.district).toBeUndefined();

    const token = await tokenOf(created.body.id);
    const offer = await request(server).get(`/api/invitations/${token}`).expect(200);
    expect(offer.body).toMatchObject({ role: 'carrier', organisationName: organisation.name });
    const res = await accept(token).expect(200);
    expect(res.body).toMatchObject({
      roles: [],
      organisations: [{ organisationId: organisation.id, isAdmin: false }],
    });
  });

  it('keeps organisation admins to their own organisation and out of district roles', async () => {
    const other = await createOrganisation(db.dataSource);
    const elsewhere = await invite(orgAdmin, {
      email: 'jemand@example.org',
      role: 'carrier',
      organisationId: other.id,
    });
    expect(elsewhere.status).toBe(404);
    const staff = await invite(orgAdmin, {
      email: 'jemand@example.org',
      role: 'board_member',
      districtId: spandau.id,
    });
    expect(staff.status).toBe(403);
    const coordinatorForCarrier = await invite(coordinator, {
      email: 'jemand@example.org',
      role: 'carrier',
      organisationId: organisation.id,
    });
    expect(coordinatorForCarrier.status).toBe(403);
  });

  it('names the missing district or organisation of an invitation', async () => {
    const noDistrict = await invite(coordinator, { email: 'x@example.org', role: 'board_member' });
    expect(noDistrict.status).toBe(400);
    expect(noDistrict.body.details).toEqual([
      { field: 'districtId', rule: 'required', message: expect.any(String) },
    ]);
    const noOrganisation = await invite(orgAdmin, {
      email: 'x@example.org',
      role: 'carrier',
      districtId: spandau.id,
    });
    expect(noOrganisation.status).toBe(400);
    expect(
      noOrganisation.body.details.map((d: { field: string; rule: string }) => [d.field, d.rule]),
    ).toEqual([
      ['organisationId', 'required'],
      ['districtId', 'unknown_field'],
    ]);
  });

  it('requires a signed-in caller with the CSRF token to invite', async () => {
    await request(server)
      .post('/api/invitations')
      .send({
        email: 'x@example.org',
        displayName: 'X',
        language: 'de',
        role: 'board_member',
        districtId: spandau.id,
      })
      .expect(401);
    const session: SignedIn = await signIn(server, coordinator.email, PASSWORD);
    const res = await request(server)
      .post('/api/invitations')
      .set('Cookie', session.cookie)
      .send({
        email: 'x@example.org',
        displayName: 'X',
        language: 'de',
        role: 'board_member',
        districtId: spandau.id,
      })
      .expect(403);
    expect(res.body.code).toBe('csrf_failed');
  });

  it('attaches an invitation to an existing account, which confirms with its current password', async () => {
    const existing = await activeUser({
      email: 'Vorhanden@Bezirksamt-Spandau.example',
      displayName: 'Vera Vorhanden',
    });
    const created = await invite(coordinator, {
      email: 'vorhanden@bezirksamt-spandau.example',
      displayName: 'Anderer Name',
      role: 'board_member',
      districtId: spandau.id,
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('Vorhanden@Bezirksamt-Spandau.example');
    expect((await noticeOf(created.body.id)).recipient).toMatchObject({
      userId: existing.id,
      name: 'Vera Vorhanden',
    });

    const token = await tokenOf(created.body.id);
    const offer = await request(server).get(`/api/invitations/${token}`).expect(200);
    expect(offer.body).toMatchObject({ displayName: 'Vera Vorhanden', accountExists: true });

    const wrong = await accept(token, NEW_PASSWORD).expect(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    const res = await accept(token, PASSWORD).expect(200);
    expect(res.body).toMatchObject({
      id: existing.id,
      roles: [{ role: 'board_member', districtId: spandau.id }],
    });
    await signIn(server, existing.email, PASSWORD);

    const again = await invite(coordinator, {
      email: existing.email,
      role: 'board_member',
      districtId: spandau.id,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('role_already_held');
  });

  it('lets an invitation lapse when its inviter may no longer grant the role', async () => {
    const leaving = await activeUser();
    await grantRole(db.dataSource, leaving.id, 'coordinator', spandau.id);
    const created = await invite(leaving, {
      email: 'verwaist@bezirksamt-spandau.example',
      role: 'board_member',
      districtId: spandau.id,
    });
    const token = await tokenOf(created.body.id);
    await db.dataSource.query(`DELETE FROM role_assignment WHERE user_id = $1`, [leaving.id]);
    const res = await accept(token).expect(410);
    expect(res.body.code).toBe('link_invalid');
  });
});
