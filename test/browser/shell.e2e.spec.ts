/// <reference lib="dom" />
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createTestDatabase,
  createTestRedis,
  launchBrowser,
  testConfig,
  type TestDatabase,
  type TestRedis,
} from '@kiezfonds/testing';
import type { Browser } from 'playwright-core';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { axeViolations } from './browser-harness';

describe('the web app shell, served by the API', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let app: NestExpressApplication;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    app = await createApiApp(
      testConfig({ DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix }),
    );
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await redis?.cleanup();
    await db?.drop();
  });

  it('shows the German shell, switches to English, and has no accessibility violations in either', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${baseUrl}/`);

    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('h1').innerText()).toContain('Willkommen bei kiezfonds');
    await page.getByText('System erreichbar').waitFor();
    expect(await page.getByRole('link', { name: 'Erklärung zur Barrierefreiheit' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Impressum' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('h1').innerText()).toContain('Welcome');
    expect(await page.getByRole('button', { name: 'Deutsch' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('keeps typed input and shows the form’s errors in the language the user switches to', async () => {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}/registrieren`);
    await page.getByLabel('Rechtsform').fill('e. V.');
    await page.getByRole('button', { name: 'Registrierung absenden' }).click();
    const summary = page.locator('.error-summary');
    await summary.getByText('Bitte geben Sie den Namen der Organisation ein.').waitFor();
    expect(await summary.innerText()).toContain('Bitte geben Sie ein neues Passwort ein.');

    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await summary.getByText('Please enter the name of the organisation.').waitFor();
    const main = await page.locator('main').innerText();
    expect(main).toContain('Please enter a new password.');
    expect(main).not.toMatch(/Bitte|geben Sie/);
    expect(await page.getByLabel('Legal form').inputValue()).toBe('e. V.');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the server’s errors in the language the user switches to, without sending again', async () => {
    const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}/anmelden`);
    const summary = page.locator('.error-summary');

    // Checked by the server only: its answer names each field with its rule, one with a parameter.
    await page.getByLabel('E-Mail-Adresse').fill('kein-at-zeichen');
    await page.getByLabel('Passwort', { exact: true }).fill('x'.repeat(300));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await summary.getByText('Bitte geben Sie eine gültige E-Mail-Adresse ein.').waitFor();
    expect(await summary.innerText()).toContain('Bitte geben Sie höchstens 256 Zeichen ein.');
    let sent = 0;
    page.on('request', (request) => {
      if (request.method() !== 'GET') sent += 1;
    });

    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await summary.getByText('Please enter a valid e-mail address.').waitFor();
    expect(await summary.innerText()).toContain('Please enter at most 256 characters.');
    // Still next to their fields, not only in the summary.
    expect(await page.locator('#login-email-error').innerText()).toContain(
      'Please enter a valid e-mail address.',
    );
    expect(await page.locator('main').innerText()).not.toMatch(/Bitte|geben Sie/);

    // An error without details: the wrong password, answered in English, follows back to German.
    await page.getByLabel('E-mail address').fill('niemand@kiezfonds.example');
    await page.getByLabel('Password', { exact: true }).fill('falsches Passwort');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await summary.getByText('The e-mail address or the password is not correct.').waitFor();
    const afterSubmit = sent;
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'de');
    await summary.getByText('E-Mail-Adresse oder Passwort sind nicht korrekt.').waitFor();
    expect(await page.locator('main').innerText()).not.toContain('not correct');
    expect(sent).toBe(afterSubmit);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('serves client-side routes with the app and keeps unknown API paths as JSON 404', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${baseUrl}/barrierefreiheit`);
    expect(await page.locator('h1').innerText()).toContain('Barrierefreiheit');
    expect(
      await page.getByRole('link', { name: /barrierefreiheit@kiezfonds\.example/ }).count(),
    ).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    const api = await page.request.get(`${baseUrl}/api/does-not-exist`, { headers: { accept: 'text/html' } });
    expect(api.status()).toBe(404);
    expect(await api.json()).toMatchObject({ code: 'route_not_found' });
    await page.context().close();
  });
});
