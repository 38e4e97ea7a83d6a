import { createOrganisation } from '@kiezfonds/testing';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';
import {
  type CommitteeSetUp,
  createCommittee,
  decideInWriting,
  finalisePlan,
} from '../testing/committee-world';

/**
 * Issue 5, deliverable 5, as the lifecycle runs it: submitting and approving a Netzwerkfonds
 * application check the carrier's tracked projects in the other funds and record the warning.
 */
describe('the double-funding check on submission and approval', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let callId: string;
  let projectId: string;
  let ag: CommitteeSetUp;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Charlottenburg' });
    callId = (await world.openCall()).id;
    ag = await createCommittee(world, { votingMembers: 1 });
    const fund = (
      await world
        .post(world.finance, '/api/funds')
        .send({ districtId: world.district.id, kind: 'aktionsfonds', areaId: world.areaIds[0] })
        .expect(201)
    ).body as { id: string };
    await world
      .post(world.finance, `/api/funds/${fund.id}/ledger`)
      .send({ kind: 'budget', programmeYear: 2027, amountCents: '1000000' })
      .expect(201);
    projectId = (
      await world
        .post(world.finance, `/api/funds/${fund.id}/projects`)
        .send({
          organisationId: world.organisation.id,
          title: 'Hoffest im Falkenhagener Feld',
          areaId: world.areaIds[0],
          actionFieldId: world.actionFieldIds[0],
          decisionDate: '2026-10-01',
          // Overlaps the application's period (01.03.2027 – 31.12.2028).
          periodStart: '2027-01-01',
          periodEnd: '2027-06-30',
          amountCents: '250000',
        })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await api.close();
  });

  async function warnings(applicationId: string): Promise<{ actor_id: string }[]> {
    return (await api.db.dataSource.query(
      `SELECT actor_id FROM audit_event
        WHERE entity_type = 'application' AND entity_id = $1 AND action = 'double_funding_warning'
        ORDER BY occurred_at`,
      [applicationId],
    )) as { actor_id: string }[];
  }

  it('records a warning when the carrier submits and again when the coordinator approves', async () => {
    const { id } = await world.draft(callId);
    expect(await warnings(id)).toEqual([]);

    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    expect(await warnings(id)).toEqual([{ actor_id: world.carrier.user.id }]);
    const listed = await world.get(world.coordinator, `/api/applications/${id}/double-funding`).expect(200);
    expect(JSON.stringify(listed.body)).toContain(projectId);

    for (const type of ['PASS_FORMAL_CHECK', 'START_PLANNING']) {
      await world.event(world.coordinator, id, { type }).expect(200);
    }
    await decideInWriting(world, ag, id);
    await finalisePlan(world, callId);
    await world
      .event(world.coordinator, id, { type: 'RECORD_SENATE_SELECTION', amountCents: '5000000' })
      .expect(200);
    await world
      .event(world.coordinator, id, {
        type: 'APPROVE',
        reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
      })
      .expect(200);
    expect(await warnings(id)).toEqual([
      { actor_id: world.carrier.user.id },
      { actor_id: world.coordinator.user.id },
    ]);
  });

  it("shows the warning in the timeline to the district's office only, not to the carrier or the board", async () => {
    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    const actions = async (actor: typeof world.carrier) =>
      (
        (await world.get(actor, `/api/applications/${id}/history`).expect(200)).body.items as {
          action: string;
        }[]
      ).map((item) => item.action);
    for (const office of [world.coordinator, world.finance, await world.staff('admin')]) {
      expect(await actions(office)).toContain('double_funding_warning');
    }
    expect(await actions(world.carrier)).not.toContain('double_funding_warning');
    expect(await actions(world.boardMember)).not.toContain('double_funding_warning');
    // The rest of the timeline stays the carrier's to read.
    expect(await actions(world.carrier)).toContain('transition');
  });

  it("leaves the office's warning out of the personal data export of the carrier whose submission triggered it", async () => {
    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    expect(await warnings(id)).toHaveLength(1);
    const exported = await world.get(world.carrier, '/api/me/export').expect(200);
    const body = (exported.body.auditEvents ? exported.body : JSON.parse(exported.text)) as {
      auditEvents: { entityId: string; action: string }[];
    };
    const own = body.auditEvents.filter((e) => e.entityId === id).map((e) => e.action);
    expect(own.length).toBeGreaterThan(0);
    expect(own).not.toContain('double_funding_warning');
  });

  it("shows the office no double-funding report of a carrier's draft, which is 404 to it as the draft itself", async () => {
    const { id } = await world.draft(callId);
    for (const office of [world.coordinator, world.finance]) {
      await world.get(office, `/api/applications/${id}`).expect(404);
      const report = await world.get(office, `/api/applications/${id}/double-funding`);
      expect([report.status, report.body.code]).toEqual([404, 'application_not_found']);
    }
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    await world.get(world.finance, `/api/applications/${id}/double-funding`).expect(200);
  });

  it('records nothing for a carrier without tracked projects in other funds', async () => {
    const organisation = await createOrganisation(api.db.dataSource);
    const carrier = await world.carrierMember(organisation);
    const { id } = (
      await world
        .post(carrier, '/api/applications')
        .send({ callId, organisationId: organisation.id, title: 'Lesepat:innen in beiden Kiezen' })
        .expect(201)
    ).body as { id: string };
    await world
      .put(carrier, `/api/applications/${id}/content`)
      .send({ version: 1, content: world.completeContent() })
      .expect(200);
    await world.event(carrier, id, { type: 'SUBMIT' }).expect(200);
    expect(await warnings(id)).toEqual([]);
  });
});
