/// <reference lib="dom" />
import type { TestDatabase } from '@kiezfonds/testing';
import type { Browser, Page } from 'playwright-core';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee } from '../../apps/api/src/testing/committee-world';
import { axeViolations, type BrowserApi, startBrowserApi } from './browser-harness';

/**
 * Issue 7, web: a member gives their department's Votum from the review queue; the coordinator
 * sees who is missing, plans the programme within the budget (the bar and sums follow an amount
 * adjusted with a reason), compares a scenario and finalises the list.
 */
describe('Votum and programme planning in the browser', () => {
  let harness: BrowserApi;
  let db: TestDatabase;
  let browser: Browser;
  let baseUrl: string;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;
  let callId: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    harness = await startBrowserApi();
    ({ db, browser, baseUrl } = harness);
    // 56.000 € for 2027: one application of 50.000 € fits, the second only in part.
    world = await ApplicationWorld.create(harness.app.getHttpServer(), db.dataSource, {
      budgetCents: '5600000',
    });
    ag = await createCommittee(world);
    callId = (await world.openCall()).id;
    await world
      .put(world.coordinator, `/api/calls/${callId}/review-setup`)
      .send({
        reviewDeadline: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        criteria: [{ key: 'networking', label: 'Vernetzung mehrerer Kieze', weight: 1, maxScore: 5 }],
      })
      .expect(200);
    first = await inReview();
    second = await inReview();
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function inReview(): Promise<string> {
    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    return id;
  }

  async function adopt(applicationId: string) {
    const vote = (
      await world
        .post(world.coordinator, `/api/applications/${applicationId}/written-votes`)
        .send({ motion: 'Förderung empfehlen', deadline: new Date(Date.now() + 86_400_000).toISOString() })
        .expect(201)
    ).body as { id: string };
    for (const voter of ag.voters) {
      await world.post(voter, `/api/written-votes/${vote.id}/ballots`).send({ choice: 'yes' }).expect(201);
    }
  }

  async function signIn(actor: Actor, path: string): Promise<Page> {
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

  it("gives the member's Votum from the review queue", async () => {
    const page = await signIn(ag.voters[1]!, '/begutachtung');
    await page.getByRole('heading', { level: 1, name: 'Begutachtung' }).waitFor();
    await page.getByRole('link', { name: 'Kiezküchen verbinden' }).first().waitFor();
    expect(await page.getByText('offen', { exact: true }).count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Kiezküchen verbinden' }).first().click();
    await page.getByRole('heading', { name: 'Votum des Fachbereichs Schule abgeben' }).waitFor();

    // Submitting without a choice names what is missing, and nothing is stored.
    await page.getByRole('button', { name: 'Votum abgeben' }).click();
    await page.getByText('Bitte wählen Sie eine Empfehlung.').first().waitFor();
    await page.getByLabel('Förderung mit Auflagen befürwortet').check();
    await page
      .getByRole('textbox', { name: 'Auflagen' })
      .fill('Kooperationsvereinbarung mit der Schule vorlegen');
    await page.getByLabel('Vernetzung mehrerer Kieze').selectOption('4');
    await page
      .getByRole('textbox', { name: 'Begründung', exact: true })
      .fill('Verbindet drei Kieze, gut geplant.');
    await page.getByLabel(/Vertraulicher Hinweis an das Gremium/).fill('Träger 2025 mit Verzug abgerechnet.');
    await page.getByRole('button', { name: 'Votum abgeben' }).click();
    await page.getByText('Votum gespeichert').waitFor();
    const row = page.getByRole('row', { name: /Schule/ });
    await row.getByText('Förderung mit Auflagen befürwortet').waitFor();
    await row.getByText('80 %').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const [votum] = (await db.dataSource.query(`SELECT department, score FROM votum`)) as {
      department: string;
      score: number;
    }[];
    expect(votum).toEqual({ department: 'Schule', score: 8000 });
  });

  it('puts an application to a written vote, which a member casts in the browser', async () => {
    const coordinator = await signIn(world.coordinator, `/eingang/${first}`);
    await coordinator.getByRole('heading', { name: 'Abstimmungen im Gremium' }).waitFor();
    await coordinator.getByText('Über diesen Antrag hat das Gremium noch nicht abgestimmt.').waitFor();
    await coordinator.getByRole('button', { name: 'Umlaufverfahren eröffnen' }).click();
    await coordinator
      .getByText('Beschlussvorschlag: Das Gremium befürwortet die Förderung des Antrags.')
      .waitFor();
    await coordinator.getByText(/Noch nicht abgestimmt: .*Schule/).waitFor();

    const member = await signIn(ag.voters[1]!, `/eingang/${first}`);
    await member.getByRole('button', { name: 'Mit Ja stimmen' }).click();
    // The ballot is confirmed before it is cast (issue 15).
    await member.getByRole('dialog').getByRole('button', { name: 'Stimme „Ja“ abgeben' }).click();
    await member.getByText('Sie haben abgestimmt: Ja.').waitFor();
    expect(await axeViolations(member)).toEqual([]);
    // A member declares a conflict on the application page: their recusal in the open vote is
    // recorded at once, and they are told they take no part.
    const conflicted = await signIn(ag.voters[0]!, `/eingang/${first}`);
    await conflicted.getByText('Befangenheit anzeigen').first().click();
    await conflicted.getByLabel('Grund der Befangenheit').fill('Vorstand des Trägers');
    await conflicted.getByRole('button', { name: 'Befangenheit anzeigen' }).click();
    await conflicted.getByText('Sie sind bei diesem Antrag befangen').waitFor();
    await conflicted
      .getByText('Sie haben einen Interessenkonflikt angezeigt und wirken an dieser Abstimmung nicht mit.')
      .waitFor();
    expect(await conflicted.getByRole('button', { name: 'Mit Ja stimmen' }).count()).toBe(0);

    const [vote] = (await db.dataSource.query(`SELECT id FROM committee_vote WHERE application_id = $1`, [
      first,
    ])) as { id: string }[];
    for (const voter of ag.voters.slice(2)) {
      await world.post(voter, `/api/written-votes/${vote!.id}/ballots`).send({ choice: 'yes' }).expect(201);
    }
    await member.reload();
    await member.getByText('Angenommen.').waitFor();
    await member.getByText('Ja 4 · Nein 0 · Enthaltung 0 · befangen 1').waitFor();
  });

  it('lets the coordinator see who is missing, plan within the budget and finalise', async () => {
    await adopt(second);
    const page = await signIn(world.coordinator, `/eingang/${first}`);
    await page.getByRole('heading', { name: 'Voten der Fachbereiche' }).waitFor();
    await page
      .getByTestId('missing-departments')
      .getByText(
        // Jugend is excused: its member declared a conflict on this application.
        'Es fehlen noch Voten von: Gesundheit, Quartiersmanagement, Soziales, Stadtentwicklung.',
      )
      .waitFor();

    await page.goto(`${baseUrl}/aufrufe/${callId}/programmplanung`);
    await page.getByRole('heading', { level: 1, name: /Programmplanung 2027/ }).waitFor();
    const summary = page.getByTestId('budget-summary');
    await summary
      .getByText('Ausgewählt: 50.000,00 € von 56.000,00 € (1 Antrag); verbleibend 6.000,00 €')
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The second application gets what is left, with a reason.
    const secondReference = (
      (await db.dataSource.query(`SELECT reference FROM application WHERE id = $1`, [second])) as {
        reference: string;
      }[]
    )[0]!.reference;
    await page.getByRole('button', { name: `${secondReference} anpassen` }).click();
    await page.getByLabel('Vorgesehener Betrag').fill('6.000,00');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Dieses Feld ist erforderlich.').first().waitFor();
    await page.getByLabel('Begründung der Änderung').fill('Nur das erste Projektjahr');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await summary
      .getByText('Ausgewählt: 56.000,00 € von 56.000,00 € (2 Anträge); verbleibend 0,00 €')
      .waitFor();

    await page.getByLabel('Bezeichnung').fill('Budget 55.000 €');
    await page.getByLabel(/Anderes Budget/).fill('55.000,00');
    await page.getByRole('button', { name: 'Szenario hinzufügen' }).click();
    const comparison = page.getByTestId('scenario-comparison');
    await comparison.getByRole('columnheader', { name: 'Budget 55.000 €' }).waitFor();
    await comparison.getByText('50.000,00 € von 55.000,00 € (1 Antrag)').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Prioritätenliste beschließen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Beschließen' }).click();
    await page.getByText(/Die Prioritätenliste ist am .* beschlossen worden/).waitFor();
    const states = (await db.dataSource.query(
      `SELECT state FROM application WHERE id = ANY($1::uuid[]) ORDER BY state`,
      [[first, second]],
    )) as { state: string }[];
    expect(states.map((s) => s.state)).toEqual(['selected', 'selected']);
  });
});
