import { Workbook } from 'exceljs';
import { createUser, setPassword, signIn } from '@kiezfonds/testing';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld, PASSWORD } from '../testing/application-world';

const HEADER = 'Fonds;Jahr;Träger;Titel;Betrag;Beginn;Ende;Gebiet;Vorgänger';

/**
 * Issue 21, item 4: projects of earlier years imported from a file feed the double-funding check
 * and the five-year chain; a dry run or a file with problems saves nothing.
 */
describe('POST /api/districts/:id/past-projects', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let callId: string;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Reinickendorf' });
    callId = (await world.openCall()).id;
  });

  afterAll(async () => {
    await api.close();
  });

  function upload(csv: string, dryRun: boolean, name = 'altprojekte.csv') {
    return world
      .post(world.coordinator, `/api/districts/${world.district.id}/past-projects?dryRun=${dryRun}`)
      .attach('file', Buffer.from(`\uFEFF${csv}`, 'utf8'), name);
  }

  async function saved(): Promise<number> {
    const [row] = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM past_project WHERE district_id = $1`,
      [world.district.id],
    )) as { n: number }[];
    return row!.n;
  }

  it('lists every problem by row and column and saves nothing, in a dry run and a real one', async () => {
    const csv = [
      HEADER,
      `Aktionsfonds;2024;${world.organisation.name};Hoffest;1.500,00;01.05.2024;30.09.2024;Falkenhagener Feld;`,
      'Quartiersfonds;2024;Niemand e. V.;Hoffest;abc;31.02.2024;30.09.2024;Falkenhagener Feld;',
    ].join('\n');
    for (const dryRun of [true, false]) {
      const answer = await upload(csv, dryRun).expect(400);
      expect(answer.body.code).toBe('past_project_file_invalid');
      expect(answer.body.message).toContain('es wurde nichts gespeichert');
      expect(
        (answer.body.details as { row: number; column: string; rule: string }[]).map(
          ({ row, column, rule }) => ({
            row,
            column,
            rule,
          }),
        ),
      ).toEqual([
        { row: 3, column: 'Fonds', rule: 'csvUnknownFund' },
        { row: 3, column: 'Träger', rule: 'csvUnknownOrganisation' },
        { row: 3, column: 'Betrag', rule: 'csvAmount' },
        { row: 3, column: 'Beginn', rule: 'csvDate' },
      ]);
    }
    expect(await saved()).toBe(0);
  });

  it('imports a file once; the imported project appears in the double-funding warning of a new application', async () => {
    const csv = [
      HEADER,
      // Overlaps the new application's period (01.03.2027 – 31.12.2028).
      `Projektfonds;2027;${world.organisation.name};Kiezküche im Hof;12.345,67;01.01.2027;30.06.2027;Falkenhagener Feld;`,
    ].join('\n');
    const dry = await upload(csv, true).expect(201);
    expect(dry.body).toMatchObject({ dryRun: true, alreadyImported: false, rows: [{ row: 2, id: null }] });
    expect(await saved()).toBe(0);

    const real = await upload(csv, false).expect(201);
    const importedId = real.body.rows[0].id as string;
    expect(real.body).toMatchObject({
      dryRun: false,
      alreadyImported: false,
      rows: [{ amountCents: '1234567' }],
    });
    const again = await upload(csv, false).expect(201);
    expect(again.body).toMatchObject({ alreadyImported: true, rows: [{ id: importedId }] });
    expect(await saved()).toBe(1);

    const audit = (await api.db.dataSource.query(
      `SELECT payload FROM audit_event WHERE entity_type = 'past_project' AND entity_id = $1`,
      [importedId],
    )) as { payload: { fileName: string; row: number } }[];
    expect(audit).toEqual([{ payload: expect.objectContaining({ fileName: 'altprojekte.csv', row: 2 }) }]);

    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    const warning = await world.get(world.coordinator, `/api/applications/${id}/double-funding`).expect(200);
    expect(warning.body.matches).toContainEqual(
      expect.objectContaining({
        trackedProjectId: importedId,
        imported: true,
        fundKind: 'projektfonds',
        title: 'Kiezküche im Hof',
        areaName: 'Falkenhagener Feld',
        amountCents: '1234567',
      }),
    );
  });

  it('counts a chain of five imported years, so a sixth application continuing it is refused', async () => {
    const years = [2022, 2023, 2024, 2025, 2026];
    const csv = [
      HEADER,
      ...years.map(
        (year, i) =>
          `Netzwerkfonds;${year};${world.organisation.name};Nachbarschaftsküche;50.000;01.01.${year};31.12.${year};Heerstraße Nord;${i === 0 ? '' : i + 1}`,
      ),
    ].join('\n');
    const real = await upload(csv, false, 'netzwerkfonds-2022-2026.csv').expect(201);
    const last = (real.body.rows as { id: string; row: number }[]).find((r) => r.row === 6)!.id;

    const { id } = await world.draft(callId, world.completeContent({ predecessorId: last }));
    const refused = await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(422);
    expect(refused.body.code).toBe('five_year_limit_exceeded');
  });

  it('imports a file sent twice at once only once', async () => {
    const csv = [
      HEADER,
      `Aktionsfonds;2019;${world.organisation.name};Laternenumzug;800;01.11.2019;30.11.2019;Heerstraße Nord;`,
    ].join('\n');
    const before = await saved();
    const answers = await Promise.all([upload(csv, false).expect(201), upload(csv, false).expect(201)]);
    expect(answers.map((a) => a.body.alreadyImported as boolean).sort()).toEqual([false, true]);
    expect(answers[0]!.body.rows[0].id).toBe(answers[1]!.body.rows[0].id);
    expect(await saved()).toBe(before + 1);
  });

  it('reads the first sheet of an XLSX, with date and number cells, in a dry run', async () => {
    async function xlsx(...rows: unknown[][]): Promise<Buffer> {
      const book = new Workbook();
      const sheet = book.addWorksheet('Projekte');
      sheet.addRow(HEADER.split(';'));
      for (const row of rows) sheet.addRow(row);
      return Buffer.from(await book.xlsx.writeBuffer());
    }
    const valid = [
      'Baufonds',
      2021,
      world.organisation.name,
      'Spielplatz',
      250000.5,
      new Date(Date.UTC(2021, 3, 1)),
      new Date(Date.UTC(2022, 2, 31)),
      'Falkenhagener Feld',
      null,
    ];
    const before = await saved();
    const refused = await world
      .post(world.finance, `/api/districts/${world.district.id}/past-projects?dryRun=true`)
      .attach(
        'file',
        await xlsx(
          valid,
          [],
          [
            'Aktionsfonds',
            2021,
            'Unbekannt e. V.',
            'Fest',
            100,
            '01.05.2021',
            '31.05.2021',
            'Falkenhagener Feld',
          ],
        ),
        'altprojekte.xlsx',
      )
      .expect(400);
    // Rows keep their sheet numbers across the blank row 3.
    expect(refused.body.details).toEqual([
      expect.objectContaining({ row: 4, column: 'Träger', rule: 'csvUnknownOrganisation' }),
    ]);

    const dry = await world
      .post(world.finance, `/api/districts/${world.district.id}/past-projects?dryRun=true`)
      .attach('file', await xlsx(valid), 'altprojekte.xlsx')
      .expect(201);
    expect(dry.body.rows).toEqual([
      expect.objectContaining({
        row: 2,
        fundKind: 'baufonds',
        amountCents: '25000050',
        periodStart: '2021-04-01',
        periodEnd: '2022-03-31',
      }),
    ]);
    expect(await saved()).toBe(before);
  });

  it('is not for the Senate (403) nor for a district the caller does not work in (404)', async () => {
    const user = await createUser(api.db.dataSource);
    await api.db.dataSource.query(`INSERT INTO role_assignment (user_id, role) VALUES ($1, 'senate')`, [
      user.id,
    ]);
    await setPassword(api.db.dataSource, user.id, PASSWORD);
    const senate = { user, session: await signIn(api.server, user.email, PASSWORD) };
    await world
      .post(senate, `/api/districts/${world.district.id}/past-projects?dryRun=true`)
      .attach('file', Buffer.from(HEADER, 'utf8'), 'a.csv')
      .expect(403);
    const other = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Lichtenberg' });
    await other
      .post(other.coordinator, `/api/districts/${world.district.id}/past-projects?dryRun=true`)
      .attach('file', Buffer.from(HEADER, 'utf8'), 'a.csv')
      .expect(404);
    await world.get(senate, `/api/districts/${world.district.id}/past-projects/template.csv`).expect(403);
    await other
      .get(other.coordinator, `/api/districts/${world.district.id}/past-projects/template.csv`)
      .expect(404);
  });

  it('offers the empty table as a CSV template that the import reads as its header', async () => {
    const answer = await world
      .get(world.coordinator, `/api/districts/${world.district.id}/past-projects/template.csv`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers['content-disposition']).toContain('projekte-frueherer-jahre.csv');
    const template = answer.body as Buffer;
    expect(template.toString('utf8')).toBe(`\uFEFF${HEADER}\r\n`);
    // Sent back unfilled it has no rows: refused, nothing invented is imported.
    const back = await world
      .post(world.coordinator, `/api/districts/${world.district.id}/past-projects?dryRun=true`)
      .attach('file', template, 'projekte-frueherer-jahre.csv')
      .expect(400);
    expect(back.body.details).toEqual([
      expect.objectContaining({ row: 2, column: 'Fonds', rule: 'csvNoRows' }),
    ]);
  });
});
