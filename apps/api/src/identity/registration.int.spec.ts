import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createDistrict,
  createUser,
  grantRole,
  setPassword,
  signIn,
  oneTimeLinkToken,
  type TestDatabase,
  type UserRow,
} from '@kiezfonds/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';

function registration(
  overrides: { organisation?: Record<string, unknown>; user?: Record<string, unknown> } = {},
) {
  return {
    organisation: {
      name: 'Kiezküche Heerstraße e. V.',
      legalForm: 'e. V.',
      street: 'Heerstraße 400',
      postalCode: '13593',
      city: 'Berlin',
      legalRepresentatives: [
        { name: 'Hanna Vogt', role: 'Vorstandsvorsitzende' },
        { name: 'Jens Ebert', role: 'Kassenwart' },
      ],
      vatDeductible: false,
      iban: 'de89 3704 0044 0532 0130 00',
      ...overrides.organisation,
    },
    user: {
      email: 'Vorstand@Kiezkueche.example',
      displayName: 'Hanna Vogt',
      language: 'de',
      password: PASSWORD,
      ...overrides.user,
    },
  };
}

describe('self-registration of carrier organisations', () => {
  let api: TestApi;
  let db: TestDatabase;
  let server: ReturnType<NestExpressApplication['getHttpServer']>;
  let coordinator: UserRow;

  beforeAll(async () => {
    api = await startTestApi();
    ({ db, server } = api);
    const district = await createDistrict(db.dataSource);
    coordinator = await createUser(db.dataSource);
    await setPassword(db.dataSource, coordinator.id, PASSWORD);
    await grantRole(db.dataSource, coordinator.id, 'coordinator', district.id);
  });

  afterAll(async () => {
    await api.close();
  });

  function register(body: object) {
    return request(server).post('/api/registrations').send(body);
  }

  async function organisationCount(): Promise<number> {
    const [row] = await db.dataSource.query(`SELECT count(*)::int AS n FROM organisation`);
    return row.n as number;
  }

  /** The organisation a registration created, read back as the API answers it to staff. */
  async function organisationNamed(
    name: string,
  ): Promise<{ id: string; iban: string | null; verifiedAt: Date | null }> {
    const [row] = await db.dataSource.query(
      `SELECT id, iban, verified_at AS "verifiedAt" FROM organisation WHERE name = $1`,
      [name],
    );
    return row;
  }

  /** Confirms the address as the mailed link would (its secret derived as the worker does). */
  async function confirmAddress(email: string, status: number) {
    const [link] = await db.dataSource.query(
      `SELECT t.id FROM one_time_token t JOIN app_user u ON u.id = t.user_id
       WHERE lower(u.email) = lower($1) AND t.purpose = 'email_verification' ORDER BY t.created_at DESC LIMIT 1`,
      [email],
    );
    await request(server)
      .post('/api/registrations/verify-email')
      .send({ token: oneTimeLinkToken({ purpose: 'email_verification', linkId: link.id }) })
      .expect(status);
  }

  it('creates an unverified organisation and account that signs in only once its address is confirmed', async () => {
    const res = await register(registration()).expect(202);
    expect(res.body).toEqual({ email: 'Vorstand@Kiezkueche.example' });
    const [user] = await db.dataSource.query(
      `SELECT id, status FROM app_user WHERE lower(email) = 'vorstand@kiezkueche.example'`,
    );
    expect(user.status).toBe('unverified');
    const organisation = await organisationNamed('Kiezküche Heerstraße e. V.');
    expect(organisation).toMatchObject({ iban: 'DE89370400440532013000', verifiedAt: null });

    // The mail goes out with a link by reference only, and signing in before confirming is refused.
    const [notice] = await db.dataSource.query(
      `SELECT payload FROM outbox WHERE payload->>'kind' = 'email_verification' AND payload->'recipient'->>'userId' = $1`,
      [user.id],
    );
    expect(notice.payload).toMatchObject({
      recipient: { email: 'Vorstand@Kiezkueche.example', name: 'Hanna Vogt', locale: 'de' },
      // Nothing the registrant typed goes to an address nobody has confirmed.
      data: { expiresAt: expect.any(String) },
      secretLink: { purpose: 'email_verification', linkId: expect.any(String) },
    });
    const early = await request(server)
      .post('/api/auth/login')
      .send({ email: 'vorstand@kiezkueche.example', password: PASSWORD })
      .expect(403);
    expect(early.body).toMatchObject({ code: 'email_not_verified' });
    expect(early.body.message).toMatch(/bestätigen Sie zuerst Ihre E-Mail-Adresse/);
    // A wrong password says nothing about the address.
    const wrong = await request(server)
      .post('/api/auth/login')
      .send({ email: 'vorstand@kiezkueche.example', password: 'ganz-falsches-passwort' })
      .expect(401);
    expect(wrong.body.code).toBe('invalid_credentials');

    await confirmAddress('vorstand@kiezkueche.example', 204);
    await confirmAddress('vorstand@kiezkueche.example', 410);
    const session = await signIn(server, 'vorstand@kiezkueche.example', PASSWORD);
    expect(session.body).toMatchObject({
      id: user.id,
      roles: [],
      organisations: [{ organisationId: organisation.id, isAdmin: true }],
    });
    const audit = await db.dataSource.query(
      `SELECT action, entity_id, actor_id FROM audit_event
       WHERE action IN ('organisation_registered', 'user_registered', 'email_verified') ORDER BY action`,
    );
    expect(audit).toEqual([
      { action: 'email_verified', entity_id: user.id, actor_id: user.id },
      { action: 'organisation_registered', entity_id: organisation.id, actor_id: user.id },
      { action: 'user_registered', entity_id: user.id, actor_id: user.id },
    ]);
  });

  it('lets a coordinator verify the organisation, and not its own members', async () => {
    await register(
      registration({
        organisation: { name: 'Sportfreunde Heerstraße e. V.', iban: undefined },
        user: { email: 'kasse@sportfreunde.example' },
      }),
    ).expect(202);
    const { id, iban } = await organisationNamed('Sportfreunde Heerstraße e. V.');
    expect(iban).toBeNull();
    await confirmAddress('kasse@sportfreunde.example', 204);

    const member = await signIn(server, 'kasse@sportfreunde.example', PASSWORD);
    await request(server)
      .post(`/api/organisations/${id}/verify`)
      .set('Cookie', member.cookie)
      .set('X-CSRF-Token', member.csrfToken)
      .expect(403);

    const staff = await signIn(server, coordinator.email, PASSWORD);
    const verify = () =>
      request(server)
        .post(`/api/organisations/${id}/verify`)
        .set('Cookie', staff.cookie)
        .set('X-CSRF-Token', staff.csrfToken);
    const verified = await verify().expect(200);
    expect(verified.body).toMatchObject({
      id,
      name: 'Sportfreunde Heerstraße e. V.',
      verifiedAt: expect.any(String),
    });
    const again = await verify().expect(200);
    expect(again.body.verifiedAt).toBe(verified.body.verifiedAt);

    const audit = await db.dataSource.query(
      `SELECT actor_id FROM audit_event WHERE action = 'organisation_verified' AND entity_id = $1`,
      [id],
    );
    expect(audit).toEqual([{ actor_id: coordinator.id }]);
    await request(server)
      .post('/api/organisations/00000000-0000-4000-8000-000000000000/verify')
      .set('Cookie', staff.cookie)
      .set('X-CSRF-Token', staff.csrfToken)
      .expect(404);
  });

  it('refuses an IBAN with wrong check digits, naming organisation.iban and the rule iban', async () => {
    const before = await organisationCount();
    const res = await register(
      registration({
        organisation: { name: 'Falsche IBAN e. V.', iban: 'DE88 3704 0044 0532 0130 00' },
        user: { email: 'iban@example.org' },
      }),
    ).expect(400);
    expect(res.body).toMatchObject({ code: 'validation_failed' });
    expect(res.body.details).toEqual([
      { field: 'organisation.iban', rule: 'iban', message: expect.stringMatching(/Prüfziffern/) },
    ]);
    expect(await organisationCount()).toBe(before);
  });

  it('refuses a postal code that is not five digits', async () => {
    const res = await register(
      registration({
        organisation: { name: 'PLZ e. V.', postalCode: '1359' },
        user: { email: 'plz@example.org' },
      }),
    ).expect(400);
    expect(res.body.details).toEqual([
      {
        field: 'organisation.postalCode',
        rule: 'postalCode',
        message: 'Bitte geben Sie eine fünfstellige Postleitzahl ein.',
      },
    ]);
  });

  it('refuses a weak or common password, naming user.password', async () => {
    const short = await register(
      registration({
        organisation: { name: 'Kurz e. V.' },
        user: { email: 'kurz@example.org', password: 'kurz' },
      }),
    ).expect(400);
    expect(short.body.details).toEqual([
      { field: 'user.password', rule: 'minLength', message: expect.any(String) },
    ]);
    const common = await register(
      registration({
        organisation: { name: 'Kurz e. V.' },
        user: { email: 'kurz@example.org', password: 'qwerty123456' },
      }),
    ).expect(400);
    expect(common.body.details).toEqual([
      { field: 'user.password', rule: 'commonPassword', message: expect.any(String) },
    ]);
  });

  it('answers an existing address exactly like a new one, and mails its owner instead', async () => {
    const owner = await createUser(db.dataSource, { email: 'schon-da@example.org', displayName: 'Schon Da' });
    await setPassword(db.dataSource, owner.id, PASSWORD);
    const before = await organisationCount();
    const fresh = await register(
      registration({ organisation: { name: 'Neu hier e. V.' }, user: { email: 'neu-hier@example.org' } }),
    ).expect(202);
    const taken = await register(
      registration({
        organisation: { name: 'Zweite Anmeldung e. V.' },
        user: { email: 'SCHON-DA@example.org' },
      }),
    ).expect(202);
    expect(Object.keys(taken.body)).toEqual(Object.keys(fresh.body));
    expect(taken.body).toEqual({ email: 'SCHON-DA@example.org' });
    expect(await organisationCount()).toBe(before + 1);
    const [notice] = await db.dataSource.query(
      `SELECT payload FROM outbox WHERE payload->>'kind' = 'registration_attempt' AND payload->'recipient'->>'userId' = $1`,
      [owner.id],
    );
    expect(notice.payload).toMatchObject({
      recipient: { email: 'schon-da@example.org' },
      link: '/passwort-vergessen',
    });
    // The owner's password still works; nothing about the account changed.
    await signIn(server, owner.email, PASSWORD);
  });

  it('answers 409 for an organisation name that is already registered', async () => {
    await register(
      registration({ organisation: { name: 'Erste Anmeldung e. V.' }, user: { email: 'erste@example.org' } }),
    ).expect(202);
    const before = await organisationCount();
    const sameName = await register(
      registration({
        organisation: { name: 'Erste Anmeldung e. V.' },
        user: { email: 'anders@example.org' },
      }),
    ).expect(409);
    expect(sameName.body.code).toBe('organisation_name_taken');
    expect(await organisationCount()).toBe(before);
  });

  it('answers a taken organisation name alike for a new address and one with an account', async () => {
    await register(
      registration({ organisation: { name: 'Vergeben e. V.' }, user: { email: 'vergeben@example.org' } }),
    ).expect(202);
    const owner = await createUser(db.dataSource, { email: 'hat-konto@example.org' });
    const answers = [];
    for (const email of ['hat-konto@example.org', 'ganz-neu@example.org']) {
      const res = await register(registration({ organisation: { name: 'Vergeben e. V.' }, user: { email } }));
      answers.push({ status: res.status, code: res.body.code });
    }
    expect(answers).toEqual([
      { status: 409, code: 'organisation_name_taken' },
      { status: 409, code: 'organisation_name_taken' },
    ]);
    // The owner is not told of an attempt that did not get past the name.
    const told = (await db.dataSource.query(
      `SELECT 1 FROM outbox WHERE payload->>'kind' = 'registration_attempt' AND payload->'recipient'->>'userId' = $1`,
      [owner.id],
    )) as unknown[];
    expect(told).toHaveLength(0);
  });

  it('stores the legal representatives trimmed and in order', async () => {
    await register(
      registration({
        organisation: {
          name: 'Vertretung e. V.',
          legalRepresentatives: [
            { name: '  Derya Aksoy ', role: ' Vorstandsvorsitzende' },
            { name: 'Paul Lehmann', role: 'Stellvertretender Vorstand  ' },
          ],
        },
        user: { email: 'vertretung@example.org' },
      }),
    ).expect(202);
    const expected = [
      { name: 'Derya Aksoy', role: 'Vorstandsvorsitzende' },
      { name: 'Paul Lehmann', role: 'Stellvertretender Vorstand' },
    ];
    const [row] = await db.dataSource.query(
      `SELECT legal_representatives FROM organisation WHERE name = $1`,
      ['Vertretung e. V.'],
    );
    expect(row.legal_representatives).toEqual(expected);
  });

  it('refuses a registration without a legal representative, naming organisation.legalRepresentatives', async () => {
    const before = await organisationCount();
    const organisation = { ...registration().organisation, name: 'Ohne Vorstand e. V.' };
    const { legalRepresentatives: _left, ...withoutRepresentatives } = organisation;
    const missing = await register({ ...registration(), organisation: withoutRepresentatives }).expect(400);
    expect(missing.body.code).toBe('validation_failed');
    expect(missing.body.details).toContainEqual({
      field: 'organisation.legalRepresentatives',
      rule: 'isArray',
      message: expect.any(String),
    });
    expect(
      missing.body.details.every((d: { field: string }) => d.field === 'organisation.legalRepresentatives'),
    ).toBe(true);

    const empty = await register(
      registration({ organisation: { name: 'Ohne Vorstand e. V.', legalRepresentatives: [] } }),
    ).expect(400);
    expect(empty.body.details).toEqual([
      {
        field: 'organisation.legalRepresentatives',
        rule: 'arrayNotEmpty',
        message: 'Bitte geben Sie mindestens einen Eintrag an.',
      },
    ]);
    expect(await organisationCount()).toBe(before);
  });

  it('names the representative and the part of it that is wrong, and allows at most ten', async () => {
    const res = await register(
      registration({
        organisation: {
          name: 'Unvollständig e. V.',
          legalRepresentatives: [
            { name: '   ', role: 'Vorstand' },
            { name: 'Ida Roth', role: 'V'.repeat(101) },
            { name: 'Karl Roth', role: 'Vorstand', email: 'karl@example.org' },
            'Lotte Roth',
          ],
        },
        user: { email: 'unvollstaendig@example.org' },
      }),
    ).expect(400);
    expect(
      res.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort(),
    ).toEqual([
      'organisation.legalRepresentatives.0.name:minLength',
      'organisation.legalRepresentatives.1.role:maxLength',
      'organisation.legalRepresentatives.2.email:whitelistValidation',
      // A list item that is not an object is named once, at the item (validation.pipe.ts).
      'organisation.legalRepresentatives.3:isObject',
    ]);
    expect(res.body.details).toContainEqual({
      field: 'organisation.legalRepresentatives.1.role',
      rule: 'maxLength',
      message: 'Bitte geben Sie höchstens 100 Zeichen ein.',
    });

    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `Person ${i + 1}`, role: 'Vorstand' }));
    const tooMany = await register(
      registration({
        organisation: { name: 'Großer Vorstand e. V.', legalRepresentatives: eleven },
        user: { email: 'gross@example.org' },
      }),
    ).expect(400);
    expect(tooMany.body.details).toEqual([
      {
        field: 'organisation.legalRepresentatives',
        rule: 'arrayMaxSize',
        message: 'Bitte senden Sie höchstens 10 Einträge.',
      },
    ]);
  });

  it('names every missing part of the form', async () => {
    const res = await register({ user: registration().user }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('organisation');
  });

  it('answers the 21st registration from one address within the hour with 429, and others still get through', async () => {
    const from = (ip: string, n: number) =>
      request(server)
        .post('/api/registrations')
        .set('X-Forwarded-For', ip)
        .send(
          registration({
            organisation: { name: `Flut ${ip} ${n} e. V.`, iban: undefined },
            user: { email: `flut-${n}@${ip.replaceAll('.', '-')}.example` },
          }),
        );
    // What this file registered before came from another address (the test client's own).
    for (let n = 1; n <= 20; n++) await from('198.51.100.20', n).expect(202);
    const refused = await from('198.51.100.20', 21).expect(429);
    expect(refused.body).toMatchObject({ code: 'too_many_requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
    const [made] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM organisation WHERE name LIKE 'Flut 198.51.100.20 %'`,
    );
    expect(made.n).toBe(20);
    await from('203.0.113.20', 1).expect(202);
  });
});
