/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { type BrowserApi, signedInAt, startBrowserApi } from './browser-harness';

/** Where the keyboard goes and whether its user sees it: focus rings and modal dialogs. */
describe('focus for keyboard users', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let draft: string;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    draft = (await world.draft((await world.openCall()).id)).id;
  });

  afterAll(async () => {
    await api?.close();
  });

  const at = (actor: Actor, path: string) => signedInAt(api, actor.user.email, PASSWORD, path);
  const focusInside = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('dialog'));
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.tagName ?? 'none');

  it('shows a focus ring on a scrolling table region reached by Tab on a narrow screen', async () => {
    const page = await at(world.coordinator, '/gebiete');
    await page.setViewportSize({ width: 320, height: 800 });
    const region = page.getByRole('region', { name: /Gebiete mit Indikatoren/ });
    await region.waitFor();
    for (let i = 0; i < 80 && !(await region.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    const ring = await region.evaluate((el) => {
      const style = getComputedStyle(el);
      return {
        focused: el === document.activeElement,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    expect(ring).toEqual({ focused: true, outline: true });
    await page.context().close();
  });

  it('keeps Tab and Shift+Tab inside a modal dialog, closes it on Escape and returns focus', async () => {
    const page = await at(world.carrier, `/antraege/${draft}`);
    const opener = page.getByRole('button', { name: 'Antrag zurückziehen' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const controls = await dialog.evaluate(
      (el) =>
        Array.from(el.querySelectorAll<HTMLElement>('button, [href], input, select, textarea')).filter(
          (c) => !c.hasAttribute('disabled'),
        ).length,
    );
    const outside: string[] = [];
    for (let i = 0; i < controls * 2 + 1; i++) {
      await page.keyboard.press('Tab');
      if (!(await focusInside(page))) outside.push(`Tab ${i + 1}: ${await focusedTag(page)}`);
    }
    for (let i = 0; i < controls * 2 + 1; i++) {
      await page.keyboard.press('Shift+Tab');
      if (!(await focusInside(page))) outside.push(`Shift+Tab ${i + 1}: ${await focusedTag(page)}`);
    }
    expect(outside).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused(page)).toBe('Antrag zurückziehen');
    await page.context().close();
  });
});
