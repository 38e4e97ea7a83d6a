/// <reference lib="dom" />
import {
  createActionField,
  createApplication,
  createArea,
  createCall,
  createDistrict,
  createOrganisation,
} from '@kiezfonds/testing';
import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { axeViolations, type BrowserApi, horizontalOverflow, startBrowserApi } from './browser-harness';

/**
 * An approved application with its grant notice, laid as rows: the lifecycle that leads there is
 * proven over HTTP in public-projects.int.spec.ts; this test is about the page.
 */
async function fundedProject(
  db: DataSource,
  district: { id: string; area: string; actionField: string },
  fields: { title: string; consent: boolean; amountCents: string },
): Promise<void> {
  const call = await createCall(db, { districtId: district.id });
  const organisation = await createOrganisation(db);
  const application = await createApplication(db, {
    callId: call.id,
    organisationId: organisation.id,
    title: fields.title,
    state: 'in_implementation',
  });
  await db.query(`UPDATE application SET content = $2 WHERE id = $1`, [
    application.id,
    {
      areaIds: [district.area],
      actionFieldIds: [district.actionField],
      declarations: fields.consent
        ? { transparencyConsent: true }
        : { transparencyConsent: false, transparencyRefusalReason: 'Schutz der Teilnehmenden' },
    },
  ]);
  await db.query(
    `INSERT INTO grant_notice (application_id, reference, amount_cents, period_start, period_end, instalments,
                               report_deadlines, issued_on)
     VALUES ($1, 'ZB-' || md5(random()::text), $2, '2027-03-01', '2028-12-31', '[]', '[]', '2027-02-15')`,
    [application.id, fields.amountCents],
  );
}

/** The live summary, with the non-breaking space before "€" read as a plain one. */
async function statusText(page: Page): Promise<string> {
  return (await page.getByRole('status').innerText()).replaceAll('\u00a0', ' ');
}

describe('the public list of funded projects in the browser', () => {
  let api: BrowserApi;

  beforeAll(async () => {
    api = await startBrowserApi();
    const db = api.db.dataSource;
    const district = async (slug: string, name: string, area: string) => {
      const { id } = await createDistrict(db, { slug, name });
      return {
        id,
        area: (await createArea(db, { districtId: id, name: area })).id,
        actionField: (await createActionField(db, { districtId: id, name: 'Nachbarschaft' })).id,
      };
    };
    const spandau = await district('spandau', 'Spandau', 'Falkenhagener Feld');
    const neukoelln = await district('neukoelln', 'Neukölln', 'Flughafenstraße');
    await fundedProject(db, spandau, {
      title: 'Kiezlotsinnen für Familien zwischen Falkenhagener Feld und Heerstraße Nord',
      consent: true,
      amountCents: '6500000',
    });
    await fundedProject(db, spandau, {
      title: 'Frauengruppe im Kiez',
      consent: false,
      amountCents: '5000000',
    });
    await fundedProject(db, neukoelln, {
      title: 'Kiezradio Neukölln',
      consent: true,
      amountCents: '12345678',
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('shows consented projects without login, filters by district, and links the open data', async () => {
    const page = await (await api.browser.newContext()).newPage();
    await page.goto(`${api.baseUrl}/`);
    await page.getByRole('link', { name: 'Geförderte Projekte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Geförderte Projekte' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kiezradio Neukölln' }).waitFor();
    expect(await statusText(page)).toBe('2 Projekte mit zusammen 188.456,78 € Förderung.');
    expect(await page.getByText('Frauengruppe im Kiez').count()).toBe(0);
    expect(await page.getByText('123.456,78 €').count()).toBe(1);
    expect(await page.getByText('01.03.2027 bis 31.12.2028').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Bezirk').selectOption({ label: 'Spandau' });
    expect(await statusText(page)).toBe('1 Projekt mit zusammen 65.000,00 € Förderung.');
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual([
      'Kiezlotsinnen für Familien zwischen Falkenhagener Feld und Heerstraße Nord',
    ]);
    const csv = page.getByRole('link', { name: 'CSV (Tabellenkalkulation)' });
    expect(await csv.getAttribute('href')).toBe('/api/public/projects.csv?district=spandau');
    const download = await page.request.get(`${api.baseUrl}/api/public/projects.csv?district=spandau`);
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain('Kiezlotsinnen für Familien');
    await page.context().close();
  });

  it('reads at 320 px and at 200 % zoom without sideways scrolling, and by keyboard', async () => {
    for (const width of [320, 640]) {
      const page = await (await api.browser.newContext({ viewport: { width, height: 800 } })).newPage();
      await page.goto(`${api.baseUrl}/gefoerderte-projekte`);
      await page.getByRole('heading', { level: 2, name: 'Kiezradio Neukölln' }).waitFor();
      expect({ width, overflow: await horizontalOverflow(page) }).toEqual({ width, overflow: null });
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }
    const page = await (await api.browser.newContext()).newPage();
    await page.goto(`${api.baseUrl}/gefoerderte-projekte`);
    await page.getByRole('heading', { level: 2, name: 'Kiezradio Neukölln' }).waitFor();
    await page.getByLabel('Bezirk').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelectorAll('.public-projects__item').length === 1);
    await page.context().close();
  });
});
