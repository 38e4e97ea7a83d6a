/// <reference lib="dom" />
import { Money } from '@kiezfonds/domain';
import type { Page } from 'playwright-core';
import { backToToday, travelTo } from '../../apps/api/src/testing/clock';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { createCommittee, selectedApplications } from '../../apps/api/src/testing/committee-world';
import {
  axeViolations,
  type BrowserApi,
  horizontalOverflow,
  plain,
  settled,
  startBrowserApi,
} from './browser-harness';

/** The project runs from 1 March 2027; money is called off in April, the claim recovered in June. */
const PAID_ON = '2027-04-15';
const IN_JUNE_2027 = '2027-06-01T10:00:00+02:00';
const WAIVER_REASON = 'Billigkeitserlass nach § 59 LHO: Insolvenz des Trägers.';

type Settlement = {
  state: string;
  lines: { cashYear: number; category: string; rule: string; ruleText: string }[];
  steps: { key: string; amountCents: string; label: string }[];
  toRepayCents: string;
};
type Claim = {
  id: string;
  state: string;
  amountCents: string;
  interestCents: string | null;
  notice: { reference: string } | null;
  balance: { openCents: string };
  entries: { kind: string; amountCents: string }[];
};

function euro(cents: string): string {
  return plain(Money.fromCents(cents).format('de'));
}

/** Cents as typed into an amount field: "1234,56". */
function typed(cents: bigint): string {
  return `${cents / 100n},${String(cents % 100n).padStart(2, '0')}`;
}

/**
 * Issue 14 on the screen: an administrator keeps the base-rate table; finance staff read the
 * settlement of a completed project line by line, issue the recovery notice and book a payment;
 * the carrier reads the same settlement. Every new screen is checked by axe and at 320 px wide.
 * Amounts are read from the API, not written into the test: the fixtures' amounts may change.
 */
