/// <reference lib="dom" />
import type { TestDatabase } from '@kiezfonds/testing';
import type { Browser } from 'playwright-core';
import { ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee } from '../../apps/api/src/testing/committee-world';
import { axeViolations, type BrowserApi, signedInAt, startBrowserApi, settled } from './browser-harness';

/**
 * Issue 7's acceptance: the coordinator runs a session in the browser, from attendance to the
 * decision. The session and its agenda are set up over the API; the live view is under test.
 */
describe('a committee session in the browser, from attendance to decision', () => {
  let harness: BrowserApi;
  let db: TestDatabase;
  let browser: Browser;
  let baseUrl: string;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;
  let sessionId: string;

  beforeAll(async () => {
    harness = await startBrowserApi();
    ({ db, browser, baseUrl } = harness);
    world = await ApplicationWorld.create(harness.app.getHttpServer(), db.dataSource);
    ag = await createCommittee(world);
    const callId = (await world.openCall()).id;
    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    // The first voting member sits on the carrier's board.
    await world
      .post(ag.voters[0]!, `/api/committees/${ag.committeeId}/conflicts`)
      .send({ applicationId: id, reason: 'Vorstandsmitglied des Trägers' })
      .expect(201);
    sessionId = (
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/sessions`)
        .send({
          title: '3. Sitzung 2027',
          startsAt: '2027-02-10T16:00:00+01:00',
          place: 'Rathaus Spandau, Raum 210',
          applicationIds: [id],
        })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('records attendance, shows the quorum live, takes the roll call and records the decision', async () => {
    const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}/sitzungen`);
    await page.waitForURL(`${baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(world.coordinator.user.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${baseUrl}/sitzungen`);
    await page.getByRole('link', { name: 'AG Stabile Kieze: 3. Sitzung 2027' }).click();
    await page.waitForURL(`${baseUrl}/sitzungen/${sessionId}`);
    await page.getByRole('heading', { level: 1, name: 'AG Stabile Kieze: 3. Sitzung 2027' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Einladung versenden' }).click();
    await page.getByText(/Die Einladung ist am .* an alle Mitglieder gegangen/).waitFor();
    await page.getByRole('button', { name: 'Sitzung eröffnen' }).click();
    await page.getByText('Die Sitzung läuft.').waitFor();
    await page.getByText('Nicht beschlussfähig: 0 von 5').waitFor();
    // The box changes when the server has recorded the attendance; the quorum line follows.
    for (const [index, voter] of ag.voters.entries()) {
      await page.getByLabel(new RegExp(`^${voter.user.displayName} `)).click();
      const line = index + 1 >= 4 ? 'Beschlussfähig' : 'Nicht beschlussfähig';
      await page.getByText(`${line}: ${index + 1} von 5`).waitFor();
    }
    expect(await page.getByLabel(new RegExp(`^${ag.voters[0]!.user.displayName} `)).isChecked()).toBe(true);
    await page.getByText('Beschlussfähig: 5 von 5').waitFor();

    await page.getByRole('button', { name: 'Abstimmung zu „Kiezküchen verbinden“ eröffnen' }).click();
    const rollCall = page.getByRole('table', { name: 'Namentliche Abstimmung zu „Kiezküchen verbinden“' });
    await rollCall.waitFor();
    const recused = ag.voters[0]!.user.displayName;
    await rollCall
      .getByRole('row', { name: new RegExp(recused) })
      .getByText('befangen – nicht mitgewirkt')
      .waitFor();
    expect(await page.getByRole('button', { name: `${recused}: Ja` }).count()).toBe(0);
    // A member in the room casts their own vote from their own screen.
    const member = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    member.setDefaultTimeout(10_000);
    await member.goto(`${baseUrl}/sitzungen/${sessionId}`);
    await member.waitForURL(`${baseUrl}/anmelden`);
    await member.getByLabel('E-Mail-Adresse').fill(ag.voters[1]!.user.email);
    await member.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await member.getByRole('button', { name: 'Anmelden' }).click();
    await member.waitForURL(`${baseUrl}/sitzungen/${sessionId}`);
    // The button names the member whose vote it is.
    await member.getByRole('button', { name: `${ag.voters[1]!.user.displayName}: Mit Ja stimmen` }).click();
    await member.getByText('Ihre Stimme: Ja.').waitFor();
    expect(await axeViolations(member)).toEqual([]);

    const choices = ['Ja', 'Ja', 'Nein'];
    for (const [index, choice] of choices.entries()) {
      const name = ag.voters[index + 2]!.user.displayName;
      await page.getByRole('button', { name: `${name}: ${choice}` }).click();
      await rollCall
        .getByRole('row', { name: new RegExp(name) })
        .getByText(choice, { exact: true })
        .waitFor();
    }
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Abstimmung zu „Kiezküchen verbinden“ schließen' }).click();
    await page.getByText('Angenommen.').waitFor();
    await page.getByText('Ja 3 · Nein 1 · Enthaltung 0 · befangen 1').waitFor();
    await page.getByRole('button', { name: 'Sitzung schließen' }).click();
    await page.getByText('Die Sitzung ist geschlossen.').waitFor();
    await page.getByRole('button', { name: 'Protokoll an die Mitglieder senden' }).click();
    await page.getByText(/Das Protokoll ist am .* an die Mitglieder gegangen/).waitFor();
    await member.reload();
    await member.getByRole('link', { name: 'Protokoll (PDF)' }).waitFor();

    const [decision] = (await db.dataSource.query(
      `SELECT outcome, closed_because FROM committee_vote WHERE session_id = $1`,
      [sessionId],
    )) as { outcome: string; closed_because: string }[];
    expect(decision).toEqual({ outcome: 'adopted', closed_because: 'closed_in_session' });
  });

  it('lets the coordinator set the rules and add a substitute on the committees page', async () => {
    const newcomer = await world.staff('board_member');
    const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}/gremien`);
    await page.waitForURL(`${baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(world.coordinator.user.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${baseUrl}/gremien`);
    await page.getByRole('heading', { level: 2, name: 'AG Stabile Kieze (AG SK)' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A numerator above the denominator is refused next to the field.
    await page.getByLabel('Beschlussfähig ab (Zähler)').fill('4');
    await page.getByRole('button', { name: 'Regeln speichern' }).click();
    await page.getByText('Der Zähler darf nicht größer als der Nenner (3) sein.').first().waitFor();
    await page.getByLabel('Beschlussfähig ab (Zähler)').fill('1');
    await page.getByLabel('von (Nenner)').fill('2');
    await page.getByLabel('Erforderliche Mehrheit').selectOption('simple');
    await page.getByRole('button', { name: 'Regeln speichern' }).click();
    await page.getByText('Die Beschlussregeln sind gespeichert.').waitFor();
    const [saved] = (await db.dataSource.query(
      `SELECT quorum_numerator, quorum_denominator, majority FROM committee WHERE id = $1`,
      [ag.committeeId],
    )) as { quorum_numerator: number; quorum_denominator: number; majority: string }[];
    expect(saved).toEqual({ quorum_numerator: 1, quorum_denominator: 2, majority: 'simple' });

    const substituted = ag.voters[2]!.user.displayName;
    await page
      .getByLabel('Person')
      .selectOption({ label: `${newcomer.user.displayName} (${newcomer.user.email})` });
    await page.getByLabel('Fachbereich').fill('Soziales');
    await page.getByLabel('Mitwirkung').selectOption({ label: `Vertretung für ${substituted}` });
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    await page
      .getByRole('row', { name: new RegExp(newcomer.user.displayName) })
      .getByText(`Vertretung für ${substituted}`)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});

/**
 * A district whose committee has no session yet: the coordinator plans the first one in the
 * browser, from the sessions page's empty state to the new session's page; members are told who
 * plans sessions.
 */
describe('planning a committee session in the browser', () => {
  let harness: BrowserApi;
  let world: ApplicationWorld;
  let inReview: string;
  let withdrawnLater: string;

  beforeAll(async () => {
    harness = await startBrowserApi();
    world = await ApplicationWorld.create(harness.app.getHttpServer(), harness.db.dataSource);
    await createCommittee(world, { votingMembers: 2 });
    const callId = (await world.openCall()).id;
    const review = async () => {
      const { id } = await world.draft(callId);
      await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
      await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
      return id;
    };
    inReview = await review();
    withdrawnLater = await review();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('tells a member without sessions that the coordination plans them', async () => {
    const page = await signedInAt(harness, world.boardMember.user.email, PASSWORD, '/sitzungen');
    await page.getByText('Es ist noch keine Sitzung geplant.').waitFor();
    const main = await page.locator('main').innerText();
    expect(main).toContain('Es ist noch keine Sitzung geplant.');
    expect(main).toContain('Sitzungen plant die Koordination');
    expect(await page.locator('main').getByRole('link', { name: 'Sitzung planen' }).count()).toBe(0);
    await page.context().close();
  });

  it('lets the coordinator plan a session from the empty sessions page, with the API’s refusals at the fields', async () => {
    const page = await signedInAt(harness, world.coordinator.user.email, PASSWORD, '/sitzungen');
    await page.getByText('Es ist noch keine Sitzung geplant.').waitFor();
    await page.locator('main').getByRole('link', { name: 'Sitzung planen' }).click();
    await page.waitForURL(`${harness.baseUrl}/sitzungen/neu`);
    await page.getByRole('heading', { level: 1, name: 'Sitzung planen' }).waitFor();
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    // Nothing filled in: the summary takes focus and every required field says what it needs.
    await page.getByRole('button', { name: 'Sitzung planen' }).click();
    await page.getByRole('heading', { name: 'Bitte prüfen Sie Ihre Eingaben' }).waitFor();
    expect(await page.locator('#sitzung-titel-error').innerText()).toContain('Titel');
    expect(await page.locator('#sitzung-beginn-error').isVisible()).toBe(true);
    expect(await page.locator('#sitzung-ort-error').isVisible()).toBe(true);
    expect(await page.locator('#sitzung-tagesordnung-error').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.title)).toMatch(/^Fehler:/);

    await page.getByLabel('Titel', { exact: true }).fill('1. Sitzung 2027');
    await page.getByLabel('Tag').fill('2027-02-10');
    await page.getByLabel('Uhrzeit').fill('16:00');
    await page.getByLabel('Ort').fill('Rathaus Spandau, Raum 210');
    const agenda = page.getByRole('group', { name: 'Tagesordnung' });
    await agenda.getByRole('checkbox').nth(0).check();
    await agenda.getByRole('checkbox').nth(1).check();
    // One of them leaves the committee while the form is open: the API's 400 lands at the agenda.
    await world.event(world.carrier, withdrawnLater, { type: 'WITHDRAW' }).expect(200);
    await page.getByRole('button', { name: 'Sitzung planen' }).click();
    const [{ reference }] = (await harness.db.dataSource.query(
      `SELECT reference FROM application WHERE id = $1`,
      [withdrawnLater],
    )) as [{ reference: string }];
    const refusal = page.locator('#sitzung-tagesordnung-error');
    await refusal.getByText(/liegt dem Gremium nicht vor/).waitFor();
    expect(await refusal.innerText()).toContain(reference);
    expect(page.url()).toBe(`${harness.baseUrl}/sitzungen/neu`);

    await agenda.getByLabel(new RegExp(reference)).uncheck();
    expect(await agenda.getByRole('checkbox', { checked: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Sitzung planen' }).click();
    await page.waitForURL(/\/sitzungen\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'AG Stabile Kieze: 1. Sitzung 2027' }).waitFor();
    const sessions = (await harness.db.dataSource.query(
      `SELECT s.title, s.place, s.starts_at, array_agg(i.application_id) AS agenda
         FROM committee_session s JOIN session_agenda_item i ON i.session_id = s.id GROUP BY s.id`,
    )) as { title: string; place: string; starts_at: Date; agenda: string[] }[];
    expect(sessions).toEqual([
      {
        title: '1. Sitzung 2027',
        place: 'Rathaus Spandau, Raum 210',
        starts_at: new Date('2027-02-10T15:00:00Z'),
        agenda: [inReview],
      },
    ]);
    await page.context().close();
  });

  it('tells the coordinator of a district without a committee who sets one up', async () => {
    const neukoelln = await ApplicationWorld.create(harness.app.getHttpServer(), harness.db.dataSource, {
      name: 'Neukölln',
    });
    const page = await signedInAt(harness, neukoelln.coordinator.user.email, PASSWORD, '/gremien');
    await page.getByText('In Ihrem Bezirk ist noch kein Gremium angelegt.').waitFor();
    expect(await page.locator('main').innerText()).toContain(
      'Wenden Sie sich an die Administration Ihres Bezirks',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${harness.baseUrl}/sitzungen/neu`);
    await page
      .getByText(/noch kein Gremium angelegt, deshalb können Sie noch keine Sitzung planen/)
      .waitFor();
    expect(await page.getByRole('link', { name: 'Zu den Gremien' }).getAttribute('href')).toBe('/gremien');
    await page.context().close();
  });
});
