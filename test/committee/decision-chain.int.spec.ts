import { binaryBody, pdfText } from '@kiezfonds/testing';
import { ApplicationWorld } from '../../apps/api/src/testing/application-world';
import {
  type CommitteeSetUp,
  createCommittee,
  decideInWriting,
  finalisePlan,
  inPlanning,
} from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

/**
 * Issue 15, deliverable 1: an application is selected or waitlisted only on a decision the
 * committee adopted (through the finalised programme plan, or a single decision cited), and the
 * Senate's selection is recorded only for applications on the list the district sent.
 */
describe('the decision chain from the committee to the Senate', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    ag = await createCommittee(world, { votingMembers: 3 });
  });

  afterAll(async () => {
    await api.close();
  });

  async function transitions(applicationId: string) {
    return (await world.db.query(
      `SELECT to_state, payload FROM audit_event
        WHERE entity_type = 'application' AND entity_id = $1 AND action = 'transition' ORDER BY occurred_at`,
      [applicationId],
    )) as { to_state: string; payload: Record<string, unknown> }[];
  }

  it('refuses to select or waitlist an application the committee has not adopted: 409 with what is allowed', async () => {
    const callId = (await world.openCall()).id;
    const undecided = await inPlanning(world, callId);
    const rejected = await inPlanning(world, callId);
    await decideInWriting(world, ag, rejected, 'no');

    for (const id of [undecided, rejected]) {
      for (const type of ['SELECT', 'WAITLIST']) {
        const res = await world.event(world.coordinator, id, { type }).expect(409);
        expect(res.body).toMatchObject({ code: 'committee_decision_missing', allowed: ['REJECT'] });
        expect(res.body.message).toMatch(/Gremium/);
      }
      const detail = await world.get(world.coordinator, `/api/applications/${id}`).expect(200);
      expect(detail.body).toMatchObject({ state: 'in_planning', allowedEvents: ['REJECT'] });
      expect((await transitions(id)).map((t) => t.to_state)).toEqual([
        'submitted',
        'in_review',
        'in_planning',
      ]);
    }
  });

  it('selects through the programme plan finalised from an adopted vote, citing the vote and the plan', async () => {
    const callId = (await world.openCall()).id;
    const id = await inPlanning(world, callId);
    const voteId = await decideInWriting(world, ag, id);
    const [plan] = (await world.db.query(`SELECT id FROM programme_plan WHERE call_id = $1`, [callId])) as {
      id: string;
    }[];
    expect(plan).toBeUndefined();

    const final = await finalisePlan(world, callId);
    expect(final.items).toEqual([
      expect.objectContaining({ applicationId: id, status: 'selected', state: 'selected' }),
    ]);
    const [{ id: planId }] = (await world.db.query(`SELECT id FROM programme_plan WHERE call_id = $1`, [
      callId,
    ])) as [{ id: string }];
    const last = (await transitions(id)).at(-1)!;
    expect(last).toEqual({
      to_state: 'selected',
      payload: expect.objectContaining({ event: 'SELECT', decisionId: voteId, planId }),
    });
  });

  it("selects a single application on the committee's decision about it, and only on its current one", async () => {
    const callId = (await world.openCall()).id;
    const id = await inPlanning(world, callId);
    const other = await inPlanning(world, callId);
    const otherVote = await decideInWriting(world, ag, other);
    const voteId = await decideInWriting(world, ag, id);

    const wrong = await world
      .event(world.coordinator, id, { type: 'SELECT', decisionId: otherVote })
      .expect(422);
    expect(wrong.body.code).toBe('decision_not_current');
    const res = await world.event(world.coordinator, id, { type: 'SELECT', decisionId: voteId }).expect(200);
    expect(res.body.state).toBe('selected');
    expect((await transitions(id)).at(-1)!.payload).toMatchObject({ event: 'SELECT', decisionId: voteId });
    // Without a citation the service cites the committee's current decision itself.
    const waitlisted = await world.event(world.coordinator, other, { type: 'WAITLIST' }).expect(200);
    expect(waitlisted.body.state).toBe('waitlisted');
    expect((await transitions(other)).at(-1)!.payload).toMatchObject({
      event: 'WAITLIST',
      decisionId: otherVote,
    });
  });

  it('records the Senate’s selection only for applications on the list the district sent', async () => {
    const callId = (await world.openCall()).id;
    const onList = await inPlanning(world, callId);
    await decideInWriting(world, ag, onList);
    await finalisePlan(world, callId);

    const elsewhere = (await world.openCall()).id;
    const offList = await inPlanning(world, elsewhere);
    await decideInWriting(world, ag, offList);
    await world.event(world.coordinator, offList, { type: 'SELECT' }).expect(200);

    const refused = await world
      .event(world.coordinator, offList, { type: 'RECORD_SENATE_SELECTION', amountCents: '5000000' })
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'not_on_sent_list' });
    expect(refused.body.allowed).not.toContain('RECORD_SENATE_SELECTION');
    const [row] = (await world.db.query(`SELECT senate_amount_cents FROM application WHERE id = $1`, [
      offList,
    ])) as { senate_amount_cents: string | null }[];
    expect(row!.senate_amount_cents).toBeNull();

    await world
      .event(world.coordinator, onList, { type: 'RECORD_SENATE_SELECTION', amountCents: '5000000' })
      .expect(200);
  });

  it('records the Senate’s selection at most at the amount the district put on the finalised list', async () => {
    const callId = (await world.openCall()).id;
    const id = await inPlanning(world, callId);
    await decideInWriting(world, ag, id);
    // Requested 50 000 €; the budget of 40 000 € funds it with 40 000 € on the list the district sends.
    await world
      .put(world.coordinator, `/api/calls/${callId}/programme-plan`)
      .send({ budgetCents: '4000000', fillRule: 'skip_over' })
      .expect(200);
    await world
      .put(world.coordinator, `/api/calls/${callId}/programme-plan/lines/${id}`)
      .send({ amountCents: '4000000', amountReason: 'Budget reicht nur für 40.000 €', manualRank: null })
      .expect(200);
    const plan = await world
      .post(world.coordinator, `/api/calls/${callId}/programme-plan/finalise`)
      .expect(200);
    expect(plan.body.items).toEqual([
      expect.objectContaining({ applicationId: id, status: 'selected', amountCents: '4000000' }),
    ]);

    // 50 000 € is more than the 40 000 € the district sent for it: refused, nothing recorded.
    const refused = await world
      .event(world.coordinator, id, { type: 'RECORD_SENATE_SELECTION', amountCents: '5000000' })
      .set('Accept-Language', 'de')
      .expect(400);
    expect(refused.body.details).toEqual([
      { field: 'amountCents', rule: 'notAbovePlanned', message: expect.stringMatching(/40\.000,00\s€/) },
    ]);
    const [row] = (await world.db.query(`SELECT senate_amount_cents FROM application WHERE id = $1`, [
      id,
    ])) as {
      senate_amount_cents: string | null;
    }[];
    expect(row!.senate_amount_cents).toBeNull();

    // The amount on the list, or less (the Senate may reduce it), is recorded.
    await world
      .event(world.coordinator, id, { type: 'RECORD_SENATE_SELECTION', amountCents: '4000000' })
      .expect(200);
  });

  it('issues the grant notice citing the committee’s decision it rests on, as it stood at issue', async () => {
    const callId = (await world.openCall()).id;
    const id = await inPlanning(world, callId);
    const voteId = await decideInWriting(world, ag, id);
    await finalisePlan(world, callId);
    await world
      .event(world.coordinator, id, { type: 'RECORD_SENATE_SELECTION', amountCents: '5000000' })
      .expect(200);
    const [decided] = (await world.db.query(
      `SELECT to_char(v.closed_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD') AS closed_on,
              to_char(p.finalised_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD') AS finalised_on, p.id AS plan_id
         FROM committee_vote v, programme_plan p WHERE v.id = $1 AND p.call_id = $2`,
      [voteId, callId],
    )) as { closed_on: string; finalised_on: string; plan_id: string }[];
    // The coordinator's preview before approval already cites the decision the notice will rest on.
    const preview = (
      await pdfText(
        (
          await world
            .get(world.coordinator, `/api/applications/${id}/grant-notice.pdf`)
            .buffer(true)
            .parse(binaryBody)
            .expect(200)
        ).body as Buffer,
      )
    ).replace(/\s+/g, ' ');
    expect(preview).toContain(`(Beschluss ${voteId})`);

    await world
      .event(world.coordinator, id, {
        type: 'APPROVE',
        reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
      })
      .expect(200);

    // TRUST.md: a notice cites the session or written vote. The notice records the decision the
    // committee adopted in writing (Umlaufverfahren), closed on its day, and the plan that sent it.
    const [notice] = (await world.db.query(`SELECT decision FROM grant_notice WHERE application_id = $1`, [
      id,
    ])) as { decision: unknown }[];
    expect(notice!.decision).toEqual({
      voteId,
      procedure: 'written',
      decidedOn: decided!.closed_on,
      committee: 'AG Stabile Kieze',
      session: null,
      programmePlan: { id: decided!.plan_id, finalisedOn: decided!.finalised_on },
    });
    expect((await transitions(id)).at(-1)).toEqual({
      to_state: 'approved',
      payload: expect.objectContaining({ event: 'APPROVE', decisionId: voteId }),
    });

    const notices = async (locale: string) =>
      (
        await pdfText(
          (
            await world
              .get(world.carrier, `/api/applications/${id}/grant-notice.pdf`)
              .set('Accept-Language', locale)
              .buffer(true)
              .parse(binaryBody)
              .expect(200)
          ).body as Buffer,
        )
      )
        .replace(/\u00a0/g, ' ')
        .replace(/\s+/g, ' ')
        // A decision id may wrap at one of its hyphens, depending on the names around it.
        .replace(/([0-9a-f])- (?=[0-9a-f]{4})/g, '$1-');
    const day = (iso: string, sep: string) => iso.split('-').reverse().join(sep);
    const german = await notices('de');
    expect(german).toContain(
      `auf Grund des Beschlusses des Gremiums „AG Stabile Kieze“ im Umlaufverfahren vom ${day(decided!.closed_on, '.')} ` +
        `(Beschluss ${voteId}) und der am ${day(decided!.finalised_on, '.')} abgeschlossenen Programmplanung bewillige ich Ihnen`,
    );
    // Recorded at issue, never re-read: a committee renamed later does not change the notice.
    await world.db.query(`UPDATE committee SET name = 'AG Umbenannt' WHERE id = $1`, [ag.committeeId]);
    expect(await notices('de')).toBe(german);
    expect(await notices('en')).toContain(
      `on the basis of the decision of the committee “AG Stabile Kieze” by written procedure (Umlaufverfahren) ` +
        `closed on ${day(decided!.closed_on, '/')} (decision ${voteId})`,
    );
    await world.db.query(`UPDATE committee SET name = 'AG Stabile Kieze' WHERE id = $1`, [ag.committeeId]);
  });

  it('approves only on the committee’s current adopted decision', async () => {
    const callId = (await world.openCall()).id;
    const id = await inPlanning(world, callId);
    await decideInWriting(world, ag, id);
    await finalisePlan(world, callId);
    await world
      .event(world.coordinator, id, { type: 'RECORD_SENATE_SELECTION', amountCents: '5000000' })
      .expect(200);
    const wrong = await world
      .event(world.coordinator, id, {
        type: 'APPROVE',
        decisionId: '00000000-0000-4000-8000-000000000000',
        reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
      })
      .expect(422);
    expect(wrong.body.code).toBe('decision_not_current');
    const [row] = (await world.db.query(
      `SELECT count(*)::int AS n FROM grant_notice WHERE application_id = $1`,
      [id],
    )) as { n: number }[];
    expect(row!.n).toBe(0);
  });
});