describe('settlement, recovery and base rates in the browser', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;
  let admin: Actor;
  let applicationId: string;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
    admin = await world.staff('admin');
    const ag = await createCommittee(world, { votingMembers: 1 });
    [applicationId] = (await selectedApplications(world, ag, 1)) as [string];
    const id = applicationId;
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
    travelTo(`${PAID_ON}T10:00:00+02:00`);
    const detail = (await world.get(world.carrier, `/api/applications/${id}`).expect(200)).body as {
      content: {
        costPlan: { cashYear: number; category: string; amountCents: string }[];
        financingPlan: { cashYear: number; requestedCents: string }[];
      };
    };
    // The whole first instalment is paid; half of each planned 2027 line is spent, nothing later,
    // and a little on a category the plan does not have: money comes back, one line is refused.
    const instalment = detail.content.financingPlan.find((line) => line.cashYear === 2027)!.requestedCents;
    const callOff = await world
      .post(world.carrier, `/api/applications/${id}/call-offs`)
      .send({ cashYear: 2027, amountCents: instalment })
      .expect(201);
    await world.post(world.finance, `/api/call-offs/${callOff.body.id}/approve`).send({}).expect(200);
    await world
      .post(world.finance, `/api/call-offs/${callOff.body.id}/pay`)
      .send({ paidOn: PAID_ON })
      .expect(200);
    const planned = new Map<string, bigint>();
    for (const line of detail.content.costPlan) {
      const key = `${line.cashYear}|${line.category}`;
      planned.set(key, (planned.get(key) ?? 0n) + BigInt(line.amountCents));
    }
    const actuals = [...planned].map(([key, cents]) => {
      const [cashYear, category] = key.split('|') as [string, string];
      return {
        cashYear: Number(cashYear),
        category,
        amountCents: cashYear === '2027' ? String(cents / 2n) : '0',
      };
    });
    const unplanned = ['fees', 'material', 'investments', 'overheads', 'personnel'].find(
      (category) => !planned.has(`2027|${category}`),
    )!;
    actuals.push({ cashYear: 2027, category: unplanned, amountCents: '30000' });
    await world
      .event(world.carrier, id, { type: 'SUBMIT_FINAL_REPORT', text: 'Halb so viele Abende.', actuals })
      .expect(200);
    await world.event(world.coordinator, id, { type: 'COMPLETE' }).expect(200);
    // From here on the API's calendar stands in June 2027, and each browser's with it.
    travelTo(IN_JUNE_2027);
  }, 180_000);

  afterAll(async () => {
    backToToday();
    await api?.close();
  });

  async function signedIn(actor: Actor): Promise<Page> {
    const context = await api.browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.clock.setFixedTime(new Date(IN_JUNE_2027));
    await page.goto(`${api.baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(actor.user.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${api.baseUrl}/`);
    return page;
  }

  /**
   * axe's findings and any page-level sideways scrolling at 320 px (WCAG 1.4.10) and 640 px (a
   * 1280 px screen at 200 % zoom), as test/browser/reflow.e2e.spec.ts checks every other route.
   */
  async function narrowProblems(page: Page): Promise<string[]> {
    const problems: string[] = [];
    for (const width of [320, 640]) {
      await page.setViewportSize({ width, height: 800 });
      await settled(page);
      problems.push(...(await axeViolations(page)).map((v) => `${width}: ${v}`));
      const wider = await horizontalOverflow(page);
      if (wider) problems.push(`${width}: ${wider}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    return problems;
  }

  async function claims(): Promise<Claim[]> {
    return (await world.get(world.finance, `/api/applications/${applicationId}/repayment-claims`).expect(200))
      .body.items as Claim[];
  }

  it('lets an administrator add a base rate, refusing a wrong one at its field, by keyboard', async () => {
    const page = await signedIn(admin);
    await page.getByRole('link', { name: 'Basiszinssätze' }).click();
    await page.getByRole('heading', { level: 1, name: 'Basiszinssätze' }).waitFor();
    await settled(page);
    // The table shows the published rates the German way.
    const table = page.getByRole('table', { name: /Basiszinssätze/ });
    expect(plain(await table.getByRole('row').filter({ hasText: '01.07.2025' }).innerText())).toContain(
      '1,27 %',
    );
    expect(await narrowProblems(page)).toEqual([]);

    const submit = page.getByRole('button', { name: 'Basiszinssatz speichern' });
    await submit.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Bitte geben Sie an, ab wann der Satz gilt.').first().waitFor();
    await page.getByText('Bitte geben Sie den Basiszinssatz an.').first().waitFor();

    await page.getByLabel('Gültig ab').fill('2027-01-01');
    await page.getByLabel('Basiszinssatz in Prozent').focus();
    await page.keyboard.type('2,275');
    await submit.focus();
    await page.keyboard.press('Enter');
    await page
      .getByText(/höchstens zwei Nachkommastellen an, zum Beispiel 3,62/)
      .first()
      .waitFor();
    const rateField = page.getByLabel('Basiszinssatz in Prozent');
    expect(await rateField.getAttribute('aria-invalid')).toBe('true');
    expect(await narrowProblems(page)).toEqual([]);

    await rateField.fill('2,27');
    await submit.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Ab dem 01.01.2027 gilt ein Basiszinssatz von 2,27 %.').waitFor();
    await table.getByRole('row').filter({ hasText: '01.01.2027' }).waitFor();
    const rates = (await world.get(admin, '/api/base-rates').expect(200)).body.items as unknown[];
    expect(rates).toContainEqual({ validFrom: '2027-01-01', rateBasisPoints: 227 });
    await page.context().close();
  });

  it('shows finance the read-only table', async () => {
    const page = await signedIn(world.finance);
    await page.getByRole('link', { name: 'Basiszinssätze' }).click();
    await page.getByRole('heading', { level: 1, name: 'Basiszinssätze' }).waitFor();
    await page.getByText('Neue Sätze erfasst die Administration.').waitFor();
    expect(await page.getByRole('button', { name: 'Basiszinssatz speichern' }).count()).toBe(0);
    expect(await narrowProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('shows finance the settlement line by line, then issues the recovery notice, books a payment and waives the rest', async () => {
    const settlement = (
      await world.get(world.finance, `/api/applications/${applicationId}/settlement`).expect(200)
    ).body as Settlement;
    expect(settlement.state).toBe('settled');
    expect(BigInt(settlement.toRepayCents)).toBeGreaterThan(0n);
    expect(settlement.lines.map((l) => l.rule)).toContain('not_in_plan');

    const page = await signedIn(world.finance);
    const sent: { url: string; key: string | undefined }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/api/repayment-claims/'))
        sent.push({ url: request.url(), key: request.headers()['idempotency-key'] });
    });
    await page.goto(`${api.baseUrl}/eingang/${applicationId}`);
    await page.getByRole('heading', { level: 3, name: 'Verwendungsnachweis – Abrechnung' }).waitFor();
    await settled(page);
    const lines = page.getByRole('table', { name: /Ausgaben je Kostenart und Kassenjahr/ });
    for (const line of settlement.lines) {
      const row = lines.getByRole('row').filter({ hasText: line.ruleText });
      expect(await row.count()).toBeGreaterThan(0);
    }
    await lines.getByText('Nicht im Finanzierungsplan', { exact: true }).first().waitFor();
    for (const step of settlement.steps) {
      const item = page.locator('.kern-description-list-item', { hasText: step.label }).first();
      expect(plain(await item.innerText())).toContain(euro(step.amountCents));
    }
    const claim = page.getByRole('region', { name: 'Rückforderung 1: Nicht verwendete Mittel' });
    await claim.getByText('Offen', { exact: true }).waitFor();
    expect(plain(await claim.innerText())).toContain(euro(settlement.toRepayCents));
    expect(await narrowProblems(page)).toEqual([]);

    // The recovery notice: a missing due day is named at its field, then the notice is issued.
    await page.getByRole('button', { name: 'Rückforderungsbescheid für Rückforderung 1 erstellen' }).focus();
    await page.keyboard.press('Enter');
    const issue = claim.getByRole('button', { name: 'Bescheid erlassen' });
    await issue.focus();
    await page.keyboard.press('Enter');
    await claim.getByText('Bitte geben Sie an, bis wann zu zahlen ist.').first().waitFor();
    expect(await narrowProblems(page)).toEqual([]);
    await claim.getByLabel('Zu zahlen bis').fill('2027-07-01');
    await issue.focus();
    await page.keyboard.press('Enter');
    await claim.getByText(/Der Rückforderungsbescheid .* ist erlassen\./).waitFor();
    const [issued] = await claims();
    expect(issued!.notice).not.toBeNull();
    expect(BigInt(issued!.interestCents!)).toBeGreaterThan(0n);
    const pdfLink = claim.getByRole('link', {
      name: `Bescheid ${issued!.notice!.reference} herunterladen (PDF)`,
    });
    const pdf = await page.request.get(`${api.baseUrl}${await pdfLink.getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(plain(await claim.innerText())).toContain(euro(issued!.interestCents!));
    expect(await claim.getByRole('button', { name: /Rückforderungsbescheid/ }).count()).toBe(0);

    // A payment of more than is open is refused at the amount; a part of it is booked.
    const open = BigInt(issued!.balance.openCents);
    await page.getByRole('button', { name: 'Zahlungseingang für Rückforderung 1 buchen' }).click();
    const amount = claim.getByLabel('Eingegangener Betrag');
    await amount.fill(typed(open + 1n));
    const book = claim.getByRole('button', { name: 'Zahlung buchen' });
    await book.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[aria-invalid="true"][id$="-betrag"]') !== null);
    const part = open / 2n;
    await amount.fill(typed(part));
    await book.focus();
    await page.keyboard.press('Enter');
    await claim.getByText('Die Buchung ist erfasst. Stand der Rückforderung: Teilweise bezahlt.').waitFor();
    await claim.getByText('Teilweise bezahlt', { exact: true }).first().waitFor();
    const [booked] = await claims();
    expect(booked).toMatchObject({ state: 'partly_paid' });
    expect(booked!.entries.filter((e) => e.kind === 'payment').map((e) => e.amountCents)).toEqual([
      part.toString(),
    ]);
    expect(plain(await claim.innerText())).toContain(euro((open - part).toString()));
    expect(await narrowProblems(page)).toEqual([]);

    // The rest is waived, with a reason: a waiver without one is named at its field.
    await page.getByRole('button', { name: 'Rückforderung 1 erlassen' }).click();
    const waive = claim.getByRole('button', { name: 'Forderung erlassen' });
    await waive.focus();
    await page.keyboard.press('Enter');
    await claim.getByText('Bitte geben Sie den Grund des Erlasses an.').first().waitFor();
    await claim.getByLabel('Grund').fill(WAIVER_REASON);
    await waive.focus();
    await page.keyboard.press('Enter');
    await claim.getByText('Die Buchung ist erfasst. Stand der Rückforderung: Erlassen.').waitFor();
    await claim.getByText('Erlassen', { exact: true }).waitFor();
    expect(await claim.getByRole('button').count()).toBe(0);
    // The outcome stays on screen when the claim's actions end.
    expect(
      await claim.getByText('Die Buchung ist erfasst. Stand der Rückforderung: Erlassen.').isVisible(),
    ).toBe(true);
    const [waived] = await claims();
    expect(waived).toMatchObject({ state: 'waived', balance: { openCents: '0' } });

    // Every money write carried an Idempotency-Key; the refused payment's key was not reused.
    // (The notice without a due day and the waiver without a reason never left the browser.)
    expect(sent.length).toBe(4);
    expect(sent.every((request) => request.key && request.key.length > 0)).toBe(true);
    const payments = sent.filter((request) => request.url.endsWith('/payments'));
    expect(new Set(payments.map((request) => request.key)).size).toBe(2);
    await page.context().close();
  });

  it('shows the carrier the settlement lines without the finance actions', async () => {
    const settlement = (
      await world.get(world.carrier, `/api/applications/${applicationId}/settlement`).expect(200)
    ).body as Settlement;
    const page = await signedIn(world.carrier);
    await page.goto(`${api.baseUrl}/antraege/${applicationId}`);
    await page.getByRole('heading', { level: 3, name: 'Verwendungsnachweis – Abrechnung' }).waitFor();
    await settled(page);
    const lines = page.getByRole('table', { name: /Ausgaben je Kostenart und Kassenjahr/ });
    expect(await lines.getByRole('row').count()).toBe(settlement.lines.length + 2);
    for (const line of settlement.lines) {
      expect(await lines.getByRole('row').filter({ hasText: line.ruleText }).count()).toBeGreaterThan(0);
    }
    const claim = page.getByRole('region', { name: 'Rückforderung 1: Nicht verwendete Mittel' });
    await claim.getByText('Erlassen', { exact: true }).waitFor();
    await claim.getByText(WAIVER_REASON).waitFor();
    expect(await claim.getByRole('button').count()).toBe(0);
    expect(await narrowProblems(page)).toEqual([]);
    await page.context().close();
  });
});
