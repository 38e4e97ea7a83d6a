/// <reference lib="dom" />
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import {
  axeViolations,
  type BrowserApi,
  horizontalOverflow,
  pickFileWithSpace,
  signedInAt,
  startBrowserApi,
  tabTo,
} from './browser-harness';

const HEADER = 'Fonds;Jahr;Träger;Titel;Betrag;Beginn;Ende;Gebiet;Vorgänger';

/**
 * Issue 21, item 4 in the browser: a coordinator, with the keyboard only, downloads the template,
 * checks a file with errors (each named by row and column, nothing saved), then imports the
 * corrected file; the page reflows at 320 and 640 px and axe finds nothing.
 */
describe('projects of earlier years imported in the browser', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let dir: string;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    dir = mkdtempSync(join(tmpdir(), 'altprojekte-'));
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  async function saved(): Promise<number> {
    const [row] = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM past_project WHERE district_id = $1`,
      [world.district.id],
    )) as { n: number }[];
    return row!.n;
  }

  /** Picks `text` as the file with the keyboard: Tab to the picker, Space opens the chooser. */
  async function chooseFile(page: Page, name: string, text: string): Promise<void> {
    const path = join(dir, name);
    writeFileSync(path, `\uFEFF${text}`, 'utf8');
    await tabTo(page, '#altprojekte-datei');
    await pickFileWithSpace(page, path);
  }

  async function submitWithKeyboard(page: Page): Promise<void> {
    await tabTo(page, 'form[aria-labelledby="altprojekte-import"] button[type="submit"]');
    await page.keyboard.press('Enter');
  }

  it('names each problem by row and column in a dry run, then imports the corrected file', async () => {
    const page = await signedInAt(api, world.coordinator.user.email, PASSWORD, '/fruehere-projekte');
    await page.getByRole('heading', { level: 1, name: 'Projekte früherer Jahre' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Frühere Projekte' })
      .waitFor();

    // The template, downloaded with the keyboard, is the header the import reads.
    await tabTo(page, 'a[download]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('projekte-frueherer-jahre.csv');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(`\uFEFF${HEADER}\r\n`);

    const carrier = world.organisation.name;
    const good = `Projektfonds;2022;${carrier};Kiezküche im Hof;12.345,67;01.03.2022;31.12.2022;Falkenhagener Feld;`;
    await chooseFile(
      page,
      'fehler.csv',
      [
        HEADER,
        good,
        'Aktionsfonds;2023;Niemand e. V.;Hoffest;zwölf;01.05.2023;30.09.2023;Falkenhagener Feld;',
      ].join('\r\n'),
    );
    await tabTo(page, '#altprojekte-probelauf');
    await page.keyboard.press('Space');
    expect(await page.locator('#altprojekte-probelauf').isChecked()).toBe(true);
    await submitWithKeyboard(page);
    const alert = page.getByRole('alert');
    await alert.getByText('Zeile 3, Spalte Träger', { exact: false }).waitFor();
    await alert.getByText('Zeile 3, Spalte Betrag', { exact: false }).waitFor();
    expect(await alert.innerText()).toContain('Niemand e. V.');
    expect(await page.title()).toMatch(/^Fehler: /);
    expect(await axeViolations(page)).toEqual([]);
    expect(await saved()).toBe(0);

    const fixed = [
      HEADER,
      good,
      `Aktionsfonds;2023;${carrier};Hoffest;1.200,00;01.05.2023;30.09.2023;Falkenhagener Feld;2`,
    ].join('\r\n');
    await chooseFile(page, 'korrigiert.csv', fixed);
    await submitWithKeyboard(page);
    await page.getByText('Die Datei ist in Ordnung (nur geprüft)').waitFor();
    expect(await saved()).toBe(0);

    await tabTo(page, '#altprojekte-probelauf');
    await page.keyboard.press('Space');
    await submitWithKeyboard(page);
    await page.getByText('Die Projekte sind eingelesen').waitFor();
    const result = (await page.locator('.kern-alert--success').innerText()).replaceAll('\u00a0', ' ');
    expect(result).toContain('2 Projekte');
    expect(result).toContain('Zeile 3: Aktionsfonds 2023, „Hoffest“, 1.200,00 €, 01.05.2023 bis 30.09.2023');
    expect(await saved()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    for (const width of [320, 640]) {
      await page.setViewportSize({ width, height: 800 });
      expect({ width, overflow: await horizontalOverflow(page) }).toEqual({ width, overflow: null });
    }
  });

  it('lets the carrier choose an imported project as the one its application continues', async () => {
    const imported = await world
      .post(world.coordinator, `/api/districts/${world.district.id}/past-projects?dryRun=false`)
      .attach(
        'file',
        Buffer.from(
          `${HEADER}\nProjektfonds;2024;${world.organisation.name};Stadtteilzeitung;4.000,00;01.01.2024;31.12.2024;Heerstraße Nord;`,
          'utf8',
        ),
        'zeitung-2024.csv',
      )
      .expect(201);
    const importedId = (imported.body as { rows: { id: string }[] }).rows[0]!.id;
    const { id } = await world.draft((await world.openCall()).id, null);

    const page = await signedInAt(api, world.carrier.user.email, PASSWORD, `/antraege/${id}/zeitraum`);
    await tabTo(page, '#vorgaenger');
    const label = 'Projektfonds 2024: Stadtteilzeitung (01.01.2024 – 31.12.2024), eingelesen';
    expect(await page.locator('#vorgaenger option').allInnerTexts()).toContain(label);
    await page.locator('#vorgaenger').selectOption({ label });
    await page.getByText(/Gespeichert um/).waitFor();
    const [row] = (await api.db.dataSource.query(
      `SELECT content->>'predecessorId' AS predecessor FROM application WHERE id = $1`,
      [id],
    )) as { predecessor: string }[];
    expect(row!.predecessor).toBe(importedId);
    expect(await axeViolations(page)).toEqual([]);
    for (const width of [320, 640]) {
      await page.setViewportSize({ width, height: 800 });
      expect({ width, overflow: await horizontalOverflow(page) }).toEqual({ width, overflow: null });
    }
  });
});
