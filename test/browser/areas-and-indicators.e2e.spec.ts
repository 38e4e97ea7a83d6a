/// <reference lib="dom" />
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArea, createDistrict, createUser, setPassword } from '@kiezfonds/testing';
import type { Page } from 'playwright-core';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import {
  axeViolations,
  type BrowserApi,
  horizontalOverflow,
  settled,
  signedInAt,
  startBrowserApi,
} from './browser-harness';

const MONITORING = 'PLR_ID;PLR_NAME;Jahr;Statusindex;Dynamikindex;Status-Dynamik-Index';

/**
 * Issue 21, item 2 (acceptance): an indicator table with a wrong column or an unknown area is
 * refused with the row and column named; a valid one shows on the area's page beside the money.
 */
describe('indicators imported in the browser, shown beside the money', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let planungsraumId: string;
  let dir: string;
  let senate: Actor;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    const db = api.db.dataSource;
    planungsraumId = (
      await createArea(db, {
        districtId: world.district.id,
        kind: 'planungsraum',
        name: 'Falkenhagener Feld Ost',
      })
    ).id;
    await db.query(`UPDATE area SET code = '05200629' WHERE id = $1`, [planungsraumId]);
    await db.query(`INSERT INTO area_cover (district_id, area_id, planungsraum_id) VALUES ($1, $2, $3)`, [
      world.district.id,
      world.areaIds[0],
      planungsraumId,
    ]);
    const fund = (
      await world
        .post(world.finance, '/api/funds')
        .send({ districtId: world.district.id, kind: 'projektfonds', areaId: world.areaIds[0] })
        .expect(201)
    ).body as { id: string };
    await world
      .post(world.finance, `/api/funds/${fund.id}/ledger`)
      .send({ kind: 'budget', programmeYear: 2026, amountCents: '5000000' })
      .expect(201);
    const project = (
      await world
        .post(world.finance, `/api/funds/${fund.id}/projects`)
        .send({
          organisationId: world.organisation.id,
          title: 'Lernwerkstatt',
          areaId: world.areaIds[0],
          actionFieldId: world.actionFieldIds[0],
          decisionDate: '2026-03-12',
          periodStart: '2026-04-01',
          periodEnd: '2027-03-31',
          amountCents: '1200000',
        })
        .expect(201)
    ).body as { id: string };
    await world
      .post(world.finance, `/api/funds/${fund.id}/ledger`)
      .send({
        kind: 'commitment',
        programmeYear: 2026,
        cashYear: 2026,
        amountCents: '1200000',
        trackedProjectId: project.id,
      })
      .expect(201);
    const neukoelln = await createDistrict(db, { slug: 'neukoelln', name: 'Neukölln' });
    await createArea(db, { districtId: neukoelln.id, name: 'Flughafenstraße' });
    const senator = await createUser(db, { displayName: 'Dr. Karin Albrecht' });
    await db.query(`INSERT INTO role_assignment (user_id, role) VALUES ($1, 'senate')`, [senator.id]);
    await setPassword(db, senator.id, PASSWORD);
    senate = { user: senator, session: { cookie: '', csrfToken: '' } } as unknown as Actor;
    dir = mkdtempSync(join(tmpdir(), 'indikatoren-'));
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  const signedIn = (actor: Actor, path: string): Promise<Page> =>
    signedInAt(api, actor.user.email, PASSWORD, path);

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text, 'utf8');
    return path;
  }

  it('names the row and column of a wrong column and of an unknown area, then imports a valid table', async () => {
    const page = await signedIn(world.coordinator, '/gebiete');
    await page.getByRole('heading', { level: 1, name: 'Gebiete und Indikatoren' }).waitFor();

    await page
      .getByLabel('CSV-Datei')
      .setInputFiles(file('falsch.csv', 'PLR_ID;PLR_NAME;Jahr;Status;Dynamikindex;Status-Dynamik-Index\n'));
    await page.getByRole('button', { name: 'Einlesen', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Zeile 1, Spalte Statusindex', { exact: false }).waitFor();

    await page
      .getByLabel('CSV-Datei')
      .setInputFiles(file('unbekannt.csv', `${MONITORING}\n99999999;Nirgendwo;2023;1,0;0,5;hoch/stabil\n`));
    await page.getByRole('button', { name: 'Einlesen', exact: true }).click();
    await alert.getByText('Zeile 2, Spalte PLR_ID', { exact: false }).waitFor();
    expect(await alert.innerText()).toContain('99999999');
    expect(await axeViolations(page)).toEqual([]);

    await page
      .getByLabel('CSV-Datei')
      .setInputFiles(
        file(
          'msse-2023.csv',
          `\uFEFF${MONITORING}\r\n05200629;Falkenhagener Feld Ost;2023;-1,23;0,5;niedrig/negativ\r\n`,
        ),
      );
    await page.getByRole('button', { name: 'Einlesen', exact: true }).click();
    await page.getByText('Die Indikatoren sind eingelesen').waitFor();

    // The table now has a Statusindex column, sortable with the keyboard.
    const sortButton = page.getByRole('button', { name: /^Statusindex/ });
    await sortButton.focus();
    await page.keyboard.press('Enter');
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Statusindex' }).waitFor();

    await page.getByRole('link', { name: 'Falkenhagener Feld Ost' }).click();
    await page.getByRole('heading', { level: 1, name: 'Falkenhagener Feld Ost' }).waitFor();
    await settled(page);
    const indicators = (
      await page.locator('section[aria-labelledby="gebiet-indikatoren"]').innerText()
    ).replaceAll('\u00a0', ' ');
    expect(indicators).toContain('Statusindex');
    expect(indicators).toContain('-1,23');
    expect(indicators).toContain('niedrig/negativ');
    const money = (await page.locator('section[aria-labelledby="gebiet-geld"]').innerText()).replaceAll(
      '\u00a0',
      ' ',
    );
    expect(money).toContain('12.000,00 €');
    expect(money).toContain('Projektfonds');
    expect(await axeViolations(page)).toEqual([]);

    // The QM area covering it: its coordinator sets the Planungsräume it covers, here.
    await page.getByRole('link', { name: 'Falkenhagener Feld' }).click();
    await page.getByRole('heading', { level: 1, name: 'Falkenhagener Feld' }).waitFor();
    const box = page.getByRole('checkbox', { name: 'Falkenhagener Feld Ost' });
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 320, height: 800 });
    for (const path of ['/gebiete', `/gebiete/${planungsraumId}`]) {
      await page.goto(`${api.baseUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await settled(page);
      expect({ path, overflow: await horizontalOverflow(page) }).toEqual({ path, overflow: null });
    }
  });

  it('shows the Senate the areas of both districts, reached from the navigation, without an import form', async () => {
    const page = await signedIn(senate, '/gebiete');
    await page.getByRole('heading', { level: 1, name: 'Gebiete und Indikatoren' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Gebiete' })
      .waitFor();
    const table = await page.getByRole('table').innerText();
    expect(table).toContain('Spandau');
    expect(table).toContain('Neukölln');
    expect(await page.getByRole('heading', { name: 'Indikatoren einlesen' }).count()).toBe(0);
    // Only the Planungsräume, where the monitoring measures.
    await page.getByLabel('Art des Gebiets').selectOption('planungsraum');
    await page.waitForFunction(() => !document.querySelector('table')?.innerText.includes('Flughafenstraße'));
    expect(await page.getByRole('table').innerText()).toContain('Falkenhagener Feld Ost');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lets an administrator import the LOR grid, naming a wrong row and column first', async () => {
    const admin = await world.staff('admin');
    const page = await signedIn(admin, '/gebiete');
    const form = page.locator('form[aria-labelledby="lor-import"]');
    const header = 'PLR_ID;PLR_NAME;BZR_ID;BZR_NAME;PGR_ID;PGR_NAME;BEZ';
    await form
      .getByLabel('LOR-Tabelle (CSV)')
      .setInputFiles(
        file('lor-falsch.csv', `${header}\n05200640;Obstallee;052106;Heerstraße;0520;Spandau 2;05\n`),
      );
    await form.getByRole('button', { name: 'Raster einlesen' }).click();
    await form.getByRole('alert').getByText('Zeile 2, Spalte BZR_ID', { exact: false }).waitFor();
    await form
      .getByLabel('LOR-Tabelle (CSV)')
      .setInputFiles(
        file('lor.csv', `${header}\n05200640;Obstallee;052006;Falkenhagener Feld;0520;Spandau 2;05\n`),
      );
    await form.getByRole('button', { name: 'Raster einlesen' }).click();
    await form.getByText('Das LOR-Raster ist eingelesen').waitFor();
    await page.getByRole('link', { name: 'Obstallee' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
