/// <reference lib="dom" />
import { OutboxService, type Notice } from '@kiezfonds/messaging';
import { createDistrict, createUser, grantRole, setPassword } from '@kiezfonds/testing';
import type { Page } from 'playwright-core';
import { axeViolations, type BrowserApi, startBrowserApi } from './browser-harness';

const PASSWORD = 'lange-sichere-passphrase-42';

/**
 * Issue 17: the installation's administrators see what failed for good and send it all again with
 * one action; a district's administrator is told that this view is the installation's. How a
 * notice comes to fail (retries running out) is proven in test/notices/failed-notices.int.spec.ts;
 * here the outbox rows are marked failed as that leaves them.
 */
describe('the delivery page: failed notices and one action to send them again', () => {
  let api: BrowserApi;
  let everywhere: string;
  let local: string;

  beforeAll(async () => {
    api = await startBrowserApi();
    const db = api.db.dataSource;
    const spandau = await createDistrict(db, { name: 'Spandau' });
    const neukoelln = await createDistrict(db, { name: 'Neukölln' });
    const admin = await createUser(db);
    await grantRole(db, admin.id, 'admin', spandau.id);
    await grantRole(db, admin.id, 'admin', neukoelln.id);
    const districtAdmin = await createUser(db);
    await grantRole(db, districtAdmin.id, 'admin', spandau.id);
    for (const user of [admin, districtAdmin]) await setPassword(db, user.id, PASSWORD);
    [everywhere, local] = [admin.email, districtAdmin.email];
    const carrier = await createUser(db, { displayName: 'Aylin Demir' });
    const notice = (n: number): Notice => ({
      kind: 'application_submitted',
      recipient: { userId: carrier.id, email: carrier.email, name: carrier.displayName, locale: 'de' },
      data: {
        application: { title: `Nr. ${n}`, reference: 'NWF-SPA-2027-0017' },
        call: { title: 'Netzwerkfonds 2027' },
      },
      district: { name: 'Spandau', contactEmail: 'netzwerkfonds@spandau.example' },
      link: '/antraege/17',
    });
    await db.transaction(async (tx) => {
      for (const n of [1, 2]) await api.app.get(OutboxService).addNotice(tx, `given-up-${n}`, notice(n));
    });
    await db.query(
      `UPDATE outbox SET relayed_at = now(), failed_at = now(), last_error = 'connect ECONNREFUSED'`,
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  async function signedIn(email: string): Promise<Page> {
    const page = await (await api.browser.newContext({ locale: 'de-DE' })).newPage();
    await page.goto(`${api.baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${api.baseUrl}/`);
    return page;
  }

  it('shows the counts and sends every failed notice again, by keyboard', async () => {
    const page = await signedIn(everywhere);
    await page.getByRole('link', { name: 'Zustellung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zustellung der Benachrichtigungen' }).waitFor();
    const failed = page.locator('.kern-description-list-item', { hasText: 'Endgültig fehlgeschlagen' });
    await failed.getByText('2').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Alle fehlgeschlagenen erneut senden' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('2 Benachrichtigungen werden erneut gesendet.').waitFor();
    await failed.getByText('0').waitFor();
    expect(await page.getByRole('button', { name: 'Alle fehlgeschlagenen erneut senden' }).isDisabled()).toBe(
      true,
    );
    const rows = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE failed_at IS NULL AND relayed_at IS NULL`,
    )) as { n: number }[];
    expect(rows[0]!.n).toBe(2);
    await page.context().close();
  });

  it("tells a district's administrator that delivery is the installation's view", async () => {
    const page = await signedIn(local);
    await page.goto(`${api.baseUrl}/verwaltung/zustellung`);
    await page.getByText('Nur für die Administration der gesamten Installation').waitFor();
    expect(await page.getByRole('button', { name: 'Alle fehlgeschlagenen erneut senden' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
