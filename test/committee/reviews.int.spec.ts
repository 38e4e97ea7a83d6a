import type { AppConfig } from '@kiezfonds/config';
import { ReminderSweep } from '@kiezfonds/messaging';
import { ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

const CRITERIA = [
  { key: 'networking', label: 'Vernetzung mehrerer Kieze', weight: 2, maxScore: 5 },
  { key: 'sustainability', label: 'Nachhaltigkeit', weight: 1, maxScore: 10 },
];

/**
 * Issue 7, deliverable 3: the review (Votum). Criteria per call, one Votum per department scored
 * on them, revisable until the review deadline, the departments still missing for coordinators,
 * and confidential notes that a conflicted member never reads.
 */
describe('the committee review (Votum)', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let callId: string;
  let ag: CommitteeSetUp;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    callId = (await world.openCall()).id;
    ag = await createCommittee(world);
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

  const setUp = (body: Record<string, unknown>) =>
    world.put(world.coordinator, `/api/calls/${callId}/review-setup`).send(body);

  const votum = (voter: number, applicationId: string, body: Record<string, unknown>) =>
    world.put(ag.voters[voter]!, `/api/applications/${applicationId}/votum`).send(body);

  it('lets the coordinator configure the criteria and refuses bad ones with the field and rule', async () => {
    const bad = await setUp({
      reviewDeadline: '2099-01-29T23:59:00+01:00',
      criteria: [{ key: 'a', label: 'A', weight: 0, maxScore: 5 }],
    })
      .set('Accept-Language', 'de')
      .expect(400);
    expect(bad.body.details).toEqual([
      expect.objectContaining({
        field: 'criteria.0.weight',
        rule: 'min',
        message: 'Der Wert muss mindestens 1 sein.',
      }),
    ]);
    const twice = await setUp({
      reviewDeadline: null,
      criteria: [
        { key: 'a', label: 'A', weight: 1, maxScore: 5 },
        { key: 'a', label: 'B', weight: 1, maxScore: 5 },
      ],
    }).expect(400);
    expect(twice.body.details).toEqual([
      expect.objectContaining({ field: 'criteria.1.key', rule: 'duplicate' }),
    ]);
    await world
      .put(ag.voters[1]!, `/api/calls/${callId}/review-setup`)
      .send({ reviewDeadline: null, criteria: CRITERIA })
      .expect(403);

    const setup = (
      await setUp({ reviewDeadline: '2099-01-29T23:59:00+01:00', criteria: CRITERIA }).expect(200)
    ).body;
    expect(setup).toMatchObject({ committeeId: ag.committeeId, criteria: CRITERIA, criteriaLocked: false });
    expect(
      (await world.get(ag.voters[2]!, `/api/calls/${callId}/review-setup`).expect(200)).body.criteria,
    ).toEqual(CRITERIA);
  });

  it('records one Votum per department with its weighted score, and lists who is missing', async () => {
    const applicationId = await inReview();
    const before = (
      await world.get(world.coordinator, `/api/applications/${applicationId}/reviews`).expect(200)
    ).body;
    expect(before.missingDepartments).toEqual(
      expect.arrayContaining([
        'Jugend',
        'Schule',
        'Soziales',
        'Gesundheit',
        'Stadtentwicklung',
        'Quartiersmanagement',
      ]),
    );

    const invalid = await votum(1, applicationId, {
      recommendation: 'support_with_conditions',
      scores: { networking: 6, unknown: 1 },
      comment: 'Gut',
    }).expect(400);
    expect(invalid.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'scores.networking', rule: 'max' }),
        expect.objectContaining({ field: 'scores.unknown', rule: 'unknown_field' }),
        expect.objectContaining({ field: 'scores.sustainability', rule: 'required' }),
        expect.objectContaining({ field: 'conditions', rule: 'required' }),
      ]),
    );
    const wrongKind = await votum(1, applicationId, { recommendation: 'maybe', comment: '' }).expect(400);
    expect(wrongKind.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['recommendation', 'comment']),
    );
    // Nothing of the refused attempts was kept.
    expect(
      (await world.get(world.coordinator, `/api/applications/${applicationId}/reviews`)).body.voten,
    ).toEqual([]);

    // 2 × 4/5 + 1 × 5/10 = 2.1 of 3 → 70 % → 7 000.
    const given = (
      await votum(1, applicationId, {
        recommendation: 'support',
        scores: { networking: 4, sustainability: 5 },
        comment: 'Verbindet drei Kieze.',
        confidentialNote: 'Der Träger hatte 2025 Verzug bei der Abrechnung.',
      }).expect(200)
    ).body;
    expect(given.voten).toEqual([
      expect.objectContaining({ department: 'Schule', recommendation: 'support', score: 7000, version: 1 }),
    ]);
    // Revised before the deadline: the same department's Votum, a new version.
    const revised = (
      await votum(1, applicationId, {
        recommendation: 'support_with_conditions',
        conditions: 'Kooperationsvereinbarung mit der Schule vorlegen',
        scores: { networking: 5, sustainability: 10 },
        comment: 'Verbindet drei Kieze.',
      }).expect(200)
    ).body;
    expect(revised.voten).toEqual([
      expect.objectContaining({ department: 'Schule', score: 10000, version: 2, confidentialNote: '' }),
    ]);
    await votum(2, applicationId, {
      recommendation: 'do_not_support',
      scores: { networking: 1, sustainability: 2 },
      comment: 'Zu wenig Bezug zu den Kiezen.',
    }).expect(200);

    const overview = (
      await world.get(world.coordinator, `/api/applications/${applicationId}/reviews`).expect(200)
    ).body;
    expect(overview.summary).toMatchObject({
      reviews: 2,
      recommendations: { support: 0, support_with_conditions: 1, do_not_support: 1 },
    });
    expect(overview.missingDepartments).toEqual(
      expect.arrayContaining(['Jugend', 'Gesundheit', 'Stadtentwicklung', 'Quartiersmanagement']),
    );
    expect(overview.missingDepartments).not.toContain('Schule');
    const audit = (await world.db.query(
      `SELECT action FROM audit_event WHERE entity_type = 'votum' ORDER BY occurred_at`,
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['votum_given', 'votum_revised', 'votum_given']);

    // The member's queue shows the application and whether their department has reviewed it.
    const queue = (await world.get(ag.voters[1]!, '/api/reviews/queue').expect(200)).body.items;
    expect(queue).toEqual(
      expect.arrayContaining([expect.objectContaining({ applicationId, reviewed: true, conflicted: false })]),
    );
    expect((await world.get(ag.voters[3]!, '/api/reviews/queue')).body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ applicationId, reviewed: false })]),
    );
    // The carrier does not learn that reviews exist at all.
    await world.get(world.carrier, `/api/applications/${applicationId}/reviews`).expect(404);
  });

  it('refuses a conflicted member, excuses the department and hides the confidential notes from it', async () => {
    const applicationId = await inReview();
    await votum(2, applicationId, {
      recommendation: 'support',
      scores: { networking: 3, sustainability: 6 },
      comment: 'Solide.',
      confidentialNote: 'Vertraulich: Personalwechsel beim Träger.',
    }).expect(200);
    await world
      .post(ag.voters[0]!, `/api/committees/${ag.committeeId}/conflicts`)
      .send({ applicationId, reason: 'Vorstandsmitglied des Trägers' })
      .expect(201);

    const refused = await votum(0, applicationId, {
      recommendation: 'support',
      scores: { networking: 5, sustainability: 10 },
      comment: 'Sehr gut.',
    })
      .set('Accept-Language', 'de')
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'reviewer_conflicted' });
    expect(refused.body.message).toContain('Interessenkonflikt');

    const seenByConflicted = (
      await world.get(ag.voters[0]!, `/api/applications/${applicationId}/reviews`).expect(200)
    ).body;
    expect(seenByConflicted.confidentialNotesHidden).toBe(true);
    expect(seenByConflicted.voten).toEqual([
      expect.objectContaining({ department: 'Soziales', confidentialNote: null }),
    ]);
    expect(JSON.stringify(seenByConflicted)).not.toContain('Personalwechsel');
    expect(seenByConflicted.own).toMatchObject({ department: 'Jugend', conflicted: true });

    const seenByOther = (
      await world.get(ag.voters[3]!, `/api/applications/${applicationId}/reviews`).expect(200)
    ).body;
    expect(seenByOther.voten[0].confidentialNote).toContain('Personalwechsel');
    const coordinatorView = (await world.get(world.coordinator, `/api/applications/${applicationId}/reviews`))
      .body;
    // The conflicted department owes no Votum on this application.
    expect(coordinatorView.missingDepartments).not.toContain('Jugend');
    expect(coordinatorView.missingDepartments).toContain('Gesundheit');
  });

  it('fixes the criteria once scores exist, and closes the Voten at the review deadline', async () => {
    const changed = await setUp({
      reviewDeadline: '2099-01-29T23:59:00+01:00',
      criteria: [{ key: 'other', label: 'Anderes', weight: 1, maxScore: 3 }],
    }).expect(409);
    expect(changed.body.code).toBe('criteria_locked');

    const applicationId = await inReview();
    await setUp({ reviewDeadline: '2020-01-01T00:00:00+01:00', criteria: CRITERIA }).expect(200);
    const late = await votum(4, applicationId, {
      recommendation: 'support',
      scores: { networking: 5, sustainability: 10 },
      comment: 'Zu spät.',
    }).expect(409);
    expect(late.body.code).toBe('review_deadline_passed');
    const reviews = (await world.get(world.coordinator, `/api/applications/${applicationId}/reviews`)).body;
    expect(reviews).toMatchObject({ deadlinePassed: true, voten: [] });
  });

  it('reminds each member whose department still owes a Votum before the review deadline, once', async () => {
    const otherCall = (await world.openCall()).id;
    const { id: reviewed } = await world.draft(otherCall);
    const { id: open } = await world.draft(otherCall);
    for (const id of [reviewed, open]) {
      await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
      await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    }
    await world
      .put(world.coordinator, `/api/calls/${otherCall}/review-setup`)
      .send({ reviewDeadline: '2099-03-10T22:59:00Z', criteria: [] })
      .expect(200);
    // Schule reviewed one; Jugend is conflicted on the other.
    await votum(1, reviewed, { recommendation: 'support', comment: 'Gut.' }).expect(200);
    await world
      .post(ag.voters[0]!, `/api/committees/${ag.committeeId}/conflicts`)
      .send({ applicationId: open, reason: 'Vorstand' })
      .expect(201);

    const sweep = new ReminderSweep(api.db.dataSource, {
      APP_TIMEZONE: 'Europe/Berlin',
    } as AppConfig);
    // A week ahead, swept twice: one reminder each. Two days ahead: the second one each.
    await sweep.sweep(new Date('2099-03-04T09:00:00Z'));
    await sweep.sweep(new Date('2099-03-04T10:00:00Z'));
    await sweep.sweep(new Date('2099-03-09T09:00:00Z'));
    const rows = (await world.db.query(
      `SELECT delivery_key, payload FROM outbox WHERE delivery_key LIKE $1 ORDER BY delivery_key`,
      [`reminder:review_deadline:${otherCall}:%`],
    )) as {
      delivery_key: string;
      payload: { recipient: { userId: string }; data: { applications: unknown[]; daysLeft: number } };
    }[];
    // Five voting members and the advisory one, twice each.
    expect(rows.filter((row) => row.delivery_key.includes(':7|'))).toHaveLength(6);
    const lastOnes = rows.filter((row) => row.delivery_key.includes(':2|'));
    expect(lastOnes).toHaveLength(6);
    const byUser = new Map(lastOnes.map((row) => [row.payload.recipient.userId, row.payload.data]));
    const [jugend, schule, soziales] = ag.voters;
    expect(byUser.get(schule!.user.id)?.applications).toHaveLength(1);
    expect(byUser.get(jugend!.user.id)?.applications).toHaveLength(1);
    expect(byUser.get(soziales!.user.id)?.applications).toHaveLength(2);
    // 1 day and 14 hours before the deadline: "in 2 days", as the mail says it.
    expect(byUser.get(ag.advisor.user.id)).toMatchObject({ daysLeft: 2 });
  });

  it('shows members the Voten and votes only of applications before their committee', async () => {
    const { id } = await world.draft(callId);
    const member = ag.voters[1]!;
    const look = () =>
      Promise.all([
        world.get(member, `/api/applications/${id}/reviews`),
        world.get(member, `/api/applications/${id}/votes`),
      ]);
    // A draft, and a submission still in the office's formal check, are not the committee's yet.
    expect((await look()).map((res) => res.status)).toEqual([404, 404]);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    expect((await look()).map((res) => res.status)).toEqual([404, 404]);
    // The coordinator sees them at every stage.
    await world.get(world.coordinator, `/api/applications/${id}/reviews`).expect(200);
    await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
    expect((await look()).map((res) => res.status)).toEqual([200, 200]);
  });

  it("shows the office no Voten or votes of a carrier's draft, which is 404 to it as the draft itself", async () => {
    const { id } = await world.draft(callId);
    await world.get(world.coordinator, `/api/applications/${id}`).expect(404);
    const look = (actor: typeof world.coordinator) =>
      Promise.all([
        world.get(actor, `/api/applications/${id}/reviews`),
        world.get(actor, `/api/applications/${id}/votes`),
      ]);
    for (const actor of [world.coordinator, await world.staff('admin')]) {
      const answers = await look(actor);
      expect(answers.map((res) => [res.status, res.body.code])).toEqual([
        [404, 'application_not_found'],
        [404, 'application_not_found'],
      ]);
    }
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    expect((await look(world.coordinator)).map((res) => res.status)).toEqual([200, 200]);
  });

  it("lists the committee's votes on an application with the caller's own ballot", async () => {
    const applicationId = await inReview();
    const vote = (
      await world
        .post(world.coordinator, `/api/applications/${applicationId}/written-votes`)
        .send({ motion: 'Förderung empfehlen', deadline: new Date(Date.now() + 86_400_000).toISOString() })
        .expect(201)
    ).body as { id: string };
    await world
      .post(ag.voters[2]!, `/api/written-votes/${vote.id}/ballots`)
      .send({ choice: 'no' })
      .expect(201);

    const mine = (await world.get(ag.voters[2]!, `/api/applications/${applicationId}/votes`).expect(200))
      .body;
    expect(mine.items).toEqual([
      expect.objectContaining({
        id: vote.id,
        procedure: 'written',
        state: 'open',
        ownBallot: 'no',
        responded: 1,
        session: null,
      }),
    ]);
    const other = (await world.get(ag.voters[3]!, `/api/applications/${applicationId}/votes`).expect(200))
      .body;
    expect(other.items[0]).toMatchObject({ ownBallot: null, responded: 1 });
    await world.get(world.carrier, `/api/applications/${applicationId}/votes`).expect(404);
  });

  it("puts the member's committee record in their personal data export", async () => {
    const exported = (await world.get(ag.voters[0]!, '/api/me/export').expect(200)).body;
    expect(exported.committee.memberships).toEqual([
      expect.objectContaining({ committee: 'AG Stabile Kieze', department: 'Jugend', voting: true }),
    ]);
    // Earlier tests: the Jugend member declared conflicts, so their recusals are on record too.
    expect(exported.committee.conflictsDeclared.length).toBeGreaterThan(0);
    expect(exported.committee.conflictsDeclared[0]).toMatchObject({
      reason: 'Vorstandsmitglied des Trägers',
    });
    const schule = (await world.get(ag.voters[1]!, '/api/me/export').expect(200)).body;
    expect(schule.committee.voten).toEqual(
      expect.arrayContaining([expect.objectContaining({ department: 'Schule', recommendation: 'support' })]),
    );
    const soziales = (await world.get(ag.voters[2]!, '/api/me/export').expect(200)).body;
    expect(soziales.committee.ballots).toEqual([expect.objectContaining({ choice: 'no' })]);
  });
});
