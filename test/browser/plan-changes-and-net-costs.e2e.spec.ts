/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { createCommittee, selectedApplications } from '../../apps/api/src/testing/committee-world';
import { axeViolations, startBrowserApi, type BrowserApi } from './browser-harness';

/**
 * Issue 14: the cost plan says whether amounts are net or gross (by the organisation's VAT
 * status), and the coordinator records a change to the plan approved after the notice.
 */
describe('net or gross costs and approved plan changes in the browser', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
  });

  afterAll(async () => {
    await api?.close();
  });

  async function signedIn(actor: Actor, path: string): Promise<Page> {
    const page = await (await api.browser.newContext({ locale: 'de-DE' })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${api.baseUrl}${path}`);
    await page.waitForURL(`${api.baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(actor.user.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${api.baseUrl}${path}`);
    await page.waitForFunction(() => document.querySelectorAll('.loader').length === 0);
    return page;
  }

  it('asks a VAT-deductible organisation for net amounts and any other for gross amounts, saying why', async () => {
    const callId = (await world.openCall()).id;
    const gross = await world.draft(callId);
    const grossPage = await signedIn(world.carrier, `/antraege/${gross.id}/kostenplan`);
    await grossPage.getByText('Beträge brutto (einschließlich Umsatzsteuer)').waitFor();
    expect(
      await grossPage
        .getByRole('group', { name: 'Kostenposition 1' })
        .getByLabel('Betrag brutto (einschließlich Umsatzsteuer)')
        .count(),
    ).toBe(1);
    await grossPage.close();

    await api.db.dataSource.query(`UPDATE organisation SET vat_deductible = true WHERE id = $1`, [
      world.organisation.id,
    ]);
    try {
      const net = await world.draft(callId);
      const page = await signedIn(world.carrier, `/antraege/${net.id}/kostenplan`);
      await page.getByText('Beträge netto (ohne Umsatzsteuer)').waitFor();
      await page.getByText(/zum Vorsteuerabzug berechtigt/).waitFor();
      expect(
        await page
          .getByRole('group', { name: 'Kostenposition 1' })
          .getByLabel('Betrag netto (ohne Umsatzsteuer)')
          .count(),
      ).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await api.db.dataSource.query(`UPDATE organisation SET vat_deductible = false WHERE id = $1`, [
        world.organisation.id,
      ]);
    }
  });

  it('lets the coordinator record an approved plan change, listed with its reason', async () => {
    const committee = await createCommittee(world, { votingMembers: 1 });
    const [id] = await selectedApplications(world, committee, 1);
    await world
      .event(world.coordinator, id!, {
        type: 'APPROVE',
        reportDeadlines: [
          { kind: 'interim', due: '2028-03-31' },
          { kind: 'final', due: '2029-06-30' },
        ],
      })
      .expect(200);

    const page = await signedIn(world.coordinator, `/eingang/${id}`);
    await page.getByRole('heading', { name: 'Genehmigte Planänderungen' }).waitFor();
    const form = page.getByRole('form', { name: 'Planänderung erfassen' });
    // Without amount and reason the form names both fields and sends nothing.
    await form.getByRole('button', { name: 'Planänderung erfassen' }).click();
    await page
      .getByRole('link', { name: /Begründung/ })
      .first()
      .waitFor();

    await form.getByLabel('Kassenjahr').selectOption('2027');
    await form.getByLabel('Kostenart').selectOption('fees');
    await form.getByLabel('Betrag in Euro').fill('300,00');
    await form.getByLabel('Begründung').fill('Honorar der Köchin, Antrag vom 12.05.2027');
    await form.getByRole('button', { name: 'Planänderung erfassen' }).click();
    await page.getByText('Planänderung erfasst').waitFor();
    const row = page.getByRole('row', { name: /2027, Honorare/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/300,00\s€/);
    expect(await row.innerText()).toMatch(/Honorar der Köchin/);
    expect(await axeViolations(page)).toEqual([]);

    const listed = await world.get(world.coordinator, `/api/applications/${id}/plan-changes`).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ cashYear: 2027, category: 'fees', amountCents: '30000' }),
    ]);
  });
});
