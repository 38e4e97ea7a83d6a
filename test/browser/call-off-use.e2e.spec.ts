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

const PAID = '2027-04-15T10:00:00+02:00';
/** After the prompt-use deadline of money paid on 15.04.2027, whichever period the grant has. */
const LATER = '2027-09-01T10:00:00+02:00';

/** `YYYY-MM-DD` as the page shows it. */
function german(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}.${month}.${year}`;
}

/**
 * The carrier reports the day the money of a paid call-off was used (DOMAIN.md step 8, prompt
 * use), by keyboard alone at 320 px: the form explains the deadline and the interest a later use
 * costs, checks the day, shows the server's refusal in its error summary, and confirms the report
 * with the focus on the confirmation. Finance sees the day and, for a late use, the interest claim.
 */
describe('the carrier reports the use of paid call-off money', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let applicationId: string;
  let callOffs: { id: string; spendBy: string }[];

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    const ag = await createCommittee(world, { votingMembers: 1 });
    [applicationId] = (await selectedApplications(world, ag, 1)) as [string];
    await world
      .event(world.coordinator, applicationId, {
        type: 'APPROVE',
        reportDeadlines: [
          { kind: 'interim', due: '2028-03-31' },
          { kind: 'final', due: '2029-06-30' },
        ],
      })
      .expect(200);
    await world.event(world.carrier, applicationId, { type: 'START_IMPLEMENTATION' }).expect(200);
    travelTo(PAID);
    callOffs = [];
    for (const purpose of ['Honorare für April', 'Raummiete für Mai', 'Lebensmittel für die Kochabende']) {
      const requested = await world
        .post(world.carrier, `/api/applications/${applicationId}/call-offs`)
        .send({ cashYear: 2027, amountCents: '100000', purpose })
        .expect(201);
      await world.post(world.finance, `/api/call-offs/${requested.body.id}/approve`).send({}).expect(200);
      const paid = await world
        .post(world.finance, `/api/call-offs/${requested.body.id}/pay`)
        .send({ paidOn: '2027-04-15' })
        .expect(200);
      callOffs.push({ id: paid.body.id as string, spendBy: paid.body.spendBy as string });
    }
    travelTo(LATER);
  }, 240_000);

  afterAll(async () => {
    backToToday();
    await api?.close();
  });

  /** A new session of `actor` on `path`, `width` px wide, signed in and with the data loaded. */
  const signedIn = (actor: Actor, path: string, width = 320) =>
    signedInNarrow(api, { email: actor.user.email, password: PASSWORD }, path, { width, now: LATER });

  /**
   * Moves to the call-off's day field by Tab and types `day` (`YYYY-MM-DD`) into its segments. The
   * segments' order is the browser's, not the page's (Chromium without a German UI shows
   * MM/DD/YYYY), so the day is typed in German order and, if the field took it otherwise, again
   * in American order from the first segment.
   */
  async function typeDay(page: Page, callOffId: string, day: string): Promise<void> {
    const field = `#verwendung-${callOffId}-tag`;
    const [year, month, date] = day.split('-');
    const inField = () => page.evaluate((s) => document.activeElement?.matches(s) ?? false, field);
    await tabTo(page, field, 120);
    for (const typed of [`${date}${month}${year}`, `${month}${date}${year}`]) {
      await page.keyboard.type(typed);
      if ((await page.inputValue(field)) === day) return;
      while (await inField()) await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
    }
    throw new Error(`${day} could not be typed into ${field}`);
  }

  it('lets the carrier report a late and a timely use by keyboard alone at 320 px', async () => {
    const [late, timely] = callOffs as [{ id: string; spendBy: string }, { id: string; spendBy: string }];
    expect(late.spendBy < '2027-08-31').toBe(true);
    const page = await signedIn(world.carrier, `/antraege/${applicationId}`);
    const found = await pageProblems(page, 'application page');

    const form = page.getByRole('form', { name: 'Verwendung von Mittelabruf 1 melden' });
    await form.waitFor();
    expect(plain(await form.innerText())).toContain(
      `Die Mittel sind bis zum ${german(late.spendBy)} zu verwenden.`,
    );
    expect(plain(await form.innerText())).toContain('Zinsen');

    await tabToNamed(page, 'Verwendung melden für Mittelabruf 1', 120);
    await page.keyboard.press('Enter');
    await page.getByText('Bitte geben Sie den Tag der Verwendung an.').first().waitFor();
    expect(await focusedName(page)).toContain('Bitte geben Sie den Tag der Verwendung an.');
    found.push(...(await pageProblems(page, 'form without a day')));

    await typeDay(page, late.id, '2027-09-02');
    await tabToNamed(page, 'Verwendung melden für Mittelabruf 1', 120);
    await page.keyboard.press('Enter');
    await page.getByText('Der Tag der Verwendung darf nicht in der Zukunft liegen.').first().waitFor();
    expect(await focusedName(page)).toContain('Der Tag der Verwendung darf nicht in der Zukunft liegen.');

    await typeDay(page, late.id, '2027-04-14');
    await tabToNamed(page, 'Verwendung melden für Mittelabruf 1', 120);
    await page.keyboard.press('Enter');
    await page
      .getByText('Der Tag der Verwendung darf nicht vor der Auszahlung am 15.04.2027 liegen.')
      .first()
      .waitFor();

    await typeDay(page, late.id, '2027-08-31');
    await tabToNamed(page, 'Verwendung melden für Mittelabruf 1', 120);
    await page.keyboard.press('Enter');
    const reported = page.getByRole('status').filter({ hasText: 'Verwendung gemeldet' });
    await reported.waitFor();
    await settled(page);
    const text = plain(await reported.innerText());
    expect(text).toContain('Mittelabruf 1: verwendet am 31.08.2027.');
    expect(text).toContain(`nach dem Ende der Frist am ${german(late.spendBy)}`);
    expect(text).toContain('Die Finanzverwaltung berechnet die Zinsen');
    expect(await focusedName(page)).toContain('Verwendung gemeldet');
    // The reloaded list shows the day, and the reported call-off's form is gone.
    await page.getByText('Verwendet am 31.08.2027').first().waitFor();
    await form.waitFor({ state: 'detached' });
    expect(await focusedName(page)).toContain('Verwendung gemeldet');
    found.push(...(await pageProblems(page, 'after a late use')));

    await typeDay(page, timely.id, '2027-05-20');
    await tabToNamed(page, 'Verwendung melden für Mittelabruf 2', 120);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Mittelabruf 2: verwendet am 20.05.2027.' }).waitFor();
    await settled(page);
    expect(plain(await reported.innerText())).not.toContain('Zinsen');
    expect(await focusedName(page)).toContain('Verwendung gemeldet');
    found.push(...(await pageProblems(page, 'after a timely use')));
    expect(found).toEqual([]);
    await page.context().close();
  });

  it('shows the server’s refusal in the error summary when the use was reported meanwhile', async () => {
    const third = callOffs[2]!;
    const page = await signedIn(world.carrier, `/antraege/${applicationId}`);
    await page.getByRole('form', { name: 'Verwendung von Mittelabruf 3 melden' }).waitFor();
    // Reported in another session while this page is open.
    await world
      .post(world.carrier, `/api/call-offs/${third.id}/use`)
      .send({ usedOn: '2027-06-01' })
      .expect(200);
    await typeDay(page, third.id, '2027-06-02');
    await tabToNamed(page, 'Verwendung melden für Mittelabruf 3', 120);
    await page.keyboard.press('Enter');
    await page.getByText('Die Verwendung dieses Mittelabrufs ist bereits gemeldet').first().waitFor();
    expect(await focusedName(page)).toContain('Die Verwendung dieses Mittelabrufs ist bereits gemeldet');
    expect(await pageProblems(page, 'refused')).toEqual([]);
    await page.context().close();
  });

  it('shows finance the day of use and the late-use interest claim, without the carrier’s form', async () => {
    const page = await signedIn(world.finance, `/eingang/${applicationId}`, 1280);
    await page.getByText('Verwendet am 31.08.2027').first().waitFor();
    await page.getByText('Verwendet am 20.05.2027').first().waitFor();
    await page.getByText('Verwendet am 01.06.2027').first().waitFor();
    expect(await page.getByRole('form', { name: /Verwendung von Mittelabruf/ }).count()).toBe(0);
    await page
      .getByRole('heading', { level: 4, name: 'Rückforderung 1: Zinsen für nicht alsbald verwendete Mittel' })
      .waitFor();
    expect(await pageProblems(page, 'finance')).toEqual([]);
    await page.context().close();
  });
});
