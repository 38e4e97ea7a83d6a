/// <reference lib="dom" />
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createTestDatabase,
  createTestRedis,
  launchBrowser,
  testConfig,
  type TestDatabase,
  type TestRedis,
} from '@kiezfonds/testing';
import type { Browser, Page, Request } from 'playwright-core';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { backToToday, travelTo } from '../../apps/api/src/testing/clock';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import {
  type CommitteeSetUp,
  createCommittee,
  decideInWriting,
} from '../../apps/api/src/testing/committee-world';
import { settled } from './browser-harness';

/**
 * Issue 6's journey in the browser: one application from the carrier's draft to a completed
 * project, with the coordinator, a committee member and finance staff each doing their part in
 * their own browser session. The call is set up over the API; everything the roles do to the
 * application happens on the pages.
 */
/** A day in the first year of the journey's project (1 March 2027 – 31 December 2028). */
const IN_2027 = '2027-04-15T10:00:00+02:00';

describe('an application from draft to completed, across the roles, in the browser', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let app: NestExpressApplication;
  let browser: Browser;
  let baseUrl: string;
  let world: ApplicationWorld;
  let callTitle: string;
  let callId: string;
  let ag: CommitteeSetUp;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = createTestRedis();
    app = await createApiApp(
      testConfig({ DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix }),
    );
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    world = await ApplicationWorld.create(app.getHttpServer(), db.dataSource);
    // The world's board member sits on the district's committee, so the application reaches their queue.
    ag = await createCommittee(world);
    callTitle = 'Netzwerkfonds 2027: Nachbarschaften verbinden';
    callId = (await world.openCall({ title: callTitle })).id;
  });

  afterEach(() => backToToday());

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await redis?.cleanup();
    await db?.drop();
  });

  async function signedIn(actor: Actor, path: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}${path}`);
    await page.waitForURL(`${baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(actor.user.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${baseUrl}${path}`);
    return page;
  }

  /** Opens a part of the form from the overview's task list and saves back to the overview. */
  async function part(page: Page, name: string, fill: () => Promise<void>): Promise<void> {
    await page.getByRole('link', { name: new RegExp(`^${name}`) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
    await settled(page);
    await fill();
    await page.getByRole('button', { name: 'Speichern und zur Übersicht' }).click();
    await page.getByRole('link', { name: new RegExp(`^${name}`) }).waitFor();
  }

  /** Opens a step's form on the staff page, fills it, sends it and waits for the new state. */
  async function step(
    page: Page,
    action: string,
    state: string,
    fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {},
  ): Promise<void> {
    await page.getByRole('button', { name: action, exact: true }).first().click();
    const form = page.locator('#ereignis-formular');
    await fill(form);
    await form.getByRole('button', { name: action, exact: true }).click();
    await page.getByText(`Neuer Status: ${state}.`).waitFor();
  }

  it('is written, submitted, checked, reviewed, approved, paid, reported and completed', async () => {
    // The carrier starts an application to the open call and fills in every part.
    const carrier = await signedIn(world.carrier, '/antraege');
    await carrier.getByRole('heading', { level: 1, name: 'Meine Anträge' }).waitFor();
    await settled(carrier);
    await carrier.getByRole('link', { name: 'Antrag zu diesem Aufruf stellen' }).first().click();
    await carrier.getByLabel('Titel des Vorhabens').fill('Kiezküchen verbinden');
    await carrier.getByRole('button', { name: 'Antrag anlegen' }).click();
    await carrier.waitForURL(/\/antraege\/[0-9a-f-]{36}$/);
    const applicationId = carrier.url().split('/').pop()!;

    await part(carrier, 'Projektbeschreibung', async () => {
      await carrier
        .getByLabel('Kurzbeschreibung')
        .fill('Kochabende in zwei Kiezen, vorbereitet von Nachbar:innen.');
      await carrier.getByRole('button', { name: 'Weiteres Ziel hinzufügen' }).click();
      const goal = carrier.getByRole('group', { name: 'Ziel 1' });
      await goal.getByLabel('Ziel', { exact: true }).fill('Begegnung über Kiezgrenzen');
      await goal.getByLabel('Indikator').fill('Teilnehmende je Abend');
      await goal.getByLabel('Zielwert').fill('25');
      await carrier.getByRole('button', { name: 'Zielgruppe hinzufügen' }).click();
      await carrier.getByLabel('Zielgruppe 1').fill('Familien');
    });
    await part(carrier, 'Handlungsfelder und Gebiete', async () => {
      await carrier.getByLabel('Bildung').check();
      await carrier.getByLabel('Falkenhagener Feld').check();
      await carrier.getByLabel('Heerstraße Nord').check();
    });
    await part(carrier, 'Zeitraum', async () => {
      await carrier.getByLabel('Beginn').fill('2027-03-01');
      await carrier.getByLabel('Ende').fill('2027-12-31');
    });
    await part(carrier, 'Kostenplan', async () => {
      await carrier.getByRole('button', { name: 'Kostenposition hinzufügen' }).click();
      const row = carrier.getByRole('group', { name: 'Kostenposition 1' });
      await row.getByLabel('Kassenjahr').selectOption('2027');
      await row.getByLabel('Kostenart').selectOption('personnel');
      await row.getByLabel('Beschreibung').fill('Projektleitung');
      await row.getByLabel('Betrag').fill('51.000,00');
    });
    await part(carrier, 'Finanzierungsplan', async () => {
      await carrier.getByRole('button', { name: /Kassenjahre aus dem Kostenplan übernehmen/ }).click();
      const year = carrier.getByRole('group', { name: 'Finanzierung im Kassenjahr 2027' });
      await year.getByLabel('Beantragte Fördermittel').fill('50.000,00');
      await year.getByLabel('Eigenanteil').fill('1.000,00');
      await year.getByLabel('Drittmittel').fill('0,00');
      await carrier.getByText('Beantragt insgesamt: 50.000,00\u00a0€.').waitFor();
    });
    await part(carrier, 'Evaluation', async () => {
      await carrier
        .getByLabel('Evaluationskonzept')
        .fill('Zählung der Teilnehmenden und eine kurze Befragung.');
    });
    await part(carrier, 'Erklärungen', async () => {
      await carrier.getByLabel(/noch nicht begonnen wurde/).check();
      await carrier.getByLabel(/subventionserheblich/).check();
      await carrier.getByLabel('Ich stimme zu').check();
    });

    await carrier.getByRole('link', { name: /prüfen und einreichen/i }).click();
    await carrier.getByRole('heading', { level: 1, name: 'Angaben prüfen und einreichen' }).waitFor();
    await settled(carrier);
    await carrier.getByText('Alle Angaben sind vollständig').waitFor();
    await carrier.getByRole('button', { name: 'Antrag einreichen' }).click();
    await carrier.getByText('Antrag eingereicht').first().waitFor();

    // The coordinator checks it formally and takes it into the programme planning.
    const coordinator = await signedIn(world.coordinator, `/eingang/${applicationId}`);
    await settled(coordinator);
    await coordinator.getByLabel(/antragsberechtigt/).check();
    await coordinator.getByLabel(/passt zu den Handlungsfeldern/).check();
    await coordinator.getByLabel(/bereits begonnen/).check();
    await step(coordinator, 'Formale Prüfung bestätigen', 'In Begutachtung');
    await step(coordinator, 'In die Programmplanung übernehmen', 'In der Programmplanung');

    // A committee member reads the application in the review queue before the planning session.
    const member = await signedIn(world.boardMember, '/begutachtung');
    await settled(member);
    await member.getByRole('link', { name: 'Kiezküchen verbinden' }).click();
    await member.getByRole('heading', { level: 1, name: 'Kiezküchen verbinden' }).waitFor();
    await settled(member);
    await member.getByText('Begegnung über Kiezgrenzen').first().waitFor();
    await member.getByText('In diesem Status können Sie keinen Schritt ausführen.').waitFor();
    expect(await member.getByLabel(/antragsberechtigt/).count()).toBe(0);

    // The committee adopts it in writing (its screens have their own journey), so the coordinator
    // can decide the priority list, which selects it; then the Senate's amount, the notice, approval.
    await decideInWriting(world, ag, applicationId);
    await coordinator.goto(`${baseUrl}/aufrufe/${callId}/programmplanung`);
    await coordinator.getByRole('heading', { level: 1, name: /Programmplanung 2027/ }).waitFor();
    await settled(coordinator);
    await coordinator.getByRole('button', { name: 'Prioritätenliste beschließen' }).click();
    await coordinator.getByRole('dialog').getByRole('button', { name: 'Beschließen' }).click();
    await coordinator.getByText(/Die Prioritätenliste ist am .* beschlossen worden/).waitFor();
    await coordinator.goto(`${baseUrl}/eingang/${applicationId}`);
    await settled(coordinator);
    await coordinator.getByText('Ausgewählt', { exact: true }).first().waitFor();
    await step(coordinator, 'Auswahl des Senats erfassen', 'Ausgewählt', async (form) => {
      await form.getByLabel('Vom Senat ausgewählter Betrag').fill('50.000,00');
    });
    const preview = coordinator.getByRole('link', { name: /Vorschau des Zuwendungsbescheids/ });
    const pdf = await coordinator.request.get(`${baseUrl}${await preview.getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await step(coordinator, 'Bewilligen', 'Bewilligt', async (form) => {
      await form.getByLabel(/Ich habe die Raten und Fristen geprüft/).check();
    });

    // The carrier starts and calls off the first instalment; finance pays it.
    await carrier.goto(`${baseUrl}/antraege/${applicationId}`);
    await settled(carrier);
    await carrier.getByRole('button', { name: 'Umsetzung beginnen' }).click();
    await carrier.getByRole('dialog').getByRole('button', { name: 'Umsetzung beginnen' }).click();
    await carrier.getByText('Umsetzung begonnen', { exact: true }).waitFor();
    expect(await carrier.getByText('Antrag eingereicht', { exact: true }).count()).toBe(0);
    await settled(carrier);
    // Money is called off only once the project runs (from 1 March 2027, ANBest-P Nr. 1.4): the
    // API's and the browsers' calendars move to a day in April 2027 from here on.
    travelTo(IN_2027);
    await carrier.clock.setFixedTime(new Date(IN_2027));
    // Every call-off write moves money and carries an Idempotency-Key of its own.
    const callOffWrites: { url: string; key: string | undefined }[] = [];
    const recordCallOffWrite = (request: Request) => {
      if (request.method() === 'POST' && /\/api\/(applications\/[^/]+\/)?call-offs/.test(request.url()))
        callOffWrites.push({ url: request.url(), key: request.headers()['idempotency-key'] });
    };
    carrier.on('request', recordCallOffWrite);
    await carrier.getByLabel('Betrag', { exact: true }).fill('50.000,00');
    await carrier.getByLabel('Wofür werden die Mittel gebraucht?').fill('Honorare und Lebensmittel');
    await carrier.getByRole('button', { name: 'Mittelabruf stellen' }).click();
    await carrier
      .getByRole('row')
      .filter({ hasText: 'Mittelabruf 1' })
      .filter({ hasText: 'Beantragt' })
      .waitFor();

    const finance = await signedIn(world.finance, '/finanzen/mittelabrufe');
    finance.on('request', recordCallOffWrite);
    await finance.clock.setFixedTime(new Date(IN_2027));
    await settled(finance);
    // Finance approves before paying: a requested call-off offers no payment.
    expect(await finance.getByRole('button', { name: 'Mittelabruf 1 auszahlen' }).count()).toBe(0);
    await finance.getByRole('button', { name: 'Mittelabruf 1 freigeben' }).click();
    await finance.getByRole('button', { name: 'Mittelabruf 1 auszahlen' }).click();
    await finance.getByRole('button', { name: '50.000,00\u00a0€ auszahlen' }).click();
    await finance.getByText('Zurzeit wartet kein Mittelabruf auf Auszahlung.').waitFor();
    expect(
      callOffWrites.map((write) =>
        write.url
          .replace(/^.*\/api\//, '')
          .split('/')
          .pop(),
      ),
    ).toEqual(['call-offs', 'approve', 'pay']);
    expect(callOffWrites.every((write) => write.key && /^[\w-]{16,}$/.test(write.key))).toBe(true);
    expect(new Set(callOffWrites.map((write) => write.key)).size).toBe(3);

    // The carrier reports the use of the money; the coordinator completes the project.
    await carrier.goto(`${baseUrl}/antraege/${applicationId}/verwendungsnachweis`);
    await settled(carrier);
    await carrier
      .getByLabel('Sachbericht')
      .fill('Zwölf Kochabende mit durchschnittlich 28 Gästen aus beiden Kiezen.');
    await carrier.getByLabel('Personalkosten 2027').fill('51.000,00');
    await carrier.getByRole('button', { name: 'Verwendungsnachweis einreichen' }).click();
    await carrier.getByText('Verwendungsnachweis eingereicht').first().waitFor();

    await coordinator.reload();
    await settled(coordinator);
    await step(coordinator, 'Abschließen', 'Abgeschlossen', async (form) => {
      await form.getByLabel('Ich habe den Verwendungsnachweis geprüft.').check();
    });

    await carrier.goto(`${baseUrl}/antraege/${applicationId}`);
    await settled(carrier);
    await carrier.getByText('Abgeschlossen').first().waitFor();
    const balance = await world.get(world.finance, `/api/funds/${world.fundId}/years/2027`).expect(200);
    expect(balance.body).toMatchObject({ committedCents: '5000000', disbursedCents: '5000000' });
  });

  it('tells the carrier on the check page, in euros, that the requested sum is below the call’s minimum', async () => {
    const content = world.completeContent({
      financingPlan: [
        { cashYear: 2027, requestedCents: '800000', ownCents: '100000', thirdPartyCents: '0' },
        { cashYear: 2028, requestedCents: '4100000', ownCents: '0', thirdPartyCents: '0' },
      ],
    });
    const { id } = await world.draft((await world.openCall()).id, content);
    const detail = await world.get(world.carrier, `/api/applications/${id}`).expect(200);
    const below = (
      detail.body as { problems: { rule: string; params?: { minCents: string } }[] }
    ).problems.find((problem) => problem.rule === 'amount_below_minimum');
    expect(below?.params?.minCents).toBe('5000000');
    const page = await signedIn(world.carrier, `/antraege/${id}/pruefen`);
    await settled(page);
    const missing = page.getByRole('listitem').filter({ hasText: 'Mindestbetrag' });
    expect((await missing.innerText()).replace(/\u00a0/g, ' ')).toBe(
      'Finanzierungsplan: Die beantragte Summe (49.000,00 €) liegt unter dem Mindestbetrag des Aufrufs (50.000,00 €).',
    );
    await page.context().close();
  });

  it('shows the server’s refusal of a submission in the language the carrier switches to, without sending again', async () => {
    const content = world.completeContent({
      financingPlan: [
        { cashYear: 2027, requestedCents: '800000', ownCents: '100000', thirdPartyCents: '0' },
        { cashYear: 2028, requestedCents: '4100000', ownCents: '0', thirdPartyCents: '0' },
      ],
    });
    const { id } = await world.draft((await world.openCall()).id, content);
    const page = await signedIn(world.carrier, `/antraege/${id}/pruefen`);
    await settled(page);
    await page.getByRole('button', { name: 'Antrag einreichen' }).click();
    // The server refuses it: the sum is below the call's minimum (its message has amounts in it).
    const refusal = page.getByRole('alert').filter({ hasText: 'Der Antrag konnte nicht eingereicht werden' });
    await refusal.getByText('liegt unter dem Mindestbetrag des Aufrufs von 50.000,00 €').waitFor();
    let sent = 0;
    page.on('request', (request) => {
      if (request.method() !== 'GET') sent += 1;
    });

    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const refused = page.getByRole('alert').filter({ hasText: 'The application could not be submitted' });
    await refused.getByText("is below the call's minimum of €50,000.00").waitFor();
    expect(await refused.innerText()).not.toMatch(/Antrag|Mindestbetrag/);
    expect(sent).toBe(0);
    await page.context().close();
  });
});
