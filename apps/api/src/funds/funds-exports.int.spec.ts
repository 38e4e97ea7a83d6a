import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { formatDate } from '@kiezfonds/domain';
import {
  binaryBody,
  createActionField,
  createArea,
  createDistrict,
  createOrganisation,
  createUser,
  type DistrictRow,
  grantRole,
  setPassword,
  type SignedIn,
  signIn,
  type TestDatabase,
  type UserRow,
} from '@kiezfonds/testing';
import { type Cell, type Row, Workbook, type Worksheet } from 'exceljs';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';
const EURO_FORMAT = '#,##0.00 "€"';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbookOf(body: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

function rowValues(row: Row): unknown[] {
  return (row.values as unknown[]).slice(1);
}

function findRow(sheet: Worksheet, column: number, value: unknown): Row {
  let found: Row | undefined;
  sheet.eachRow((row) => {
    if (!found && row.getCell(column).value === value) found = row;
  });
  if (!found) throw new Error(`no row with ${String(value)} in column ${column} of ${sheet.name}`);
  return found;
}

describe('exports of ledger and balances', () => {
  let api: TestApi;
  let db: TestDatabase;
  let server: ReturnType<NestExpressApplication['getHttpServer']>;
  let spandau: DistrictRow;
  let finance: SignedIn;
  let financeUser: UserRow;
  let fund: { id: string; name: string; areaId: string };
  let project: { id: string };
  let budgetEntry: { id: string; seq: string; bookedAt: string };
  let disbursement: { id: string; seq: string };

  beforeAll(async () => {
    api = await startTestApi();
    ({ db, server } = api);
    spandau = await createDistrict(db.dataSource, { slug: 'spandau', name: 'Spandau' });
    financeUser = await createUser(db.dataSource, { displayName: 'Fiona Finanzen' });
    await grantRole(db.dataSource, financeUser.id, 'finance', spandau.id);
    await setPassword(db.dataSource, financeUser.id, PASSWORD);
    finance = await signIn(server, financeUser.email, PASSWORD);

    const neustadt = await createArea(db.dataSource, { districtId: spandau.id, name: 'Spandauer Neustadt' });
    const field = await createActionField(db.dataSource, { districtId: spandau.id, name: 'Bildung' });
    const organisation = await createOrganisation(db.dataSource, { name: 'Bildungsverein Neustadt e. V.' });
    fund = (
      await write('/api/funds')
        .send({ districtId: spandau.id, kind: 'projektfonds', areaId: neustadt.id })
        .expect(201)
    ).body;
    budgetEntry = (
      await write(`/api/funds/${fund.id}/ledger`)
        .send({ kind: 'budget', programmeYear: 2026, amountCents: '123456789' })
        .expect(201)
    ).body.entry;
    await write(`/api/funds/${fund.id}/ledger`)
      .send({
        kind: 'budget_amendment',
        programmeYear: 2026,
        amountCents: 100_000,
        direction: 'decrease',
        reason: '=SUMME(A1:A9)',
      })
      .expect(201);
    project = (
      await write(`/api/funds/${fund.id}/projects`)
        .send({
          organisationId: organisation.id,
          title: 'Lesecafé "Kiez; Buch"',
          actionFieldId: field.id,
          decisionDate: '2026-02-18',
          periodStart: '2026-03-01',
          periodEnd: '2027-02-28',
          amountCents: 2_000_000,
        })
        .expect(201)
    ).body;
    await write(`/api/funds/${fund.id}/ledger`)
      .send({
        kind: 'commitment',
        programmeYear: 2026,
        cashYear: 2026,
        amountCents: 1_234_567,
        trackedProjectId: project.id,
        grantNoticeRef: 'PF-2026-014',
      })
      .expect(201);
    await write(`/api/funds/${fund.id}/ledger`)
      .send({
        kind: 'commitment',
        programmeYear: 2026,
        cashYear: 2027,
        amountCents: 765_433,
        trackedProjectId: project.id,
      })
      .expect(201);
    disbursement = (
      await write(`/api/funds/${fund.id}/ledger`)
        .send({
          kind: 'disbursement',
          programmeYear: 2026,
          cashYear: 2026,
          amountCents: 100_050,
          trackedProjectId: project.id,
          callOffRef: 'MA-2026-01',
        })
        .expect(201)
    ).body.entry;
  });

  afterAll(async () => {
    await api.close();
  });

  function write(path: string) {
    return request(server).post(path).set('Cookie', finance.cookie).set('X-CSRF-Token', finance.csrfToken);
  }
  function download(path: string) {
    return request(server).get(path).set('Cookie', finance.cookie).buffer(true).parse(binaryBody);
  }

  describe('CSV', () => {
    it('writes the ledger with a BOM, semicolons, decimal commas and German dates', async () => {
      const res = await download(`/api/funds/${fund.id}/ledger.csv`).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="buchungen-projektfonds-spandauer-neustadt.csv"',
      );
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      const lines = text.split('\r\n').slice(0, -1);
      expect(lines[0]).toBe(
        'Lfd. Nr.;Buchungsdatum;Uhrzeit;Fonds;Programmjahr;Kassenjahr;Buchungsart;Richtung;Betrag (€);Projekt;' +
          'Träger;Mittelabruf;Bescheid;Storno zu Nr.;Begründung;Gebucht von;Buchungs-ID',
      );
      expect(lines).toHaveLength(1 + 5);

      const budget = lines[1]!.split(';');
      expect(budget.slice(0, 9)).toEqual([
        budgetEntry.seq,
        formatDate(budgetEntry.bookedAt, 'de'),
        expect.stringMatching(/^\d{2}:\d{2}$/),
        'Projektfonds Spandauer Neustadt',
        '2026',
        '2026',
        'Budget',
        '',
        '1234567,89',
      ]);
      expect(budget[1]).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
      expect(budget[15]).toBe('Fiona Finanzen');

      // A formula in free text is defused; the amendment keeps its direction.
      expect(lines[2]).toContain(';Budgetänderung;Minderung;1000,00;');
      expect(lines[2]).toContain(";'=SUMME(A1:A9);");
      // A text with the separator and quotes is quoted, and the line still has 17 fields.
      expect(lines[3]).toContain(';"Lesecafé ""Kiez; Buch""";Bildungsverein Neustadt e. V.;;PF-2026-014;');
      expect(lines[3]).toContain(';12345,67;');
      expect(lines[5]).toContain(';Auszahlung;;1000,50;');
      expect(lines[5]).toContain(';MA-2026-01;');
    });

    it('applies the list filters to the export', async () => {
      const res = await download(
        `/api/funds/${fund.id}/ledger.csv?kind=disbursement&programmeYear=2026`,
      ).expect(200);
      expect(res.headers['content-disposition']).toContain(
        'buchungen-projektfonds-spandauer-neustadt-pj2026.csv',
      );
      const lines = (res.body as Buffer).subarray(3).toString('utf8').split('\r\n').slice(0, -1);
      expect(lines).toHaveLength(2);
      expect(lines[1]!.startsWith(`${disbursement.seq};`)).toBe(true);
    });

    it('writes the district balances as one table: funds, areas and action fields', async () => {
      const res = await download(`/api/districts/${spandau.id}/balances.csv?programmeYear=2026`).expect(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="salden-spandau-2026.csv"');
      const text = (res.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFFAuswertung;Bezeichnung;Fondsart;Gebiet;Programmjahr;Budget (€);')).toBe(
        true,
      );
      const lines = text.split('\r\n');
      expect(lines).toContain(
        'Fonds;Projektfonds Spandauer Neustadt;Projektfonds;Spandauer Neustadt;2026;' +
          '1233567,89;20000,00;1213567,89;1000,50;0,00;1000,50;18999,50',
      );
      expect(lines).toContain(
        'Gebiet;Spandauer Neustadt;;Spandauer Neustadt;2026;1233567,89;20000,00;1213567,89;1000,50;0,00;1000,50;18999,50',
      );
      expect(lines).toContain(
        'Handlungsfeld;Bildung;Projektfonds;;2026;;20000,00;;1000,50;0,00;1000,50;18999,50',
      );
    });
  });

  describe('XLSX', () => {
    it('writes the ledger with numbers in euros and real dates, and reads back with exceljs', async () => {
      const res = await download(`/api/funds/${fund.id}/ledger.xlsx`).expect(200);
      expect(res.headers['content-type']).toBe(XLSX_TYPE);
      const workbook = await workbookOf(res.body as Buffer);
      const sheet = workbook.getWorksheet('Buchungen')!;
      expect(rowValues(sheet.getRow(1)).slice(0, 9)).toEqual([
        'Lfd. Nr.',
        'Buchungsdatum',
        'Uhrzeit',
        'Fonds',
        'Programmjahr',
        'Kassenjahr',
        'Buchungsart',
        'Richtung',
        'Betrag (€)',
      ]);
      expect(sheet.rowCount).toBe(1 + 5);

      const budget = findRow(sheet, 1, Number(budgetEntry.seq));
      const amount: Cell = budget.getCell(9);
      expect(amount.value).toBe(1234567.89);
      expect(amount.numFmt).toBe(EURO_FORMAT);
      const day: Cell = budget.getCell(2);
      expect(day.value).toBeInstanceOf(Date);
      expect(day.numFmt).toBe('dd.mm.yyyy');
      expect(formatDate((day.value as Date).toISOString().slice(0, 10), 'de')).toBe(
        formatDate(budgetEntry.bookedAt, 'de'),
      );
      expect(budget.getCell(5).value).toBe(2026);

      const paid = findRow(sheet, 1, Number(disbursement.seq));
      expect(paid.getCell(7).value).toBe('Auszahlung');
      expect(paid.getCell(9).value).toBe(1000.5);
      expect(paid.getCell(10).value).toBe('Lesecafé "Kiez; Buch"');
    });

    it('writes the district balances as sheets of funds, areas and action fields', async () => {
      const res = await download(`/api/districts/${spandau.id}/balances.xlsx?programmeYear=2026`).expect(200);
      const workbook = await workbookOf(res.body as Buffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Fonds', 'Gebiete', 'Handlungsfelder']);
      const funds = workbook.getWorksheet('Fonds')!;
      const row = findRow(funds, 1, 'Projektfonds Spandauer Neustadt');
      expect(rowValues(row)).toEqual([
        'Projektfonds Spandauer Neustadt',
        'Projektfonds',
        'Spandauer Neustadt',
        2026,
        1233567.89,
        20000,
        1213567.89,
        1000.5,
        0,
        1000.5,
        18999.5,
        5,
      ]);
      expect(row.getCell(5).numFmt).toBe(EURO_FORMAT);
      const fields = workbook.getWorksheet('Handlungsfelder')!;
      expect(rowValues(findRow(fields, 1, 'Bildung'))).toEqual([
        'Bildung',
        'Projektfonds',
        2026,
        20000,
        1000.5,
        0,
        1000.5,
        18999.5,
      ]);
    });

    it('writes the yearly report of a fund: summary with cash years, projects and entries', async () => {
      const res = await download(`/api/funds/${fund.id}/years/2026/report.xlsx`).expect(200);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="jahresbericht-projektfonds-spandauer-neustadt-2026.xlsx"',
      );
      const workbook = await workbookOf(res.body as Buffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Übersicht', 'Projekte', 'Buchungen']);

      const summary = workbook.getWorksheet('Übersicht')!;
      expect(summary.getCell('A1').value).toBe(
        'Jahresbericht Projektfonds Spandauer Neustadt – Programmjahr 2026',
      );
      expect(findRow(summary, 1, 'Bezirk').getCell(2).value).toBe('Spandau');
      expect(findRow(summary, 1, 'Stand').getCell(2).value).toBeInstanceOf(Date);
      const figures = Object.fromEntries(
        ['Budget', 'Gebunden', 'Verfügbar', 'Ausgezahlt', 'Netto ausgezahlt'].map((label) => {
          const cell = findRow(summary, 1, label).getCell(2);
          expect(cell.numFmt).toBe(EURO_FORMAT);
          return [label, cell.value];
        }),
      );
      expect(figures).toEqual({
        Budget: 1233567.89,
        Gebunden: 20000,
        Verfügbar: 1213567.89,
        Ausgezahlt: 1000.5,
        'Netto ausgezahlt': 1000.5,
      });
      expect(rowValues(findRow(summary, 1, 2026))).toEqual([2026, 12345.67, 1000.5, 0, 1000.5]);
      expect(rowValues(findRow(summary, 1, 2027))).toEqual([2027, 7654.33, 0, 0, 0]);

      const projects = workbook.getWorksheet('Projekte')!;
      const line = findRow(projects, 1, 'Lesecafé "Kiez; Buch"');
      expect(rowValues(line).slice(1, 11)).toEqual([
        'Bildungsverein Neustadt e. V.',
        'Spandauer Neustadt',
        'Bildung',
        new Date(Date.UTC(2026, 2, 1)),
        new Date(Date.UTC(2027, 1, 28)),
        20000,
        20000,
        1000.5,
        0,
        18999.5,
      ]);

      expect(workbook.getWorksheet('Buchungen')!.rowCount).toBe(1 + 5);
    });
  });

  describe('large ledgers', () => {
    it('streams thousands of entries in booking order, in batches, to CSV and XLSX', async () => {
      const area = await createArea(db.dataSource, { districtId: spandau.id });
      const big = (
        await write('/api/funds')
          .send({ districtId: spandau.id, kind: 'aktionsfonds', areaId: area.id })
          .expect(201)
      ).body;
      await write(`/api/funds/${big.id}/ledger`)
        .send({ kind: 'budget', programmeYear: 2026, amountCents: 100 })
        .expect(201);
      // Straight into the table (the counters do not matter to an export): more than two batches.
      await db.dataSource.query(
        `INSERT INTO ledger_entry (fund_id, fund_kind, programme_year, cash_year, kind, amount_cents, actor_id)
         SELECT $1, 'aktionsfonds', 2026, 2026, 'budget', g, $2 FROM generate_series(1, 4500) g`,
        [big.id, financeUser.id],
      );

      const csv = await download(`/api/funds/${big.id}/ledger.csv`).expect(200);
      const lines = (csv.body as Buffer).subarray(3).toString('utf8').split('\r\n').slice(1, -1);
      expect(lines).toHaveLength(4501);
      const seqs = lines.map((line) => BigInt(line.split(';')[0]!));
      expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!)).toBe(true);
      expect(lines.at(-1)).toContain(';45,00;');

      const xlsx = await download(`/api/funds/${big.id}/ledger.xlsx`).expect(200);
      const sheet = (await workbookOf(xlsx.body as Buffer)).getWorksheet('Buchungen')!;
      expect(sheet.rowCount).toBe(1 + 4501);
      expect(sheet.getRow(4502).getCell(9).value).toBe(45);
    });

    it('gives the database connection back when the client goes away in the middle of a download', async () => {
      const area = await createArea(db.dataSource, { districtId: spandau.id });
      const big = (
        await write('/api/funds')
          .send({ districtId: spandau.id, kind: 'aktionsfonds', areaId: area.id })
          .expect(201)
      ).body;
      await write(`/api/funds/${big.id}/ledger`)
        .send({ kind: 'budget', programmeYear: 2026, amountCents: 100 })
        .expect(201);
      await db.dataSource.query(
        `INSERT INTO ledger_entry (fund_id, fund_kind, programme_year, cash_year, kind, amount_cents, actor_id)
         SELECT $1, 'aktionsfonds', 2026, 2026, 'budget', g, $2 FROM generate_series(1, 40000) g`,
        [big.id, financeUser.id],
      );
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      // Every transaction of this database but the test's own, whether it is waiting for the client
      // or running its next batch: counting only 'idle in transaction' let a poll that met the
      // export mid-query end the wait while the export was still running.
      const openTransactions = async () =>
        (
          (await db.dataSource.query(
            `SELECT coalesce(array_agg(state || ': ' || left(query, 80)), '{}') AS open
               FROM pg_stat_activity
              WHERE datname = $1 AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
            [db.name],
          )) as { open: string[] }[]
        )[0]!.open;

      for (const format of ['csv', 'xlsx']) {
        await new Promise<void>((resolve, reject) => {
          const req = http.get(
            `http://127.0.0.1:${port}/api/funds/${big.id}/ledger.${format}`,
            { headers: { cookie: finance.cookie } },
            (res) => {
              expect(res.statusCode).toBe(200);
              res.once('data', () => {
                req.destroy();
                resolve();
              });
            },
          );
          req.on('error', (error: NodeJS.ErrnoException) => {
            if (error.code !== 'ECONNRESET') reject(error);
          });
        });
        // The export notices the close at its next row or batch; on a loaded CI machine (the first
        // clean-clone run of 06.12.2026 evening) that took longer than 5 s for the XLSX writer.
        const deadline = Date.now() + 15_000;
        let open = await openTransactions();
        while (open.length > 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          open = await openTransactions();
        }
        expect({ format, open }).toEqual({ format, open: [] });
      }
      // The API goes on serving, with its connections back in the pool.
      await request(server)
        .get(`/api/funds/${big.id}/ledger?pageSize=1`)
        .set('Cookie', finance.cookie)
        .expect(200);
    }, 60_000);
  });
});
