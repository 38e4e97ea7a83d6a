/// <reference lib="dom" />
import type { TestDatabase } from '@kiezfonds/testing';
import type { Browser, Page } from 'playwright-core';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee } from '../../apps/api/src/testing/committee-world';
import {
  axeViolations,
  type BrowserApi,
  horizontalOverflow,
  startBrowserApi,
  settled,
} from './browser-harness';

/**
 * Issue 15, deliverable 6: the members' voting screens. A written ballot is confirmed before it is
 * cast and can be changed until the vote closes; every vote button names the member whose vote it
 * is; advisory members see why they have no buttons; the coordinator is warned before opening a
 * roll call without a quorum. Used by keyboard, at 320 px wide, without axe violations.
 */
describe('the voting screens in the browser', () => {
  let harness: BrowserApi;
  let db: TestDatabase;
  let browser: Browser;
  let baseUrl: string;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;
  let applicationId: string;
  let voteId: string;
  /** A second application in review, on the session's agenda. */
  let sessionItem: string;
  /** A third one, on the agenda of the session whose live view races a vote. */
  let liveItem: string;

  beforeAll(async () => {
    harness = await startBrowserApi();
    ({ db, browser, baseUrl } = harness);
    world = await ApplicationWorld.create(harness.app.getHttpServer(), db.dataSource);
    ag = await createCommittee(world);
    await db.dataSource.query(`UPDATE app_user SET display_name = 'Ayşe Güneş' WHERE id = $1`, [
      ag.voters[1]!.user.id,
    ]);
    const callId = (await world.openCall()).id;
    applicationId = (await world.draft(callId)).id;
    await world.event(world.carrier, applicationId, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, applicationId, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    sessionItem = (await world.draft(callId)).id;
    await world.event(world.carrier, sessionItem, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, sessionItem, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    liveItem = (await world.draft(callId)).id;
    await world.event(world.carrier, liveItem, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, liveItem, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    voteId = (
      await world
        .post(world.coordinator, `/api/applications/${applicationId}/written-votes`)
        .send({
          motion: 'Förderung empfehlen',
          deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function signedIn(actor: Actor, path: string, width = 1280): Promise<Page> {
    const page = await (
      await browser.newContext({ locale: 'de-DE', viewport: { width, height: 900 } })
    ).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}${path}`);
    await page.waitForURL(`${baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(actor.user.email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${baseUrl}${path}`);
    await settled(page);
    return page;
  }

  /** A session of the AG on `agendaItem`, opened, with `present` (member ids) marked present. */
  async function openSession(
    title: string,
    startsAt: string,
    agendaItem: string,
    present: readonly string[],
  ): Promise<string> {
    const sessionId = (
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/sessions`)
        .send({ title, startsAt, place: 'Rathaus Spandau, Raum 210', applicationIds: [agendaItem] })
        .expect(201)
    ).body.id as string;
    await world.post(world.coordinator, `/api/sessions/${sessionId}/open`).send({}).expect(200);
    for (const memberId of present) {
      await world
        .post(world.coordinator, `/api/sessions/${sessionId}/attendance`)
        .send({ memberId, present: true })
        .expect(200);
    }
    return sessionId;
  }

  it('asks before a written ballot is cast and lets the member change it, by keyboard, at 320 px', async () => {
    const page = await signedIn(ag.voters[1]!, `/eingang/${applicationId}`, 320);
    await page.getByRole('heading', { name: 'Abstimmungen im Gremium' }).waitFor();
    const yes = page.getByRole('button', { name: 'Mit Ja stimmen – Stimme von Ayşe Güneş' });
    await yes.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Stimme abgeben' });
    await dialog.getByText('Ayşe Güneş, Sie stimmen „Ja“.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Stimme „Ja“ abgeben' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Sie haben abgestimmt: Ja.').waitFor();
    expect(await horizontalOverflow(page)).toBeNull();

    // Changed before the deadline, again with a confirmation; the count takes the latest ballot.
    await page.getByRole('button', { name: 'Mit Nein stimmen – Stimme von Ayşe Güneş' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Stimme „Nein“ abgeben' }).click();
    await page.getByText('Sie haben abgestimmt: Nein.').waitFor();
    expect(await page.getByRole('button', { name: /Mit Nein stimmen/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeNull();
    const [ballot] = (await db.dataSource.query(
      `SELECT choice FROM committee_ballot_counted WHERE vote_id = $1 AND committee_member_id = $2`,
      [voteId, ag.voterMemberIds[1]],
    )) as { choice: string }[];
    expect(ballot!.choice).toBe('no');
  });

  it('shows an advisory member why there are no vote buttons', async () => {
    const page = await signedIn(ag.advisor, `/eingang/${applicationId}`, 320);
    await page
      .getByText(
        'Sie sind beratendes Mitglied des Gremiums: Sie wirken an der Beratung mit, haben aber kein Stimmrecht.',
      )
      .waitFor();
    expect(await page.getByRole('button', { name: /stimmen|Enthalten/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeNull();
  });

  it("keeps a member's cast vote when the live view's refresh, sent before the vote, answers after it", async () => {
    const sessionId = await openSession(
      '5. Sitzung 2027',
      '2027-04-14T16:00:00+02:00',
      liveItem,
      ag.voterMemberIds.slice(0, 4),
    );
    const session = (await world.get(world.coordinator, `/api/sessions/${sessionId}`).expect(200)).body as {
      items: { id: string }[];
    };
    await world
      .post(world.coordinator, `/api/sessions/${sessionId}/items/${session.items[0]!.id}/vote`)
      .send({})
      .expect(200);

    const member = await signedIn(ag.voters[2]!, `/sitzungen/${sessionId}`);
    const yes = member.getByRole('button', { name: /: Mit Ja stimmen$/ });
    await yes.waitFor();
    // The view's next refresh reads the session before the vote and is answered only after it.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = new Promise<void>((resolve) => {
      let first = true;
      void member.route(`${baseUrl}/api/sessions/${sessionId}`, async (route) => {
        if (!first || route.request().method() !== 'GET') return route.continue();
        first = false;
        const before = await route.fetch();
        resolve();
        await released;
        await route.fulfill({ response: before });
      });
    });
    await held;
    await yes.click();
    await member.getByText('Ihre Stimme: Ja.').waitFor();
    release();
    await settled(member);
    expect(await member.getByText('Ihre Stimme: Ja.').count()).toBe(1);
    expect(await member.getByRole('button', { name: /: Mit (Ja|Nein) stimmen$/ }).count()).toBe(0);
    await member.context().close();
  });

  it('warns the coordinator before a roll call without a quorum, and names the member on each vote button', async () => {
    const sessionId = await openSession('4. Sitzung 2027', '2027-03-10T16:00:00+01:00', sessionItem, [
      ...ag.voterMemberIds.slice(1, 3),
      ag.advisorMemberId,
    ]);

    const page = await signedIn(world.coordinator, `/sitzungen/${sessionId}`);
    await page
      .getByText(/Das Gremium ist nicht beschlussfähig\. Eine Abstimmung jetzt führt zu keiner Entscheidung/)
      .waitFor();
    await page.getByRole('button', { name: 'Abstimmung zu „Kiezküchen verbinden“ eröffnen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Abstimmung ohne Beschlussfähigkeit eröffnen?' });
    await dialog.getByText(/Anwesend sind 2 von 5 stimmberechtigten Mitgliedern, nötig sind 4/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Trotzdem eröffnen' }).click();
    await page.getByRole('table', { name: 'Namentliche Abstimmung zu „Kiezküchen verbinden“' }).waitFor();

    const member = await signedIn(ag.voters[1]!, `/sitzungen/${sessionId}`, 320);
    await member.getByRole('button', { name: 'Ayşe Güneş: Mit Ja stimmen' }).waitFor();
    expect(await axeViolations(member)).toEqual([]);
    expect(await horizontalOverflow(member)).toBeNull();
    const advisor = await signedIn(ag.advisor, `/sitzungen/${sessionId}`, 320);
    await advisor
      .getByText('Sie sind beratendes Mitglied: Sie wirken an der Beratung mit, haben aber kein Stimmrecht.')
      .waitFor();
    expect(await advisor.getByRole('button', { name: /stimmen|Enthalten/ }).count()).toBe(0);
    expect(await horizontalOverflow(advisor)).toBeNull();
  });
});
