import { formatDateTime } from '@kiezfonds/domain';
import { binaryBody, pdfText } from '@kiezfonds/testing';
import { type Actor, ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

/** The names as written; the PDF must carry them exactly. */
const NAMES = ['Mehmet Yılmaz', 'Łukasz Wróbel', 'Ayşe Güneş', 'Nguyễn Văn An', 'Jörg Weiß'] as const;
const SUBSTITUTE = 'Zoë Brückner';

/**
 * Issue 15, deliverables 3 and 4: each vote keeps the committee's rules as they were when it
 * opened, a rule change while a session or vote is open is refused, and the minutes print what
 * was recorded: the stored rules, attendance per agenda item, the actual opening and closing
 * times, substitutes with whom they stand in for, recusals, every vote by name and the rule that
 * produced each result.
 */
describe('minutes that match the record', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let callId: string;
  let ag: CommitteeSetUp;
  let substitute: Actor;
  let substituteId: string;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    callId = (await world.openCall()).id;
    // Two thirds present, two thirds of the votes cast, abstentions count as cast.
    ag = await createCommittee(world);
    for (const [index, voter] of ag.voters.entries()) {
      await world.db.query(`UPDATE app_user SET display_name = $2 WHERE id = $1`, [
        voter.user.id,
        NAMES[index],
      ]);
    }
    // Jörg Weiß (Stadtentwicklung) has a substitute.
    substitute = await world.staff('board_member');
    await world.db.query(`UPDATE app_user SET display_name = $2 WHERE id = $1`, [
      substitute.user.id,
      SUBSTITUTE,
    ]);
    const [row] = (await world.db.query(
      `INSERT INTO committee_member (committee_id, user_id, department, voting, valid_from, substitute_for_id)
       VALUES ($1, $2, 'Stadtentwicklung', true, '2026-01-01', $3) RETURNING id`,
      [ag.committeeId, substitute.user.id, ag.voterMemberIds[4]],
    )) as { id: string }[];
    substituteId = row!.id;
  });

  afterAll(async () => {
    await api.close();
  });

  async function inReview(): Promise<string> {
    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    return id;
  }

  const post = (path: string, body: Record<string, unknown> = {}) =>
    world.post(world.coordinator, path).send(body);
  const setRules = (rules: Record<string, unknown>) =>
    world.put(world.coordinator, `/api/committees/${ag.committeeId}/rules`).send(rules);
  const LENIENT = {
    quorumNumerator: 1,
    quorumDenominator: 2,
    majority: 'simple',
    abstentionsCountAsCast: false,
  };

  it('refuses a rule change while a written vote is open, and keeps the rules it opened with', async () => {
    const applicationId = await inReview();
    const vote = (
      await post(`/api/applications/${applicationId}/written-votes`, {
        motion: 'Förderung empfehlen',
        deadline: new Date(Date.now() + 86_400_000).toISOString(),
      }).expect(201)
    ).body as { id: string };
    const refused = await setRules(LENIENT).set('Accept-Language', 'de').expect(409);
    expect(refused.body.code).toBe('rules_locked_while_deciding');
    expect(refused.body.message).toMatch(/Abstimmung/);

    // Three yes, two abstain: cast 5 with abstentions counted, 3 × 3 < 5 × 2: rejected.
    for (const [index, choice] of ['yes', 'yes', 'yes', 'abstain', 'abstain'].entries()) {
      await world
        .post(ag.voters[index]!, `/api/written-votes/${vote.id}/ballots`)
        .send({ choice })
        .expect(201);
    }
    const closed = (await world.get(world.coordinator, `/api/written-votes/${vote.id}`).expect(200)).body;
    expect(closed).toMatchObject({
      state: 'closed',
      outcome: 'rejected',
      rules: { abstentionsCountAsCast: true },
    });

    // Once nothing is open the rules may change; the closed vote's minutes keep the old ones.
    await setRules(LENIENT).expect(200);
    const text = await pdfText(
      (
        await world
          .get(world.coordinator, `/api/written-votes/${vote.id}/minutes.pdf`)
          .parse(binaryBody)
          .expect(200)
      ).body as Buffer,
    );
    const flowing = text.replace(/\n/g, ' ');
    expect(flowing).toContain('Enthaltungen zählen als abgegebene Stimmen');
    expect(flowing).toContain('Abgegeben 5 Stimmen (Enthaltungen mitgezählt)');
    expect(flowing).toContain('Erforderlich Zwei-Drittel-Mehrheit der abgegebenen Stimmen');
    await setRules({
      ...LENIENT,
      quorumNumerator: 2,
      quorumDenominator: 3,
      majority: 'two_thirds',
      abstentionsCountAsCast: true,
    }).expect(200);
  });

  it('prints a session as it happened: rules, attendance per item, real times, substitutes, recusals, votes by name', async () => {
    const [first, second] = [await inReview(), await inReview()];
    const [yilmaz, wrobel, gunes, nguyen, weiss] = ag.voterMemberIds as [
      string,
      string,
      string,
      string,
      string,
    ];
    // Ayşe Güneş sits on the board of the second application's carrier… declared for that application only.
    await world
      .post(ag.voters[2]!, `/api/committees/${ag.committeeId}/conflicts`)
      .send({ applicationId: second, reason: 'Vorstandsmitglied' })
      .expect(201);
    const session = (
      await post(`/api/committees/${ag.committeeId}/sessions`, {
        title: '5. Sitzung 2027',
        startsAt: '2030-03-01T09:00:00+01:00',
        place: 'Rathaus Spandau, Raum 210',
        applicationIds: [first, second],
      }).expect(201)
    ).body as { id: string; items: { id: string }[] };
    const opened = Date.now();
    await post(`/api/sessions/${session.id}/open`).expect(200);

    const refused = await setRules(LENIENT).expect(409);
    expect(refused.body.code).toBe('rules_locked_while_deciding');

    // Item 1: Nguyễn Văn An has not arrived yet; Zoë Brückner holds Jörg Weiß's seat.
    for (const memberId of [yilmaz, wrobel, gunes, ag.advisorMemberId]) {
      await post(`/api/sessions/${session.id}/attendance`, { memberId, present: true }).expect(200);
    }
    await post(`/api/sessions/${session.id}/attendance`, {
      memberId: substituteId,
      present: true,
      substituteForId: weiss,
    }).expect(200);
    const one = (await post(`/api/sessions/${session.id}/items/${session.items[0]!.id}/vote`).expect(200))
      .body.items[0].vote;
    for (const [memberId, choice] of [
      [yilmaz, 'yes'],
      [wrobel, 'abstain'],
      [gunes, 'yes'],
      [substituteId, 'yes'],
    ]) {
      await post(`/api/sessions/${session.id}/votes/${one.id}/ballots`, { memberId, choice }).expect(200);
    }
    await post(`/api/sessions/${session.id}/votes/${one.id}/close`).expect(200);

    // Item 2: Nguyễn Văn An arrives; Ayşe Güneş is recused.
    await post(`/api/sessions/${session.id}/attendance`, { memberId: nguyen, present: true }).expect(200);
    const two = (await post(`/api/sessions/${session.id}/items/${session.items[1]!.id}/vote`).expect(200))
      .body.items[1].vote;
    for (const [memberId, choice] of [
      [yilmaz, 'yes'],
      [wrobel, 'no'],
      [nguyen, 'yes'],
      [substituteId, 'yes'],
    ]) {
      await post(`/api/sessions/${session.id}/votes/${two.id}/ballots`, { memberId, choice }).expect(200);
    }
    await post(`/api/sessions/${session.id}/votes/${two.id}/close`).expect(200);
    const closed = (await post(`/api/sessions/${session.id}/close`).expect(200)).body;
    expect(closed.items[0].vote.rules).toEqual({
      quorumShare: { numerator: 2, denominator: 3 },
      majority: 'two_thirds',
      abstentionsCountAsCast: true,
    });

    // After the session the committee changes its rules; the minutes still print those it decided by.
    await setRules(LENIENT).expect(200);
    const text = await pdfText(
      (
        await world
          .get(world.coordinator, `/api/sessions/${session.id}/minutes.pdf`)
          .parse(binaryBody)
          .expect(200)
      ).body as Buffer,
    );
    const flowing = text.replace(/\n/g, ' ');
    const [, itemOne, itemTwo] = flowing.split(/TOP \d: /);

    for (const name of [...NAMES, SUBSTITUTE]) expect(flowing).toContain(name);
    expect(flowing).toContain('Enthaltungen zählen als abgegebene Stimmen');
    expect(flowing).not.toContain('Enthaltungen zählen nicht');
    // The real opening time, not the scheduled one (which was in 2030).
    const [{ opened_at, closed_at }] = (await world.db.query(
      `SELECT opened_at, closed_at FROM committee_session WHERE id = $1`,
      [session.id],
    )) as [{ opened_at: Date; closed_at: Date }];
    expect(opened_at.getTime()).toBeGreaterThanOrEqual(opened - 1000);
    expect(flowing).toContain(`Beginn ${formatDateTime(opened_at, 'de')}`);
    expect(flowing).toContain(`Ende ${formatDateTime(closed_at, 'de')}`);
    expect(flowing).toContain('Einberufen für 01.03.2030, 09:00 Uhr');

    // Item 1: Nguyễn Văn An was not there yet; the substitute voted for Jörg Weiß; abstentions counted.
    expect(itemOne).toContain('Nguyễn Văn An nicht anwesend');
    expect(itemOne).not.toContain('Nguyễn Văn An keine Stimme abgegeben');
    expect(itemOne).toContain(`${SUBSTITUTE} (in Vertretung für Jörg Weiß) Ja`);
    expect(itemOne).toContain('Łukasz Wróbel Enthaltung');
    expect(itemOne).toContain('Abgegeben 4 Stimmen (Enthaltungen mitgezählt)');
    expect(itemOne).toContain('Erforderlich Zwei-Drittel-Mehrheit der abgegebenen Stimmen');
    expect(itemOne).toContain('Ergebnis angenommen');
    // Item 2: everyone there; Ayşe Güneş recused.
    expect(itemTwo).toContain('Nguyễn Văn An Ja');
    expect(itemTwo).toContain('Wegen Befangenheit nicht mitgewirkt: Ayşe Güneş.');
    expect(itemTwo).toContain('Ayşe Güneş befangen – nicht mitgewirkt');
    expect(itemTwo).toContain('Mehmet Yılmaz Ja');
  });
});
