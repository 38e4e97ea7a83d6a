import { seedDemoData } from '@kiezfonds/persistence';
import { startTestApi, type TestApi } from '../testing/test-api';
import { seedDemoApplications } from './seed-applications';

/**
 * Issue 19, item 6: demo data that fills every page, so a newcomer sees the attachment, session
 * and planning pages with content instead of their empty states.
 */
describe('the demo fills the pages a newcomer opens', () => {
  let api: TestApi;

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

  it("requires an attachment in Spandau's call, and every submitted application carries it", async () => {
    const [call] = await query<{ id: string; required_attachments: { key: string; label: string }[] }>(
      `SELECT id, required_attachments FROM call WHERE title LIKE 'Netzwerkfonds Spandau 2027%'`,
    );
    expect(call!.required_attachments).toEqual([
      { key: 'vereinsregister', label: expect.stringContaining('Vereinsregister') },
    ]);
    const missing = await query<{ title: string }>(
      `SELECT a.title FROM application a
        WHERE a.call_id = $1 AND a.state <> 'draft'
          AND NOT EXISTS (SELECT 1 FROM application_attachment f
                           WHERE f.application_id = a.id AND f.kind = 'vereinsregister')`,
      [call!.id],
    );
    expect(missing).toEqual([]);
  });

  it('has a session of the AG Stabile Kieze already held, whose adopted decisions the programme plan ranks', async () => {
    const held = await query<{ title: string; outcomes: string[] }>(
      `SELECT s.title, array_agg(v.outcome ORDER BY v.outcome) AS outcomes
         FROM committee_session s
         JOIN committee c ON c.id = s.committee_id AND c.name = 'AG Stabile Kieze'
         JOIN committee_vote v ON v.session_id = s.id
        WHERE s.status = 'closed'
        GROUP BY s.title`,
    );
    expect(held).toEqual([{ title: '1. Sitzung 2027', outcomes: ['adopted', 'adopted'] }]);
    const [minutes] = await query<{ published: boolean }>(
      `SELECT minutes_published_at IS NOT NULL AS published FROM committee_session WHERE status = 'closed'`,
    );
    expect(minutes).toEqual({ published: true });

    const [plan] = await query<{ status: string; final_list: { title: string; status: string }[] }>(
      `SELECT p.status, p.final_list FROM programme_plan p JOIN call c ON c.id = p.call_id
        WHERE c.title LIKE 'Netzwerkfonds Spandau 2027%'`,
    );
    expect(plan!.status).toBe('final');
    const ranked = plan!.final_list.filter((item) => item.status === 'selected').map((item) => item.title);
    expect(ranked).toHaveLength(3);
    expect(ranked).toEqual(
      expect.arrayContaining(['Werkstatt der Generationen', 'Kiezlotsen für Nachbarschaftshilfe']),
    );
    // The two decided in the session wait for the Senate's selection.
    const [waiting] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM application WHERE state = 'selected' AND senate_amount_cents IS NULL`,
    );
    expect(waiting!.n).toBe(2);
  });
});
