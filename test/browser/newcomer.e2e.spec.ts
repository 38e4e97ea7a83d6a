/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { startBrowserApi, type BrowserApi, settled } from './browser-harness';

/**
 * Issue 19, item 4: the small things a newcomer trips over. The home page gives each role its
 * next steps as links (and no "Im Aufbau"), titles and file numbers do not run together, the
 * call's amounts are not labelled twice, and finance opens on a year that has figures.
 */
describe("a newcomer's first pages", () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let callId: string;

  beforeAll(async () => {
    api = await startBrowserApi();
    // The world books the Netzwerkfonds budget for 2027 only.
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    callId = (await world.openCall()).id;
    await world.draft(callId);
  });

  afterAll(async () => {
    await api?.close();
  });

  async function signedIn(actor: Actor, path: string): Promise<Page> {
    const page = await (await api.browser.newContext({ locale: 'de-DE' })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${api.baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(actor.user.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${api.baseUrl}/`);
    if (path !== '/') await page.goto(`${api.baseUrl}${path}`);
    await settled(page);
    return page;
  }

  it('greets signed-out visitors without "Im Aufbau" and shows them where to start', async () => {
    const page = await (await api.browser.newContext({ locale: 'de-DE' })).newPage();
    await page.goto(`${api.baseUrl}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Im Aufbau');
    const steps = page.getByRole('region', { name: 'Ihre nächsten Schritte' });
    await steps.getByRole('link', { name: /Anmelden/ }).waitFor();
  });

  it.each(['carrier', 'coordinator', 'finance', 'board_member'] as const)(
    'gives the %s next steps whose links open pages they may see',
    async (role) => {
      const page = await signedIn(world.actor(role), '/');
      expect(await page.locator('main').innerText()).not.toContain('Im Aufbau');
      const steps = page.getByRole('region', { name: 'Ihre nächsten Schritte' });
      const links = await steps
        .getByRole('link')
        .evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) {
        await page.goto(`${api.baseUrl}${href}`);
        await settled(page);
        const heading = await page.getByRole('heading', { level: 1 }).first().innerText();
        expect(`${href}: ${heading}`).not.toMatch(/Kein Zugriff|nicht gefunden|Fehler aufgetreten/);
      }
    },
  );

  it('keeps title and file number apart, and labels the amounts of a call once', async () => {
    const page = await signedIn(world.carrier, '/antraege');
    const header = page.getByRole('rowheader').filter({ hasText: 'Kiezküchen verbinden' }).first();
    expect(await header.innerText()).toMatch(/^Kiezküchen verbinden\s*\n\s*NWF-/);
    await page.goto(`${api.baseUrl}/antraege/neu?aufruf=${callId}`);
    await settled(page);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/Fördersumme\s*:?\s*Fördersumme/);
    const body = await page.locator('main').innerText();
    expect(body).toMatch(/mindestens 50\.000,00/);
  });

  it('opens finance on the programme year that has figures', async () => {
    const page = await signedIn(world.finance, '/finanzen');
    await page.waitForURL(/jahr=2027/);
    await settled(page);
    expect(await page.getByLabel('Programmjahr', { exact: true }).inputValue()).toBe('2027');
  });
});
