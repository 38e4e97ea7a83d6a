import { seedDemoData } from '@kiezfonds/persistence';
import { setPassword, signIn } from '@kiezfonds/testing';
import request from 'supertest';
import { backToToday, travelTo } from '../testing/clock';
import { startTestApi, type TestApi } from '../testing/test-api';
import { seedDemoApplications } from './seed-applications';

/** The demo's applications and money, as `npm run db:seed` leaves them (issue 6, deliverable 10). */
describe('demo applications and funds in the seed', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    // A fixed hash keeps argon2 out of the test's time; the logins are not used here.
    await seedDemoData(api.db.dataSource, { passwordHash: 'not-a-login' });
  });

  afterAll(async () => {
    await api.close();
  });

  // Seeded on a fixed day: before the demo project starts (1 March 2027), so it waits for its
  // first call-off (no money before the project runs), and the outcome does not follow the calendar.
  beforeEach(() => travelTo('2027-02-15T10:00:00+01:00'));
  afterEach(() => backToToday());

  const query = <T>(sql: string, params: unknown[] = []) =>
    api.db.dataSource.query(sql, params) as Promise<T[]>;

  it('gives every demo carrier applications in the states the screens need, with the money behind them', async () => {
    const first = await seedDemoApplications(api.app, api.db.dataSource);
    // The Netzwerkfonds and, for each of Spandau's four QM areas, Aktions-, Projekt- and Baufonds.
    // Seeded in 2027: the 2027 budget serves both calls, the second of which runs since 1 January.
    expect(first).toEqual({
      funds: 13,
      budgets: 13,
      calls: 1,
      applications: 10,
      sessions: 2,
      voten: 3,
      skipped: null,
    });

    const byCarrier = await query<{ email: string; states: string[] }>(
      `SELECT u.email, array_agg(a.state ORDER BY a.state) AS states
         FROM application a
         JOIN organisation_member m ON m.organisation_id = a.organisation_id
         JOIN app_user u ON u.id = m.user_id AND u.email LIKE 'carrier%'
        GROUP BY u.email ORDER BY u.email`,
    );
    expect(byCarrier).toEqual([
      { email: 'carrier1@kiezfonds.example', states: ['draft', 'draft', 'selected'] },
      { email: 'carrier2@kiezfonds.example', states: ['changes_requested', 'submitted'] },
      { email: 'carrier3@kiezfonds.example', states: ['in_implementation', 'in_review'] },
      { email: 'carrier4@kiezfonds.example', states: ['completed', 'in_implementation', 'selected'] },
    ]);

    // The AG's review: criteria for the call, Voten of three departments, the conflict on record.
    const voten = await query<{ department: string; recommendation: string }>(
      `SELECT department, recommendation FROM votum ORDER BY department`,
    );
    expect(voten).toEqual([
      { department: 'Gesundheitsamt', recommendation: 'support' },
      { department: 'Jugendamt', recommendation: 'support' },
      { department: 'Schul- und Sportamt', recommendation: 'support_with_conditions' },
    ]);
    const [criteria] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM call_review_criterion`);
    expect(criteria!.n).toBe(4);
    const [conflicts] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM conflict_of_interest WHERE withdrawn_at IS NULL`,
    );
    expect(conflicts!.n).toBe(1);

    const [changeRequest] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM change_request WHERE answered_at IS NULL`,
    );
    expect(changeRequest!.n).toBe(1);

    const ledger = await query<{ kind: string; fund_kind: string; amount: string }>(
      `SELECT e.kind, f.kind AS fund_kind, sum(e.amount_cents)::text AS amount
         FROM ledger_entry e JOIN fund f ON f.id = e.fund_id GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(ledger).toEqual([
      { kind: 'budget', fund_kind: 'aktionsfonds', amount: '4000000' },
      { kind: 'budget', fund_kind: 'baufonds', amount: '100000000' },
      { kind: 'budget', fund_kind: 'netzwerkfonds', amount: '60000000' },
      { kind: 'budget', fund_kind: 'projektfonds', amount: '24000000' },
      { kind: 'commitment', fund_kind: 'netzwerkfonds', amount: '22000000' },
      { kind: 'disbursement', fund_kind: 'netzwerkfonds', amount: '5500000' },
    ]);
    // One call-off approved and waiting for its payment; one project settled with a recovery claim:
    // 50.000 € spent, 5.000 € own money first, 45.000 € grant; 10.000 € of 55.000 € back, plus
    // interest from the payment (15.02.2027) to the due day (17.03.2027): 30 days at 6,27 %:
    // 1 000 000 ct × 627 × 30 / 3 650 000 = 5 153,42… → 51,53 €.
    expect(
      await query(`SELECT state, amount_cents::text AS amount FROM call_off WHERE state <> 'paid'`),
    ).toEqual([{ state: 'approved', amount: '1000000' }]);
    expect(
      await query(
        `SELECT c.state, c.notice_due_by::text AS due, e.kind, e.amount_cents::text AS amount
           FROM repayment_claim c JOIN repayment_claim_entry e ON e.claim_id = c.id ORDER BY e.seq`,
      ),
    ).toEqual([
      { state: 'open', due: '2027-03-17', kind: 'principal', amount: '1000000' },
      { state: 'open', due: '2027-03-17', kind: 'interest', amount: '5153' },
    ]);
    const [notice] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM grant_notice`);
    expect(notice!.n).toBe(3);
    const [office] = await query<{ office_street: string; signatory_name: string }>(
      `SELECT office_street, signatory_name FROM district WHERE slug = 'spandau'`,
    );
    expect(office).toEqual({
      office_street: 'Carl-Schurz-Straße 2/6',
      signatory_name: 'Dr. Miriam Kowalski',
    });
  });

  it("lists all four fund kinds for Spandau's finance staff", async () => {
    const [finance] = await query<{ id: string }>(
      `SELECT id FROM app_user WHERE email = 'finance@kiezfonds.example'`,
    );
    await setPassword(api.db.dataSource, finance!.id, 'lange-sichere-passphrase-42');
    const session = await signIn(api.server, 'finance@kiezfonds.example', 'lange-sichere-passphrase-42');
    const res = await request(api.server)
      .get('/api/funds?programmeYear=2027&pageSize=100')
      .set('Cookie', session.cookie)
      .expect(200);
    const kinds = (res.body.items as { kind: string }[]).map((f) => f.kind);
    expect([...new Set(kinds)].sort()).toEqual(['aktionsfonds', 'baufonds', 'netzwerkfonds', 'projektfonds']);
    expect(kinds.filter((k) => k === 'aktionsfonds')).toHaveLength(4);
  });

  it('changes nothing on a second run', async () => {
    const count = async () =>
      (
        await query<{ applications: number; entries: number; audit: number }>(
          `SELECT (SELECT count(*)::int FROM application) AS applications,
                  (SELECT count(*)::int FROM ledger_entry) AS entries,
                  (SELECT count(*)::int FROM audit_event) AS audit`,
        )
      )[0];
    const before = await count();
    await seedDemoData(api.db.dataSource, { passwordHash: 'not-a-login' });
    expect(await seedDemoApplications(api.app, api.db.dataSource)).toEqual({
      funds: 0,
      budgets: 0,
      calls: 0,
      applications: 0,
      sessions: 0,
      voten: 0,
      skipped: null,
    });
    expect(await count()).toEqual(before);
  });
});
