import { parseApplicationReference } from '@kiezfonds/domain';
import { createCall, createDistrict, createOrganisation } from '@kiezfonds/testing';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';

/** Runs `work` over `items` with at most `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

describe('application references: numbered per district and programme year, at any scale', () => {
  let api: TestApi;
  let world: ApplicationWorld;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
  });

  afterAll(async () => {
    await api.close();
  });

  it('1 200 applications across two programme years each get a unique, well-formed number, none cut short', async () => {
    const db = api.db.dataSource;
    const call2027 = await world.openCall();
    const call2028 = await world.openCall({ programmeYear: 2028, title: 'Netzwerkfonds 2028' });

    // 1 000 drafts in 2027 the way the service inserts them (the database numbers them), past the
    // 999 where the old three-digit padding cut 1000 down to 100 …
    await db.query(
      `INSERT INTO application (call_id, organisation_id, title, created_by)
       SELECT $1, $2, 'Kiezprojekt ' || n, $3 FROM generate_series(1, 1000) n`,
      [call2027.id, world.organisation.id, world.carrier.user.id],
    );
    // … and 200 more over HTTP, concurrently, interleaving both years.
    const created: { reference: string; year: number }[] = [];
    const requests = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 2027 : 2028));
    await inParallel(requests, 20, async (year) => {
      const res = await world
        .post(world.carrier, '/api/applications')
        .send({
          callId: year === 2027 ? call2027.id : call2028.id,
          organisationId: world.organisation.id,
          title: `Kiezprojekt ${year}`,
        })
        .expect(201);
      created.push({ reference: (res.body as { reference: string }).reference, year });
    });

    const rows = (await db.query(
      `SELECT a.reference, c.programme_year, c.district_id FROM application a JOIN call c ON c.id = a.call_id
        WHERE c.district_id = $1`,
      [world.district.id],
    )) as { reference: string; programme_year: number; district_id: string }[];
    expect(rows).toHaveLength(1200);
    expect(new Set(rows.map((r) => r.reference)).size).toBe(1200);
    const parsed = rows.map((r) => ({ row: r, parts: parseApplicationReference(r.reference) }));
    expect(parsed.filter((p) => p.parts === null).map((p) => p.row.reference)).toEqual([]);
    // The year in the number is the call's programme year; the district code is the same for all.
    expect(parsed.every((p) => p.parts!.programmeYear === p.row.programme_year)).toBe(true);
    expect(new Set(parsed.map((p) => p.parts!.districtCode)).size).toBe(1);
    // Each year counts on its own, from 1, without gaps.
    const numbers = (year: number) =>
      parsed
        .filter((p) => p.parts!.programmeYear === year)
        .map((p) => p.parts!.number)
        .sort((a, b) => a - b);
    expect(numbers(2027)).toEqual(Array.from({ length: 1100 }, (_, i) => i + 1));
    expect(numbers(2028)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const code = parsed[0]!.parts!.districtCode;
    expect(rows.map((r) => r.reference)).toEqual(
      expect.arrayContaining([`NWF-${code}-2027-0999`, `NWF-${code}-2027-1000`, `NWF-${code}-2027-1100`]),
    );
    // What the API answered is what was stored.
    expect(created).toHaveLength(200);
    expect(created.every((c) => parseApplicationReference(c.reference)?.programmeYear === c.year)).toBe(true);
  });

  it('another district counts from 1 in the same year, with its own code', async () => {
    const db = api.db.dataSource;
    const neukoelln = await createDistrict(db, { slug: 'neukoelln', name: 'Neukölln' });
    const call = await createCall(db, { districtId: neukoelln.id, programmeYear: 2027 });
    const organisation = await createOrganisation(db);
    await db.query(
      `INSERT INTO application (call_id, organisation_id, title) SELECT $1, $2, 'Projekt ' || n
         FROM generate_series(1, 3) n`,
      [call.id, organisation.id],
    );
    const rows = (await db.query(`SELECT reference FROM application WHERE call_id = $1 ORDER BY reference`, [
      call.id,
    ])) as { reference: string }[];
    expect(rows.map((r) => r.reference)).toEqual([
      'NWF-NEU-2027-0001',
      'NWF-NEU-2027-0002',
      'NWF-NEU-2027-0003',
    ]);
  });

  it('the list search finds an application by the number it had before the renumbering', async () => {
    const db = api.db.dataSource;
    const [row] = (await db.query(
      `UPDATE application SET former_reference = 'NWF-2027-100' WHERE id = (
         SELECT a.id FROM application a JOIN call c ON c.id = a.call_id WHERE c.district_id = $1 LIMIT 1)
       RETURNING id, reference`,
      [world.district.id],
    )) as [{ id: string; reference: string }[], number];
    const found = await world.get(world.carrier, '/api/applications?q=NWF-2027-100').expect(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([row[0]!.id]);
  });

  it("a call's programme year cannot change once its applications carry it", async () => {
    const call = await world.openCall();
    const detail = (await world.get(world.coordinator, `/api/calls/${call.id}`).expect(200)).body as Record<
      string,
      unknown
    >;
    const fields = {
      title: detail.title,
      programmeYear: 2027,
      expectedBudgetCents: detail.expectedBudgetCents,
      submissionDeadline: detail.submissionDeadline,
      actionFieldIds: world.actionFieldIds,
      areaIds: world.areaIds,
    };
    // Without applications the coordinator may still correct it …
    await world
      .patch(world.coordinator, `/api/calls/${call.id}`)
      .send({ ...fields, programmeYear: 2028 })
      .expect(200);
    await world.patch(world.coordinator, `/api/calls/${call.id}`).send(fields).expect(200);
    // … once a draft exists, no longer.
    await world.draft(call.id, null);
    const refused = await world
      .patch(world.coordinator, `/api/calls/${call.id}`)
      .send({ ...fields, programmeYear: 2028 })
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'programme_year_fixed',
      message: expect.stringContaining('2027'),
    });
    await world
      .patch(world.coordinator, `/api/calls/${call.id}`)
      .send({ ...fields, title: 'Neuer Titel' })
      .expect(200);
  });

  it('a district code is unique and cannot be changed once numbers carry it', async () => {
    const db = api.db.dataSource;
    const first = await createDistrict(db, { slug: 'mitte', name: 'Mitte' });
    const second = await createDistrict(db, { slug: 'mitte-nord', name: 'Mitte-Nord' });
    const codes = (await db.query(
      `SELECT slug, reference_code FROM district WHERE id IN ($1, $2) ORDER BY slug`,
      [first.id, second.id],
    )) as { slug: string; reference_code: string }[];
    expect(codes).toEqual([
      { slug: 'mitte', reference_code: 'MIT' },
      { slug: 'mitte-nord', reference_code: 'MIT2' },
    ]);
    await expect(
      db.query(`UPDATE district SET reference_code = 'XYZ' WHERE id = $1`, [first.id]),
    ).rejects.toThrow(/cannot change/);
  });
});
