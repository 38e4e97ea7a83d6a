import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  addOrganisationMember,
  createApiToken,
  createDistrict,
  createNotification,
  createOrganisation,
  createUser,
  type DistrictRow,
  grantRole,
  type OrganisationRow,
  setPassword,
  type SignedIn,
  signIn,
  type TestDatabase,
  type UserRow,
} from '@kiezfonds/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';
type StaffRole = 'board_member' | 'coordinator' | 'finance' | 'admin';

describe('administration of users, roles and organisations', () => {
  let api: TestApi;
  let db: TestDatabase;
  let server: ReturnType<NestExpressApplication['getHttpServer']>;
  let spandau: DistrictRow;
  let neukoelln: DistrictRow;
  let spandauCoordinator: { user: UserRow; session: SignedIn };
  let spandauAdmin: { user: UserRow; session: SignedIn };
  let spandauFinance: UserRow;
  let neukoellnFinance: UserRow;
  let carrier: UserRow;

  beforeAll(async () => {
    api = await startTestApi();
    ({ db, server } = api);
    spandau = await createDistrict(db.dataSource, { slug: 'spandau', name: 'Spandau' });
    neukoelln = await createDistrict(db.dataSource, { slug: 'neukoelln', name: 'Neukölln' });
    spandauCoordinator = await signedInStaff('coordinator', spandau, { displayName: 'Clara Koordination' });
    spandauAdmin = await signedInStaff('admin', spandau, { displayName: 'Anton Admin' });
    spandauFinance = await staff('finance', spandau, { displayName: 'Fiona Finanzen' });
    neukoellnFinance = await staff('finance', neukoelln, { displayName: 'Nils Neukölln' });
    await staff('coordinator', neukoelln, { displayName: 'Nora Neukölln' });
    carrier = await createUser(db.dataSource, { displayName: 'Tara Träger' });
    await createOrganisation(db.dataSource, { members: [carrier] });
  });

  afterAll(async () => {
    await api.close();
  });

  async function staff(role: StaffRole, district: DistrictRow, overrides: Partial<Omit<UserRow, 'id'>> = {}) {
    const user = await createUser(db.dataSource, overrides);
    await grantRole(db.dataSource, user.id, role, district.id);
    return user;
  }

  async function signedInStaff(
    role: StaffRole,
    district: DistrictRow,
    overrides: Partial<Omit<UserRow, 'id'>> = {},
  ) {
    const user = await staff(role, district, overrides);
    await setPassword(db.dataSource, user.id, PASSWORD);
    return { user, session: await signIn(server, user.email, PASSWORD) };
  }

  const get = (session: SignedIn, path: string) => request(server).get(path).set('Cookie', session.cookie);
  const write = (session: SignedIn, method: 'post' | 'patch' | 'delete', path: string) =>
    request(server)[method](path).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken);
  const names = (body: { items: { displayName: string }[] }) => body.items.map((u) => u.displayName);

  describe('listing users', () => {
    it('shows a Spandau coordinator the Spandau staff and the carriers, but not the Neukölln staff', async () => {
      const res = await get(spandauCoordinator.session, '/api/users?pageSize=100').expect(200);
      expect(names(res.body)).toEqual(
        expect.arrayContaining(['Anton Admin', 'Clara Koordination', 'Fiona Finanzen', 'Tara Träger']),
      );
      expect(names(res.body)).not.toContain('Nils Neukölln');
      expect(names(res.body)).not.toContain('Nora Neukölln');
      expect(res.body.total).toBe(res.body.items.length);
      const fiona = res.body.items.find((u: { displayName: string }) => u.displayName === 'Fiona Finanzen');
      expect(fiona).toEqual({
        id: spandauFinance.id,
        email: spandauFinance.email,
        displayName: 'Fiona Finanzen',
        status: 'active',
        roles: [{ role: 'finance', districtId: spandau.id }],
        organisations: [],
      });
    });

    it('shows only the roles held in the own districts of someone who also works elsewhere', async () => {
      const both = await staff('board_member', spandau, { displayName: 'Berta Beide' });
      await grantRole(db.dataSource, both.id, 'finance', neukoelln.id);
      const res = await get(spandauCoordinator.session, '/api/users?q=berta').expect(200);
      expect(res.body.items).toMatchObject([
        { id: both.id, roles: [{ role: 'board_member', districtId: spandau.id }] },
      ]);
    });

    it("filters by own district and search text, and answers 404 for Neukölln's users", async () => {
      const staffOnly = await get(
        spandauCoordinator.session,
        `/api/users?districtId=${spandau.id}&pageSize=100`,
      );
      expect(staffOnly.status).toBe(200);
      expect(names(staffOnly.body)).not.toContain('Tara Träger');
      const search = await get(spandauCoordinator.session, '/api/users?q=FIONA').expect(200);
      expect(names(search.body)).toEqual(['Fiona Finanzen']);
      const wildcard = await get(spandauCoordinator.session, '/api/users?q=%25').expect(200);
      expect(wildcard.body.total).toBe(0);
      await get(spandauCoordinator.session, `/api/users?districtId=${neukoelln.id}`).expect(404);
    });
  });

  describe('granting and revoking roles', () => {
    it('lets a Spandau coordinator make a carrier a Spandau board member, audited with the district', async () => {
      const person = await createUser(db.dataSource);
      await createOrganisation(db.dataSource, { members: [person] });
      const res = await write(spandauCoordinator.session, 'post', `/api/users/${person.id}/roles`)
        .send({ role: 'board_member', districtId: spandau.id })
        .expect(201);
      expect(res.body).toMatchObject({
        id: person.id,
        roles: [{ role: 'board_member', districtId: spandau.id }],
      });
      const audit = await db.dataSource.query(
        `SELECT actor_id, district_id, payload FROM audit_event WHERE action = 'role_granted' AND entity_id = $1`,
        [person.id],
      );
      expect(audit).toEqual([
        { actor_id: spandauCoordinator.user.id, district_id: spandau.id, payload: { role: 'board_member' } },
      ]);
      const again = await write(spandauCoordinator.session, 'post', `/api/users/${person.id}/roles`)
        .send({ role: 'board_member', districtId: spandau.id })
        .expect(409);
      expect(again.body.code).toBe('role_already_held');
    });

    it('does not let a Spandau coordinator grant roles in Neukölln', async () => {
      const person = await createUser(db.dataSource);
      await createOrganisation(db.dataSource, { members: [person] });
      await write(spandauCoordinator.session, 'post', `/api/users/${person.id}/roles`)
        .send({ role: 'finance', districtId: neukoelln.id })
        .expect(404);
      const rows = await db.dataSource.query(`SELECT 1 FROM role_assignment WHERE user_id = $1`, [person.id]);
      expect(rows).toEqual([]);
    });

    it('does not let a coordinator grant the admin role, even in its own district', async () => {
      for (const role of ['admin']) {
        const res = await write(spandauCoordinator.session, 'post', `/api/users/${spandauFinance.id}/roles`)
          .send({ role, districtId: spandau.id })
          .expect(403);
        expect(res.body.code).toBe('role_not_grantable');
      }
      const rows = await db.dataSource.query(`SELECT role FROM role_assignment WHERE user_id = $1`, [
        spandauFinance.id,
      ]);
      expect(rows).toEqual([{ role: 'finance' }]);
    });

    it("cannot reach Neukölln's staff at all (404), even for a role in Spandau", async () => {
      await write(spandauAdmin.session, 'post', `/api/users/${neukoellnFinance.id}/roles`)
        .send({ role: 'finance', districtId: spandau.id })
        .expect(404);
    });

    it('lets an admin grant and revoke the coordinator role in its district, audited', async () => {
      const person = await staff('finance', spandau);
      await write(spandauAdmin.session, 'post', `/api/users/${person.id}/roles`)
        .send({ role: 'coordinator', districtId: spandau.id })
        .expect(201);
      await write(
        spandauAdmin.session,
        'delete',
        `/api/users/${person.id}/roles/coordinator/${spandau.id}`,
      ).expect(204);
      await write(
        spandauAdmin.session,
        'delete',
        `/api/users/${person.id}/roles/coordinator/${spandau.id}`,
      ).expect(404);
      const audit = await db.dataSource.query(
        `SELECT action, district_id FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at, action`,
        [person.id],
      );
      expect(audit).toEqual([
        { action: 'role_granted', district_id: spandau.id },
        { action: 'role_revoked', district_id: spandau.id },
      ]);
    });

    it("keeps a district's last active admin", async () => {
      const district = await createDistrict(db.dataSource);
      const lonely = await signedInStaff('admin', district);
      const res = await write(
        lonely.session,
        'delete',
        `/api/users/${lonely.user.id}/roles/admin/${district.id}`,
      ).expect(409);
      expect(res.body.code).toBe('last_admin');
      const second = await staff('admin', district);
      await write(lonely.session, 'delete', `/api/users/${second.id}/roles/admin/${district.id}`).expect(204);
    });
  });

  describe('account status', () => {
    it('ends the sessions and tokens of a disabled account and lets it back in after re-enabling', async () => {
      const person = await signedInStaff('board_member', spandau);
      const token = await createApiToken(db.dataSource, person.user.id);
      const res = await write(spandauAdmin.session, 'patch', `/api/users/${person.user.id}`)
        .send({ status: 'disabled' })
        .expect(200);
      expect(res.body).toMatchObject({ id: person.user.id, status: 'disabled' });
      await request(server).get('/api/me').set('Cookie', person.session.cookie).expect(401);
      await request(server).get('/api/me').set('Authorization', `Bearer ${token.token}`).expect(401);
      await request(server)
        .post('/api/auth/login')
        .send({ email: person.user.email, password: PASSWORD })
        .expect(401);

      await write(spandauAdmin.session, 'patch', `/api/users/${person.user.id}`)
        .send({ status: 'active' })
        .expect(200);
      await signIn(server, person.user.email, PASSWORD);
      // Revoked tokens stay revoked: re-enabling restores the person, not the old secrets.
      await request(server).get('/api/me').set('Authorization', `Bearer ${token.token}`).expect(401);
      const audit = await db.dataSource.query(
        `SELECT from_state, to_state, payload FROM audit_event WHERE action = 'user_status_changed' AND entity_id = $1
         ORDER BY occurred_at`,
        [person.user.id],
      );
      expect(audit).toEqual([
        { from_state: 'active', to_state: 'disabled', payload: { sessionsEnded: 1, tokensRevoked: 1 } },
        { from_state: 'disabled', to_state: 'active', payload: { sessionsEnded: 0, tokensRevoked: 0 } },
      ]);
    });

    it('leaves status changes to admins, and the own account alone', async () => {
      const person = await staff('board_member', spandau);
      await write(spandauCoordinator.session, 'patch', `/api/users/${person.id}`)
        .send({ status: 'disabled' })
        .expect(403);
      const own = await write(spandauAdmin.session, 'patch', `/api/users/${spandauAdmin.user.id}`)
        .send({ status: 'disabled' })
        .expect(422);
      expect(own.body.code).toBe('own_account_not_allowed');
      await write(spandauAdmin.session, 'patch', `/api/users/${person.id}`)
        .send({ status: 'invited' })
        .expect(400);
    });

    it('does not let a Spandau admin lock out a carrier who is also Neukölln staff', async () => {
      const both = await staff('coordinator', neukoelln);
      await createOrganisation(db.dataSource, { members: [both] });
      const res = await write(spandauAdmin.session, 'patch', `/api/users/${both.id}`)
        .send({ status: 'disabled' })
        .expect(403);
      expect(res.body.code).toBe('account_managed_elsewhere');
    });
  });

  describe('pseudonymisation', () => {
    it('replaces name and e-mail, ends sessions and tokens, deletes stored idempotency answers, and leaves the audit trail as it was', async () => {
      const person = await signedInStaff('board_member', spandau, {
        displayName: 'Paula Privat',
        email: 'Paula.Privat@bezirk.example',
      });
      const token = await createApiToken(db.dataSource, person.user.id);
      await createNotification(db.dataSource, person.user.id, { subject: 'Hallo Paula Privat' });
      await db.dataSource.query(
        `INSERT INTO mail_delivery (delivery_key, recipient, notice_kind) VALUES ($1, $2, 'report_due')`,
        ['report:1|paula.privat@bezirk.example', 'paula.privat@bezirk.example'],
      );
      // An answer stored for an Idempotency-Key quotes what the person wrote, within its window.
      await db.dataSource.query(
        `INSERT INTO idempotency_key (user_id, key, scope, request_hash, status_code, response)
         VALUES ($1, 'vote-1', 'scope', 'hash', 200, '{"comment":"Paula Privat stimmt zu"}')`,
        [person.user.id],
      );
      await write(person.session, 'patch', '/api/me').send({ language: 'en' }).expect(200);
      await write(spandauAdmin.session, 'post', `/api/users/${person.user.id}/roles`)
        .send({ role: 'finance', districtId: spandau.id })
        .expect(201);
      const auditOf = () =>
        db.dataSource.query(
          `SELECT * FROM audit_event WHERE entity_id = $1::text OR actor_id = $1::uuid ORDER BY occurred_at, id`,
          [person.user.id],
        );
      const before = await auditOf();
      expect(before.map((e: { action: string }) => e.action)).toEqual([
        'login',
        'profile_updated',
        'role_granted',
      ]);

      const res = await write(
        spandauAdmin.session,
        'post',
        `/api/users/${person.user.id}/pseudonymise`,
      ).expect(200);
      const pseudonym = `Pseudonym ${person.user.id.slice(0, 8)}`;
      const pseudonymEmail = `pseudonym-${person.user.id}@invalid.example`;
      expect(res.body).toMatchObject({
        id: person.user.id,
        displayName: pseudonym,
        email: pseudonymEmail,
        status: 'pseudonymised',
      });
      const [row] = await db.dataSource.query(
        `SELECT display_name, email, status, password_hash FROM app_user WHERE id = $1`,
        [person.user.id],
      );
      expect(row).toEqual({
        display_name: pseudonym,
        email: pseudonymEmail,
        status: 'pseudonymised',
        password_hash: null,
      });

      const after = await auditOf();
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.slice(before.length)).toMatchObject([
        { action: 'user_pseudonymised', entity_id: person.user.id, actor_id: spandauAdmin.user.id },
      ]);
      const [count] = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1::text OR actor_id = $1::uuid`,
        [person.user.id],
      );
      expect(count.n).toBe(before.length + 1);
      const trail = JSON.stringify(after);
      expect(trail).not.toMatch(/Paula|privat@/i);

      await request(server).get('/api/me').set('Cookie', person.session.cookie).expect(401);
      await request(server).get('/api/me').set('Authorization', `Bearer ${token.token}`).expect(401);
      await request(server)
        .post('/api/auth/login')
        .send({ email: person.user.email, password: PASSWORD })
        .expect(401);
      const [left] = await db.dataSource.query(
        `SELECT (SELECT count(*)::int FROM notification WHERE user_id = $1) AS notifications,
                (SELECT count(*)::int FROM user_session WHERE user_id = $1 AND revoked_at IS NULL) AS sessions,
                (SELECT count(*)::int FROM api_token WHERE user_id = $1 AND revoked_at IS NULL) AS tokens,
                (SELECT count(*)::int FROM mail_delivery WHERE recipient ILIKE '%paula%' OR delivery_key ILIKE '%paula%') AS mails,
                (SELECT count(*)::int FROM idempotency_key WHERE user_id = $1) AS idempotency_keys`,
        [person.user.id],
      );
      expect(left).toEqual({ notifications: 0, sessions: 0, tokens: 0, mails: 0, idempotency_keys: 0 });

      const again = await write(
        spandauAdmin.session,
        'post',
        `/api/users/${person.user.id}/pseudonymise`,
      ).expect(409);
      expect(again.body.code).toBe('user_pseudonymised');
    });

    it('leaves the address nowhere in the database: not in the keys and errors of notices sent, failed or emptied by retention', async () => {
      const person = await signedInStaff('board_member', spandau, {
        displayName: 'Quirin Quelle',
        email: 'Quirin.Quelle@bezirk.example',
      });
      const address = 'quirin.quelle@bezirk.example';
      const recipient = {
        userId: person.user.id,
        email: person.user.email,
        name: 'Quirin Quelle',
        locale: 'de',
      };
      // A reminder delivered long ago, its text emptied by retention (the key stays for the sweep);
      // one refused for good by the mail server, which quoted the address; one still to be sent.
      await db.dataSource.query(
        `INSERT INTO outbox (topic, delivery_key, payload, relayed_at, delivered_at, outcome)
         VALUES ('notice', $1, '{}', now() - interval '60 days', now() - interval '60 days', 'sent')`,
        [`reminder:report_due:r-1:2026-01-31T23:00:00.000Z:14|${address}`],
      );
      await db.dataSource.query(
        `INSERT INTO outbox (topic, delivery_key, payload, relayed_at, failed_at, last_error, attempts)
         VALUES ('notice', $1, $2, now(), now(), $3, 1)`,
        [
          `reminder:report_due:r-2:2026-02-28T23:00:00.000Z:14|${address}`,
          JSON.stringify({ kind: 'report_due', recipient }),
          `550 5.1.1 <${person.user.email}>: Recipient address rejected`,
        ],
      );
      await db.dataSource.query(
        `INSERT INTO outbox (topic, delivery_key, payload) VALUES ('notice', $1, $2)`,
        [
          `reminder:report_due:r-3:2026-03-31T23:00:00.000Z:14|${address}`,
          JSON.stringify({ kind: 'report_due', recipient }),
        ],
      );

      await write(spandauAdmin.session, 'post', `/api/users/${person.user.id}/pseudonymise`).expect(200);

      // Every text column of every table, searched for the address and the name.
      const columns = (await db.dataSource.query(
        `SELECT c.table_name, c.column_name FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            AND c.data_type IN ('text', 'character varying', 'json', 'jsonb')`,
      )) as { table_name: string; column_name: string }[];
      const found: string[] = [];
      for (const { table_name: table, column_name: column } of columns) {
        const [{ n }] = (await db.dataSource.query(
          `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE ANY (ARRAY['%quirin.quelle%', '%Quirin Quelle%'])`,
        )) as [{ n: number }];
        if (n > 0) found.push(`${table}.${column}: ${n}`);
      }
      expect(found).toEqual([]);
      // The keys still do their work: the sweep does not queue the delivered reminder again.
      const [{ n }] = (await db.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE delivery_key LIKE 'reminder:report_due:r-1:%'`,
      )) as [{ n: number }];
      expect(n).toBe(1);
    });

    it('is for admins only, within their districts, and never for the own account', async () => {
      const person = await staff('board_member', spandau);
      await write(spandauCoordinator.session, 'post', `/api/users/${person.id}/pseudonymise`).expect(403);
      await write(spandauAdmin.session, 'post', `/api/users/${neukoellnFinance.id}/pseudonymise`).expect(404);
      await write(spandauAdmin.session, 'post', `/api/users/${spandauAdmin.user.id}/pseudonymise`).expect(
        422,
      );
      const [row] = await db.dataSource.query(`SELECT status FROM app_user WHERE id = $1`, [
        neukoellnFinance.id,
      ]);
      expect(row.status).toBe('active');
    });
  });

  describe('organisations', () => {
    let ownOrganisation: OrganisationRow;
    let foreignOrganisation: OrganisationRow;
    let orgAdmin: { user: UserRow; session: SignedIn };
    let orgMember: { user: UserRow; session: SignedIn };

    beforeAll(async () => {
      const signedIn = async (displayName: string) => {
        const user = await createUser(db.dataSource, { displayName });
        await setPassword(db.dataSource, user.id, PASSWORD);
        return { user, session: undefined as unknown as SignedIn };
      };
      orgAdmin = await signedIn('Olga Orgadmin');
      orgMember = await signedIn('Mia Mitglied');
      ownOrganisation = await createOrganisation(db.dataSource, { name: 'Stadtteilladen Heerstraße e. V.' });
      foreignOrganisation = await createOrganisation(db.dataSource, {
        name: 'Gemeinschaftsgarten Rixdorf e. V.',
      });
      await addOrganisationMember(db.dataSource, ownOrganisation.id, orgAdmin.user.id, { isAdmin: true });
      await addOrganisationMember(db.dataSource, ownOrganisation.id, orgMember.user.id);
      orgAdmin.session = await signIn(server, orgAdmin.user.email, PASSWORD);
      orgMember.session = await signIn(server, orgMember.user.email, PASSWORD);
    });

    it('lists only its own organisation to a carrier, and all of them to a coordinator', async () => {
      const own = await get(orgMember.session, '/api/organisations').expect(200);
      expect(own.body).toEqual({
        total: 1,
        items: [
          {
            id: ownOrganisation.id,
            name: 'Stadtteilladen Heerstraße e. V.',
            legalForm: 'e.V.',
            postalCode: '13591',
            city: 'Berlin',
            verifiedAt: null,
          },
        ],
      });
      const all = await get(spandauCoordinator.session, '/api/organisations?q=e.%20V.&pageSize=100').expect(
        200,
      );
      expect(all.body.items.map((o: { id: string }) => o.id)).toEqual(
        expect.arrayContaining([ownOrganisation.id, foreignOrganisation.id]),
      );
    });

    it('shows an organisation with its members to them and to staff, and 404 to other carriers', async () => {
      const detail = await get(orgMember.session, `/api/organisations/${ownOrganisation.id}`).expect(200);
      expect(detail.body).toMatchObject({
        id: ownOrganisation.id,
        street: 'Teststraße 1',
        iban: null,
        legalRepresentatives: [],
        members: [
          { userId: orgAdmin.user.id, displayName: 'Olga Orgadmin', isAdmin: true },
          { userId: orgMember.user.id, displayName: 'Mia Mitglied', isAdmin: false },
        ],
      });
      await get(spandauCoordinator.session, `/api/organisations/${ownOrganisation.id}`).expect(200);
      await get(orgMember.session, `/api/organisations/${foreignOrganisation.id}`).expect(404);
    });

    it('lets its admins change the details, storing the IBAN without blanks, audited without values', async () => {
      const res = await write(orgAdmin.session, 'patch', `/api/organisations/${ownOrganisation.id}`)
        .send({
          street: 'Heerstraße 400',
          postalCode: '13593',
          legalForm: 'gGmbH',
          vatDeductible: true,
          iban: 'de02 1203 0000 0000 2020 51',
          financeRegistrationNumber: '  ',
        })
        .expect(200);
      expect(res.body).toMatchObject({
        street: 'Heerstraße 400',
        postalCode: '13593',
        legalForm: 'gGmbH',
        vatDeductible: true,
        iban: 'DE02120300000000202051',
        financeRegistrationNumber: null,
      });
      const [audit] = await db.dataSource.query(
        `SELECT actor_id, payload FROM audit_event WHERE action = 'organisation_updated' AND entity_id = $1`,
        [ownOrganisation.id],
      );
      expect(audit.actor_id).toBe(orgAdmin.user.id);
      expect(audit.payload.fields.sort()).toEqual([
        'financeRegistrationNumber',
        'iban',
        'legalForm',
        'postalCode',
        'street',
        'vatDeductible',
      ]);
      expect(JSON.stringify(audit)).not.toContain('DE02');
    });

    it('refuses a wrong IBAN check digit, a four-digit postal code and an emptied name', async () => {
      const res = await write(orgAdmin.session, 'patch', `/api/organisations/${ownOrganisation.id}`)
        .send({ iban: 'DE03 1203 0000 0000 2020 51', postalCode: '1359', name: null, vatDeductible: 'ja' })
        .expect(400);
      expect(
        res.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort(),
      ).toEqual([
        'iban:iban',
        'name:isString',
        'name:maxLength',
        'name:minLength',
        'postalCode:postalCode',
        'vatDeductible:isBoolean',
      ]);
    });

    it("refuses another organisation's name", async () => {
      const res = await write(orgAdmin.session, 'patch', `/api/organisations/${ownOrganisation.id}`)
        .send({ name: 'Gemeinschaftsgarten Rixdorf e. V.' })
        .expect(409);
      expect(res.body.code).toBe('organisation_name_taken');
    });

    it('lets its admins replace the legal representatives, but not empty the list', async () => {
      const path = `/api/organisations/${ownOrganisation.id}`;
      const representatives = [
        { name: 'Greta Sommer', role: 'Vorstandsvorsitzende' },
        { name: 'Emil Winter', role: 'Schatzmeister' },
      ];
      const res = await write(orgAdmin.session, 'patch', path)
        .send({
          legalRepresentatives: [
            { name: ' Greta Sommer ', role: 'Vorstandsvorsitzende' },
            { name: 'Emil Winter', role: ' Schatzmeister' },
          ],
        })
        .expect(200);
      expect(res.body.legalRepresentatives).toEqual(representatives);
      const audits = await db.dataSource.query(
        `SELECT payload FROM audit_event WHERE action = 'organisation_updated' AND entity_id = $1`,
        [ownOrganisation.id],
      );
      expect(audits.map((a: { payload: { fields: string[] } }) => a.payload.fields)).toContainEqual([
        'legalRepresentatives',
      ]);
      expect(JSON.stringify(audits)).not.toContain('Greta');

      // Other changes leave the list as it is.
      const other = await write(orgAdmin.session, 'patch', path).send({ city: 'Berlin' }).expect(200);
      expect(other.body.legalRepresentatives).toEqual(representatives);

      const refused = async (legalRepresentatives: unknown) => {
        const answer = await write(orgAdmin.session, 'patch', path)
          .send({ legalRepresentatives })
          .expect(400);
        return answer.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort();
      };
      expect(await refused([])).toEqual(['legalRepresentatives:arrayNotEmpty']);
      expect(await refused(null)).toContain('legalRepresentatives:isArray');
      expect(await refused([{ name: 'Greta Sommer', role: '' }, { role: 'Vorstand' }])).toEqual([
        'legalRepresentatives.0.role:minLength',
        'legalRepresentatives.1.name:isString',
        'legalRepresentatives.1.name:maxLength',
        'legalRepresentatives.1.name:minLength',
      ]);
      const detail = await get(orgAdmin.session, path).expect(200);
      expect(detail.body.legalRepresentatives).toEqual(representatives);
    });

    it('leaves the details to the organisation admins: 403 for members and staff, 404 for other carriers', async () => {
      await write(orgMember.session, 'patch', `/api/organisations/${ownOrganisation.id}`)
        .send({ city: 'X' })
        .expect(403);
      await write(spandauCoordinator.session, 'patch', `/api/organisations/${ownOrganisation.id}`)
        .send({ city: 'X' })
        .expect(403);
      await write(orgAdmin.session, 'patch', `/api/organisations/${foreignOrganisation.id}`)
        .send({ city: 'X' })
        .expect(404);
    });
  });
});
