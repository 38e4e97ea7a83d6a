import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { PASSWORD_HASHING } from '@kiezfonds/identity';
import {
  createCall,
  createDistrict,
  createUser,
  eventually,
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
const APP_URL = 'https://kiezfonds.example';

describe('the request pipeline refuses what a browser attack or a careless client sends', () => {
  let api: TestApi;
  let db: TestDatabase;
  let server: TestApi['server'];
  let user: UserRow;
  let coordinator: SignedIn;
  let callId: string;

  beforeAll(async () => {
    api = await startTestApi({ APP_URL });
    ({ db, server } = api);
    user = await createUser(db.dataSource);
    await setPassword(db.dataSource, user.id, PASSWORD);
    const district = await createDistrict(db.dataSource);
    const staff = await createUser(db.dataSource);
    await setPassword(db.dataSource, staff.id, PASSWORD);
    await grantRole(db.dataSource, staff.id, 'coordinator', district.id);
    coordinator = await signIn(server, staff.email, PASSWORD);
    callId = (await createCall(db.dataSource, { districtId: district.id, status: 'draft' })).id;
  });

  afterAll(async () => {
    await api.close();
  });

  const login = () => request(server).post('/api/auth/login');

  it('answers a form-encoded login with 415 and does not sign in', async () => {
    const res = await login()
      .type('form')
      .send(`email=${encodeURIComponent(user.email)}&password=${PASSWORD}`)
      .expect(415);
    expect(res.body).toMatchObject({ code: 'unsupported_media_type', details: [] });
    expect(res.headers['set-cookie']).toBeUndefined();
    await login()
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ email: user.email, password: PASSWORD }))
      .expect(415);
  });

  it('refuses a login from a foreign origin, and accepts one from the app itself', async () => {
    const foreign = await login()
      .set('Origin', 'https://evil.example')
      .send({ email: user.email, password: PASSWORD })
      .expect(403);
    expect(foreign.body.code).toBe('origin_not_allowed');
    expect(foreign.headers['set-cookie']).toBeUndefined();
    await login()
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ email: user.email, password: PASSWORD })
      .expect(403);
    await login().set('Origin', APP_URL).send({ email: user.email, password: PASSWORD }).expect(200);
    // A script sends no Origin at all; it cannot carry a browser's cookies to us unasked.
    await login().send({ email: user.email, password: PASSWORD }).expect(200);
  });

  it('refuses a cookie-authenticated write from a foreign origin even with the CSRF token', async () => {
    const session = await signIn(server, user.email, PASSWORD);
    await request(server)
      .patch('/api/me')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrfToken)
      .set('Origin', 'https://evil.example')
      .send({ language: 'en' })
      .expect(403);
    const [row] = await db.dataSource.query(`SELECT language FROM app_user WHERE id = $1`, [user.id]);
    expect(row.language).toBe('de');
  });

  it('marks answers with personal data as not to be stored', async () => {
    const session = await signIn(server, user.email, PASSWORD);
    const me = await request(server).get('/api/me').set('Cookie', session.cookie).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const failed = await login().send({ email: user.email, password: 'falsch-falsch-falsch' }).expect(401);
    expect(failed.headers['cache-control']).toBe('no-store');
  });

  it('answers a NUL character in any text field with 400 naming the field', async () => {
    const res = await request(server)
      .post('/api/auth/password-reset')
      .send({ email: `a\u0000b@example.org` })
      .expect(400);
    expect(res.body.details).toEqual([
      {
        field: 'email',
        rule: 'noNulCharacters',
        message: 'Der Text enthält ein unzulässiges Steuerzeichen (NUL).',
      },
    ]);
    const query = await request(server)
      .get('/api/organisations?q=%00')
      .set('Cookie', coordinator.cookie)
      .expect(400);
    expect(query.body.details).toEqual([expect.objectContaining({ field: 'q', rule: 'noNulCharacters' })]);
  });

  it('answers bytes that are not UTF-8 with 400 naming the field', async () => {
    const body = Buffer.concat([
      Buffer.from('{"email":"ab'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('@example.org"}'),
    ]);
    // Sent as the bytes they are (superagent would otherwise serialise the Buffer as JSON).
    const res = await login()
      .set('Content-Type', 'application/json')
      .serialize((raw: unknown) => raw as string)
      .send(body)
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'email', rule: 'utf8', message: 'Der Text ist nicht gültig UTF-8-kodiert.' }],
    });
  });

  it('answers half of a surrogate pair, escaped in JSON, with 400 naming the field', async () => {
    // JSON may escape a lone surrogate; it is no character, and PostgreSQL's jsonb refuses it.
    const res = await login()
      .set('Content-Type', 'application/json')
      .send('{"email":"kiez\\ud800@example.org","password":"x"}')
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'email', rule: 'utf8', message: 'Der Text ist nicht gültig UTF-8-kodiert.' }],
    });
  });

  it('answers a body nested thousands of levels deep with 400, and an oversized one with 413', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const res = await login()
      .set('Content-Type', 'application/json')
      .send(`{"email":${deep},"password":"x"}`)
      .expect(400);
    expect(res.body.details[0]).toMatchObject({
      field: expect.stringMatching(/^email(\.0)+$/),
      rule: 'maxDepth',
    });
    const large = await login()
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.de', password: 'x'.repeat(1_100_000) }))
      .expect(413);
    expect(large.body.code).toBe('payload_too_large');
  });

  it('answers whole numbers beyond int32 in paths and queries with 400 naming the field', async () => {
    const res = await request(server)
      .get('/api/notifications?page=2147483648')
      .set('Cookie', coordinator.cookie)
      .expect(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({
        field: 'page',
        rule: 'int32',
        message: 'Die Zahl muss zwischen -2147483648 und 2147483647 liegen.',
      }),
    ]);
    await request(server)
      .get('/api/notifications?page=2147483647')
      .set('Cookie', coordinator.cookie)
      .expect(200);
  });

  it('takes multipart only on upload routes, and stops a form with too many fields while it streams', async () => {
    const multipartLogin = await login().field('email', user.email).field('password', PASSWORD).expect(415);
    expect(multipartLogin.body.code).toBe('unsupported_media_type');

    const upload = () =>
      request(server)
        .post(`/api/calls/${callId}/documents`)
        .set('Cookie', coordinator.cookie)
        .set('X-CSRF-Token', coordinator.csrfToken);
    let many = upload();
    for (let i = 0; i < 11; i++) many = many.field(`f${i}`, 'x');
    const fields = await many.attach('file', Buffer.from('%PDF-1.4 Test'), 'Leitfaden.pdf').expect(400);
    expect(fields.body).toMatchObject({
      code: 'upload_limit_exceeded',
      details: [{ field: '', rule: 'tooManyFields', message: 'Die Übertragung enthält zu viele Felder.' }],
    });
    const long = await upload()
      .field('title', 'x'.repeat(10_001))
      .attach('file', Buffer.from('%PDF-1.4 Test'), 'Leitfaden.pdf')
      .expect(400);
    expect(long.body.details).toEqual([expect.objectContaining({ field: 'title', rule: 'fieldTooLong' })]);
    const twoFiles = await upload()
      .field('title', 'Leitfaden')
      .attach('file', Buffer.from('%PDF-1.4 A'), 'a.pdf')
      .attach('file', Buffer.from('%PDF-1.4 B'), 'b.pdf')
      .expect(400);
    expect(twoFiles.body.details).toEqual([expect.objectContaining({ rule: 'tooManyFiles' })]);
  });

  it('answers a control character in an upload file name with 400 naming the file', async () => {
    const res = await request(server)
      .post(`/api/calls/${callId}/documents`)
      .set('Cookie', coordinator.cookie)
      .set('X-CSRF-Token', coordinator.csrfToken)
      .field('title', 'Leitfaden')
      .attach('file', Buffer.from('%PDF-1.4 Test'), 'leit\u0007faden.pdf')
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'upload_malformed',
      details: [{ field: 'file', rule: 'multipartMalformed', message: expect.stringContaining('Datei') }],
    });
  });

  it('answers hundreds of unknown fields with the first hundred problems and how many it left out', async () => {
    const body: Record<string, string> = { email: 'a@example.org' };
    for (let i = 0; i < 900; i++) body[`f${i}`] = '';
    const res = await request(server).post('/api/auth/password-reset').send(body).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.details).toHaveLength(100);
    expect(res.body.details[0]).toMatchObject({ field: 'f0', rule: 'whitelistValidation' });
    expect(res.body.detailsOmitted).toBe(800);
    // A few problems come without the count.
    const few = await request(server).post('/api/auth/password-reset').send({ email: 'a@example.org', x: 1 });
    expect(few.body).not.toHaveProperty('detailsOmitted');
  });

  it('refuses an object of tens of thousands of fields before reading it, with a small answer', async () => {
    // Turning such an object into a DTO takes seconds of CPU (class-transformer is quadratic in
    // the number of keys), and each unknown field would be a problem of its own.
    const body: Record<string, unknown> = { email: 'a@example.org', nested: {} };
    for (let i = 0; i < 60_000; i++) body[`f${i}`] = '';
    const text = JSON.stringify(body);
    const res = await request(server)
      .post('/api/auth/password-reset')
      .set('Content-Type', 'application/json')
      .send(text)
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'validation_failed',
      details: [{ field: '', rule: 'tooManyKeys', message: expect.stringContaining('1000') }],
    });
    expect(JSON.stringify(res.body).length).toBeLessThan(1000);
  });

  it('streams an upload into PostgreSQL: it comes back byte for byte, and no staged copy remains', async () => {
    const staged = async () =>
      ((await db.dataSource.query(`SELECT count(*)::int AS n FROM upload_staging`)) as { n: number }[])[0]!.n;
    const content = randomBytes(5 * 1024 * 1024);
    content.write('%PDF-1.7\n');
    const res = await request(server)
      .post(`/api/calls/${callId}/documents`)
      .set('Cookie', coordinator.cookie)
      .set('X-CSRF-Token', coordinator.csrfToken)
      .field('title', 'Großer Plan')
      .attach('file', content, 'grosser-plan.pdf')
      .expect(201);
    const document = (res.body.documents as { id: string; fileName: string; sizeBytes: number }[]).find(
      (d) => d.fileName === 'grosser-plan.pdf',
    );
    expect(document?.sizeBytes).toBe(content.length);
    const download = await request(server)
      .get(`/api/calls/${callId}/documents/${document!.id}`)
      .set('Cookie', coordinator.cookie)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, content)).toBe(0);
    expect(download.headers['digest']).toBe(
      `sha-256=${createHash('sha256').update(content).digest('base64')}`,
    );

    // An OOXML file is told by its central directory at the end: only the last bytes are sampled.
    const docx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(300 * 1024),
      Buffer.from('word/document.xml', 'latin1'),
    ]);
    const office = await request(server)
      .post(`/api/calls/${callId}/documents`)
      .set('Cookie', coordinator.cookie)
      .set('X-CSRF-Token', coordinator.csrfToken)
      .field('title', 'Vorlage')
      .attach('file', docx, 'vorlage.docx')
      .expect(201);
    expect(office.body.documents).toContainEqual(
      expect.objectContaining({
        fileName: 'vorlage.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      }),
    );
    // A refused file (HTML called .pdf) leaves nothing behind either.
    await request(server)
      .post(`/api/calls/${callId}/documents`)
      .set('Cookie', coordinator.cookie)
      .set('X-CSRF-Token', coordinator.csrfToken)
      .field('title', 'Falsch')
      .attach('file', Buffer.from('<html><script>alert(1)</script></html>'), 'falsch.pdf')
      .expect(400);
    await eventually(async () => expect(await staged()).toBe(0));
  });

  it('stores and serves a file name with umlauts as it was sent', async () => {
    const res = await request(server)
      .post(`/api/calls/${callId}/documents`)
      .set('Cookie', coordinator.cookie)
      .set('X-CSRF-Token', coordinator.csrfToken)
      .field('title', 'Kostenübersicht')
      .attach('file', Buffer.from('%PDF-1.4 Kosten'), 'Kostenübersicht.pdf')
      .expect(201);
    const document = (res.body.documents as { id: string; fileName: string }[]).find((d) =>
      d.fileName.startsWith('Kosten'),
    );
    expect(document?.fileName).toBe('Kostenübersicht.pdf');
    const download = await request(server)
      .get(`/api/calls/${callId}/documents/${document!.id}`)
      .set('Cookie', coordinator.cookie)
      .expect(200);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Kosten_bersicht.pdf"; filename*=UTF-8''Kosten%C3%BCbersicht.pdf`,
    );
  });

  it('hashes no more passwords at once than the limit, and /api/health answers before the first registration finishes', async () => {
    const { limit, running } = PASSWORD_HASHING.stats();
    expect(running).toBe(0);
    const queue = 32; // PASSWORD_HASH_QUEUE's default, which the test API keeps
    const finished: string[] = [];
    // The gate is closed until all 30 registrations have been read and wait for a hash: then the
    // order below depends on hashing alone, not on how fast a loaded machine parses 30 requests.
    PASSWORD_HASHING.resize(0, queue);
    const registrations = Array.from({ length: 30 }, (_, n) =>
      request(server)
        .post('/api/registrations')
        .set('X-Forwarded-For', `198.51.100.${n + 1}`)
        .send({
          organisation: {
            name: `Parallel ${n} ${randomUUID().slice(0, 8)} e. V.`,
            legalForm: 'e. V.',
            street: 'Teststraße 1',
            postalCode: '13591',
            city: 'Berlin',
            legalRepresentatives: [{ name: 'Vera Vorstand', role: 'Vorstand' }],
            vatDeductible: false,
          },
          user: {
            email: `parallel-${n}-${randomUUID().slice(0, 8)}@example.org`,
            displayName: 'Vera',
            language: 'de',
            password: PASSWORD,
          },
        })
        .then((res) => {
          finished.push(`registration ${res.status}`);
          return res;
        }),
    );
    try {
      await eventually(() => expect(PASSWORD_HASHING.stats().waiting).toBe(30), 20_000);
    } finally {
      PASSWORD_HASHING.resetStats();
      PASSWORD_HASHING.resize(limit, queue);
    }
    // The first hashes are under way now; the process must still answer at once.
    expect(PASSWORD_HASHING.stats().running).toBe(limit);
    await request(server).get('/api/health').expect(200);
    finished.push('health');
    const answers = await Promise.all(registrations);

    expect(finished[0]).toBe('health');
    expect(answers.map((res) => res.status)).toEqual(Array<number>(30).fill(202));
    expect(PASSWORD_HASHING.stats().maxRunning).toBe(limit);
  });
});
