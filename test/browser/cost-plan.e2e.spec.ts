/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { type BrowserApi, signedInAt, startBrowserApi, settled } from './browser-harness';

/**
 * Issue 19, item 1: the cost plan never stores a row without a valid amount, and renders whatever
 * is stored (a broken row from older data can be repaired or deleted). The plan pages name what
 * is missing instead of an anonymous "Weitere Angabe".
 */
describe('the cost plan in the browser: no broken rows, and broken old rows can be repaired', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let callId: string;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    callId = (await world.openCall()).id;
  });

  afterAll(async () => {
    await api?.close();
  });

  const signedIn = (actor: Actor, path: string): Promise<Page> =>
    signedInAt(api, actor.user.email, PASSWORD, path);

  async function storedCostPlan(id: string): Promise<Record<string, unknown>[]> {
    const [row] = (await api.db.dataSource.query('SELECT content FROM application WHERE id = $1', [id])) as {
      content: { costPlan?: Record<string, unknown>[] };
    }[];
    return row!.content.costPlan ?? [];
  }

  it('refuses a cost line without an amount over the API, naming the field', async () => {
    const draft = await world.draft(callId, null);
    for (const amountCents of [undefined, '', 'abc', '-10000']) {
      const response = await world
        .put(world.carrier, `/api/applications/${draft.id}/content`)
        .send({
          version: 1,
          content: { costPlan: [{ cashYear: 2027, category: 'personnel', description: 'X', amountCents }] },
        })
        .expect(400);
      expect(response.body.details).toEqual([
        expect.objectContaining({ field: 'content.costPlan[0].amountCents' }),
      ]);
    }
    expect(await storedCostPlan(draft.id)).toEqual([]);
  });

  it('never stores a new row before its amount is valid, and says which field is missing', async () => {
    const draft = await world.draft(callId, world.completeContent());
    const page = await signedIn(world.carrier, `/antraege/${draft.id}/kostenplan`);
    await page.getByRole('button', { name: 'Kostenposition hinzufügen' }).click();
    const row = page.getByRole('group', { name: 'Kostenposition 3' });
    await row.getByLabel('Beschreibung').fill('Raummiete');
    for (const typed of ['', 'abc', '-100,00']) {
      await row.getByLabel('Betrag').fill(typed);
      await page.getByRole('button', { name: 'Speichern und zur Übersicht' }).click();
      // The page stays, names the row's amount, and nothing incomplete reaches the server.
      await page
        .getByRole('link', { name: /Kostenplan, Zeile 3: Betrag/ })
        .first()
        .waitFor();
      expect(page.url()).toMatch(/\/kostenplan$/);
      const stored = await storedCostPlan(draft.id);
      expect(stored.every((line) => typeof line.amountCents === 'string')).toBe(true);
      expect(stored).toHaveLength(2);
    }
    await row.getByLabel('Betrag').fill('1.000,00');
    await page.getByRole('button', { name: 'Speichern und zur Übersicht' }).click();
    await page.waitForURL(`${api.baseUrl}/antraege/${draft.id}`);
    expect((await storedCostPlan(draft.id))[2]).toMatchObject({ amountCents: '100000' });
  });

  it('renders a broken row from older data, marks the part incomplete and lets the carrier repair it', async () => {
    const draft = await world.draft(callId, world.completeContent());
    // Older data (before the API refused it): a row with neither amount nor category.
    await api.db.dataSource.query(
      `UPDATE application SET content = jsonb_set(content, '{costPlan,2}', '{"cashYear": 2027, "description": "Raummiete"}', true)
       WHERE id = $1`,
      [draft.id],
    );
    const overview = await signedIn(world.carrier, `/antraege/${draft.id}`);
    await overview.getByRole('link', { name: /^Kostenplan/ }).waitFor();
    const status = await overview.locator('#antrag-teile-costPlan-status').innerText();
    expect(status).not.toMatch(/Vollständig/);

    await overview.getByRole('link', { name: /^Kostenplan/ }).click();
    await overview.getByRole('heading', { level: 1, name: 'Kostenplan' }).waitFor();
    expect(await overview.getByText('Es ist ein Fehler aufgetreten').count()).toBe(0);
    const row = overview.getByRole('group', { name: 'Kostenposition 3' });
    expect(await row.getByLabel('Beschreibung').inputValue()).toBe('Raummiete');
    await row.getByLabel('Kostenart').selectOption('material');
    await row.getByLabel('Betrag').fill('250,00');
    await overview.getByRole('button', { name: 'Speichern und zur Übersicht' }).click();
    await overview.waitForURL(`${api.baseUrl}/antraege/${draft.id}`);
    expect((await storedCostPlan(draft.id))[2]).toMatchObject({
      cashYear: 2027,
      category: 'material',
      amountCents: '25000',
    });
  });

  it('deletes a broken row from older data', async () => {
    const draft = await world.draft(callId, world.completeContent());
    await api.db.dataSource.query(
      `UPDATE application SET content = jsonb_set(content, '{costPlan,2}', '{"description": "Kaputt"}', true)
       WHERE id = $1`,
      [draft.id],
    );
    const page = await signedIn(world.carrier, `/antraege/${draft.id}/kostenplan`);
    await page.getByRole('button', { name: 'Kostenposition 3 entfernen' }).click();
    await page.getByRole('button', { name: 'Speichern und zur Übersicht' }).click();
    await page.waitForURL(`${api.baseUrl}/antraege/${draft.id}`);
    expect(await storedCostPlan(draft.id)).toHaveLength(2);
  });

  it('names the missing field on the check page and explains the financing plan', async () => {
    const draft = await world.draft(callId, null);
    // Older data: one cost line without an amount, no financing yet.
    await api.db.dataSource.query(
      `UPDATE application SET content = '{"costPlan": [{"cashYear": 2027, "category": "fees", "description": "Honorar"}]}'
       WHERE id = $1`,
      [draft.id],
    );
    const page = await signedIn(world.carrier, `/antraege/${draft.id}/pruefen`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const body = await page.locator('main').innerText();
    expect(body).not.toContain('Weitere Angabe');
    expect(body).toContain('Kostenplan, Zeile 1: Betrag');

    await page.goto(`${api.baseUrl}/antraege/${draft.id}/finanzierungsplan`);
    await page.getByRole('heading', { level: 1, name: 'Finanzierungsplan' }).waitFor();
    await settled(page);
    const financing = await page.locator('main').innerText();
    expect(financing).not.toContain('Noch kein Kassenjahr erfasst');
    expect(financing).not.toMatch(/überein: \./);
    expect(financing).not.toContain('Ausgeglichen');
    expect(financing).toContain('Es sind noch keine Kosten mit Betrag erfasst.');
  });
});
