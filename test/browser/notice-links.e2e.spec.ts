/// <reference lib="dom" />
import { NOTICE_KINDS, type NoticeKind } from '@kiezfonds/domain';
import { SecretLinks, type SecretLinkRef } from '@kiezfonds/messaging';
import { testConfig } from '@kiezfonds/testing';
import type { BrowserContext } from 'playwright-core';
import { ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { createCommittee } from '../../apps/api/src/testing/committee-world';
import { reminderSweep, triggerEveryNotice } from '../notices/notice-triggers';
import { startBrowserApi, type BrowserApi, settled } from './browser-harness';

interface QueuedNotice {
  kind: NoticeKind;
  recipient: { userId?: string; email: string };
  link?: string;
  secretLink?: SecretLinkRef;
}

/**
 * Issue 19, item 3: no notice leads into a dead end. Every notice kind is triggered as people and
 * the worker do (test/notices/notice-triggers.ts); its link is then followed in Chromium by its
 * recipient, signing in when the page asks for it, and must open a page that recipient may see:
 * not "Kein Zugriff", not "Seite nicht gefunden", not an error.
 */
describe('the link of every notice opens a page its recipient may see', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    const ag = await createCommittee(world, { votingMembers: 3 });
    await triggerEveryNotice(world, ag, reminderSweep(api.db.dataSource));
  }, 180_000);

  afterAll(async () => {
    await api?.close();
  });

  it('for every kind and every recipient', async () => {
    const rows = (await api.db.dataSource.query(`SELECT payload FROM outbox ORDER BY created_at`)) as {
      payload: QueuedNotice;
    }[];
    const secretLinks = new SecretLinks(testConfig({}).SESSION_SECRET);
    // One visit per kind and recipient; every kind must be there.
    const visits = new Map<string, { kind: NoticeKind; email: string; path: string }>();
    for (const { payload } of rows) {
      const path = payload.secretLink ? secretLinks.pathFor(payload.secretLink) : payload.link;
      if (!path) continue;
      const key = `${payload.kind}|${payload.recipient.email}`;
      if (!visits.has(key)) visits.set(key, { kind: payload.kind, email: payload.recipient.email, path });
    }
    const kinds = new Set([...visits.values()].map((visit) => visit.kind));
    expect(NOTICE_KINDS.filter((kind) => !kinds.has(kind))).toEqual([]);

    const contexts = new Map<string, BrowserContext>();
    const problems: string[] = [];
    for (const visit of visits.values()) {
      let context = contexts.get(visit.email);
      if (!context) {
        context = await api.browser.newContext({ locale: 'de-DE' });
        contexts.set(visit.email, context);
      }
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      try {
        await page.goto(`${api.baseUrl}${visit.path}`);
        await settled(page);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        if (new URL(page.url()).pathname === '/anmelden' && !visit.path.startsWith('/anmelden')) {
          // Signed out, as after clicking the link in a mail: sign in, and land on the page.
          await page.getByLabel('E-Mail-Adresse').fill(visit.email);
          await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
          await page.getByRole('button', { name: 'Anmelden' }).click();
          await page.waitForURL((url) => url.pathname !== '/anmelden');
          await settled(page);
        }
        const heading = await page.getByRole('heading', { level: 1 }).first().innerText();
        if (/Kein Zugriff|nicht gefunden|Fehler aufgetreten/.test(heading)) {
          problems.push(`${visit.kind} → ${visit.path}: "${heading}"`);
        }
      } catch (error) {
        problems.push(`${visit.kind} → ${visit.path}: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        await page.close();
      }
    }
    for (const context of contexts.values()) await context.close();
    expect(problems).toEqual([]);
  }, 300_000);
});
