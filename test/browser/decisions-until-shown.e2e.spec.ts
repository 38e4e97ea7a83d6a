/// <reference lib="dom" />
import type { Page, Route } from 'playwright-core';
import { backToToday, travelTo } from '../../apps/api/src/testing/clock';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { createCommittee, selectedApplications } from '../../apps/api/src/testing/committee-world';
import { type BrowserApi, signedInNarrow, startBrowserApi } from './browser-harness';

const IN_2027 = '2027-04-15T10:00:00+02:00';

/**
 * Holds every reload of an application's call-offs from now on, until `release()`: the moment
 * between the API's answer to a decision and the list that shows it, which a slow network
 * stretches. The page's first load has already passed.
 */
async function holdCallOffLists(page: Page) {
  const held: Route[] = [];
  let holding = true;
  await page.route(
    (url) => /\/api\/applications\/[^/]+\/call-offs$/.test(url.pathname),
    async (route) => {
      if (holding && route.request().method() === 'GET') held.push(route);
      else await route.fallback();
    },
  );
  return {
    waitForHeld: () => waitUntil(() => held.length > 0),
    release: async () => {
      holding = false;
      for (const route of held.splice(0)) await route.fallback();
    },
  };
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The decisions (approve, pay, reject) the page sends, by path. */
function decisionsSent(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (request.method() === 'POST' && /^\/api\/call-offs\/[^/]+\/(approve|pay|reject)$/.test(path))
      sent.push(path);
  });
  return sent;
}

/**
 * A decision is taken once. Between the API's answer and the reloaded list the page still shows
 * the call-off as it was; its actions stay disabled until the list shows the decision, so a second
 * press cannot send the same decision again under a new idempotency key (which the API refuses
 * with 409 and the page would show as an error).
 */
describe('a call-off decision cannot be sent again while the list still shows the call-off as before', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let onList: { id: string; reference: string };
  let onPage: { id: string; reference: string };

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    const ag = await createCommittee(world, { votingMembers: 1 });
    const ids = await selectedApplications(world, ag, 2);
    for (const id of ids) {
      await world
        .event(world.coordinator, id, {
          type: 'APPROVE',
          reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
        })
        .expect(200);
      await world.event(world.carrier, id, { type: 'START_IMPLEMENTATION' }).expect(200);
    }
    travelTo(IN_2027);
    const referenceOf = async (id: string) =>
      ((await world.get(world.finance, `/api/applications/${id}`).expect(200)).body as { reference: string })
        .reference;
    const [a, b] = ids as [string, string];
    onList = { id: a, reference: await referenceOf(a) };
    onPage = { id: b, reference: await referenceOf(b) };
    for (const id of ids) {
      await world
        .post(world.carrier, `/api/applications/${id}/call-offs`)
        .send({ cashYear: 2027, amountCents: '300000', purpose: 'Honorare für Mai' })
        .expect(201);
    }
  }, 240_000);

  afterAll(async () => {
    backToToday();
    await api?.close();
  });

  const signedIn = (actor: Actor, path: string) =>
    signedInNarrow(api, { email: actor.user.email, password: PASSWORD }, path, { width: 1280, now: IN_2027 });

  it.each([
    ['finance’s list of call-offs', () => '/finanzen/mittelabrufe', () => ` (${onList.reference})`],
    ['the application page', () => `/eingang/${onPage.id}`, () => ''],
  ])(
    'on %s, keeps the approved call-off’s actions disabled until the list shows the approval',
    async (_, path, named) => {
      const page = await signedIn(world.finance, path());
      const sent = decisionsSent(page);
      const hold = await holdCallOffLists(page);
      const approve = page.getByRole('button', { name: `Mittelabruf 1 freigeben${named()}` });
      const reject = page.getByRole('button', { name: `Mittelabruf 1 ablehnen${named()}` });

      const answered = page.waitForResponse(
        (response) => response.request().method() === 'POST' && response.url().endsWith('/approve'),
      );
      await approve.click();
      expect((await answered).ok()).toBe(true);
      await hold.waitForHeld();

      // Pressed again while the list still shows the call-off as requested.
      await approve.click({ force: true });
      await page.waitForTimeout(500);
      expect(sent).toHaveLength(1);
      expect(await page.locator('.error-summary').count()).toBe(0);
      expect(await approve.isDisabled()).toBe(true);
      expect(await reject.isDisabled()).toBe(true);

      await hold.release();
      const pay = page.getByRole('button', { name: `Mittelabruf 1 auszahlen${named()}` });
      await pay.waitFor();
      expect(await pay.isEnabled()).toBe(true);
      expect(sent).toHaveLength(1);
      await page.context().close();
    },
  );
});
