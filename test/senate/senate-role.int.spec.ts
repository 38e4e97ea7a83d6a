import { createUser, setPassword, signIn } from '@kiezfonds/testing';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import {
  type CommitteeSetUp,
  createCommittee,
  decideInWriting,
  finalisePlan,
  inPlanning,
} from '../../apps/api/src/testing/committee-world';

/**
 * The Senate role (issue 21): Berlin-wide, it reads every district's calls, sent priority lists and
 * money, and records its selection on a list a district sent, itself; it writes nothing else.
 */
describe('the Senate sees every district and records its selection, and changes nothing else', () => {
  let api: TestApi;
  let spandau: ApplicationWorld;
  let neukoelln: ApplicationWorld;
  let senate: Actor;
  let ag: CommitteeSetUp;
  let sentCallId: string;
  let onSentList: string;

  beforeAll(async () => {
    api = await startTestApi();
    spandau = await ApplicationWorld.create(api.server, api.db.dataSource);
    neukoelln = await ApplicationWorld.create(api.server, api.db.dataSource, {
      name: 'Neukölln',
      budgetCents: '30000000',
    });
    const user = await createUser(api.db.dataSource, { displayName: 'Dr. Karin Albrecht' });
    await api.db.dataSource.query(`INSERT INTO role_assignment (user_id, role) VALUES ($1, 'senate')`, [
      user.id,
    ]);
    await setPassword(api.db.dataSource, user.id, PASSWORD);
    senate = { user, session: await signIn(api.server, user.email, PASSWORD) };

    ag = await createCommittee(spandau, { votingMembers: 1 });
    sentCallId = (await spandau.openCall()).id;
    onSentList = await inPlanning(spandau, sentCallId);
    await decideInWriting(spandau, ag, onSentList);
    await finalisePlan(spandau, sentCallId);
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  it('holds its role in every district, and says so in /api/me', async () => {
    const me = await spandau.get(senate, '/api/me').expect(200);
    const districts = (me.body.roles as { role: string; districtId: string }[])
      .filter((r) => r.role === 'senate')
      .map((r) => r.districtId)
      .sort();
    expect(districts).toEqual([spandau.district.id, neukoelln.district.id].sort());
  });

  it("reads both districts' funds, balances and exports", async () => {
    const funds = await spandau.get(senate, '/api/funds?programmeYear=2027&pageSize=100').expect(200);
    const budgets = new Map(
      (funds.body.items as { districtId: string; kind: string; balance: { budgetCents: string } }[])
        .filter((f) => f.kind === 'netzwerkfonds')
        .map((f) => [f.districtId, f.balance.budgetCents]),
    );
    expect(budgets).toEqual(
      new Map([
        [spandau.district.id, '50000000'],
        [neukoelln.district.id, '30000000'],
      ]),
    );
    for (const world of [spandau, neukoelln]) {
      await world.get(senate, `/api/districts/${world.district.id}/balances?programmeYear=2027`).expect(200);
      await world.get(senate, `/api/funds/${world.fundId}/years/2027`).expect(200);
      const xlsx = await world.get(
        senate,
        `/api/districts/${world.district.id}/balances.xlsx?programmeYear=2027`,
      );
      expect(xlsx.status).toBe(200);
    }
  });

  it('sees the list a district sent, not the planning before it', async () => {
    const plan = await spandau.get(senate, `/api/calls/${sentCallId}/programme-plan`).expect(200);
    expect((plan.body.items as { applicationId: string }[]).map((i) => i.applicationId)).toContain(
      onSentList,
    );
    const draftCall = (await spandau.openCall()).id;
    const drafted = await inPlanning(spandau, draftCall);
    await decideInWriting(spandau, ag, drafted);
    await spandau
      .put(spandau.coordinator, `/api/calls/${draftCall}/programme-plan`)
      .send({ budgetCents: '100000000', fillRule: 'skip_over' })
      .expect(200);
    await spandau.get(senate, `/api/calls/${draftCall}/programme-plan`).expect(404);
    await spandau.get(senate, `/api/applications/${drafted}`).expect(200);
    // Its list holds what reached planning in either district, never a draft.
    const draft = await spandau.draft(sentCallId);
    const list = await spandau.get(senate, '/api/applications?pageSize=100').expect(200);
    const ids = (list.body.items as { id: string }[]).map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([onSentList, drafted]));
    expect(ids).not.toContain(draft.id);
    await spandau.get(senate, `/api/applications/${draft.id}`).expect(404);
  });

  it('records its selection on a sent list itself: the same lifecycle event, citing the list', async () => {
    const res = await spandau
      .event(senate, onSentList, { type: 'RECORD_SENATE_SELECTION', amountCents: '1200000' })
      .expect(200);
    expect(res.body.state).toBe('selected');
    const [audit] = (await api.db.dataSource.query(
      `SELECT actor_id, payload FROM audit_event
        WHERE entity_id = $1 AND payload->>'event' = 'RECORD_SENATE_SELECTION'`,
      [onSentList],
    )) as { actor_id: string; payload: Record<string, unknown> }[];
    expect(audit).toMatchObject({ actor_id: senate.user.id, payload: { amountCents: '1200000' } });
    const [plan] = (await api.db.dataSource.query(
      `SELECT id FROM programme_plan WHERE call_id = $1 AND status = 'final'`,
      [sentCallId],
    )) as { id: string }[];
    expect(audit!.payload.planId).toBe(plan!.id);
    const detail = await spandau.get(spandau.coordinator, `/api/applications/${onSentList}`).expect(200);
    expect(detail.body.senateAmountCents).toBe('1200000');
  });

  it('may not approve, change a call, book in a ledger, edit an application, or invite anyone', async () => {
    const approve = await spandau.event(senate, onSentList, {
      type: 'APPROVE',
      reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
    });
    // The state allows an approval, but not by the Senate: forbidden, not a wrong state.
    expect({ status: approve.status, code: approve.body.code }).toEqual({
      status: 403,
      code: 'event_forbidden_for_role',
    });
    await spandau.patch(senate, `/api/calls/${sentCallId}`).send({ title: 'Vom Senat geändert' }).expect(403);
    await spandau
      .post(senate, `/api/funds/${spandau.fundId}/ledger`)
      .send({ kind: 'budget', programmeYear: 2027, amountCents: '100' })
      .expect(403);
    await spandau
      .put(senate, `/api/applications/${onSentList}/content`)
      .send({ version: 1, content: {} })
      .expect(403);
    await spandau
      .post(senate, '/api/invitations')
      .send({
        email: 'neu@example.org',
        displayName: 'Neu',
        language: 'de',
        role: 'coordinator',
        districtId: spandau.district.id,
      })
      .expect(403);
    const detail = await spandau.get(spandau.coordinator, `/api/applications/${onSentList}`).expect(200);
    expect(detail.body.state).toBe('selected');
  });

  it('is granted by nobody in a district: an invitation or assignment for the Senate is refused', async () => {
    const admin = await spandau.staff('admin');
    const invite = await spandau
      .post(admin, '/api/invitations')
      .send({ email: 'senat@example.org', displayName: 'Senat', language: 'de', role: 'senate' })
      .expect(400);
    expect(JSON.stringify(invite.body.details)).toContain('role');
  });
});
