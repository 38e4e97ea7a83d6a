import { binaryBody, pdfText } from '@kiezfonds/testing';
import { Workbook } from 'exceljs';
import { ApplicationWorld } from '../../apps/api/src/testing/application-world';
import {
  type CommitteeSetUp,
  createCommittee,
  decideInWriting,
  inPlanning,
} from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

/**
 * Issue 7, deliverable 6: the annual programme planning over HTTP. The committee's decisions and
 * the Voten's scores rank the applications; the list is filled up to the budget, amounts are
 * adjusted with a reason, scenarios are compared, and finalising moves the applications through
 * the lifecycle to selected or waitlisted. Exported as PDF and XLSX.
 */
describe('programme planning', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let callId: string;
  let ag: CommitteeSetUp;
  /** Adopted, by review score: best, second, third; and one the committee rejected. */
  let best: string;
  let second: string;
  let third: string;
  let rejected: string;

  const plan = (path = '') => `/api/calls/${callId}/programme-plan${path}`;

  beforeAll(async () => {
    api = await startTestApi();
    // 107.000 € for 2027: two applications of 50.000 € fit, a third does not.
    world = await ApplicationWorld.create(api.server, api.db.dataSource, { budgetCents: '10700000' });
    callId = (await world.openCall()).id;
    ag = await createCommittee(world);
    await world
      .put(world.coordinator, `/api/calls/${callId}/review-setup`)
      .send({
        reviewDeadline: null,
        criteria: [{ key: 'networking', label: 'Vernetzung', weight: 1, maxScore: 10 }],
      })
      .expect(200);
    best = await decided('yes', 9);
    second = await decided('yes', 7);
    third = await decided('yes', 5);
    rejected = await decided('no', 8);
  });

  afterAll(async () => {
    await api.close();
  });

  /** An application in review with one scored Votum, decided by a written vote of all five voters. */
  async function decided(choice: 'yes' | 'no', score: number): Promise<string> {
    const { id } = await world.draft(callId);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    await world
      .put(ag.voters[1]!, `/api/applications/${id}/votum`)
      .send({ recommendation: 'support', scores: { networking: score }, comment: 'Begründung.' })
      .expect(200);
    const vote = (
      await world
        .post(world.coordinator, `/api/applications/${id}/written-votes`)
        .send({ motion: 'Förderung empfehlen', deadline: new Date(Date.now() + 86_400_000).toISOString() })
        .expect(201)
    ).body as { id: string };
    for (const voter of ag.voters) {
      await world.post(voter, `/api/written-votes/${vote.id}/ballots`).send({ choice }).expect(201);
    }
    return id;
  }

  it('ranks the adopted applications by score and fills the budget; the rest is waitlisted', async () => {
    const view = (await world.get(world.coordinator, plan()).expect(200)).body;
    expect(view).toMatchObject({ status: 'draft', budgetCents: '10700000', availableCents: '10700000' });
    const rows = view.items.map((i: Record<string, unknown>) => [i.applicationId, i.rank, i.status, i.score]);
    expect(rows).toEqual([
      [best, 1, 'selected', 9000],
      [second, 2, 'selected', 7000],
      [third, 3, 'waitlisted', 5000],
      [rejected, null, 'not_adopted', 8000],
    ]);
    expect(view.items[2]).toMatchObject({ shortByCents: '4300000', remainingCents: '700000' });
    expect(view.totals).toMatchObject({ selectedCents: '10000000', remainingCents: '700000', waitlisted: 1 });
    // Members and finance read the plan; carriers do not see it.
    await world.get(ag.voters[3]!, plan()).expect(200);
    await world.get(world.carrier, plan()).expect(404);
  });

  it('adjusts an amount only with a reason, and a place only for adopted applications', async () => {
    const noReason = await world
      .put(world.coordinator, plan(`/lines/${third}`))
      .set('Accept-Language', 'de')
      .send({ amountCents: '700000', manualRank: null })
      .expect(400);
    expect(noReason.body.details).toEqual([
      expect.objectContaining({
        field: 'amountReason',
        rule: 'required',
        message: 'Dieses Feld ist erforderlich.',
      }),
    ]);
    const tooMuch = await world
      .put(world.coordinator, plan(`/lines/${third}`))
      .send({ amountCents: '9999999', amountReason: 'mehr', manualRank: null })
      .expect(400);
    expect(tooMuch.body.details[0]).toMatchObject({ field: 'amountCents', rule: 'notAboveRequested' });
    const notAdopted = await world
      .put(world.coordinator, plan(`/lines/${rejected}`))
      .send({ amountCents: null, manualRank: 1 })
      .expect(400);
    expect(notAdopted.body.details[0]).toMatchObject({ field: 'manualRank', rule: 'adoptedOnly' });
    await world
      .put(ag.voters[0]!, plan(`/lines/${third}`))
      .send({ amountCents: null, manualRank: null })
      .expect(403);

    const adjusted = (
      await world
        .put(world.coordinator, plan(`/lines/${third}`))
        .send({ amountCents: '700000', amountReason: 'Nur die Auftaktveranstaltung 2027', manualRank: null })
        .expect(200)
    ).body;
    expect(adjusted.items[2]).toMatchObject({
      applicationId: third,
      status: 'selected',
      amountCents: '700000',
      amountReason: 'Nur die Auftaktveranstaltung 2027',
    });
    expect(adjusted.totals).toMatchObject({ selectedCents: '10700000', remainingCents: '0' });

    // The committee puts the third first by hand: it leads, and the second no longer fits.
    const reordered = (
      await world
        .put(world.coordinator, plan(`/lines/${third}`))
        .send({ amountCents: '5000000', manualRank: 1 })
        .expect(200)
    ).body;
    expect(
      reordered.items.map((i: { applicationId: string; status: string }) => [i.applicationId, i.status]),
    ).toEqual([
      [third, 'selected'],
      [best, 'selected'],
      [second, 'waitlisted'],
      [rejected, 'not_adopted'],
    ]);
    await world
      .put(world.coordinator, plan(`/lines/${third}`))
      .send({ amountCents: '700000', amountReason: 'Nur die Auftaktveranstaltung 2027', manualRank: null })
      .expect(200);
    const audit = (await world.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'programme_plan_adjusted'`,
    )) as { n: number }[];
    expect(audit[0]!.n).toBe(3);
  });

  it('compares what-if scenarios side by side with the plan', async () => {
    const bad = await world
      .post(world.coordinator, plan('/scenarios'))
      .send({ label: 'Falsch', amounts: [{ applicationId: best, amountCents: '100000', reason: '' }] })
      .expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'amounts.0.reason', rule: 'required' });

    await world
      .post(world.coordinator, plan('/scenarios'))
      .send({ label: 'Budget 60.000 €', budgetCents: '6000000' })
      .expect(201);
    const view = (
      await world
        .post(world.coordinator, plan('/scenarios'))
        .send({ label: 'Reihenfolge getauscht', order: [second, best] })
        .expect(201)
    ).body;
    expect(view.scenarios.map((s: { label: string }) => s.label)).toEqual([
      'Budget 60.000 €',
      'Reihenfolge getauscht',
    ]);
    const { comparison } = view;
    expect(comparison.base).toMatchObject({ selectedTotal: '10700000', selectedCount: 3 });
    expect(comparison.scenarios[0]).toMatchObject({
      budget: '6000000',
      selectedTotal: '5700000',
      selectedCount: 2,
    });
    const secondRow = comparison.rows.find((r: { applicationId: string }) => r.applicationId === second);
    // With 60.000 €: best (50.000) and third (7.000) fit, second does not.
    expect(secondRow.scenarios[0]).toMatchObject({ status: 'waitlisted', changed: true });
    // Swapped: second ranks first.
    expect(secondRow.scenarios[1]).toMatchObject({ rank: 1, status: 'selected', changed: true });

    const removed = (
      await world.delete(world.coordinator, plan(`/scenarios/${view.scenarios[1].id}`)).expect(200)
    ).body;
    expect(removed.scenarios).toHaveLength(1);
  });

  it('exports the list as PDF and XLSX, marked as draft until final', async () => {
    const pdf = await world
      .get(world.coordinator, plan('/export.pdf'))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain('Prioritätenliste');
    expect(text).toContain('107.000,00 €');
    expect(text.replace(/\s+/g, ' ')).toContain('Begründung: Nur die Auftaktveranstaltung 2027');
    expect(text).toContain('ENTWURF');

    const xlsx = await world
      .get(world.coordinator, plan('/export.xlsx'))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Prioritätenliste');
    expect(sheet.getRow(1).getCell(1).value).toBe('Rang');
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining([1, 50000, 'ausgewählt']));
    expect(sheet.getRow(4).values).toEqual(
      expect.arrayContaining([3, 7000, 'Nur die Auftaktveranstaltung 2027']),
    );
  });

  it('finalises through the lifecycle in one step and keeps the list as decided', async () => {
    await world.post(ag.voters[0]!, plan('/finalise')).expect(403);
    // Two coordinators press "finalise" at the same instant: one list is decided, once.
    const answers = await Promise.all([
      world.post(world.coordinator, plan('/finalise')),
      world.post(world.coordinator, plan('/finalise')),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const final = answers.find((a) => a.status === 200)!.body;
    expect(final).toMatchObject({ status: 'final' });
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('plan_final');
    const states = (await world.db.query(`SELECT id, state FROM application WHERE call_id = $1`, [
      callId,
    ])) as {
      id: string;
      state: string;
    }[];
    const stateOf = new Map(states.map((s) => [s.id, s.state]));
    expect([stateOf.get(best), stateOf.get(second), stateOf.get(third)]).toEqual([
      'selected',
      'selected',
      'selected',
    ]);
    // The rejected one stays where it was: the coordinator decides about it on its own.
    expect(stateOf.get(rejected)).toBe('in_review');
    const transitions = (await world.db.query(
      `SELECT to_state FROM audit_event WHERE entity_type = 'application' AND entity_id = $1 ORDER BY occurred_at`,
      [third],
    )) as { to_state: string }[];
    expect(transitions.map((t) => t.to_state).slice(-2)).toEqual(['in_planning', 'selected']);

    const again = await world.post(world.coordinator, plan('/finalise')).expect(409);
    expect(again.body.code).toBe('plan_final');
    const late = await world
      .put(world.coordinator, plan(`/lines/${best}`))
      .send({ amountCents: null, manualRank: null })
      .expect(409);
    expect(late.body.code).toBe('plan_final');
    // The final list stays as decided, also after the applications moved on.
    const after = (await world.get(world.coordinator, plan()).expect(200)).body;
    expect(after.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([
      best,
      second,
      third,
      rejected,
    ]);
    expect(after.items[2]).toMatchObject({ state: 'selected', amountCents: '700000' });

    // Finalised at 00:30 in Berlin on 23.11.2026 (23:30 UTC the day before): both exports date
    // the list by the Berlin day.
    await world.db.query(
      `UPDATE programme_plan SET finalised_at = '2026-11-22T23:30:00Z' WHERE call_id = $1`,
      [callId],
    );
    const pdf = await world
      .get(world.coordinator, plan('/export.pdf'))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain('23.11.2026');
    expect(text).not.toContain('22.11.2026');
  });

  it('answers a retried finalisation under the same Idempotency-Key with the first answer, deciding once', async () => {
    const otherCallId = (await world.openCall()).id;
    const id = await inPlanning(world, otherCallId);
    await decideInWriting(world, ag, id);
    await world
      .put(world.coordinator, `/api/calls/${otherCallId}/programme-plan`)
      .send({ budgetCents: '5000000', fillRule: 'skip_over' })
      .expect(200);
    const finalise = (key: string) =>
      world
        .post(world.coordinator, `/api/calls/${otherCallId}/programme-plan/finalise`)
        .set('Idempotency-Key', key);
    const first = await finalise(`finalise-${otherCallId}`).expect(200);
    expect(first.body).toMatchObject({ status: 'final' });
    // The answer was lost and the browser sends the same request again.
    const again = await finalise(`finalise-${otherCallId}`).expect(200);
    expect(again.body).toEqual(first.body);
    const selections = (await world.db.query(
      `SELECT count(*)::int AS n FROM audit_event
        WHERE entity_type = 'application' AND entity_id = $1 AND to_state = 'selected'`,
      [id],
    )) as { n: number }[];
    expect(selections[0]!.n).toBe(1);
    // Another key is another request: the list is final already.
    expect((await finalise(`finalise-again-${otherCallId}`).expect(409)).body.code).toBe('plan_final');
  });
});
