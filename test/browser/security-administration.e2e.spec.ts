/// <reference lib="dom" />
import {
  createApiToken,
  createDistrict,
  createOrganisation,
  createUser,
  grantRole,
  setPassword,
  type UserRow,
} from '@kiezfonds/testing';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  type BrowserApi,
  horizontalOverflow,
  startBrowserApi,
  settled,
} from './browser-harness';

const PASSWORD = 'sicherheit-im-bezirksamt-2027';

describe('security administration in the browser: organisations, API tokens and their expiry', () => {
  let api: BrowserApi;
  let coordinator: UserRow;
  let admin: UserRow;

  beforeAll(async () => {
    api = await startBrowserApi();
    const db = api.db.dataSource;
    const district = await createDistrict(db, { name: 'Spandau' });
    coordinator = await createUser(db, { displayName: 'Lena Hartmann' });
    admin = await createUser(db, { displayName: 'Ada Admin' });
    for (const [user, role] of [
      [coordinator, 'coordinator'],
      [admin, 'admin'],
    ] as const) {
      await setPassword(db, user.id, PASSWORD);
      await grantRole(db, user.id, role, district.id);
    }
    await createOrganisation(db, { name: 'Kiezküche Heerstraße e. V.' });
    const finance = await createUser(db, { displayName: 'Finn Anz' });
    await grantRole(db, finance.id, 'finance', district.id);
    await createApiToken(db, finance.id, 'Buchungsexport');
  });

  afterAll(async () => {
    await api?.close();
  });

  async function signedIn(user: UserRow, path: string, width = 1280): Promise<Page> {
    const context = await api.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${api.baseUrl}${path}`);
    await page.getByLabel('E-Mail-Adresse').fill(user.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${api.baseUrl}${path}`);
    await settled(page);
    return page;
  }

  it('a coordinator confirms a registered organisation by keyboard, on a 320 px screen', async () => {
    const page = await signedIn(coordinator, '/verwaltung/organisationen', 320);
    await page.getByRole('heading', { level: 1, name: 'Organisationen' }).waitFor();
    await page
      .getByRole('row', { name: /Kiezküche Heerstraße e\. V\./ })
      .getByText('Prüfung ausstehend')
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeNull();

    const confirm = page.getByRole('button', { name: /^Bestätigen.*Kiezküche Heerstraße/ });
    await confirm.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Kiezküche Heerstraße e. V. ist bestätigt.').waitFor();
    // Only unconfirmed organisations are listed by default: it has left the list.
    await page.getByText('Keine Organisationen gefunden.').waitFor();
    await page.getByLabel('Nur noch nicht bestätigte Organisationen zeigen').uncheck();
    await page.getByRole('row', { name: /Kiezküche Heerstraße e\. V\..*Freigeschaltet am/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeNull();
    await page.context().close();
  });

  it('an admin revokes a colleague’s API token after confirming, by keyboard', async () => {
    const page = await signedIn(admin, '/verwaltung/api-tokens', 320);
    await page.getByRole('heading', { level: 1, name: 'API-Tokens in Ihren Bezirken' }).waitFor();
    await page.getByRole('row', { name: /Buchungsexport.*Finn Anz/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeNull();

    await page.getByRole('button', { name: /^Widerrufen.*Buchungsexport.*Finn Anz/ }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Token „Buchungsexport“ von Finn Anz widerrufen?' });
    await dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Token widerrufen' }).click();
    await page.getByText('Es gibt keine gültigen API-Tokens.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Gültige Tokens');
    await page.context().close();
  });

  it('creates a personal token that expires after the days chosen', async () => {
    const page = await signedIn(coordinator, '/konto');
    await page.getByLabel('Name des neuen Tokens').fill('Export-Skript');
    await page.getByLabel('Gültig für').selectOption({ label: '30 Tage' });
    await page.getByRole('button', { name: 'Token erstellen' }).click();
    await page.getByText('Token „Export-Skript“ erstellt').waitFor();
    const until = new Date(Date.now() + 30 * 86_400_000);
    const expected = until.toLocaleDateString('de-DE', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'Europe/Berlin',
    });
    await page
      .getByRole('row', { name: new RegExp(`Export-Skript.*${expected.replaceAll('.', '\\.')}`) })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await horizontalOverflow(page)).toBeNull();
    await page.context().close();
  });
});
