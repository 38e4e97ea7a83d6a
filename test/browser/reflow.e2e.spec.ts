/// <reference lib="dom" />
import type { BrowserContext } from 'playwright-core';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee, inPlanning } from '../../apps/api/src/testing/committee-world';
import { createUser, setPassword, signIn } from '@kiezfonds/testing';
import {
  axeViolations,
  type BrowserApi,
  horizontalOverflow,
  startBrowserApi,
  settled,
} from './browser-harness';

/** 320 px: WCAG 1.4.10 (reflow); 640 px: a 1280 px screen at 200 % zoom. */
const WIDTHS = [320, 640] as const;

const PARTS = [
  'projektbeschreibung',
  'handlungsfelder-und-gebiete',
  'zeitraum',
  'kostenplan',
  'finanzierungsplan',
  'evaluation',
  'erklaerungen',
  'anlagen',
];

/**
 * Issue 19, item 5 (WCAG 1.4.10 Reflow): every route of every role, at 320 px and 640 px wide,
 * has no page-level horizontal scrolling (wide tables scroll inside their own labelled region or
 * stack), and axe finds no violation there. axe does not catch overflow; measuring the document
 * does: its scroll width must not exceed the viewport.
 */
describe('every page reflows at 320 px and 640 px, for every role', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;
  let admin: Actor;
  let senate: Actor;
  let routes: Record<
    'public' | 'carrier' | 'coordinator' | 'finance' | 'board_member' | 'admin' | 'senate',
    string[]
  >;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    ag = await createCommittee(world);
    admin = await world.staff('admin');
    const senator = await createUser(api.db.dataSource);
    await api.db.dataSource.query(`INSERT INTO role_assignment (user_id, role) VALUES ($1, 'senate')`, [
      senator.id,
    ]);
    await setPassword(api.db.dataSource, senator.id, PASSWORD);
    senate = { user: senator, session: await signIn(api.app.getHttpServer(), senator.email, PASSWORD) };
    const callId = (await world.openCall()).id;
    const draft = (await world.draft(callId)).id;
    const planned = await inPlanning(world, callId);
    const session = (
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/sessions`)
        .send({
          title: '1. Sitzung 2027',
          startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          place: 'Rathaus Spandau, Raum 210',
          applicationIds: [planned],
        })
        .expect(201)
    ).body as { id: string };
    routes = {
      public: [
        '/',
        '/anmelden',
        '/passwort-vergessen',
        '/passwort-zuruecksetzen?token=abc',
        '/einladung?token=abc',
        '/registrieren',
        '/e-mail-bestaetigen?token=abc',
        '/barrierefreiheit',
        '/impressum',
        '/gefoerderte-projekte',
        '/gibt-es-nicht',
      ],
      carrier: [
        '/',
        '/konto',
        '/benachrichtigungen',
        '/organisation',
        '/antraege',
        `/antraege/neu?aufruf=${callId}`,
        `/antraege/${draft}`,
        ...PARTS.map((part) => `/antraege/${draft}/${part}`),
        `/antraege/${draft}/pruefen`,
        `/antraege/${planned}`,
      ],
      coordinator: [
        '/',
        '/eingang',
        `/eingang/${planned}`,
        '/aufrufe',
        '/aufrufe/neu',
        `/aufrufe/${callId}`,
        `/aufrufe/${callId}/bearbeiten`,
        `/aufrufe/${callId}/programmplanung`,
        '/sitzungen',
        '/sitzungen/neu',
        `/sitzungen/${session.id}`,
        '/gremien',
        '/verwaltung/benutzer',
        '/verwaltung/organisationen',
        '/gebiete',
        `/gebiete/${world.areaIds[0]}`,
        '/fruehere-projekte',
      ],
      finance: [
        '/',
        '/eingang',
        `/eingang/${planned}`,
        '/finanzen?jahr=2027',
        `/finanzen/fonds/${world.fundId}?jahr=2027`,
        '/finanzen/mittelabrufe',
        '/finanzen/basiszinssaetze',
      ],
      board_member: [
        '/',
        '/begutachtung',
        `/eingang/${planned}`,
        `/aufrufe/${callId}/programmplanung`,
        '/sitzungen',
        `/sitzungen/${session.id}`,
      ],
      admin: [
        '/',
        '/verwaltung/benutzer',
        '/verwaltung/organisationen',
        '/verwaltung/api-tokens',
        '/verwaltung/zustellung',
        '/finanzen/basiszinssaetze',
      ],
      senate: ['/', '/finanzen', '/gefoerderte-projekte', '/gebiete'],
    };
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  async function contextFor(actor: Actor | null): Promise<BrowserContext> {
    const context = await api.browser.newContext({ locale: 'de-DE' });
    if (!actor) return context;
    const page = await context.newPage();
    await page.goto(`${api.baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(actor.user.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${api.baseUrl}/`);
    await page.close();
    return context;
  }

  async function check(actor: Actor | null, paths: string[]): Promise<string[]> {
    const context = await contextFor(actor);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems: string[] = [];
    try {
      // Each page is loaded once and checked at each width in turn: the layout follows the width
      // by CSS alone (no script reads it), so a resized page is laid out as one loaded at that width.
      for (const path of paths) {
        await page.setViewportSize({ width: WIDTHS[0], height: 800 });
        await page.goto(`${api.baseUrl}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await settled(page);
        const heading = await page.getByRole('heading', { level: 1 }).first().innerText();
        if (/Kein Zugriff|Fehler aufgetreten/.test(heading)) problems.push(`${path}: "${heading}"`);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 800 });
          const wide = await horizontalOverflow(page);
          if (wide) problems.push(`${width} ${path}: ${wide}`);
          for (const violation of await axeViolations(page)) problems.push(`${width} ${path}: ${violation}`);
        }
      }
    } finally {
      await context.close();
    }
    return problems;
  }

  it('signed out', async () => {
    expect(await check(null, routes.public)).toEqual([]);
  }, 300_000);

  it.each(['carrier', 'coordinator', 'finance', 'board_member'] as const)(
    'as %s',
    async (role) => {
      expect(await check(world.actor(role), routes[role])).toEqual([]);
    },
    300_000,
  );

  it('as admin', async () => {
    expect(await check(admin, routes.admin)).toEqual([]);
  }, 300_000);

  it('as the Senate', async () => {
    expect(await check(senate, routes.senate)).toEqual([]);
  }, 300_000);
});
