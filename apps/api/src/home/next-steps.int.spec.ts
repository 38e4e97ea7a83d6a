import { seedDemoData } from '@kiezfonds/persistence';
import { setPassword, signIn, type SignedIn } from '@kiezfonds/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';
import { seedDemoApplications } from '../cli/seed-applications';

const PASSWORD = 'lange-sichere-passphrase-42';

interface Step {
  key: string;
  role: string;
  count: number;
  due: string | null;
  targetId: string | null;
  year: number | null;
}

/**
 * Issue 19, item 2: each role's home says what to do next, counted, on the demo as `npm run
 * db:seed` leaves it. A count follows the work (it grows and shrinks as items come and go) and
 * reads only the caller's districts and organisations.
 */
describe("the home page's next steps", () => {
  let api: TestApi;
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    api = await startTestApi();
    await seedDemoData(api.db.dataSource, { passwordHash: 'not-a-login' });
    await seedDemoApplications(api.app, api.db.dataSource);
  });

  afterAll(async () => {
    await api.close();
  });

  const query = <T>(sql: string, params: unknown[] = []) =>
    api.db.dataSource.query(sql, params) as Promise<T[]>;

  async function as(email: string): Promise<SignedIn> {
    const known = sessions.get(email);
    if (known) return known;
    const [user] = await query<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email]);
    await setPassword(api.db.dataSource, user!.id, PASSWORD);
    const session = await signIn(api.server, email, PASSWORD);
    sessions.set(email, session);
    return session;
  }

  async function steps(email: string): Promise<Record<string, Step>> {
    const res = await request(api.server)
      .get('/api/home/next-steps')
      .set('Cookie', (await as(email)).cookie)
      .expect(200);
    return Object.fromEntries((res.body.items as Step[]).map((step) => [step.key, step]));
  }

  const applicationId = async (title: string) =>
    (await query<{ id: string }>(`SELECT id FROM application WHERE title = $1`, [title]))[0]!.id;

  it('answers 401 to a visitor who is not signed in', async () => {
    await request(api.server).get('/api/home/next-steps').expect(401);
  });

  it("counts a carrier's drafts, and one more when the carrier starts another", async () => {
    const greta = 'carrier1@kiezfonds.example';
    expect((await steps(greta)).draftsToFinish).toMatchObject({ role: 'carrier', count: 2, targetId: null });
    const [call] = await query<{ id: string; organisation_id: string }>(
      `SELECT c.id, m.organisation_id FROM call c, organisation_member m JOIN app_user u ON u.id = m.user_id
        WHERE c.title LIKE 'Netzwerkfonds Spandau 2027%' AND u.email = $1`,
      [greta],
    );
    const session = await as(greta);
    await request(api.server)
      .post('/api/applications')
      .set('Cookie', session.cookie)
      .set('x-csrf-token', session.csrfToken)
      .send({ callId: call!.id, organisationId: call!.organisation_id, title: 'Kiezchor Wilhelmstadt' })
      .expect(201);
    expect((await steps(greta)).draftsToFinish!.count).toBe(3);
    // Another organisation's drafts are not Tobias Meyer's work.
    expect((await steps('carrier2@kiezfonds.example')).draftsToFinish).toBeUndefined();
  });

  it("gives a carrier the change request with its reply deadline, and running projects' call-offs and reports", async () => {
    const tobias = await steps('carrier2@kiezfonds.example');
    expect(tobias.changesRequested).toMatchObject({
      count: 1,
      targetId: await applicationId('Sprachcafés in der Wilhelmstadt'),
    });
    const [deadline] = await query<{ reply_deadline: Date }>(
      `SELECT reply_deadline FROM change_request WHERE answered_at IS NULL`,
    );
    expect(tobias.changesRequested!.due).toBe(deadline!.reply_deadline.toISOString());

    const hatice = await steps('carrier3@kiezfonds.example');
    // Kiezwerkstatt mobil: 35.000 € approved, 10.000 € called off so far; its final report is due.
    const running = await applicationId('Kiezwerkstatt mobil');
    expect(hatice.callOffsOpen).toMatchObject({ count: 1, targetId: running });
    // A report deadline is a calendar day, not an instant.
    expect(hatice.reportsDue).toMatchObject({
      count: 1,
      targetId: running,
      due: expect.stringMatching(/^\d{4}-03-31$/),
    });
  });

  it('reminds a carrier of the declarations due once the application is selected', async () => {
    // The demo's selected applications have their declarations; one that lacks them is due.
    expect((await steps('carrier1@kiezfonds.example')).declarationsDue).toBeUndefined();
    const selected = await applicationId('Kiezlotsen für Nachbarschaftshilfe');
    await query(`UPDATE application SET content = content - 'declarations' WHERE id = $1`, [selected]);
    expect((await steps('carrier1@kiezfonds.example')).declarationsDue).toMatchObject({
      count: 1,
      targetId: selected,
    });
    expect((await steps('carrier4@kiezfonds.example')).declarationsDue).toBeUndefined();
  });

  it('tells committee members which Voten they owe before the deadline and when the AG meets next', async () => {
    const inReview = await applicationId('Kiezmütter für Familien');
    const julia = await steps('board5@kiezfonds.example');
    expect(julia.votenMissing).toMatchObject({ role: 'board_member', count: 1, targetId: inReview });
    expect(julia.votenMissing!.due).toEqual(expect.any(String));
    expect(julia.nextSession).toMatchObject({ count: 1, targetId: expect.any(String) });
    // The Jugendamt gave its Votum already.
    expect((await steps('board1@kiezfonds.example')).votenMissing).toBeUndefined();
    // Neukölln's AG has nothing of Spandau's to review.
    expect((await steps('board.neukoelln1@kiezfonds.example')).votenMissing).toBeUndefined();
  });

  it('lists open written votes without the member’s ballot', async () => {
    const inPlanning = await applicationId('Kiezmütter für Familien');
    const coordinator = await as('coordinator@kiezfonds.example');
    // The AG may vote in writing on an application before it (DOMAIN.md, step 5).
    const opened = await request(api.server)
      .post(`/api/applications/${inPlanning}/written-votes`)
      .set('Cookie', coordinator.cookie)
      .set('x-csrf-token', coordinator.csrfToken)
      .send({ motion: 'Förderempfehlung', deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    expect(opened.status).toBe(201);
    expect((await steps('board6@kiezfonds.example')).writtenVotesOpen).toMatchObject({
      count: 1,
      targetId: inPlanning,
    });
    const andreas = await as('board6@kiezfonds.example');
    await request(api.server)
      .post(`/api/written-votes/${opened.body.id as string}/ballots`)
      .set('Cookie', andreas.cookie)
      .set('x-csrf-token', andreas.csrfToken)
      .send({ choice: 'yes' })
      .expect((res) => expect([200, 201]).toContain(res.status));
    expect((await steps('board6@kiezfonds.example')).writtenVotesOpen).toBeUndefined();
    expect((await steps('board7@kiezfonds.example')).writtenVotesOpen!.count).toBe(1);
  });

  it("shows the Senate the districts' priority lists that wait for its selection", async () => {
    // Spandau's final list names the two applications the AG adopted in its first session.
    const [call] = await query<{ id: string }>(
      `SELECT id FROM call WHERE title LIKE 'Netzwerkfonds Spandau 2027%'`,
    );
    expect((await steps('senate@kiezfonds.example')).listsAwaitingSenate).toMatchObject({
      role: 'senate',
      count: 1,
      targetId: call!.id,
    });
    const senate = await as('senate@kiezfonds.example');
    const waiting = await query<{ id: string }>(
      `SELECT id FROM application WHERE state = 'selected' AND senate_amount_cents IS NULL`,
    );
    expect(waiting).toHaveLength(2);
    for (const { id } of waiting) {
      await request(api.server)
        .post(`/api/applications/${id}/events`)
        .set('Cookie', senate.cookie)
        .set('x-csrf-token', senate.csrfToken)
        .send({ type: 'RECORD_SENATE_SELECTION', amountCents: '11000000' })
        .expect(200);
    }
    expect((await steps('senate@kiezfonds.example')).listsAwaitingSenate).toBeUndefined();
  });

  it('shows coordinators the formal checks of their district only, and drops one once it is done', async () => {
    const submitted = await applicationId('Nachbarschaftsgärten verbinden');
    const lena = await steps('coordinator@kiezfonds.example');
    expect(lena.formalCheck).toMatchObject({ role: 'coordinator', count: 1, targetId: submitted });
    expect(lena.sessionsToPrepare).toMatchObject({ count: 1 });
    expect((await steps('coordinator.neukoelln@kiezfonds.example')).formalCheck).toBeUndefined();

    const coordinator = await as('coordinator@kiezfonds.example');
    await request(api.server)
      .post(`/api/applications/${submitted}/events`)
      .set('Cookie', coordinator.cookie)
      .set('x-csrf-token', coordinator.csrfToken)
      .send({ type: 'PASS_FORMAL_CHECK' })
      .expect(200);
    expect((await steps('coordinator@kiezfonds.example')).formalCheck).toBeUndefined();
  });

  it('shows finance the call-off to pay and the open claim, and drops the call-off once it is paid', async () => {
    const oliver = await steps('finance@kiezfonds.example');
    expect(oliver.callOffsToPay).toMatchObject({ role: 'finance', count: 1 });
    expect(oliver.claimsOpen).toMatchObject({
      count: 1,
      targetId: await applicationId('Sommerakademie Heerstraße'),
    });
    const neukoelln = await steps('finance.neukoelln@kiezfonds.example');
    expect(neukoelln.callOffsToPay).toBeUndefined();
    expect(neukoelln.claimsOpen).toBeUndefined();

    const [callOff] = await query<{ id: string }>(`SELECT id FROM call_off WHERE state = 'approved'`);
    const finance = await as('finance@kiezfonds.example');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    await request(api.server)
      .post(`/api/call-offs/${callOff!.id}/pay`)
      .set('Cookie', finance.cookie)
      .set('x-csrf-token', finance.csrfToken)
      .send({ paidOn: today })
      .expect(200);
    expect((await steps('finance@kiezfonds.example')).callOffsToPay).toBeUndefined();
  });
});
