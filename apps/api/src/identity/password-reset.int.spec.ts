import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createUser,
  oneTimeLinkToken,
  setPassword,
  signIn,
  type TestDatabase,
  type UserRow,
} from '@kiezfonds/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const OLD_PASSWORD = 'lange-sichere-passphrase-42';
const NEW_PASSWORD = 'neue-passphrase-fuer-den-kiez';

interface ResetNotice {
  kind: string;
  recipient: { userId: string; email: string; name: string; locale: string };
  data: { expiresAt: string };
  secretLink: { purpose: 'password_reset'; linkId: string };
  link?: string;
}

describe('password reset', () => {
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

  async function activeUser(overrides: Partial<Omit<UserRow, 'id'>> = {}): Promise<UserRow> {
    const user = await createUser(db.dataSource, overrides);
    await setPassword(db.dataSource, user.id, OLD_PASSWORD);
    return user;
  }

  function requestReset(email: string) {
    return request(server).post('/api/auth/password-reset').send({ email });
  }

  function confirm(token: string, password = NEW_PASSWORD) {
    return request(server).post('/api/auth/password-reset/confirm').send({ token, password });
  }

  async function noticesFor(user: UserRow): Promise<ResetNotice[]> {
    const rows = (await db.dataSource.query(
      `SELECT payload FROM outbox WHERE payload->>'kind' = 'password_reset' AND payload->'recipient'->>'userId' = $1
       ORDER BY created_at`,
      [user.id],
    )) as { payload: ResetNotice }[];
    return rows.map((r) => r.payload);
  }

  async function latestToken(user: UserRow): Promise<string> {
    const notices = await noticesFor(user);
    return oneTimeLinkToken(notices.at(-1)!.secretLink);
  }

  /** Moves the user's reset links back in time, past the 5-minute repeat limit. */
  async function ageLinks(user: UserRow, minutes: number): Promise<void> {
    await db.dataSource.query(
      `UPDATE one_time_token SET created_at = created_at - make_interval(mins => $2),
              expires_at = expires_at - make_interval(mins => $2)
       WHERE user_id = $1 AND purpose = 'password_reset'`,
      [user.id, minutes],
    );
  }

  it('answers an existing and an unknown address alike, and mails only the existing one', async () => {
    const user = await activeUser({ email: 'Mira.Koch@Traeger.example', displayName: 'Mira Koch' });
    const startedKnown = Date.now();
    const known = await requestReset('mira.koch@traeger.example');
    const knownMs = Date.now() - startedKnown;
    const startedUnknown = Date.now();
    const unknown = await requestReset('niemand@traeger.example');
    const unknownMs = Date.now() - startedUnknown;

    expect(known.status).toBe(202);
    expect({ status: unknown.status, body: unknown.body }).toEqual({
      status: known.status,
      body: known.body,
    });
    expect(known.body).toEqual({});
    // Both answers wait for the same floor, so timing does not tell an account apart.
    expect(knownMs).toBeGreaterThanOrEqual(240);
    expect(unknownMs).toBeGreaterThanOrEqual(240);

    const notices = await noticesFor(user);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: 'password_reset',
      recipient: { email: 'Mira.Koch@Traeger.example', name: 'Mira Koch', locale: 'de' },
    });
    expect(notices[0]!.secretLink).toEqual({ purpose: 'password_reset', linkId: expect.any(String) });
    expect(notices[0]!.link).toBeUndefined();
    const [mails] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE payload->'recipient'->>'email' ILIKE 'niemand@traeger.example'`,
    );
    expect(mails.n).toBe(0);
  });

  it('mails at most once per address in 5 minutes, silently', async () => {
    const user = await activeUser();
    for (let i = 0; i < 3; i++) await requestReset(user.email).expect(202);
    expect(await noticesFor(user)).toHaveLength(1);
    await ageLinks(user, 6);
    await requestReset(user.email).expect(202);
    expect(await noticesFor(user)).toHaveLength(2);
  });

  it('gives an invited or disabled account no reset mail', async () => {
    const invited = await createUser(db.dataSource);
    await db.dataSource.query(`UPDATE app_user SET status = 'invited' WHERE id = $1`, [invited.id]);
    const disabled = await activeUser();
    await db.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [disabled.id]);
    await requestReset(invited.email).expect(202);
    await requestReset(disabled.email).expect(202);
    expect(await noticesFor(invited)).toEqual([]);
    expect(await noticesFor(disabled)).toEqual([]);
  });

  it('ends every old session; afterwards only the new password signs in', async () => {
    const user = await activeUser();
    const laptop = await signIn(server, user.email, OLD_PASSWORD);
    const phone = await signIn(server, user.email, OLD_PASSWORD);
    await requestReset(user.email).expect(202);

    await confirm(await latestToken(user)).expect(204);

    await request(server).get('/api/me').set('Cookie', laptop.cookie).expect(401);
    await request(server).get('/api/me').set('Cookie', phone.cookie).expect(401);
    await request(server)
      .post('/api/auth/login')
      .send({ email: user.email, password: OLD_PASSWORD })
      .expect(401);
    await signIn(server, user.email, NEW_PASSWORD);
    const [audit] = await db.dataSource.query(
      `SELECT actor_id, payload FROM audit_event WHERE action = 'password_reset' AND entity_id = $1`,
      [user.id],
    );
    expect(audit).toMatchObject({ actor_id: user.id, payload: { sessionsEnded: 2 } });
  });

  it('lets a reset link work once, and for one hour', async () => {
    const user = await activeUser();
    await requestReset(user.email).expect(202);
    const token = await latestToken(user);
    const [link] = await db.dataSource.query(
      `SELECT extract(epoch FROM expires_at - created_at)::int AS seconds FROM one_time_token
       WHERE user_id = $1 AND purpose = 'password_reset'`,
      [user.id],
    );
    expect(link.seconds).toBe(3600);
    await confirm(token).expect(204);
    const again = await confirm(token, 'noch-eine-andere-passphrase').expect(410);
    expect(again.body.code).toBe('link_invalid');

    await ageLinks(user, 6);
    await requestReset(user.email).expect(202);
    const late = await latestToken(user);
    expect(late).not.toBe(token);
    await ageLinks(user, 61);
    await confirm(late, 'zu-spaet-gesetzte-passphrase').expect(410);
    await signIn(server, user.email, NEW_PASSWORD);
  });

  it('ends the other open reset links once one is used', async () => {
    const user = await activeUser();
    await requestReset(user.email).expect(202);
    const first = await latestToken(user);
    await ageLinks(user, 6);
    await requestReset(user.email).expect(202);
    const second = await latestToken(user);
    await confirm(second).expect(204);
    await confirm(first, 'noch-eine-andere-passphrase').expect(410);
  });

  it('refuses a short or common password, naming the field and rule, and keeps the link', async () => {
    const user = await activeUser();
    await requestReset(user.email).expect(202);
    const token = await latestToken(user);

    const short = await confirm(token, 'kurz-1').expect(400);
    expect(short.body).toMatchObject({
      code: 'validation_failed',
      details: [
        { field: 'password', rule: 'minLength', message: 'Bitte geben Sie mindestens 12 Zeichen ein.' },
      ],
    });
    const common = await confirm(token, 'qwerty123456').expect(400);
    expect(common.body.details).toEqual([
      { field: 'password', rule: 'commonPassword', message: expect.stringMatching(/zu verbreitet/) },
    ]);
    await confirm(token).expect(204);
  });

  it('answers 410 for an unknown link', async () => {
    const res = await confirm('gibt-es-nicht-0123456789abcdefghijklmnopq').expect(410);
    expect(res.body).toMatchObject({ code: 'link_invalid', details: [] });
  });
});
