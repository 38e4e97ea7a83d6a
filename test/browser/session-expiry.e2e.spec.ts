/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { type BrowserApi, settled, signedInAt, startBrowserApi } from './browser-harness';

/**
 * A session that ends while a form is open (idle timeout, signed out elsewhere) sends the user to
 * sign in again; what they typed but had not saved comes back on the page afterwards.
 */
describe('typed input when the session expires mid-form', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let draftId: string;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    draftId = (await world.draft((await world.openCall()).id)).id;
  });

  afterAll(async () => {
    await api?.close();
  });

  const expire = (actor: Actor) =>
    api.db.dataSource.query(`DELETE FROM user_session WHERE user_id = $1`, [actor.user.id]);

  async function signInAgain(page: Page, actor: Actor, path: string) {
    await page.waitForURL(/\/anmelden/);
    await page.getByText('Ihre Sitzung ist abgelaufen.').waitFor();
    await page.getByLabel('E-Mail-Adresse').fill(actor.user.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${api.baseUrl}${path}`);
    await page.getByRole('status').filter({ hasText: 'Ihre Eingaben sind wieder eingetragen' }).waitFor();
  }

  it('puts a new call typed by the coordinator back after signing in again', async () => {
    const page = await signedInAt(api, world.coordinator.user.email, PASSWORD, '/aufrufe/neu');
    await page.getByLabel('Titel', { exact: true }).fill('Netzwerkfonds Spandau 2028');
    await page.getByLabel('Beschreibung').fill('Ein langer Text, den niemand zweimal tippen möchte.');
    await page.getByLabel('Erwartetes Budget').fill('500.000,00');
    await page.getByLabel('Bildung').check();
    await page.getByLabel('Falkenhagener Feld').check();
    await page.getByLabel('Tag').fill('2027-05-01');
    await expire(world.coordinator);
    await page.getByRole('button', { name: 'Aufruf als Entwurf anlegen' }).click();
    await signInAgain(page, world.coordinator, '/aufrufe/neu');
    expect(await page.getByLabel('Titel', { exact: true }).inputValue()).toBe('Netzwerkfonds Spandau 2028');
    expect(await page.getByLabel('Beschreibung').inputValue()).toContain('niemand zweimal');
    expect(await page.getByLabel('Erwartetes Budget').inputValue()).toBe('500.000,00');
    expect(await page.getByLabel('Bildung').isChecked()).toBe(true);
    expect(await page.getByLabel('Falkenhagener Feld').isChecked()).toBe(true);
    expect(await page.getByLabel('Tag').inputValue()).toBe('2027-05-01');

    // Saved now, the call exists once, and nothing is put back a second time.
    await page.getByRole('button', { name: 'Aufruf als Entwurf anlegen' }).click();
    await page.waitForURL(/\/aufrufe\/[0-9a-f-]{36}$/);
    const calls = (await api.db.dataSource.query(`SELECT 1 FROM call WHERE title = $1`, [
      'Netzwerkfonds Spandau 2028',
    ])) as unknown[];
    expect(calls).toHaveLength(1);
    expect(
      await page.evaluate(() =>
        Object.keys(sessionStorage).filter((k) => k.startsWith('kiezfonds.unsaved:')),
      ),
    ).toEqual([]);
    await page.context().close();
  });

  it('keeps the name typed for a token but never the new API token shown on the page', async () => {
    const page = await signedInAt(api, world.carrier.user.email, PASSWORD, '/konto');
    await page.getByLabel('Name des neuen Tokens').fill('Buchhaltung');
    await page.getByRole('button', { name: 'Token erstellen' }).click();
    const token = await page.getByLabel('Ihr neuer Token').inputValue();
    expect(token).toMatch(/^kf_pat_/);
    // The list reloads after the creation: expired under that request, the session would end
    // before anything was typed.
    await settled(page);
    await expire(world.carrier);
    await page.getByLabel('Name des neuen Tokens').fill('Zweites Skript');
    await page.getByRole('button', { name: 'Token erstellen' }).click();
    await page.waitForURL(/\/anmelden/);
    const kept = await page.evaluate(() =>
      Object.keys(sessionStorage)
        .filter((k) => k.startsWith('kiezfonds.unsaved:'))
        .map((k) => sessionStorage.getItem(k))
        .join('\n'),
    );
    // The typed name is kept; the token, shown once in a read-only field, is not.
    expect(kept).toContain('Zweites Skript');
    expect(kept).not.toContain(token);
    await page.context().close();
  });

  it('puts text typed into an application part back, and autosave keeps it', async () => {
    const path = `/antraege/${draftId}/projektbeschreibung`;
    const page = await signedInAt(api, world.carrier.user.email, PASSWORD, path);
    const text = 'Neu getippte Kurzbeschreibung, die nicht verloren gehen darf.';
    await expire(world.carrier);
    await page.getByLabel('Kurzbeschreibung').fill(text);
    await signInAgain(page, world.carrier, path);
    expect(await page.getByLabel('Kurzbeschreibung').inputValue()).toBe(text);
    // Autosave takes the restored text up like typed text.
    let saved: string | undefined;
    for (let i = 0; i < 50 && saved !== text; i++) {
      const [row] = (await api.db.dataSource.query(
        `SELECT content->>'summary' AS summary FROM application WHERE id = $1`,
        [draftId],
      )) as { summary: string }[];
      saved = row?.summary;
      if (saved !== text) await page.waitForTimeout(300);
    }
    expect(saved).toBe(text);
    await page.context().close();
  });
});
