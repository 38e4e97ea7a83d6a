/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import {
  axeViolations,
  type BrowserApi,
  horizontalOverflow,
  pickFileWithSpace,
  settled,
  startBrowserApi,
} from './browser-harness';

/**
 * Issue 19, item 4: a carrier, by keyboard only, downloads the plan template, fills it in Excel
 * (here with exceljs), uploads it, sees what is wrong by row and column, uploads the corrected
 * file, sees the rows in the editors and submits the application.
 */
describe('the cost plan from a spreadsheet in the browser', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let callId: string;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    callId = (await world.openCall()).id;
  });

  afterAll(async () => {
    await api?.close();
  });

  async function signedIn(actor: Actor, path: string): Promise<Page> {
    const page = await (await api.browser.newContext({ locale: 'de-DE', acceptDownloads: true })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${api.baseUrl}${path}`);
    await page.waitForURL(`${api.baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').focus();
    await page.keyboard.type(actor.user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${api.baseUrl}${path}`);
    await settled(page);
    return page;
  }

  /** The focused element's accessible name, to follow the tab order. */
  async function focusedName(page: Page): Promise<string> {
    return page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return '';
      const labelled = element.id ? document.querySelector(`label[for="${element.id}"]`) : null;
      return (labelled?.textContent ?? element.textContent ?? '').trim();
    });
  }

  async function tabTo(page: Page, name: string | RegExp): Promise<void> {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await focusedName(page);
      if (typeof name === 'string' ? focused === name : name.test(focused)) return;
    }
    throw new Error(`"${String(name)}" is not reachable with the Tab key`);
  }

  /** axe's findings and any sideways scrolling at 320 px (WCAG 1.4.10). */
  async function narrowProblems(page: Page): Promise<string[]> {
    await page.setViewportSize({ width: 320, height: 800 });
    await settled(page);
    const problems = await axeViolations(page);
    const wider = await horizontalOverflow(page);
    if (wider) problems.push(wider);
    await page.setViewportSize({ width: 1280, height: 800 });
    return problems;
  }

  async function upload(page: Page, file: Buffer): Promise<void> {
    await page.getByRole('link', { name: /Vorlage herunterladen/ }).focus();
    await tabTo(page, 'Kostenplan aus Datei übernehmen');
    await pickFileWithSpace(page, {
      name: 'kostenplan.xlsx',
      mimeType: 'application/octet-stream',
      buffer: file,
    });
    await tabTo(page, 'Datei übernehmen');
    await page.keyboard.press('Enter');
  }

  it('imports the filled-in template, keyboard only, and submits the application', async () => {
    const draft = await world.draft(callId, world.completeContent({ costPlan: [], financingPlan: [] }));
    const page = await signedIn(world.carrier, `/antraege/${draft.id}/kostenplan`);
    await page.getByRole('heading', { level: 1, name: 'Kostenplan' }).waitFor();

    // The template, downloaded with the Enter key.
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Vorlage herunterladen (Excel)' }).focus();
    await page.keyboard.press('Enter');
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^Kostenplan-.+\.xlsx$/);
    const book = new Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      'Kostenplan',
      'Finanzierungsplan',
      'Hinweise',
    ]);

    // Filled in as a carrier would (50 000 € requested, the call's minimum), with one mistake: a
    // cost category that does not exist.
    const costs = book.getWorksheet('Kostenplan')!;
    costs.addRow([2027, 'Personalkosten', 'Projektleitung', 10000]);
    costs.addRow([2028, 'Lebensmittel', 'Lebensmittel und Geschirr', '41.000,00']);
    const financing = book.getWorksheet('Finanzierungsplan')!;
    financing.addRow([2027, 9000, 1000, 0]);
    financing.addRow([2028, 41000, 0, 0]);
    const wrong = Buffer.from(await book.xlsx.writeBuffer());
    costs.getCell('B3').value = 'Sachkosten';
    const right = Buffer.from(await book.xlsx.writeBuffer());

    await upload(page, wrong);
    const problems = page.locator('#kostenplan-datei-fehler');
    await problems.getByText('Die Datei wurde nicht übernommen: 1 Fehler').waitFor();
    expect(await problems.innerText()).toContain(
      'Kostenplan, Zeile 3, Spalte „Kostenart“: Diese Kostenart gibt es nicht.',
    );
    // The reader is taken to the list.
    await page.waitForFunction(() => document.activeElement?.id === 'kostenplan-datei-fehler');
    expect(await narrowProblems(page)).toEqual([]);
    const [unchanged] = (await api.db.dataSource.query('SELECT content FROM application WHERE id = $1', [
      draft.id,
    ])) as { content: { costPlan: unknown[] } }[];
    expect(unchanged!.content.costPlan).toEqual([]);

    await upload(page, right);
    await page
      .getByText('Die Datei wurde übernommen (Kostenpositionen: 2, Kassenjahre im Finanzierungsplan: 2).')
      .waitFor();
    expect(await problems.count()).toBe(0);
    const second = page.getByRole('group', { name: 'Kostenposition 2' });
    expect(await second.getByLabel('Beschreibung').inputValue()).toBe('Lebensmittel und Geschirr');
    expect(await second.getByLabel(/^Betrag/).inputValue()).toMatch(/^41\.000,00/);
    expect(await narrowProblems(page)).toEqual([]);

    // On to the check page and the submission, still by keyboard.
    await page.getByRole('button', { name: 'Speichern und zur Übersicht' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${api.baseUrl}/antraege/${draft.id}`);
    await settled(page);
    await page.getByRole('link', { name: /prüfen und einreichen/i }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Angaben prüfen und einreichen' }).waitFor();
    await settled(page);
    await page.getByText('Alle Angaben sind vollständig').waitFor();
    await page.getByRole('button', { name: 'Antrag einreichen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Antrag eingereicht').first().waitFor();

    const [stored] = (await api.db.dataSource.query('SELECT state, content FROM application WHERE id = $1', [
      draft.id,
    ])) as { state: string; content: { costPlan: unknown[]; financingPlan: unknown[] } }[];
    expect(stored).toMatchObject({
      state: 'submitted',
      content: {
        costPlan: [
          { cashYear: 2027, category: 'personnel', description: 'Projektleitung', amountCents: '1000000' },
          {
            cashYear: 2028,
            category: 'material',
            description: 'Lebensmittel und Geschirr',
            amountCents: '4100000',
          },
        ],
        financingPlan: [
          { cashYear: 2027, requestedCents: '900000', ownCents: '100000', thirdPartyCents: '0' },
          { cashYear: 2028, requestedCents: '4100000', ownCents: '0', thirdPartyCents: '0' },
        ],
      },
    });
  });
  it('says what is wrong with the upload in the language the carrier switches to', async () => {
    const draft = await world.draft(callId, world.completeContent());
    const page = await signedIn(world.carrier, `/antraege/${draft.id}/kostenplan`);
    await page.getByRole('heading', { level: 1, name: 'Kostenplan' }).waitFor();
    await page.getByRole('button', { name: 'Datei übernehmen', exact: true }).click();
    await page.getByText('Bitte wählen Sie eine Datei aus.').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.getByText('Please choose a file.').waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Bitte wählen Sie eine Datei aus.');
    await page.context().close();
  });
});
