import { ApplicationWorld } from '../../apps/api/src/testing/application-world';
import {
  type CommitteeSetUp,
  createCommittee,
  decideInWriting,
} from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

/**
 * Issue 15, deliverable 2: a member who gives a Votum and then declares a conflict of interest
 * (on the application, or standing on its carrier) has that Votum withdrawn from every score and
 * ranking; it stays on record, marked withdrawn with the time, and the coordinator sees it.
 */
describe('a Votum followed by a conflict declaration', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;
  let callId: string;
  /** Scored 10 (voter 0) and 4 (voter 1): mean 7. */
  let first: string;
  /** Scored 6 (voter 2): mean 6. */
  let second: string;

  const plan = () => `/api/calls/${callId}/programme-plan`;

  beforeAll(async () => {
    api = await startTestApi();
    // 50.000 € of budget: one application fits, the other is waitlisted, so the order decides.
    world = await ApplicationWorld.create(api.server, api.db.dataSource, { budgetCents: '5000000' });
    ag = await createCommittee(world);
    callId = (await world.openCall()).id;
    await world
      .put(world.coordinator, `/api/calls/${callId}/review-setup`)
      .send({
        reviewDeadline: null,
        criteria: [{ key: 'networking', label: 'Vernetzung', weight: 1, maxScore: 10 }],
      })
      .expect(200);
    first = await inReview();
    second = await inReview();
    await votum(0, first, 10);
    await votum(1, first, 4);
    await votum(2, second, 6);
    await decideInWriting(world, ag, first);
    await decideInWriting(world, ag, second);
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

  async function votum(voter: number, applicationId: string, score: number) {
    await world
      .put(ag.voters[voter]!, `/api/applications/${applicationId}/votum`)
      .send({ recommendation: 'support', scores: { networking: score }, comment: 'Begründung.' })
      .expect(200);
  }

  async function ranking() {
    const view = (await world.get(world.coordinator, plan()).expect(200)).body as {
      items: { applicationId: string; rank: number; status: string; score: number | null; reviews: number }[];
    };
    return view.items.map((i) => ({ id: i.applicationId, rank: i.rank, status: i.status, score: i.score }));
  }

  const declare = (voter: number, body: Record<string, unknown>) =>
    world
      .post(ag.voters[voter]!, `/api/committees/${ag.committeeId}/conflicts`)
      .send({ reason: 'Vorstandsmitglied beim Träger', ...body })
      .expect(201);

  it('no longer counts in the score or the ranking of the programme plan', async () => {
    expect(await ranking()).toEqual([
      { id: first, rank: 1, status: 'selected', score: 7000 },
      { id: second, rank: 2, status: 'waitlisted', score: 6000 },
    ]);

    const before = Date.now();
    await declare(0, { applicationId: first });

    expect(await ranking()).toEqual([
      { id: second, rank: 1, status: 'selected', score: 6000 },
      { id: first, rank: 2, status: 'waitlisted', score: 4000 },
    ]);

    // Kept on record, marked withdrawn with the time; the summary counts only what still counts.
    const reviews = (await world.get(world.coordinator, `/api/applications/${first}/reviews`).expect(200))
      .body as {
      voten: { department: string; score: number; withdrawn: { at: string; reason: string } | null }[];
      summary: { reviews: number; averageScore: number };
    };
    const withdrawn = reviews.voten.find((v) => v.withdrawn !== null)!;
    expect(withdrawn).toMatchObject({
      department: 'Jugend',
      score: 10000,
      withdrawn: { reason: 'conflict' },
    });
    expect(new Date(withdrawn.withdrawn!.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(reviews.voten.filter((v) => v.withdrawn === null)).toHaveLength(1);
    expect(reviews.summary).toMatchObject({ reviews: 1, averageScore: 4000 });
    const [audit] = (await world.db.query(
      `SELECT payload FROM audit_event WHERE action = 'votum_withdrawn_for_conflict' AND entity_type = 'votum'`,
    )) as { payload: Record<string, unknown> }[];
    expect(audit!.payload).toMatchObject({ applicationId: first, department: 'Jugend' });
  });

  it('withdraws the Voten on every application of a carrier for a standing conflict', async () => {
    await declare(2, { organisationId: world.organisation.id });

    const reviews = (await world.get(world.coordinator, `/api/applications/${second}/reviews`).expect(200))
      .body as { voten: { withdrawn: unknown }[]; summary: { averageScore: number | null } };
    expect(reviews.voten).toEqual([
      expect.objectContaining({ withdrawn: expect.objectContaining({ reason: 'conflict' }) }),
    ]);
    expect(reviews.summary.averageScore).toBeNull();
    expect(await ranking()).toEqual([
      { id: first, rank: 1, status: 'selected', score: 4000 },
      { id: second, rank: 2, status: 'waitlisted', score: null },
    ]);
  });
});
