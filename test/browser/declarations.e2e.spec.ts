/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { type BrowserApi, signedInAt, startBrowserApi } from './browser-harness';

/**
 * Issue 19, item 1 (declarations): the declarations are due with the full application after
 * selection. Before that, no page may call them complete, and the coordinator's automatic check
 * may not say "Alle Pflichtangaben sind vorhanden" while they are missing.
 */
describe('declarations: due after selection, and never shown as done when they are not', () => {
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

  it('tells the carrier of a new outline that the declarations come after selection', async () => {
    const draft = await world.draft(callId, null);
    const page = await signedIn(world.carrier, `/antraege/${draft.id}`);
    await page.getByRole('link', { name: /^Erklärungen/ }).waitFor();
    const status = await page.locator('#antrag-teile-declarations-status').innerText();
    expect(status).not.toMatch(/Vollständig/);
    expect(status).toMatch(/nach der Auswahl/i);

    await page.getByRole('link', { name: /^Erklärungen/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Erklärungen' }).waitFor();
    expect(await page.locator('main').innerText()).toMatch(/nach der Auswahl/);
  });

  it("does not let the coordinator's automatic check call a submission without declarations complete", async () => {
    const draft = await world.draft(callId, world.completeContent({ declarations: {} }));
    await world.event(world.carrier, draft.id, { type: 'SUBMIT' }).expect(200);
    const page = await signedIn(world.coordinator, `/eingang/${draft.id}`);
    await page.getByRole('heading', { name: 'Formale Prüfung' }).waitFor();
    const check = await page.locator('section[aria-labelledby="formalpruefung-ueberschrift"]').innerText();
    expect(check).not.toContain('Alle Pflichtangaben sind vorhanden');
    expect(check).toContain('Erklärungen folgen mit dem vollständigen Antrag nach der Auswahl');
  });
});
