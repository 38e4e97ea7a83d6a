import { APP_CONFIG } from '@kiezfonds/platform';
import { RETENTION } from '@kiezfonds/domain';
import { RetentionService, SessionService } from '@kiezfonds/identity';
import {
  createDistrict,
  createUser,
  grantRole,
  oneTimeLinkToken,
  registrationRequest,
  setPassword,
  signIn,
  type TestDatabase,
} from '@kiezfonds/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';
const DAYS = RETENTION.endedAccessDays;

/**
 * The worker's retention sweep (docs/privacy.md, "Wie lange"): what has ended more than 30 days ago
 * goes, and so do registrations whose address was never confirmed; the rest stays untouched.
 */
describe('personal data is deleted when its keeping time is over', () => {
  let api: TestApi;
  let db: TestDatabase;
  let retention: RetentionService;

  beforeAll(async () => {
    api = await startTestApi();
    db = api.db;
    retention = new RetentionService(db.dataSource, api.app.get(SessionService), api.app.get(APP_CONFIG));
  });

  afterAll(async () => {
    await api.close();
  });

  const ago = (days: number, minutes = 0) => `now() - interval '${days} days ${minutes} minutes'`;

  it('deletes sessions, tokens and links that ended more than 30 days ago, counters that no longer count, what delivered notices said and answers to expired idempotency keys', async () => {
    const person = await createUser(db.dataSource);
    await setPassword(db.dataSource, person.id, PASSWORD);
    const session = async (label: string, columns: string) =>
      (
        (await db.dataSource.query(
          `INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, revoked_at)
           SELECT $1, $2, 'csrf', ${columns} RETURNING id`,
          [`hash-${label}-${person.id}`, person.id],
        )) as { id: string }[]
      )[0]!.id;
    const sessions = {
      expiredLongAgo: await session(
        'a',
        `${ago(DAYS + 1, 720)}, ${ago(DAYS + 1, 720)}, ${ago(DAYS + 1)}, NULL`,
      ),
      expiredRecently: await session(
        'b',
        `${ago(DAYS - 1, 720)}, ${ago(DAYS - 1, 720)}, ${ago(DAYS - 1)}, NULL`,
      ),
      revokedLongAgo: await session(
        'c',
        `${ago(DAYS + 2)}, ${ago(DAYS + 2)}, ${ago(DAYS + 1)}, ${ago(DAYS + 2)}`,
      ),
      // Idle ends a session before its expiry: last seen 31 days ago, expired 30 days 23 h ago.
      idleLongAgo: await session('d', `${ago(DAYS + 1, 60)}, ${ago(DAYS + 1, 60)}, ${ago(DAYS, 60)}, NULL`),
    };
    const signedIn = await signIn(api.server, person.email, PASSWORD);

    const token = async (label: string, columns: string) =>
      (
        (await db.dataSource.query(
          `INSERT INTO api_token (user_id, name, token_hash, prefix, created_at, expires_at, revoked_at)
           SELECT $1, $2, $3, 'kf_test', ${columns} RETURNING id`,
          [person.id, label, `token-${label}-${person.id}`],
        )) as { id: string }[]
      )[0]!.id;
    await token('expired long ago', `${ago(DAYS + 100)}, ${ago(DAYS + 1)}, NULL`);
    await token('revoked long ago', `${ago(DAYS + 10)}, now() + interval '30 days', ${ago(DAYS + 1)}`);
    const tokens = {
      revokedRecently: await token('c', `${ago(DAYS + 10)}, now() + interval '30 days', ${ago(DAYS - 1)}`),
      active: await token('d', `now(), now() + interval '90 days', NULL`),
    };

    const link = async (columns: string) =>
      (
        (await db.dataSource.query(
          `INSERT INTO one_time_token (purpose, token_hash, user_id, created_at, expires_at, used_at)
           SELECT 'password_reset', gen_random_uuid()::text, $1, ${columns} RETURNING id`,
          [person.id],
        )) as { id: string }[]
      )[0]!.id;
    await link(`${ago(DAYS + 1, 30)}, now(), ${ago(DAYS + 1)}`); // used long ago
    await link(`${ago(DAYS + 1, 60)}, ${ago(DAYS + 1)}, NULL`); // expired long ago
    const links = { expiredRecently: await link(`${ago(1, 60)}, ${ago(1)}, NULL`) };

    await db.dataSource.query(
      `INSERT INTO login_throttle (key, failures, window_started_at, locked_until) VALUES
         ('retention:over', 7, now() - interval '2 hours', now() - interval '1 hour'),
         ('retention:still-locked', 40, now() - interval '2 hours', now() + interval '5 minutes'),
         ('retention:counting', 3, now() - interval '10 minutes', NULL)`,
    );

    // Notices: delivered 31 and 29 days ago, failed 31 days ago (kept for a person to look at), pending.
    const notice = (label: string, columns: string) =>
      db.dataSource.query(
        `INSERT INTO outbox (topic, delivery_key, payload, created_at, relayed_at, delivered_at, failed_at)
         SELECT 'notice', $1, $2, ${columns}`,
        [
          `retention:${label}`,
          JSON.stringify({ recipient: { userId: person.id, email: person.email, name: person.displayName } }),
        ],
      );
    await notice('delivered-long-ago', `${ago(DAYS + 2)}, ${ago(DAYS + 2)}, ${ago(DAYS + 1)}, NULL`);
    await notice('delivered-recently', `${ago(DAYS - 1)}, ${ago(DAYS - 1)}, ${ago(DAYS - 1)}, NULL`);
    await notice('failed-long-ago', `${ago(DAYS + 2)}, ${ago(DAYS + 2)}, NULL, ${ago(DAYS + 1)}`);
    await notice('pending', `now(), NULL, NULL, NULL`);

    // Stored answers to an Idempotency-Key (they quote names and texts): one past its window, one within.
    const storedAnswer = (key: string, hoursAgo: number) =>
      db.dataSource.query(
        `INSERT INTO idempotency_key (user_id, key, scope, request_hash, status_code, response, created_at)
         VALUES ($1, $2, 'interim-report:x', 'hash', 200, $3, now() - make_interval(hours => $4))`,
        [person.id, key, JSON.stringify({ text: `Bericht von ${person.displayName}` }), hoursAgo],
      );
    await storedAnswer('answered-long-ago', RETENTION.idempotencyKeyHours + 1);
    await storedAnswer('answered-recently', RETENTION.idempotencyKeyHours - 1);

    const result = await retention.sweep();
    expect(result).toMatchObject({
      sessions: 3,
      tokens: 2,
      links: 2,
      throttles: 1,
      notices: 1,
      idempotencyKeys: 1,
    });

    const ids = async (table: string) =>
      (
        (await db.dataSource.query(`SELECT id FROM ${table} WHERE user_id = $1`, [person.id])) as {
          id: string;
        }[]
      )
        .map((row) => row.id)
        .sort();
    // Kept: the session that expired 29 days ago and the one signed in above.
    const keptSessions = await ids('user_session');
    expect(keptSessions).toHaveLength(2);
    expect(keptSessions).toContain(sessions.expiredRecently);
    for (const gone of [sessions.expiredLongAgo, sessions.revokedLongAgo, sessions.idleLongAgo]) {
      expect(keptSessions).not.toContain(gone);
    }
    expect(await ids('api_token')).toEqual([tokens.revokedRecently, tokens.active].sort());
    expect(await ids('one_time_token')).toEqual([links.expiredRecently]);
    expect(
      await db.dataSource.query(`SELECT key FROM login_throttle WHERE key LIKE 'retention:%' ORDER BY key`),
    ).toEqual([{ key: 'retention:counting' }, { key: 'retention:still-locked' }]);

    expect(
      await db.dataSource.query(
        `SELECT delivery_key, payload = '{}'::jsonb AS cleared FROM outbox WHERE delivery_key LIKE 'retention:%'
          ORDER BY delivery_key`,
      ),
    ).toEqual([
      { delivery_key: 'retention:delivered-long-ago', cleared: true },
      { delivery_key: 'retention:delivered-recently', cleared: false },
      { delivery_key: 'retention:failed-long-ago', cleared: false },
      { delivery_key: 'retention:pending', cleared: false },
    ]);
    expect(
      await db.dataSource.query(`SELECT key FROM idempotency_key WHERE user_id = $1`, [person.id]),
    ).toEqual([{ key: 'answered-recently' }]);

    // The session in use goes on working, and a second sweep finds nothing more.
    await request(api.server).get('/api/me').set('Cookie', signedIn.cookie).expect(200);
    expect(await retention.sweep()).toEqual({
      sessions: 0,
      tokens: 0,
      links: 0,
      throttles: 0,
      notices: 0,
      idempotencyKeys: 0,
      accountsDeleted: 0,
      accountsPseudonymised: 0,
      organisationsDeleted: 0,
    });
  });

  describe('a registration whose address was never confirmed', () => {
    function register(email: string, organisation: string) {
      return request(api.server)
        .post('/api/registrations')
        .send(registrationRequest({ email, organisationName: organisation, password: PASSWORD }))
        .expect(202);
    }

    async function account(email: string) {
      const [row] = (await db.dataSource.query(
        `SELECT u.id, u.status, u.email, u.display_name, u.password_hash IS NOT NULL AS has_password,
                (SELECT m.organisation_id FROM organisation_member m WHERE m.user_id = u.id) AS organisation_id
           FROM app_user u WHERE lower(u.email) = lower($1)`,
        [email],
      )) as {
        id: string;
        status: string;
        email: string;
        display_name: string;
        has_password: boolean;
        organisation_id: string | null;
      }[];
      return row;
    }

    const registeredDaysAgo = (userId: string, days: number) =>
      db.dataSource.query(
        `UPDATE app_user SET created_at = now() - make_interval(days => $2) WHERE id = $1`,
        [userId, days],
      );

    const organisationExists = async (id: string) =>
      ((await db.dataSource.query(`SELECT 1 FROM organisation WHERE id = $1`, [id])) as unknown[]).length ===
      1;

    const removals = (userId: string) =>
      db.dataSource.query(
        `SELECT actor_id, from_state, to_state, payload FROM audit_event
          WHERE entity_id = $1 AND action = 'unconfirmed_registration_removed'`,
        [userId],
      );

    it('is deleted with its organisation 30 days after; a confirmed one and a younger one stay', async () => {
      await register('alt@unbestaetigt.example', 'Nie bestätigt e. V.');
      await register('bestaetigt@verein.example', 'Bestätigt e. V.');
      await register('jung@unbestaetigt.example', 'Noch jung e. V.');
      const stale = (await account('alt@unbestaetigt.example'))!;
      const confirmed = (await account('bestaetigt@verein.example'))!;
      const young = (await account('jung@unbestaetigt.example'))!;
      const [link] = (await db.dataSource.query(
        `SELECT id FROM one_time_token WHERE user_id = $1 AND purpose = 'email_verification'`,
        [confirmed.id],
      )) as { id: string }[];
      await request(api.server)
        .post('/api/registrations/verify-email')
        .send({ token: oneTimeLinkToken({ purpose: 'email_verification', linkId: link!.id }) })
        .expect(204);
      await registeredDaysAgo(stale.id, RETENTION.unverifiedAccountDays + 1);
      await registeredDaysAgo(confirmed.id, RETENTION.unverifiedAccountDays + 1);
      await registeredDaysAgo(young.id, RETENTION.unverifiedAccountDays - 1);
      // The confirmation mail waits in the outbox with the name and address.
      const pending = async (userId: string) =>
        (
          (await db.dataSource.query(
            `SELECT count(*)::int AS n FROM outbox WHERE payload->'recipient'->>'userId' = $1`,
            [userId],
          )) as { n: number }[]
        )[0]!.n;
      expect(await pending(stale.id)).toBe(1);

      const result = await retention.sweep();
      expect(result).toMatchObject({ accountsDeleted: 1, accountsPseudonymised: 0, organisationsDeleted: 1 });

      expect(await account('alt@unbestaetigt.example')).toBeUndefined();
      expect(await organisationExists(stale.organisation_id!)).toBe(false);
      expect(await pending(stale.id)).toBe(0);
      expect(await removals(stale.id)).toEqual([
        {
          actor_id: null,
          from_state: 'unverified',
          to_state: null,
          payload: { outcome: 'deleted', organisationsDeleted: [stale.organisation_id], afterDays: 30 },
        },
      ]);
      // The audit trail of the registration stays, with ids only.
      expect(
        await db.dataSource.query(
          `SELECT action FROM audit_event WHERE entity_id IN ($1, $2) AND action LIKE '%registered' ORDER BY action`,
          [stale.id, stale.organisation_id],
        ),
      ).toEqual([{ action: 'organisation_registered' }, { action: 'user_registered' }]);

      expect(await account('bestaetigt@verein.example')).toMatchObject({ status: 'active' });
      expect(await account('jung@unbestaetigt.example')).toMatchObject({ status: 'unverified' });
      expect(await organisationExists(young.organisation_id!)).toBe(true);

      // The address is free again.
      await register('alt@unbestaetigt.example', 'Nie bestätigt e. V.');
      expect(await account('alt@unbestaetigt.example')).toMatchObject({ status: 'unverified' });
    });

    it('is deleted even when it left a stored answer to an Idempotency-Key, and the answer goes with it', async () => {
      await register('mit-schluessel@unbestaetigt.example', 'Mit Schlüssel e. V.');
      const stale = (await account('mit-schluessel@unbestaetigt.example'))!;
      // Still within its window: the sweep's own expiry does not take it first.
      await db.dataSource.query(
        `INSERT INTO idempotency_key (user_id, key, scope, request_hash, status_code, response)
         VALUES ($1, 'draft-1', 'scope', 'hash', 200, '{"title":"Kiezküche"}')`,
        [stale.id],
      );
      await registeredDaysAgo(stale.id, RETENTION.unverifiedAccountDays + 1);

      const result = await retention.sweep();
      expect(result).toMatchObject({ accountsDeleted: 1, accountsPseudonymised: 0 });
      expect(await account('mit-schluessel@unbestaetigt.example')).toBeUndefined();
      expect(
        await db.dataSource.query(`SELECT key FROM idempotency_key WHERE user_id = $1`, [stale.id]),
      ).toEqual([]);
    });

    it('is pseudonymised when a record refers to it, and an organisation someone else joined stays', async () => {
      await register('referenziert@unbestaetigt.example', 'Mit Mitglied e. V.');
      const stale = (await account('referenziert@unbestaetigt.example'))!;
      const colleague = await createUser(db.dataSource);
      await db.dataSource.query(
        `INSERT INTO organisation_member (organisation_id, user_id) VALUES ($1, $2)`,
        [stale.organisation_id, colleague.id],
      );
      // A role assignment refers to the account (and the audit trail does not let it go).
      await grantRole(db.dataSource, stale.id, 'coordinator', (await createDistrict(db.dataSource)).id);
      await registeredDaysAgo(stale.id, RETENTION.unverifiedAccountDays + 1);

      const result = await retention.sweep();
      expect(result).toMatchObject({ accountsDeleted: 0, accountsPseudonymised: 1, organisationsDeleted: 0 });

      expect(await account(`pseudonym-${stale.id}@invalid.example`)).toEqual({
        id: stale.id,
        status: 'pseudonymised',
        email: `pseudonym-${stale.id}@invalid.example`,
        display_name: `Pseudonym ${stale.id.slice(0, 8)}`,
        has_password: false,
        organisation_id: null,
      });
      expect(await organisationExists(stale.organisation_id!)).toBe(true);
      expect(await removals(stale.id)).toEqual([
        expect.objectContaining({
          to_state: 'pseudonymised',
          payload: expect.objectContaining({ outcome: 'pseudonymised' }),
        }),
      ]);
      // Nothing is left to do for it.
      expect(await retention.sweep()).toMatchObject({ accountsDeleted: 0, accountsPseudonymised: 0 });
    });
  });
});
