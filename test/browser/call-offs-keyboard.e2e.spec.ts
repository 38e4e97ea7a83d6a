/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { backToToday, travelTo } from '../../apps/api/src/testing/clock';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { createCommittee, selectedApplications } from '../../apps/api/src/testing/committee-world';
import {
  type BrowserApi,
  focusedName,
  pageProblems,
  plain,
  settled,
  signedInNarrow,
  startBrowserApi,
  tabTo,
  tabToNamed,
} from './browser-harness';

const IN_2027 = '2027-04-15T10:00:00+02:00';

/** 320 px: WCAG 1.4.10 (reflow); 640 px: a 1280 px screen at 200 % zoom. */
const WIDTHS = [320, 640] as const;

/**
 * Call-offs (Mittelabrufe) worked by keyboard alone on a narrow or zoomed screen: finance's list of
 * call-offs to approve, pay or refuse, and the carrier's form to request one. Every step leaves the
 * focus on something that says what happened (the next action, the form's first field, the error
 * summary, the confirmation), never at the start of the page, and axe finds nothing at any step.
 */
describe('call-offs by keyboard at 320 px and at 200 % zoom', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let first: { id: string; reference: string };
  let second: { id: string; reference: string };
  let requesting: string;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    const ag = await createCommittee(world, { votingMembers: 1 });
    const ids = await selectedApplications(world, ag, 3);
    for (const id of ids) {
      await world
        .event(world.coordinator, id, {
          type: 'APPROVE',
          reportDeadlines: [
            { kind: 'interim', due: '2028-03-31' },
            { kind: 'final', due: '2029-06-30' },
          ],
        })
        .expect(200);
      await world.event(world.carrier, id, { type: 'START_IMPLEMENTATION' }).expect(200);
    }
    travelTo(IN_2027);
    const [a, b, c] = ids as [string, string, string];
    const referenceOf = async (id: string) =>
      ((await world.get(world.finance, `/api/applications/${id}`).expect(200)).body as { reference: string })
        .reference;
    first = { id: a, reference: await referenceOf(a) };
    second = { id: b, reference: await referenceOf(b) };
    requesting = c;
    for (const [id, amountCents, purpose] of [
      [a, '400000', 'Honorare für April und Mai'],
      [b, '250000', 'Lebensmittel für die Kochabende'],
    ] as const) {
      await world
        .post(world.carrier, `/api/applications/${id}/call-offs`)
        .send({ cashYear: 2027, amountCents, purpose })
        .expect(201);
    }
  }, 240_000);

  afterAll(async () => {
    backToToday();
    await api?.close();
  });

  /** A new session of `actor` on `path`, `width` px wide, signed in and with the data loaded. */
  const signedIn = (actor: Actor, path: string, width = 320) =>
    signedInNarrow(api, { email: actor.user.email, password: PASSWORD }, path, { width, now: IN_2027 });

  /**
   * Whether the focused control is wholly on screen sideways, not cut off by a box that scrolls
   * (a form in a table cell at 320 px was, with the field it focused half outside).
   */
  function focusInView(page: Page): Promise<boolean> {
    return page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return false;
      const box = el.getBoundingClientRect();
      let visible = box.left >= 0 && box.right <= window.innerWidth;
      for (let parent = el.parentElement; parent && visible; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX === 'visible') continue;
        const clip = parent.getBoundingClientRect();
        visible = box.left >= clip.left - 0.5 && box.right <= clip.right + 0.5;
      }
      return visible;
    });
  }

  it.each(WIDTHS)(
    'names each call-off’s actions with its application and keeps the list within %i px',
    async (width) => {
      const page = await signedIn(world.finance, '/finanzen/mittelabrufe', width);
      const found = await pageProblems(page, 'list');
      // Two applications each have a Mittelabruf 1: the buttons say whose.
      for (const { reference } of [first, second]) {
        await page.getByRole('heading', { level: 3, name: `Mittelabruf 1 (${reference})` }).waitFor();
        expect(
          await page.getByRole('button', { name: `Mittelabruf 1 freigeben (${reference})` }).count(),
        ).toBe(1);
        expect(
          await page.getByRole('button', { name: `Mittelabruf 1 ablehnen (${reference})` }).count(),
        ).toBe(1);
      }
      await page.getByRole('button', { name: `Mittelabruf 1 ablehnen (${second.reference})` }).click();
      await page.getByLabel('Begründung').waitFor();
      found.push(...(await pageProblems(page, 'reject form')));
      await page.getByRole('button', { name: 'Mittelabruf ablehnen', exact: true }).click();
      await page.getByRole('alert').first().waitFor();
      found.push(...(await pageProblems(page, 'reject form with error')));
      expect(found).toEqual([]);
      await page.context().close();
    },
  );

  it('lets finance approve, pay and refuse by keyboard alone, the focus always on what happened', async () => {
    const page = await signedIn(world.finance, '/finanzen/mittelabrufe', 320);
    const found: string[] = [];

    await tabToNamed(page, `Mittelabruf 1 freigeben (${first.reference})`);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: `Mittelabruf 1 auszahlen (${first.reference})` }).waitFor();
    await settled(page);
    expect(await focusedName(page)).toBe(`Mittelabruf 1 auszahlen (${first.reference})`);
    await page.keyboard.press('Enter');
    await page.getByLabel('Tag der Auszahlung').waitFor();
    expect(await focusedName(page)).toBe('Tag der Auszahlung');
    expect(await focusInView(page)).toBe(true);
    found.push(...(await pageProblems(page, 'pay form')));
    await tabToNamed(page, '4.000,00 € auszahlen');
    await page.keyboard.press('Enter');
    const paid = page.getByRole('status').filter({ hasText: 'Mittelabruf ausgezahlt' });
    await paid.waitFor();
    await settled(page);
    expect(plain(await paid.innerText())).toContain(
      `Mittelabruf 1 (${first.reference}) über 4.000,00 € ist am 15.04.2027 ausgezahlt.`,
    );
    expect(await focusedName(page)).toContain('Mittelabruf ausgezahlt');
    expect(await page.getByRole('button', { name: `(${first.reference})` }).count()).toBe(0);
    found.push(...(await pageProblems(page, 'after payment')));

    await tabToNamed(page, `Mittelabruf 1 ablehnen (${second.reference})`);
    await page.keyboard.press('Enter');
    await page.getByLabel('Begründung').waitFor();
    expect(await focusedName(page)).toBe('Begründung');
    expect(await focusInView(page)).toBe(true);
    await tabToNamed(page, 'Mittelabruf ablehnen');
    await page.keyboard.press('Enter');
    await page.getByText('Bitte begründen Sie die Ablehnung.').first().waitFor();
    expect(await focusedName(page)).toContain('Bitte begründen Sie die Ablehnung.');
    await tabTo(page, 'textarea');
    await page.keyboard.type('Die Mittel für 2027 sind bereits abgerufen.');
    await tabToNamed(page, 'Mittelabruf ablehnen');
    await page.keyboard.press('Enter');
    const refused = page.getByRole('status').filter({ hasText: 'Mittelabruf abgelehnt' });
    await refused.waitFor();
    await settled(page);
    expect(plain(await refused.innerText())).toContain(
      `Mittelabruf 1 (${second.reference}) über 2.500,00 € ist abgelehnt.`,
    );
    expect(await focusedName(page)).toContain('Mittelabruf abgelehnt');
    // The paid call-off's confirmation gave way to the refusal's: one outcome on screen, the latest.
    expect(await page.getByRole('status').filter({ hasText: 'Mittelabruf ausgezahlt' }).count()).toBe(0);
    await page.getByText('Zurzeit wartet kein Mittelabruf auf Auszahlung.').waitFor();
    found.push(...(await pageProblems(page, 'after refusal')));
    expect(found).toEqual([]);
    await page.context().close();
  });

  it('lets the carrier request a call-off by keyboard alone at 320 px, errors and confirmation focused', async () => {
    const page = await signedIn(world.carrier, `/antraege/${requesting}`, 320);
    const found = await pageProblems(page, 'application page');
    await tabTo(page, '#abruf-betrag');
    await tabToNamed(page, 'Mittelabruf stellen');
    await page.keyboard.press('Enter');
    await page.getByText('Bitte geben Sie einen Betrag an.').first().waitFor();
    expect(await focusedName(page)).toContain('Bitte geben Sie einen Betrag an.');
    found.push(...(await pageProblems(page, 'form with error')));
    await tabTo(page, '#abruf-betrag');
    await page.keyboard.type('1.500,00');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Raummiete für Mai');
    await tabToNamed(page, 'Mittelabruf stellen');
    await page.keyboard.press('Enter');
    const requested = page.getByRole('status').filter({ hasText: 'Mittelabruf gestellt' });
    await requested.waitFor();
    await settled(page);
    expect(plain(await requested.innerText())).toContain('Mittelabruf 1 über 1.500,00 € ist gestellt.');
    expect(await focusedName(page)).toContain('Mittelabruf gestellt');
    found.push(...(await pageProblems(page, 'after request')));
    expect(found).toEqual([]);
    await page.context().close();
  });
});
