/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { backToToday, travelTo } from '../../apps/api/src/testing/clock';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { createCommittee, selectedApplications } from '../../apps/api/src/testing/committee-world';
import { type BrowserApi, focusedName, plain, settled, startBrowserApi } from './browser-harness';

const IN_2027 = '2027-04-15T10:00:00+02:00';

/**
 * The implementation section while people work in it: a confirmation stays on screen and takes the
 * focus, a lifecycle step (revocation, completion) shows its money consequences at once, and a
 * keyboard user working through call-offs and claims is never dropped to the start of the page.
 */
describe('the implementation section keeps up with what was just done', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let reporting: string;
  let revoked: string;
  let completed: string;
  let keyboard: string;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    const ag = await createCommittee(world, { votingMembers: 1 });
    [reporting, revoked, completed, keyboard] = (await selectedApplications(world, ag, 4)) as [
      string,
      string,
      string,
      string,
    ];
    for (const id of [reporting, revoked, completed, keyboard]) {
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
    for (const id of [revoked, completed]) {
      const callOff = await world
        .post(world.carrier, `/api/applications/${id}/call-offs`)
        .send({ cashYear: 2027, amountCents: '400000' })
        .expect(201);
      await world.post(world.finance, `/api/call-offs/${callOff.body.id}/approve`).send({}).expect(200);
      await world
        .post(world.finance, `/api/call-offs/${callOff.body.id}/pay`)
        .send({ paidOn: '2027-04-15' })
        .expect(200);
    }
    // A second call-off of the project to be revoked still waits for finance.
    await world
      .post(world.carrier, `/api/applications/${revoked}/call-offs`)
      .send({ cashYear: 2027, amountCents: '200000' })
      .expect(201);
    await world
      .event(world.carrier, completed, {
        type: 'SUBMIT_FINAL_REPORT',
        text: 'Weniger Abende als geplant.',
        actuals: [
          { cashYear: 2027, category: 'personnel', amountCents: '100000' },
          { cashYear: 2028, category: 'material', amountCents: '0' },
        ],
      })
      .expect(200);
    await world
      .post(world.carrier, `/api/applications/${keyboard}/call-offs`)
      .send({ cashYear: 2027, amountCents: '300000' })
      .expect(201);
    await world
      .post(world.carrier, `/api/applications/${keyboard}/call-offs`)
      .send({ cashYear: 2027, amountCents: '150000' })
      .expect(201);
  }, 240_000);

  afterAll(async () => {
    backToToday();
    await api?.close();
  });

  async function signedIn(actor: Actor): Promise<Page> {
    const page = await (await api.browser.newContext({ locale: 'de-DE' })).newPage();
    page.setDefaultTimeout(15_000);
    await page.clock.setFixedTime(new Date(IN_2027));
    await page.goto(`${api.baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(actor.user.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${api.baseUrl}/`);
    return page;
  }

  /** Sends a lifecycle step through its form and waits until the page has taken the answer in. */
  async function step(
    page: Page,
    action: string,
    fill: (form: ReturnType<Page['locator']>) => Promise<void>,
  ) {
    await page.getByRole('button', { name: action, exact: true }).first().click();
    const form = page.locator('#ereignis-formular');
    await fill(form);
    await form.getByRole('button', { name: action, exact: true }).click();
    await page.getByText(/Neuer Status: /).waitFor();
    await settled(page);
  }

  it('confirms a call-off and an interim report to the carrier and moves the focus to the confirmation', async () => {
    const page = await signedIn(world.carrier);
    await page.goto(`${api.baseUrl}/antraege/${reporting}`);
    await settled(page);
    await page.getByLabel('Betrag', { exact: true }).fill('4.000,00');
    await page.getByLabel('Wofür werden die Mittel gebraucht?').fill('Honorare');
    await page.getByRole('button', { name: 'Mittelabruf stellen' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'Mittelabruf 1' })
      .filter({ hasText: 'Beantragt' })
      .waitFor();
    await settled(page);
    const requested = page.getByRole('status').filter({ hasText: 'Mittelabruf gestellt' });
    expect(plain(await requested.innerText())).toContain('Mittelabruf 1 über 4.000,00 € ist gestellt.');
    expect(await focusedName(page)).toContain('Mittelabruf 1 über 4.000,00 € ist gestellt.');

    await page
      .getByLabel('Sachbericht', { exact: true })
      .fill('Die ersten vier Kochabende haben stattgefunden.');
    await page.getByRole('button', { name: 'Sachbericht einreichen' }).click();
    await page.locator('summary', { hasText: 'Sachbericht –' }).waitFor();
    await settled(page);
    expect(await page.getByRole('status').filter({ hasText: 'Sachbericht eingereicht' }).count()).toBe(1);
    expect(await focusedName(page)).toContain('Sachbericht eingereicht');
    await page.context().close();
  });

  it('shows the ended call-off and the revocation claim right after the coordinator revokes', async () => {
    const page = await signedIn(world.coordinator);
    await page.goto(`${api.baseUrl}/eingang/${revoked}`);
    await settled(page);
    await page
      .getByRole('row')
      .filter({ hasText: 'Mittelabruf 2' })
      .filter({ hasText: 'Beantragt' })
      .waitFor();
    await step(page, 'Bewilligung widerrufen', async (form) => {
      await form.getByLabel('Begründung').fill('Das Projekt wurde nicht begonnen wie beantragt.');
      await form.getByLabel(/Ich bestätige den Widerruf/).check();
    });
    // Focus follows the step to its outcome, not to the start of the page.
    expect(await focusedName(page)).toContain('Neuer Status: Widerrufen');
    const region = page.getByRole('region', { name: 'Rückforderung 1: Widerruf der Bewilligung' });
    await region.waitFor();
    expect(plain(await region.innerText())).toContain('4.000,00 €');
    await page
      .getByRole('row')
      .filter({ hasText: 'Mittelabruf 2' })
      .filter({ hasText: 'Abgelehnt' })
      .waitFor();
    await page.context().close();
  });

  it('shows the repayment claim right after the coordinator completes the project', async () => {
    const page = await signedIn(world.coordinator);
    await page.goto(`${api.baseUrl}/eingang/${completed}`);
    await settled(page);
    await page.getByRole('heading', { level: 3, name: 'Verwendungsnachweis – Abrechnung' }).waitFor();
    await step(page, 'Abschließen', async (form) => {
      await form.getByLabel('Ich habe den Verwendungsnachweis geprüft.').check();
    });
    await page.getByRole('region', { name: 'Rückforderung 1: Nicht verwendete Mittel' }).waitFor();
    await page.context().close();
  });

  it('keeps finance’s keyboard focus on the call-off: approve, then pay, cancel back to the button', async () => {
    const page = await signedIn(world.finance);
    await page.goto(`${api.baseUrl}/eingang/${keyboard}`);
    await settled(page);
    await page.getByRole('button', { name: 'Mittelabruf 1 freigeben' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Mittelabruf 1 auszahlen' }).waitFor();
    await settled(page);
    expect(await focusedName(page)).toBe('Mittelabruf 1 auszahlen');
    await page.keyboard.press('Enter');
    await page.getByLabel('Tag der Auszahlung').waitFor();
    expect(await focusedName(page)).toBe('Tag der Auszahlung');
    await page.getByRole('button', { name: 'Abbrechen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Mittelabruf 1 auszahlen' }).waitFor();
    expect(await focusedName(page)).toBe('Mittelabruf 1 auszahlen');
    await page.context().close();
  });

  it('moves finance’s keyboard focus to the confirmation of a payment and of a refusal', async () => {
    const page = await signedIn(world.finance);
    await page.goto(`${api.baseUrl}/eingang/${keyboard}`);
    await settled(page);
    // Call-off 1 was approved above: its payment, then the refusal of call-off 2, by keyboard.
    await page.getByRole('button', { name: 'Mittelabruf 1 auszahlen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Tag der Auszahlung').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const paid = page.getByRole('status').filter({ hasText: 'Mittelabruf ausgezahlt' });
    await paid.waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: 'Mittelabruf 1' })
      .filter({ hasText: 'Ausgezahlt' })
      .waitFor();
    await settled(page);
    expect(plain(await paid.innerText())).toContain(
      'Mittelabruf 1 über 3.000,00 € ist am 15.04.2027 ausgezahlt. Die Mittel sind bis zum',
    );
    expect(await focusedName(page)).toContain('Mittelabruf 1 über 3.000,00 € ist am 15.04.2027 ausgezahlt.');

    await page.getByRole('button', { name: 'Mittelabruf 2 ablehnen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Begründung').waitFor();
    await page.keyboard.type('Der Betrag ist mit Mittelabruf 1 schon ausgezahlt.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const refused = page.getByRole('status').filter({ hasText: 'Mittelabruf abgelehnt' });
    await refused.waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: 'Mittelabruf 2' })
      .filter({ hasText: 'Abgelehnt' })
      .waitFor();
    await settled(page);
    expect(await focusedName(page)).toContain('Mittelabruf 2 über 1.500,00 € ist abgelehnt.');
    await page.context().close();
  });

  it('moves finance’s keyboard focus into a claim’s form and to its outcome', async () => {
    const page = await signedIn(world.finance);
    await page.goto(`${api.baseUrl}/eingang/${revoked}`);
    await settled(page);
    await page.getByRole('button', { name: 'Rückforderungsbescheid für Rückforderung 1 erstellen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Zu zahlen bis').waitFor();
    expect(await focusedName(page)).toBe('Zu zahlen bis');
    await page.getByLabel('Zu zahlen bis').fill('2027-06-30');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Gebucht' }).waitFor();
    await settled(page);
    expect(await focusedName(page)).toContain('Gebucht');
    await page.context().close();
  });
});
