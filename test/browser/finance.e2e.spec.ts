/// <reference lib="dom" />
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createDistrict,
  createFund,
  createTestDatabase,
  createTestRedis,
  createUser,
  type FundRow,
  grantRole,
  launchBrowser,
  setPassword,
  testConfig,
  type TestDatabase,
  type TestRedis,
  type UserRow,
} from '@kiezfonds/testing';
import type { Browser, Page } from 'playwright-core';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { axeViolations, settled } from './browser-harness';

const PASSWORD = 'finanzen-im-bezirksamt-spandau';

describe('finance in the browser: funds overview, a fund, booking a budget', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let app: NestExpressApplication;
  let browser: Browser;
  let baseUrl: string;
  let finance: UserRow;
  let coordinator: UserRow;
  let fund: FundRow;

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
    finance = await createUser(db.dataSource, {
      email: 'jonas.weber@ba-spandau.example',
      displayName: 'Jonas Weber',
    });
    await setPassword(db.dataSource, finance.id, PASSWORD);
    await grantRole(db.dataSource, finance.id, 'finance', district.id);
    fund = await createFund(db.dataSource, { districtId: district.id, name: 'Netzwerkfonds Spandau' });
    coordinator = await createUser(db.dataSource, { email: 'koordination@ba-spandau.example' });
    await setPassword(db.dataSource, coordinator.id, PASSWORD);
    await grantRole(db.dataSource, coordinator.id, 'coordinator', district.id);
  });

  async function signedIn(user: UserRow, path: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}${path}`);
    await page.waitForURL(`${baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(user.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${baseUrl}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await settled(page);
    return page;
  }

  const yearOptions = (page: Page, label: string) =>
    page.getByLabel(label, { exact: true }).locator('option').allInnerTexts();
  const thisYear = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(new Date()),
  );

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await redis?.cleanup();
    await db?.drop();
  });

  it('a finance user opens the fund, books a budget of 12.500,00 € and sees entry and balance', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${baseUrl}/finanzen`);
    await page.waitForURL(`${baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(finance.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${baseUrl}/finanzen`);

    await page.getByRole('heading', { level: 1, name: 'Finanzen' }).waitFor();
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.title()).toBe('Finanzen – kiezfonds');
    await page.getByRole('link', { name: 'Netzwerkfonds Spandau', exact: true }).waitFor();
    await settled(page);
    expect(await page.getByLabel('Programmjahr', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /Netzwerkfonds Spandau: Budget 0,00/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Netzwerkfonds Spandau', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/finanzen/fonds/${fund.id}`);
    await page.getByRole('heading', { level: 1, name: 'Netzwerkfonds Spandau' }).waitFor();
    await settled(page);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.getByText('Keine Buchungen gefunden.').count()).toBe(1);
    const csv = page.getByRole('link', { name: 'Buchungen als CSV herunterladen' });
    expect(await csv.getAttribute('href')).toMatch(
      new RegExp(`^/api/funds/${fund.id}/ledger\\.csv\\?programmeYear=\\d{4}$`),
    );

    // Nothing entered: the error is shown at the field.
    await page.getByRole('button', { name: 'Buchen' }).click();
    await page.getByText('Bitte geben Sie einen Betrag ein.').first().waitFor();
    expect(await page.getByLabel('Betrag in Euro').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Betrag in Euro').fill('12.500,00');
    await page.getByRole('button', { name: 'Buchen' }).click();
    await page.getByText('12.500,00\u00a0€ wurden gebucht').waitFor();
    await settled(page);

    const row = page.getByRole('row').filter({ hasText: 'Jonas Weber' });
    await row.waitFor();
    expect(await row.innerText()).toContain('12.500,00');
    expect(await row.innerText()).toContain('Budget');
    const balance = page.locator('section[aria-labelledby="fonds-salden"]');
    await balance.getByText('12.500,00\u00a0€').first().waitFor();
    expect(await balance.innerText()).toMatch(/Verfügbar\s*12\.500,00/);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('offers finance every programme year a coordinator can open a call for, newest first', async () => {
    const call = await signedIn(coordinator, '/aufrufe/neu');
    const callYears = await yearOptions(call, 'Programmjahr');
    await call.context().close();
    const expected = [2, 1, 0, -1, -2].map((ahead) => String(thisYear + ahead));
    expect(callYears).toEqual(expected);

    const page = await signedIn(finance, '/finanzen');
    expect(await yearOptions(page, 'Programmjahr')).toEqual(expected);
    await page.goto(`${baseUrl}/finanzen/fonds/${fund.id}`);
    await page.getByRole('heading', { level: 1, name: 'Netzwerkfonds Spandau' }).waitFor();
    expect(await yearOptions(page, 'Programmjahr')).toEqual(expected);

    // A year from a link joins the list in its place.
    await page.goto(`${baseUrl}/finanzen?jahr=2019`);
    await page.getByRole('heading', { level: 1, name: 'Finanzen' }).waitFor();
    expect(await yearOptions(page, 'Programmjahr')).toEqual([...expected, '2019']);
    await page.goto(`${baseUrl}/finanzen/fonds/${fund.id}?jahr=${thisYear + 5}`);
    await page.getByRole('heading', { level: 1, name: 'Netzwerkfonds Spandau' }).waitFor();
    expect(await yearOptions(page, 'Programmjahr')).toEqual([String(thisYear + 5), ...expected]);
    await page.context().close();
  });

  it('tells finance on the overview of a year without money to book its budget on the fund’s page', async () => {
    const year = thisYear - 2;
    const page = await signedIn(finance, `/finanzen?jahr=${year}`);
    await page.getByText('In diesem Programmjahr ist noch kein Budget gebucht.').waitFor();
    expect(await page.locator('main').innerText()).toContain('Buchen Sie das Budget auf der Seite des Fonds');
    const book = page.getByRole('link', { name: `Budget ${year} für „Netzwerkfonds Spandau“ buchen` });
    expect(await book.getAttribute('href')).toBe(`/finanzen/fonds/${fund.id}?jahr=${year}`);
    expect(await axeViolations(page)).toEqual([]);
    await book.click();
    await page.getByRole('heading', { level: 1, name: 'Netzwerkfonds Spandau' }).waitFor();
    expect(await page.getByLabel('Programmjahr', { exact: true }).inputValue()).toBe(String(year));
    await page.context().close();
  });
});
