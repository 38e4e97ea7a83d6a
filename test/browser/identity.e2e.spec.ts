/// <reference lib="dom" />
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createDistrict,
  createTestDatabase,
  createTestRedis,
  createUser,
  type DistrictRow,
  launchBrowser,
  setPassword,
  SmtpSink,
  testConfig,
  type TestDatabase,
  type TestRedis,
  type UserRow,
} from '@kiezfonds/testing';
import type { Browser } from 'playwright-core';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createWorker } from '../../apps/worker/src/create-worker';
import { axeViolations, settled } from './browser-harness';

const COORDINATOR_PASSWORD = 'koordination-im-bezirksamt-2027';
const NEW_PASSWORD = 'finanzen-netzwerkfonds-spandau';

/** The path and query of the invitation link in a mail's plain text (the host is APP_URL's). */
function invitationPath(text: string): string {
  const match = /\/einladung\?token=[^\s"'<>)\]]+/.exec(text);
  if (!match) throw new Error(`no invitation link in the mail:\n${text}`);
  return match[0];
}

describe('identity in the browser: sign-in, invitations by mail, the account page, self-registration', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let smtp: SmtpSink;
  let app: NestExpressApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let district: DistrictRow;
  let coordinator: UserRow;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    smtp = await SmtpSink.start();
    const config = testConfig({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      SMTP_URL: smtp.url,
      OUTBOX_POLL_INTERVAL_MS: '500',
    });
    app = await createApiApp(config);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    worker = await createWorker(config);
    await worker.init();
    browser = await launchBrowser();

    district = await createDistrict(db.dataSource, { slug: 'spandau', name: 'Spandau' });
    coordinator = await createUser(db.dataSource, {
      email: 'lena.hartmann@ba-spandau.example',
      displayName: 'Lena Hartmann',
    });
    await setPassword(db.dataSource, coordinator.id, COORDINATOR_PASSWORD);
    await db.dataSource.query(
      `INSERT INTO role_assignment (user_id, role, district_id) VALUES ($1, 'coordinator', $2)`,
      [coordinator.id, district.id],
    );
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await app?.close();
    await smtp?.stop();
    await redis?.cleanup();
    await db?.drop();
  });

  it('a coordinator invites a finance colleague, who accepts by mail, is signed in and sees the finance area', async () => {
    // The coordinator asks for a protected page and is sent to sign in first.
    const staff = await (await browser.newContext()).newPage();
    await staff.goto(`${baseUrl}/verwaltung/benutzer`);
    await staff.waitForURL(`${baseUrl}/anmelden`);
    await staff.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(await staff.title()).toBe('Anmelden – kiezfonds');
    expect(await staff.getByRole('link', { name: 'Passwort vergessen?' }).getAttribute('href')).toBe(
      '/passwort-vergessen',
    );
    expect(await axeViolations(staff)).toEqual([]);

    // A wrong password: the server's message in the error summary, which receives focus.
    await staff.getByLabel('E-Mail-Adresse').fill(coordinator.email);
    await staff.getByLabel('Passwort', { exact: true }).fill('falsches-passwort-123');
    await staff.getByRole('button', { name: 'Anmelden' }).click();
    const summary = staff.getByRole('alert').filter({ hasText: 'Die Anmeldung hat nicht geklappt' });
    await summary.waitFor();
    expect(await summary.innerText()).toContain('E-Mail-Adresse oder Passwort sind nicht korrekt.');
    expect(await summary.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await staff.title()).toBe('Fehler: Anmelden – kiezfonds');

    // Signing in returns to the page asked for, with the coordinator's navigation.
    await staff.getByLabel('Passwort', { exact: true }).fill(COORDINATOR_PASSWORD);
    await staff.getByRole('button', { name: 'Anmelden' }).click();
    await staff.waitForURL(`${baseUrl}/verwaltung/benutzer`);
    const staffNav = staff.getByRole('navigation', { name: 'Hauptnavigation' });
    await staffNav.getByRole('link', { name: 'Benutzerverwaltung' }).waitFor();
    expect(await staffNav.getByRole('link', { name: 'Aufrufe' }).count()).toBe(1);
    expect(await staffNav.getByRole('link', { name: 'Finanzen' }).count()).toBe(0);
    await staff.getByRole('link', { name: /^Benachrichtigungen/ }).waitFor();

    // Invite a finance colleague through the form of the user administration.
    const invite = staff.getByRole('region', { name: 'Person einladen' });
    await invite.getByLabel('Name', { exact: true }).fill('Jonas Weber');
    await invite.getByLabel('E-Mail-Adresse').fill('jonas.weber@ba-spandau.example');
    await invite.getByLabel('Rolle').selectOption({ label: 'Finanzen' });
    await invite.getByRole('button', { name: 'Einladung verschicken' }).click();
    await invite.getByText('Einladung verschickt').waitFor();

    // The worker delivers the invitation mail through the outbox; its link opens the app.
    const mails = await smtp.waitForMails(1, 30_000);
    const mail = mails.find((m) => m.to.includes('jonas.weber@ba-spandau.example'));
    expect(mail).toBeDefined();
    const path = invitationPath(mail!.text);

    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(`${baseUrl}${path}`);
    expect(await invitee.locator('h1').innerText()).toBe('Einladung annehmen');
    await invitee.getByText('jonas.weber@ba-spandau.example').waitFor();
    await invitee.getByText('Spandau', { exact: true }).waitFor();
    expect(await invitee.locator('h1').count()).toBe(1);
    expect(await axeViolations(invitee)).toEqual([]);

    // Too short a password is caught at the field before anything is sent.
    await invitee.getByLabel('Neues Passwort', { exact: true }).fill('zu-kurz');
    await invitee.getByLabel('Neues Passwort wiederholen').fill('zu-kurz');
    await invitee.getByRole('button', { name: 'Einladung annehmen' }).click();
    await invitee.getByText('Das Passwort muss mindestens 12 Zeichen lang sein.').first().waitFor();

    await invitee.getByLabel('Neues Passwort', { exact: true }).fill(NEW_PASSWORD);
    await invitee.getByLabel('Neues Passwort wiederholen').fill(NEW_PASSWORD);
    await invitee.getByRole('button', { name: 'Einladung annehmen' }).click();
    await invitee.waitForURL(`${baseUrl}/`);
    await invitee.getByText('Willkommen, Jonas Weber').waitFor();
    const nav = invitee.getByRole('navigation', { name: 'Hauptnavigation' });
    await nav.getByRole('link', { name: 'Finanzen' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Benutzerverwaltung' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Anmelden' }).count()).toBe(0);

    // The account page, with profile, reminder settings and tokens loaded.
    await nav.getByRole('link', { name: 'Konto' }).click();
    await invitee.waitForURL(`${baseUrl}/konto`);
    await invitee.getByRole('heading', { level: 1, name: 'Mein Konto' }).waitFor();
    await settled(invitee);
    expect(await invitee.getByLabel('Name', { exact: true }).inputValue()).toBe('Jonas Weber');
    expect(await invitee.getByRole('link', { name: 'Meine Daten herunterladen' }).getAttribute('href')).toBe(
      '/api/me/export',
    );
    expect(await axeViolations(invitee)).toEqual([]);

    // Signing out leads to the sign-in page; protected pages are closed again.
    await nav.getByRole('button', { name: 'Abmelden' }).click();
    await invitee.waitForURL(`${baseUrl}/anmelden`);
    await invitee.getByText('Sie haben sich abgemeldet.').waitFor();
    await invitee.goto(`${baseUrl}/finanzen`);
    await invitee.waitForURL(`${baseUrl}/anmelden`);

    await staff.context().close();
    await invitee.context().close();
  });

  it('a carrier registers with its legal representatives, sees them listed and changes them', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${baseUrl}/registrieren`);
    await page.getByRole('heading', { level: 1, name: 'Organisation registrieren' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Name der Organisation').fill('Kiezküche Heerstraße e. V.');
    await page.getByLabel('Rechtsform').fill('e. V.');
    await page.getByLabel('Straße und Hausnummer').fill('Heerstraße 400');
    await page.getByLabel('Postleitzahl').fill('13593');
    const first = page.getByRole('group', { name: 'Vertreter:in 1' });
    await first.getByLabel('Name', { exact: true }).fill('Derya Aksoy');
    await first.getByLabel('Funktion', { exact: true }).fill('Vorstandsvorsitzende');
    await page.getByRole('radio', { name: 'Nein' }).check();
    const account = page.getByRole('group', { name: 'Ihr Konto' });
    await account.getByLabel('Name', { exact: true }).fill('Derya Aksoy');
    await account.getByLabel('E-Mail-Adresse').fill('vorstand@kiezkueche.example');
    await account.getByLabel('Neues Passwort', { exact: true }).fill(NEW_PASSWORD);
    await account.getByLabel('Neues Passwort wiederholen').fill(NEW_PASSWORD);

    // A second person: the new row's name receives focus; left empty, it is named in the summary.
    await page.getByRole('button', { name: 'Weitere Vertreter:in hinzufügen' }).click();
    const secondName = 'register-organisation-legalRepresentatives-1-name';
    await page.waitForFunction((id) => document.activeElement?.id === id, secondName);
    await page.getByRole('button', { name: 'Registrierung absenden' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben' });
    await summary.waitFor();
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([
      'Name der Vertreter:in 2: Bitte geben Sie den Namen ein.',
      'Funktion der Vertreter:in 2: Bitte geben Sie die Funktion ein, zum Beispiel Vorstandsvorsitzende.',
    ]);
    expect(await axeViolations(page)).toEqual([]);

    const second = page.getByRole('group', { name: 'Vertreter:in 2' });
    await second.getByLabel('Name', { exact: true }).fill('Paul Lehmann');
    await second.getByLabel('Funktion', { exact: true }).fill('Schatzmeister');
    const mailsBefore = smtp.mails.length;
    await page.getByRole('button', { name: 'Registrierung absenden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vielen Dank für Ihre Registrierung' }).waitFor();

    // The address is confirmed with the mailed link (a button, so mail scanners cannot confirm it).
    const verification = (await smtp.waitForMails(mailsBefore + 1, 30_000)).find((m) =>
      m.to.includes('vorstand@kiezkueche.example'),
    );
    const link = /\/e-mail-bestaetigen\?token=[\w-]+/.exec(verification!.text)![0];
    await page.goto(`${baseUrl}${link}`);
    await page.getByRole('heading', { level: 1, name: 'E-Mail-Adresse bestätigen' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
    await page.getByText('Ihre E-Mail-Adresse ist bestätigt').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Signed in, the organisation page lists both; its admin removes the first and saves.
    await page.goto(`${baseUrl}/organisation`);
    await page.waitForURL(`${baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill('vorstand@kiezkueche.example');
    await page.getByLabel('Passwort', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${baseUrl}/organisation`);
    await settled(page);
    const listed = page.locator('.representative-list li');
    expect(await listed.allInnerTexts()).toEqual([
      'Derya Aksoy (Vorstandsvorsitzende)',
      'Paul Lehmann (Schatzmeister)',
    ]);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Angaben bearbeiten' }).click();
    await page.getByRole('button', { name: 'Vertreter:in 1 entfernen' }).click();
    await page.waitForFunction(
      () => document.activeElement?.id === 'edit-organisation-legalRepresentatives-0-name',
    );
    expect(await page.getByRole('group', { name: /^Vertreter:in \d$/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /entfernen$/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await page.getByText('Die Änderungen wurden gespeichert.').waitFor();
    expect(await listed.allInnerTexts()).toEqual(['Paul Lehmann (Schatzmeister)']);

    await page.context().close();
  });
});
