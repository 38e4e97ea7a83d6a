/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createActionField,
  createArea,
  createDistrict,
  createFund,
  createOrganisation,
  createTestDatabase,
  createTestRedis,
  createUser,
  type FundRow,
  grantRole,
  launchBrowser,
  setPassword,
  signIn,
  testConfig,
  type TestDatabase,
  type TestRedis,
  type UserRow,
} from '@kiezfonds/testing';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { axeViolations, settled } from './browser-harness';

const PASSWORD = 'finanzen-im-bezirksamt-spandau';
const YEAR = 2026;

describe('finance in the browser: a tracked project from recording to reversal', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let app: NestExpressApplication;
  let browser: Browser;
  let baseUrl: string;
  let finance: UserRow;
  let fund: FundRow;
  let netzwerkfonds: FundRow;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    app = await createApiApp(
      testConfig({ DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix }),
    );
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();

    const district = await createDistrict(db.dataSource, { slug: 'spandau', name: 'Spandau' });
    const heerstrasse = await createArea(db.dataSource, { districtId: district.id, name: 'Heerstraße Nord' });
    await createArea(db.dataSource, { districtId: district.id, name: 'Falkenhagener Feld West' });
    await createActionField(db.dataSource, { districtId: district.id, name: 'Bildung' });
    await createActionField(db.dataSource, {
      districtId: district.id,
      name: 'Integration und Nachbarschaft',
    });
    await createOrganisation(db.dataSource, { name: 'Kiezküche Heerstraße e. V.' });
    await createOrganisation(db.dataSource, { name: 'Stadtteilzentrum Staaken gGmbH' });
    finance = await createUser(db.dataSource, {
      email: 'jonas.weber@ba-spandau.example',
      displayName: 'Jonas Weber',
    });
    await setPassword(db.dataSource, finance.id, PASSWORD);
    await grantRole(db.dataSource, finance.id, 'finance', district.id);
    fund = await createFund(db.dataSource, {
      districtId: district.id,
      kind: 'aktionsfonds',
      areaId: heerstrasse.id,
      name: 'Aktionsfonds Heerstraße Nord',
    });
    netzwerkfonds = await createFund(db.dataSource, {
      districtId: district.id,
      name: 'Netzwerkfonds Spandau',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await redis?.cleanup();
    await db?.drop();
  });

  async function signInAt(page: Page, url: string): Promise<void> {
    await page.goto(url);
    await page.waitForURL(`${baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(finance.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(url);
  }

  it('finance records a project, commits and pays its money, reverses the payment and sees every balance follow', async () => {
    const context = await browser.newContext({ acceptDownloads: true, locale: 'de-DE' });
    const page = await context.newPage();
    const fundUrl = `${baseUrl}/finanzen/fonds/${fund.id}?jahr=${YEAR}`;
    await signInAt(page, fundUrl);
    await page.getByRole('heading', { level: 1, name: 'Aktionsfonds Heerstraße Nord' }).waitFor();
    await settled(page);

    const balance = page.locator('section[aria-labelledby="fonds-salden"]');
    const budgetForm = page.locator('section[aria-labelledby="fonds-buchen"]');
    const projectForm = page.locator('section[aria-labelledby="projektmittel-buchen"]');
    const ledger = page.locator('section[aria-labelledby="fonds-buchungen"]');

    // A budget first: 10.000,00 € for the Aktionsfonds of the year.
    await budgetForm.getByLabel('Betrag in Euro').fill('10.000,00');
    await budgetForm.getByRole('button', { name: 'Buchen' }).click();
    await page.getByText('10.000,00\u00a0€ wurden gebucht').waitFor();
    expect(await projectForm.innerText()).toContain('Erfassen Sie zuerst ein Projekt');

    // Recording the project: every missing field is named next to the field.
    await page.getByRole('link', { name: 'Projekt erfassen' }).click();
    await page.waitForURL((url) => url.pathname === `/finanzen/fonds/${fund.id}/projekte/neu`);
    await page.getByRole('heading', { level: 1, name: 'Projekt erfassen' }).waitFor();
    await settled(page);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.getByLabel('Gebiet', { exact: true }).inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Projekt speichern' }).click();
    await page.getByText('Bitte wählen Sie die Träger:in aus.').first().waitFor();
    expect(await page.title()).toBe('Fehler: Projekt erfassen – kiezfonds');
    expect(await page.getByLabel('Titel des Projekts').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Bewilligter Betrag in Euro').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Bitte geben Sie ein Datum ein.').count()).toBeGreaterThanOrEqual(3);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Träger:in suchen').fill('kiez');
    const carrier = page.getByLabel('Träger:in', { exact: true });
    await page.getByText('1 Träger:in gefunden.').waitFor();
    await carrier.selectOption({ label: 'Kiezküche Heerstraße e. V.' });
    await page.getByLabel('Titel des Projekts').fill('Hoffest mit Nachbarschaftsküche');
    await page.getByLabel('Handlungsfeld').selectOption({ label: 'Integration und Nachbarschaft' });
    await page.getByLabel('Datum der Entscheidung').fill(`${YEAR}-03-12`);
    await page.getByLabel('Beginn der Laufzeit').fill(`${YEAR}-05-01`);
    await page.getByLabel('Ende der Laufzeit').fill(`${YEAR}-04-30`);
    await page.getByLabel('Bewilligter Betrag in Euro').fill('1.500,00');
    await page.getByRole('button', { name: 'Projekt speichern' }).click();
    await page.getByText('Das Ende der Laufzeit darf nicht vor ihrem Beginn liegen.').first().waitFor();
    await page.getByLabel('Ende der Laufzeit').fill(`${YEAR}-09-30`);
    await page.getByRole('button', { name: 'Projekt speichern' }).click();

    await page.waitForURL(fundUrl);
    await page.getByText('Das Projekt „Hoffest mit Nachbarschaftsküche“ wurde erfasst.').waitFor();
    await settled(page);
    const projectRow = page
      .locator('section[aria-labelledby="fonds-projekte"]')
      .getByRole('row')
      .filter({ hasText: 'Hoffest mit Nachbarschaftsküche' });
    expect(await projectRow.innerText()).toMatch(
      /Kiezküche Heerstraße e\. V\.[\s\S]*Heerstraße Nord[\s\S]*Integration und Nachbarschaft[\s\S]*12\.03\.2026[\s\S]*01\.05\.2026 bis 30\.09\.2026[\s\S]*1\.500,00/,
    );

    // The commitment, then a payment of part of it.
    const bookProjectMoney = async (kind: string, amount: string) => {
      await projectForm
        .getByLabel('Projekt', { exact: true })
        .selectOption({ label: 'Hoffest mit Nachbarschaftsküche (Kiezküche Heerstraße e. V.)' });
      await projectForm.getByLabel('Art der Buchung').selectOption({ label: kind });
      await projectForm.getByLabel('Kassenjahr').selectOption(String(YEAR));
      await projectForm.getByLabel('Betrag in Euro').fill(amount);
      await projectForm.getByRole('button', { name: 'Projektmittel buchen' }).click();
    };
    await bookProjectMoney('Bindung', '1.500,00');
    await projectForm
      .getByText('Bindung über 1.500,00\u00a0€ für „Hoffest mit Nachbarschaftsküche“ wurde gebucht')
      .waitFor();
    await balance.filter({ hasText: /Gebunden\s*1\.500,00[\s\S]*Verfügbar\s*8\.500,00/ }).waitFor();

    await bookProjectMoney('Auszahlung', '1.000,00');
    await projectForm.getByText('Auszahlung über 1.000,00\u00a0€').waitFor();
    await balance.filter({ hasText: /Ausgezahlt\s*1\.000,00[\s\S]*Offen\s*500,00/ }).waitFor();

    // Paying more than is committed is refused by the ledger, with the reason.
    await bookProjectMoney('Auszahlung', '600,00');
    await projectForm.getByRole('alert').filter({ hasText: 'Die Buchung wurde abgelehnt' }).waitFor();
    expect(await balance.innerText()).toMatch(/Ausgezahlt\s*1\.000,00/);
    expect(await axeViolations(page)).toEqual([]);

    // The payment went out with the wrong amount: reverse it, with a reason.
    await settled(page);
    const paymentRow = ledger.getByRole('row').filter({ hasText: 'Auszahlung' });
    await paymentRow.waitFor();
    const paymentSeq = (await paymentRow.getByRole('rowheader').innerText()).trim();
    await paymentRow.getByRole('button', { name: `Stornieren Buchung Nr. ${paymentSeq}` }).click();
    const dialog = page.getByRole('dialog', { name: `Buchung Nr. ${paymentSeq} stornieren` });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Auszahlung, 1.000,00');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Storno buchen' }).click();
    await dialog.getByText('Bitte geben Sie einen Grund für das Storno an.').waitFor();
    expect(await dialog.getByLabel('Grund für das Storno').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Grund für das Storno').fill('Falscher Betrag überwiesen');
    await dialog.getByRole('button', { name: 'Storno buchen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(`Die Buchung Nr. ${paymentSeq} wurde mit der Stornobuchung Nr.`).waitFor();
    await settled(page);
    // The figures reload after the dialog closed: wait for them, not for a fixed time.
    await balance.filter({ hasText: /Ausgezahlt\s*0,00[\s\S]*Offen\s*1\.500,00/ }).waitFor();
    const reversalRow = ledger.getByRole('row').filter({ hasText: `Storno zu Nr. ${paymentSeq}` });
    expect(await reversalRow.innerText()).toContain('Falscher Betrag überwiesen');
    expect(await paymentRow.innerText()).toContain('storniert');
    expect(await paymentRow.getByRole('button').count()).toBe(0);

    // The ledger export comes with progress and holds the reversal.
    const download = page.waitForEvent('download');
    await ledger.getByRole('link', { name: 'Buchungen als CSV herunterladen' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`buchungen-aktionsfonds-heerstrasse-nord-pj${YEAR}.csv`);
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv).toContain('Storno');
    expect(csv).toContain('Falscher Betrag überwiesen');
    await ledger
      .getByText(`Die Datei buchungen-aktionsfonds-heerstrasse-nord-pj${YEAR}.csv wurde heruntergeladen.`)
      .waitFor();
    expect(
      await ledger
        .getByRole('link', { name: `Jahresbericht ${YEAR} als Excel-Datei (XLSX) herunterladen` })
        .getAttribute('href'),
    ).toBe(`/api/funds/${fund.id}/years/${YEAR}/report.xlsx`);

    // The overview shows the money by area and by action field, as tables and as charts.
    await page.goto(`${baseUrl}/finanzen?jahr=${YEAR}`);
    await page
      .getByRole('heading', { level: 2, name: /Spandau: Mittel nach Gebieten und Handlungsfeldern/ })
      .waitFor();
    await settled(page);
    const byArea = page.getByRole('table', { name: `Mittel je Gebiet im Programmjahr ${YEAR}` });
    expect(await byArea.getByRole('row').filter({ hasText: 'Heerstraße Nord' }).innerText()).toMatch(
      /10\.000,00[\s\S]*1\.500,00[\s\S]*8\.500,00[\s\S]*0,00/,
    );
    const byField = page.getByRole('table', { name: /Projektmittel je Handlungsfeld/ });
    expect(
      await byField
        .getByRole('row')
        .filter({ hasText: 'Integration und Nachbarschaft (Aktionsfonds)' })
        .innerText(),
    ).toMatch(/1\.500,00[\s\S]*0,00[\s\S]*1\.500,00/);
    expect(await page.getByRole('img', { name: /^Heerstraße Nord: Budget 10\.000,00/ }).count()).toBe(1);
    expect(
      await page
        .getByRole('img', { name: /^Integration und Nachbarschaft \(Aktionsfonds\): Gebunden 1\.500,00/ })
        .count(),
    ).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('a long export shows how far it has come, can be cancelled, and then arrives whole', async () => {
    // Some hundred entries and a slow line make the CSV take seconds, as a large ledger would.
    const server = app.getHttpServer();
    const session = await signIn(server, finance.email, PASSWORD);
    for (let n = 1; n <= 400; n += 1) {
      await request(server)
        .post(`/api/funds/${netzwerkfonds.id}/ledger`)
        .set('Cookie', session.cookie)
        .set('X-CSRF-Token', session.csrfToken)
        .send({ kind: 'budget', programmeYear: YEAR, amountCents: 100 + n })
        .expect(201);
    }

    const context = await browser.newContext({ acceptDownloads: true, locale: 'de-DE' });
    const page = await context.newPage();
    const fundUrl = `${baseUrl}/finanzen/fonds/${netzwerkfonds.id}?jahr=${YEAR}`;
    await signInAt(page, fundUrl);
    await page.getByRole('heading', { level: 1, name: 'Netzwerkfonds Spandau' }).waitFor();
    await settled(page);
    const ledger = page.locator('section[aria-labelledby="fonds-buchungen"]');
    const link = ledger.getByRole('link', { name: 'Buchungen als CSV herunterladen' });

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Slow enough that the download is still under way after the axe check, however loaded the
    // machine is: the cancel button must be there to be pressed.
    const throttle = (downloadThroughput: number) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 50,
        downloadThroughput,
        uploadThroughput: 100_000,
      });
    await throttle(500);

    let downloads = 0;
    page.on('download', () => (downloads += 1));
    await link.click();
    await ledger.getByText('Die Datei wird geladen.').waitFor();
    const progress = ledger.locator('.kern-progress');
    await progress.getByText(/\d+(,\d)?\s*kB geladen/).waitFor();
    expect(await progress.getByRole('progressbar').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await progress.getByRole('button', { name: 'Herunterladen abbrechen' }).click();
    await progress.waitFor({ state: 'detached' });
    expect(downloads).toBe(0);

    await throttle(12_000);
    await link.click();
    await progress.getByText(/kB geladen/).waitFor();
    const download = await page.waitForEvent('download', { timeout: 60_000 });
    expect(download.suggestedFilename()).toBe(`buchungen-netzwerkfonds-spandau-pj${YEAR}.csv`);
    const lines = (await readFile((await download.path())!, 'utf8')).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 400);
    await ledger
      .getByText(`Die Datei buchungen-netzwerkfonds-spandau-pj${YEAR}.csv wurde heruntergeladen.`)
      .waitFor();
    expect(await progress.count()).toBe(0);
    await context.close();
  });
});
