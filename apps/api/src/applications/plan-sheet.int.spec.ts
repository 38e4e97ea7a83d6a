import { Workbook } from 'exceljs';
import { binaryBody, createOrganisation } from '@kiezfonds/testing';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';

/**
 * Issue 19, item 4: the carrier downloads the plan as an Excel template and imports it back (or
 * a CSV as German Excel saves it). Every problem is listed by row and column; nothing is saved
 * unless the whole file is valid.
 */
describe('cost and financing plan from a spreadsheet over HTTP', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let callId: string;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    callId = (await world.openCall()).id;
  });

  afterAll(async () => {
    await api.close();
  });

  async function stored(id: string): Promise<{ version: number; content: Record<string, unknown> }> {
    const [row] = (await api.db.dataSource.query('SELECT version, content FROM application WHERE id = $1', [
      id,
    ])) as { version: number; content: Record<string, unknown> }[];
    return row!;
  }

  function template(id: string) {
    return world
      .get(world.carrier, `/api/applications/${id}/plan-template.xlsx`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
  }

  function windows1252(text: string): Buffer {
    return Buffer.from([...text].map((char) => (char === '€' ? 0x80 : char.charCodeAt(0))));
  }

  function upload(id: string, version: number, file: Buffer, filename: string) {
    return world
      .post(world.carrier, `/api/applications/${id}/plan-import`)
      .field('version', String(version))
      .attach('file', file, { filename });
  }

  it('offers the current plans as an XLSX template that re-imports unchanged', async () => {
    const draft = await world.draft(callId);
    const before = await stored(draft.id);
    const download = await template(draft.id);
    expect(download.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new Workbook();
    await book.xlsx.load(download.body as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      'Kostenplan',
      'Finanzierungsplan',
      'Hinweise',
    ]);
    const costs = book.getWorksheet('Kostenplan')!;
    expect(costs.getRow(1).values).toEqual([
      undefined,
      'Kassenjahr',
      'Kostenart',
      'Beschreibung',
      'Betrag (€)',
    ]);
    expect(costs.getRow(2).values).toEqual([undefined, 2027, 'Personalkosten', 'Projektleitung', 10000]);
    expect(costs.getCell('B3').dataValidation).toMatchObject({ type: 'list' });

    const imported = await upload(draft.id, before.version, download.body as Buffer, 'plan.xlsx').expect(200);
    expect(imported.body).toMatchObject({ version: before.version + 1 });
    const after = await stored(draft.id);
    expect(after.content).toEqual(before.content);
    expect(after.version).toBe(before.version + 1);
  });

  it('answers every problem of a CSV by row and column and saves nothing', async () => {
    const draft = await world.draft(callId);
    const before = await stored(draft.id);
    const csv = Buffer.from(
      '\ufeffKassenjahr;Kostenart;Beschreibung;Betrag (€)\r\n' +
        '2027;Personalkosten;Projektleitung;10.000,00\r\n' +
        '2027;Reisekosten;Fahrten;500,00\r\n' +
        ';;;\r\n' +
        '2028;Sachkosten;Lebensmittel;5.000,5x\r\n',
    );
    const refused = await upload(draft.id, before.version, csv, 'plan.csv').expect(400);
    expect(refused.body.details).toEqual([
      {
        field: 'costPlan.row.3.category',
        rule: 'sheetCategory',
        message: expect.stringContaining('Kostenart'),
      },
      {
        field: 'costPlan.row.5.amountCents',
        rule: 'germanAmount',
        message: expect.stringContaining('1.234,56'),
      },
    ]);
    expect(await stored(draft.id)).toEqual(before);
  });

  it('replaces the plans from a valid CSV in one write and keeps the rest of the content', async () => {
    const draft = await world.draft(callId);
    const before = await stored(draft.id);
    // German Excel's plain "CSV (Trennzeichen-getrennt)" is Windows-1252: € is 0x80, ö 0xF6.
    const csv = windows1252(
      'Kassenjahr;Kostenart;Beschreibung;Betrag (€)\n' +
        '2027;Honorare;"Moderation; zwei Abende";1.500\n' +
        'Kassenjahr;Beantragte Fördermittel (€);Eigenanteil (€);Drittmittel (€)\n' +
        '2027;1.350,00;150,00;0\n',
    );
    const saved = await upload(draft.id, before.version, csv, 'plan.csv').expect(200);
    expect(saved.body).toMatchObject({
      version: before.version + 1,
      costPlan: [
        { cashYear: 2027, category: 'fees', description: 'Moderation; zwei Abende', amountCents: '150000' },
      ],
      financingPlan: [{ cashYear: 2027, requestedCents: '135000', ownCents: '15000', thirdPartyCents: '0' }],
    });
    const after = await stored(draft.id);
    expect(after.content).toEqual({
      ...before.content,
      costPlan: saved.body.costPlan,
      financingPlan: saved.body.financingPlan,
    });
  });

  it('refuses a stale version, a file that is no plan, and another organisation', async () => {
    const draft = await world.draft(callId);
    const before = await stored(draft.id);
    const csv = Buffer.from('Kassenjahr;Kostenart;Beschreibung;Betrag (€)\n2027;Sachkosten;Miete;100\n');
    await upload(draft.id, before.version - 1, csv, 'plan.csv').expect(409);
    const noPlan = await upload(draft.id, before.version, Buffer.from('Name;Wert\nA;1\n'), 'x.csv').expect(
      400,
    );
    expect(noPlan.body.details).toEqual([expect.objectContaining({ field: 'file', rule: 'sheetNoPlan' })]);
    const broken = await upload(
      draft.id,
      before.version,
      Buffer.from('PK\u0003\u0004kaputt'),
      'x.xlsx',
    ).expect(400);
    expect(broken.body.details).toEqual([
      expect.objectContaining({ field: 'file', rule: 'sheetUnreadable' }),
    ]);
    const stranger = await world.carrierMember(await createOrganisation(api.db.dataSource));
    await world
      .post(stranger, `/api/applications/${draft.id}/plan-import`)
      .field('version', String(before.version))
      .attach('file', csv, { filename: 'plan.csv' })
      .expect(404);
    expect(await stored(draft.id)).toEqual(before);
  });

  it('names a date-formatted cell beyond any date rather than failing on it', async () => {
    const draft = await world.draft(callId);
    const before = await stored(draft.id);
    const book = new Workbook();
    const costs = book.addWorksheet('Kostenplan');
    costs.addRow(['Kassenjahr', 'Kostenart', 'Beschreibung', 'Betrag (€)']);
    costs.addRow([2027, 'Sachkosten', 'Miete', 1000]);
    // exceljs reads a date-formatted number as a Date; this one is an Invalid Date.
    costs.getCell('C2').value = 1e20;
    costs.getCell('C2').numFmt = 'dd.mm.yyyy';
    const refused = await upload(
      draft.id,
      before.version,
      Buffer.from(await book.xlsx.writeBuffer()),
      'plan.xlsx',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([
      {
        field: 'costPlan.row.2.description',
        rule: 'sheetCellUnreadable',
        message: expect.stringContaining('Datum'),
      },
    ]);
    expect(await stored(draft.id)).toEqual(before);
  });

  it('names the sheet when an XLSX has more rows than a plan may hold, or rows too far down', async () => {
    const draft = await world.draft(callId);
    const before = await stored(draft.id);
    const book = new Workbook();
    const costs = book.addWorksheet('Kostenplan');
    costs.addRow(['Kassenjahr', 'Kostenart', 'Beschreibung', 'Betrag (€)']);
    for (let i = 0; i < 201; i++) costs.addRow([2027, 'Sachkosten', `Posten ${i + 1}`, 1]);
    const tooMany = await upload(
      draft.id,
      before.version,
      Buffer.from(await book.xlsx.writeBuffer()),
      'p.xlsx',
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details).toEqual([
      expect.objectContaining({ field: 'costPlan', rule: 'arrayMaxSize' }),
    ]);

    costs.spliceRows(3, 201);
    costs.getCell('C1500').value = 'vergessen';
    const farDown = await upload(
      draft.id,
      before.version,
      Buffer.from(await book.xlsx.writeBuffer()),
      'p.xlsx',
    );
    expect(farDown.status).toBe(400);
    expect(farDown.body.details).toEqual([
      expect.objectContaining({
        field: 'costPlan',
        rule: 'sheetTooManyRows',
        message: expect.stringContaining('1000'),
      }),
    ]);
    expect(await stored(draft.id)).toEqual(before);
  });
});
