/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemoData } from '@kiezfonds/persistence';
import { seedDemoApplications } from '../../apps/api/src/cli/seed-applications';
import { axeViolations, startBrowserApi, type BrowserApi, settled } from './browser-harness';

/**
 * Issue 19, item 2: on the demo as `npm run db:seed` leaves it, every role's home names at least
 * one counted next step, and its link opens a page that role may see.
 */
describe('the home page of each demo role', () => {
  let api: BrowserApi;

  beforeAll(async () => {
    api = await startBrowserApi();
    await seedDemoData(api.db.dataSource);
    await seedDemoApplications(api.app, api.db.dataSource);
  });

  afterAll(async () => {
    await api?.close();
  });

  async function signedIn(email: string): Promise<Page> {
    const page = await (await api.browser.newContext({ locale: 'de-DE' })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${api.baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${api.baseUrl}/`);
    return page;
  }

  it.each([
    ['carrier1@kiezfonds.example', /2 Entwürfe sind noch nicht eingereicht/],
    ['carrier2@kiezfonds.example', /1 Rückfrage wartet auf Ihre Antwort/],
    ['board5@kiezfonds.example', /1 Votum fehlt noch/],
    ['coordinator@kiezfonds.example', /1 Antrag wartet auf die formale Prüfung/],
    ['finance@kiezfonds.example', /1 Mittelabruf wartet auf die Auszahlung/],
    ['senate@kiezfonds.example', /1 Prioritätenliste eines Bezirks wartet auf die Auswahl des Senats/],
  ])('gives %s a counted next step whose link opens a page they may see', async (email, expected) => {
    const page = await signedIn(email);
    const waiting = page.getByRole('list', { name: 'Was auf Sie wartet' });
    const step = waiting.getByRole('link', { name: expected });
    await step.waitFor();
    expect(await axeViolations(page)).toEqual([]);

    for (const href of await waiting
      .getByRole('link')
      .evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).getAttribute('href')!))) {
      await page.goto(`${api.baseUrl}${href}`);
      await settled(page);
      const heading = await page.getByRole('heading', { level: 1 }).first().innerText();
      const main = await page.locator('main').innerText();
      expect(`${href}: ${heading}`).not.toMatch(/Kein Zugriff|nicht gefunden|Fehler aufgetreten/);
      expect(`${href}: ${main}`).not.toMatch(/Kein Zugriff|Fehler aufgetreten/);
    }
  });

  it("leads the Senate from its home to the district's list and on to an application it can select", async () => {
    const page = await signedIn('senate@kiezfonds.example');
    await page
      .getByRole('list', { name: 'Was auf Sie wartet' })
      .getByRole('link', { name: /Prioritätenliste/ })
      .click();
    await page.waitForURL(/\/aufrufe\/[^/]+\/programmplanung$/);
    await settled(page);
    await page.getByRole('link', { name: 'Kiezlotsen für Nachbarschaftshilfe' }).click();
    await page.waitForURL(/\/eingang\/[^/]+$/);
    await settled(page);
    expect(await page.locator('main').innerText()).not.toMatch(/Kein Zugriff|Fehler aufgetreten/);
    await page.getByRole('button', { name: 'Auswahl des Senats erfassen' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('speaks English when the carrier reads English, singular and plural alike', async () => {
    // Luca Engel reads English: one running project with two reports ahead of it.
    const page = await signedIn('carrier4@kiezfonds.example');
    await page.evaluate(() => window.localStorage.setItem('kiezfonds.language', 'en'));
    await page.reload();
    const waiting = page.getByRole('list', { name: 'What waits for you' });
    await waiting.getByRole('link', { name: /^You can call off funds for 1 running project$/ }).waitFor();
    await waiting.getByRole('link', { name: /^2 reports still to submit$/ }).waitFor();
  });
});
