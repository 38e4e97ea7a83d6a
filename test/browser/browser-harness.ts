/// <reference lib="dom" />
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createTestDatabase,
  createTestRedis,
  launchBrowser,
  requestsInFlight,
  testConfig,
  type TestDatabase,
  type TestRedis,
} from '@kiezfonds/testing';
import type { Browser, FileChooser, Page } from 'playwright-core';
import { createApiApp } from '../../apps/api/src/create-api-app';

/** The rules the web app is held to: WCAG 2.1 level AA. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's findings on the page as it is now, one readable line each (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

export interface BrowserApi {
  db: TestDatabase;
  app: NestExpressApplication;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/** The API (serving the built web app) on a free port with its own database and Redis prefix, and Chromium. */
export async function startBrowserApi(): Promise<BrowserApi> {
  const db = await createTestDatabase();
  const redis: TestRedis = createTestRedis();
  const app = await createApiApp(
    testConfig({ DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix }),
  );
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    db,
    app,
    browser,
    baseUrl,
    close: async () => {
      await browser.close();
      await app.close();
      await redis.cleanup();
      await db.drop();
    },
  };
}

/**
 * A new browser session of `email` on `path`: the app sends the signed-out visitor to the sign-in
 * page and, once signed in, back to `path`; returns when the page has loaded its data.
 */
export async function signedInAt(
  api: BrowserApi,
  email: string,
  password: string,
  path: string,
): Promise<Page> {
  const page = await (await api.browser.newContext({ locale: 'de-DE' })).newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${api.baseUrl}${path}`);
  await page.waitForURL(`${api.baseUrl}/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(`${api.baseUrl}${path}`);
  await settled(page);
  return page;
}

/**
 * What sticks out of the viewport sideways outside any scrolling region: null when nothing does,
 * else the width and a few selectors to fix (WCAG 1.4.10 reflow; axe does not measure it).
 */
export async function horizontalOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= window.innerWidth) return null;
    const scrolls = (el: Element) => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowX);
    const culprits: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.getBoundingClientRect().right <= window.innerWidth + 0.5) continue;
      let parent = el.parentElement;
      let inside = false;
      while (parent && parent !== document.body) {
        if (scrolls(parent)) inside = true;
        parent = parent.parentElement;
      }
      if (inside) continue;
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
        typeof el.className === 'string' && el.className
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : ''
      }`;
      if (!culprits.includes(name)) culprits.push(name);
      if (culprits.length >= 4) break;
    }
    return `${root.scrollWidth} px wide (${culprits.join(', ')})`;
  });
}

/**
 * Moves the focus with the Tab key, as a keyboard user would, until `selector` has it; fails when
 * it is not reached within `limit` presses (so a control out of the tab order is found).
 */
export async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} not reached with ${limit} presses of Tab`);
}

/**
 * Opens the focused file input's chooser with Space, as a keyboard user does, and picks `files`.
 * Playwright switches Chromium's file-chooser interception on for each wait; once in CI a press
 * after an earlier chooser on the same page opened none that it saw, so the press is repeated once
 * after 5 s. A control that never opens a chooser still fails.
 */
export async function pickFileWithSpace(
  page: Page,
  files: Parameters<FileChooser['setFiles']>[0],
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 5_000 });
    await page.keyboard.press('Space');
    try {
      await (await chooser).setFiles(files);
      return;
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
}

/** What the page shows, with non-breaking spaces and runs of white space as one plain space. */
export function plain(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Resolves once the page has its data: no request in flight and no loader shown, and still so
 * after the page's next frame and a short quiet spell. A check for loaders alone passed while the
 * address had changed but the new route's code was still loading behind the previous page (which
 * shows no loader), or before the page had sent its first request, and the test then read an
 * empty list or expired the session under a request still to come.
 */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  const quietSpell = 100;
  const deadline = Date.now() + timeout;
  let quietSince: number | null = null;
  for (;;) {
    const loaders = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() =>
            setTimeout(() => resolve(document.querySelectorAll('.loader').length), 0),
          ),
        ),
    );
    const inFlight = requestsInFlight(page);
    if (loaders === 0 && inFlight === 0) {
      quietSince ??= Date.now();
      if (Date.now() - quietSince >= quietSpell) return;
    } else {
      quietSince = null;
    }
    if (Date.now() > deadline) {
      throw new Error(`The page still loads after ${timeout} ms: ${inFlight} requests, ${loaders} loaders`);
    }
    await page.waitForTimeout(25);
  }
}

/** The focused element's accessible name (aria-label, label or text), "body" when focus was lost. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '')
      .replace(/\u00a0/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  });
}

/** axe's findings and what widens the page sideways, each marked with `when`: one list to expect empty. */
export async function pageProblems(page: Page, when: string): Promise<string[]> {
  const overflow = await horizontalOverflow(page);
  return [...(await axeViolations(page)), ...(overflow ? [`overflow: ${overflow}`] : [])].map(
    (problem) => `${when}: ${problem}`,
  );
}

/** Presses Tab until the control whose accessible name starts with `name` has the focus. */
export async function tabToNamed(page: Page, name: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await focusedName(page)).startsWith(name)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${name} not reached with ${limit} presses of Tab`);
}

/**
 * A new session of `email`, `width` px wide, whose clock stands at `now`, signed in through the
 * sign-in page and then on `path` with its data loaded.
 */
export async function signedInNarrow(
  api: BrowserApi,
  login: { email: string; password: string },
  path: string,
  { width, now }: { width: number; now: string },
): Promise<Page> {
  const context = await api.browser.newContext({ locale: 'de-DE', viewport: { width, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.clock.setFixedTime(new Date(now));
  await page.goto(`${api.baseUrl}/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill(login.email);
  await page.getByLabel('Passwort', { exact: true }).fill(login.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(`${api.baseUrl}/`);
  await page.goto(`${api.baseUrl}${path}`);
  await settled(page);
  return page;
}
