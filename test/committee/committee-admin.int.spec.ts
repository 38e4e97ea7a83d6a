import { createDistrict, createUser, grantRole } from '@kiezfonds/testing';
import { ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

/**
 * Issue 7, deliverable 1: committees with their rules and members over HTTP: quorum share,
 * majority and abstentions per committee; members voting or advisory, substitutes of voting
 * members, membership periods. Coordinators change them; members and other districts cannot.
 */
describe('committee administration', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    ag = await createCommittee(world);
  });

  afterAll(async () => {
    await api.close();
  });

  const rules = (body: Record<string, unknown>) =>
    world.put(world.coordinator, `/api/committees/${ag.committeeId}/rules`).send(body);

  it('lists the committee with its rules and members, for coordinators and members alike', async () => {
    const listed = (await world.get(world.coordinator, '/api/committees').expect(200)).body.items;
    expect(listed).toEqual([
      expect.objectContaining({
        id: ag.committeeId,
        districtId: world.district.id,
        name: 'AG Stabile Kieze',
        shortName: 'AG SK',
        rules: {
          quorumNumerator: 2,
          quorumDenominator: 3,
          majority: 'two_thirds',
          abstentionsCountAsCast: true,
        },
      }),
    ]);
    expect(listed[0].members).toHaveLength(6);
    expect((await world.get(ag.voters[2]!, `/api/committees/${ag.committeeId}`).expect(200)).body.id).toBe(
      ag.committeeId,
    );
    expect((await world.get(world.carrier, '/api/committees').expect(200)).body.items).toEqual([]);
    await world.get(world.carrier, `/api/committees/${ag.committeeId}`).expect(404);
  });

  it('changes the rules, refusing impossible ones with the field and rule, and audits the change', async () => {
    const bad = await rules({
      quorumNumerator: 4,
      quorumDenominator: 3,
      majority: 'unanimous',
      abstentionsCountAsCast: 'yes',
    })
      .set('Accept-Language', 'de')
      .expect(400);
    expect(bad.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`)).toEqual(
      expect.arrayContaining(['majority:isIn', 'abstentionsCountAsCast:isBoolean']),
    );
    expect(bad.body.details).toContainEqual(
      expect.objectContaining({
        field: 'majority',
        rule: 'isIn',
        message: 'Bitte wählen Sie einen der erlaubten Werte.',
      }),
    );
    const impossible = await rules({
      quorumNumerator: 4,
      quorumDenominator: 3,
      majority: 'simple',
      abstentionsCountAsCast: false,
    })
      .set('Accept-Language', 'de')
      .expect(400);
    expect(impossible.body.details).toEqual([
      {
        field: 'quorumNumerator',
        rule: 'notAboveDenominator',
        message: 'Der Zähler darf nicht größer als der Nenner (3) sein.',
      },
    ]);
    await world
      .put(ag.voters[0]!, `/api/committees/${ag.committeeId}/rules`)
      .send({ quorumNumerator: 1, quorumDenominator: 2, majority: 'simple', abstentionsCountAsCast: false })
      .expect(403);

    const changed = (
      await rules({
        quorumNumerator: 1,
        quorumDenominator: 2,
        majority: 'simple',
        abstentionsCountAsCast: false,
      }).expect(200)
    ).body;
    expect(changed.rules).toEqual({
      quorumNumerator: 1,
      quorumDenominator: 2,
      majority: 'simple',
      abstentionsCountAsCast: false,
    });
    const [audit] = (await world.db.query(
      `SELECT payload FROM audit_event WHERE action = 'committee_rules_changed'`,
    )) as { payload: { before: { majority: string } } }[];
    expect(audit!.payload.before.majority).toBe('two_thirds');
    // The live quorum of a session follows the new rules.
    await rules({
      quorumNumerator: 2,
      quorumDenominator: 3,
      majority: 'two_thirds',
      abstentionsCountAsCast: true,
    }).expect(200);
  });

  it('adds members and substitutes, refuses overlaps, and ends memberships', async () => {
    const newcomer = await world.staff('finance');
    const added = (
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
        .send({ userId: newcomer.user.id, department: 'Umweltamt', voting: true, validFrom: '2026-06-01' })
        .expect(201)
    ).body;
    const member = added.members.find((m: { userId: string }) => m.userId === newcomer.user.id);
    expect(member).toMatchObject({
      department: 'Umweltamt',
      voting: true,
      substituteForId: null,
      validTo: null,
    });
    // The new member works in the app as a board member of the district.
    const [role] = (await world.db.query(
      `SELECT count(*)::int AS n FROM role_assignment WHERE user_id = $1 AND role = 'board_member'`,
      [newcomer.user.id],
    )) as { n: number }[];
    expect(role!.n).toBe(1);

    const twice = await world
      .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
      .send({ userId: newcomer.user.id, department: 'Umweltamt', voting: true, validFrom: '2026-09-01' })
      .expect(409);
    expect(twice.body.code).toBe('membership_overlaps');

    const substitute = await world.staff('finance');
    const ofAdvisor = await world
      .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
      .send({
        userId: substitute.user.id,
        department: 'Quartiersmanagement',
        voting: false,
        validFrom: '2026-06-01',
        substituteForId: ag.advisorMemberId,
      })
      .expect(400);
    expect(ofAdvisor.body.details[0]).toMatchObject({ field: 'substituteForId', rule: 'votingMember' });
    const withSubstitute = (
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
        .send({
          userId: substitute.user.id,
          department: 'Umweltamt',
          voting: false,
          validFrom: '2026-06-01',
          substituteForId: member.id,
        })
        .expect(201)
    ).body;
    expect(
      withSubstitute.members.find((m: { userId: string }) => m.userId === substitute.user.id),
    ).toMatchObject({
      substituteForId: member.id,
      voting: true,
    });
    const unknown = await world
      .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
      .send({
        userId: '00000000-0000-4000-8000-000000000000',
        department: 'X',
        voting: true,
        validFrom: '2026-06-01',
      })
      .expect(400);
    expect(unknown.body.details[0]).toMatchObject({ field: 'userId', rule: 'exists' });
    const noSeat = await world
      .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
      .send({
        userId: (await world.staff('finance')).user.id,
        department: 'Umweltamt',
        voting: true,
        validFrom: '2026-06-01',
        substituteForId: '00000000-0000-4000-8000-000000000000',
      })
      .expect(400);
    expect(noSeat.body.details[0]).toMatchObject({ field: 'substituteForId', rule: 'exists' });

    // Board members sit on the committee but do not administer it.
    await world
      .post(ag.voters[0]!, `/api/committees/${ag.committeeId}/members`)
      .send({ userId: newcomer.user.id, department: 'Umweltamt', voting: true, validFrom: '2027-06-01' })
      .expect(403);
    await world
      .post(ag.voters[0]!, `/api/committees/${ag.committeeId}/members/${member.id}/end`)
      .send({ validTo: '2026-06-30' })
      .expect(403);

    // A membership that begins in the future is not yet a seat: no access through it.
    const future = await world.staff('board_member');
    await world
      .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
      .send({ userId: future.user.id, department: 'Kultur', voting: true, validFrom: '2099-01-01' })
      .expect(201);
    expect((await world.get(future, '/api/committees').expect(200)).body.items).toEqual([]);
    await world.get(future, `/api/committees/${ag.committeeId}`).expect(404);

    const early = await world
      .post(world.coordinator, `/api/committees/${ag.committeeId}/members/${member.id}/end`)
      .send({ validTo: '2026-05-31' })
      .expect(400);
    expect(early.body.details[0]).toMatchObject({ field: 'validTo', rule: 'notBeforeStart' });
    const ended = (
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/members/${member.id}/end`)
        .send({ validTo: '2026-06-30' })
        .expect(200)
    ).body;
    // Ended in the past: no longer among the current members.
    expect(ended.members.some((m: { id: string }) => m.id === member.id)).toBe(false);
    const again = await world
      .post(world.coordinator, `/api/committees/${ag.committeeId}/members/${member.id}/end`)
      .send({ validTo: '2026-07-31' })
      .expect(409);
    expect(again.body.code).toBe('membership_ended');
  });

  it("keeps other districts' staff out", async () => {
    const other = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Neukölln' });
    await other.get(other.coordinator, `/api/committees/${ag.committeeId}`).expect(404);
    await other
      .put(other.coordinator, `/api/committees/${ag.committeeId}/rules`)
      .send({ quorumNumerator: 1, quorumDenominator: 2, majority: 'simple', abstentionsCountAsCast: false })
      .expect(404);
    expect((await other.get(other.coordinator, '/api/committees').expect(200)).body.items).toEqual([]);
  });

  it("answers another district's staff member as an unknown id and grants them nothing", async () => {
    const neukoelln = await createDistrict(world.db, { name: 'Neukölln-Mitglied' });
    const elsewhere = await createUser(world.db, { displayName: 'Nora Neukölln' });
    await grantRole(world.db, elsewhere.id, 'finance', neukoelln.id);
    // The roles route keeps them out of reach; the committee must not be a way around it.
    await world
      .post(world.coordinator, `/api/users/${elsewhere.id}/roles`)
      .send({ role: 'board_member', districtId: world.district.id })
      .expect(404);
    const added = await world
      .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
      .send({ userId: elsewhere.id, department: 'Umweltamt', voting: true, validFrom: '2026-06-01' })
      .expect(400);
    expect(added.body.details[0]).toMatchObject({ field: 'userId', rule: 'exists' });
    const [role] = (await world.db.query(
      `SELECT count(*)::int AS n FROM role_assignment WHERE user_id = $1 AND district_id = $2`,
      [elsewhere.id, world.district.id],
    )) as { n: number }[];
    expect(role!.n).toBe(0);
  });

  describe('a seat bounds what its holder reads', () => {
    let inReview: string;

    beforeAll(async () => {
      inReview = (await world.draft((await world.openCall()).id)).id;
      await world.event(world.carrier, inReview, { type: 'SUBMIT' }).expect(200);
      await world.event(world.coordinator, inReview, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    });

    it('gives no access to the applications before the committee until it begins', async () => {
      const future = await world.staff('board_member');
      await world.get(future, `/api/applications/${inReview}`).expect(200);
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
        .send({ userId: future.user.id, department: 'Kultur', voting: true, validFrom: '2099-01-01' })
        .expect(201);
      await world.get(future, `/api/committees/${ag.committeeId}`).expect(404);
      await world.get(future, `/api/applications/${inReview}`).expect(404);
      expect((await world.get(future, '/api/applications').expect(200)).body.total).toBe(0);
      expect((await world.get(future, '/api/me').expect(200)).body.roles).toEqual([]);
    });

    it('ends access to them when it ends', async () => {
      const leaving = await world.staff('board_member');
      const added = (
        await world
          .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
          .send({
            userId: leaving.user.id,
            department: 'Jugend-Stellv',
            voting: true,
            validFrom: '2026-01-01',
          })
          .expect(201)
      ).body as { members: { id: string; userId: string }[] };
      const memberId = added.members.find((m) => m.userId === leaving.user.id)!.id;
      await world.get(leaving, `/api/applications/${inReview}`).expect(200);
      await world.get(leaving, `/api/applications/${inReview}/attachments`).expect(200);
      const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/members/${memberId}/end`)
        .send({ validTo: yesterday })
        .expect(200);
      await world.get(leaving, `/api/committees/${ag.committeeId}`).expect(404);
      await world.get(leaving, `/api/applications/${inReview}`).expect(404);
      await world.get(leaving, `/api/applications/${inReview}/attachments`).expect(404);
    });
  });
});
