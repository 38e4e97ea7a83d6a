import { createCall, createDistrict, createOrganisation } from '@kiezfonds/testing';
import { DataSource, type EntitySubscriberInterface } from 'typeorm';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';

type ListItem = { id: string; updatedAt: string; state: string; districtId: string } & Record<
  string,
  unknown
>;
type ListPage = {
  items: ListItem[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
  page: number | null;
  pageSize: number;
};

const SUBMITTED_BY_OTHERS = 1050;

describe('the application list pages by an index and counts only as far as it must', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  const seen: { query: string; parameters: unknown[] }[] = [];
  let recording = false;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    const db = api.db.dataSource;
    const call = await world.openCall();
    const other = await createOrganisation(db);
    // Many at the very same moment: the keyset must not lose or repeat rows that tie on the time.
    await db.query(
      `INSERT INTO application (call_id, organisation_id, title, state, content, submitted_at)
       SELECT $1, $2, 'Projekt ' || n, 'submitted', '{"summary": "lang"}', now() FROM generate_series(1, $3::integer) n`,
      [call.id, other.id, SUBMITTED_BY_OTHERS],
    );
    await db.query(
      `INSERT INTO application (call_id, organisation_id, title, state, updated_at)
       SELECT $1, $2, 'Eigener Antrag ' || n, CASE WHEN n <= 2 THEN 'submitted' ELSE 'draft' END,
              now() - n * interval '1 hour'
         FROM generate_series(1, 7) n`,
      [call.id, world.organisation.id],
    );
    const neukoelln = await createDistrict(db, { slug: 'neukoelln', name: 'Neukölln' });
    const foreign = await createCall(db, { districtId: neukoelln.id });
    await db.query(
      `INSERT INTO application (call_id, organisation_id, title, state)
       SELECT $1, $2, 'Anderswo ' || n, 'submitted' FROM generate_series(1, 3) n`,
      [foreign.id, other.id],
    );
    await db.query(`ANALYZE application`);
    const subscriber: EntitySubscriberInterface = {
      beforeQuery: (event) => {
        if (recording) seen.push({ query: event.query, parameters: (event.parameters ?? []) as unknown[] });
      },
    };
    api.app.get(DataSource).subscribers.push(subscriber);
  });

  afterAll(async () => {
    await api.close();
  });

  const list = async (actor: 'coordinator' | 'carrier', query: string): Promise<ListPage> =>
    (await world.get(world.actor(actor), `/api/applications?${query}`).expect(200)).body as ListPage;

  it("staff walk their district's submitted applications page after page, none lost or repeated", async () => {
    const first = await list('coordinator', 'pageSize=100');
    expect(first).toMatchObject({ total: 1000, totalCapped: true, page: 1, pageSize: 100 });
    expect(Object.keys(first.items[0]!).sort()).toEqual(
      [
        'callId',
        'callTitle',
        'districtId',
        'id',
        'organisationId',
        'organisationName',
        'reference',
        'requestedCents',
        'state',
        'submittedAt',
        'title',
        'updatedAt',
      ].sort(),
    );
    const ids: string[] = first.items.map((i) => i.id);
    let page = first;
    while (page.nextCursor) {
      page = await list('coordinator', `pageSize=100&cursor=${page.nextCursor}`);
      expect(page.page).toBeNull();
      ids.push(...page.items.map((i) => i.id));
    }
    expect(ids).toHaveLength(SUBMITTED_BY_OTHERS + 2);
    expect(new Set(ids).size).toBe(ids.length);
    const [outside] = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM application WHERE id = ANY($1) AND (state = 'draft' OR district_id <> $2)`,
      [ids, world.district.id],
    )) as { n: number }[];
    expect(outside!.n).toBe(0);
  });

  it('numbered pages show the same rows as the cursor, newest change first', async () => {
    const byCursor: string[] = [];
    let cursor = '';
    for (let i = 0; i < 3; i++) {
      const page = await list('coordinator', `pageSize=25${cursor}`);
      byCursor.push(...page.items.map((item) => item.id));
      cursor = `&cursor=${page.nextCursor}`;
    }
    const byNumber: ListItem[] = [];
    for (let n = 1; n <= 3; n++) byNumber.push(...(await list('coordinator', `pageSize=25&page=${n}`)).items);
    expect(byNumber.map((i) => i.id)).toEqual(byCursor);
    const times = byNumber.map((i) => Date.parse(i.updatedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('a carrier sees its own, drafts included, with an exact total and no further page', async () => {
    const page = await list('carrier', 'pageSize=5');
    expect(page).toMatchObject({ total: 7, totalCapped: false });
    const rest = await list('carrier', `pageSize=5&cursor=${page.nextCursor}`);
    expect(rest.items).toHaveLength(2);
    expect(rest.nextCursor).toBeNull();
    expect([...page.items, ...rest.items].map((i) => i.state).sort()).toEqual([
      'draft',
      'draft',
      'draft',
      'draft',
      'draft',
      'submitted',
      'submitted',
    ]);
    const drafts = await list('carrier', 'state=draft');
    expect(drafts).toMatchObject({ total: 5, totalCapped: false, nextCursor: null });
  });

  it('refuses a cursor it did not make with 400 naming the field', async () => {
    const res = await world.get(world.coordinator, '/api/applications?cursor=bm9uc2Vuc2U').expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'cursor', rule: 'cursor' })]);
    // Well-formed, but at a time PostgreSQL cannot compute with (a 500 before).
    for (const micros of ['99999999999999999999', '9223372036854775807', '253402300800000000']) {
      const cursor = Buffer.from(`${micros}:00000000-0000-4000-8000-000000000000`).toString('base64url');
      const far = await world.get(world.coordinator, `/api/applications?cursor=${cursor}`).expect(400);
      expect(far.body.details).toEqual([expect.objectContaining({ field: 'cursor', rule: 'cursor' })]);
    }
    // The last microsecond of the year 9999 is still a place in the list.
    const last = Buffer.from('253402300799999999:00000000-0000-4000-8000-000000000000').toString('base64url');
    await world.get(world.coordinator, `/api/applications?cursor=${last}`).expect(200);
  });

  it("walks the district's index for a page instead of reading every visible row", async () => {
    seen.length = 0;
    recording = true;
    try {
      await list('coordinator', 'pageSize=25');
    } finally {
      recording = false;
    }
    // The total and the page are one statement; the page is its CTE `page`.
    const pageQuery = seen.find((q) => q.query.includes('page AS MATERIALIZED'));
    expect(pageQuery).toBeDefined();
    const db = api.db.dataSource;
    const [{ 'QUERY PLAN': plan }] = (await db.query(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${pageQuery!.query}`,
      pageQuery!.parameters,
    )) as [{ 'QUERY PLAN': unknown }];
    const nodes = (root: unknown, found: Record<string, unknown>[] = []) => {
      if (Array.isArray(root)) root.forEach((n) => nodes(n, found));
      else if (root && typeof root === 'object') {
        found.push(root as Record<string, unknown>);
        Object.values(root).forEach((n) => nodes(n, found));
      }
      return found;
    };
    const page = nodes(plan).find((n) => n['Subplan Name'] === 'CTE page');
    expect(JSON.stringify(page)).toContain('application_district_list_idx');
    // Rows read from the index for the page: about one page, not the thousand the district has.
    const scans = nodes(page).filter((n) => n['Index Name'] === 'application_district_list_idx') as {
      'Actual Rows'?: number;
    }[];
    expect(Math.max(...scans.map((s) => s['Actual Rows'] ?? 0))).toBeLessThanOrEqual(26);
  });
});
