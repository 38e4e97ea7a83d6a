import { registrationRequest } from '@kiezfonds/testing';
import type { AppConfig } from '@kiezfonds/config';
import { ReminderSweep } from '@kiezfonds/messaging';
import type { DataSource } from 'typeorm';
import request from 'supertest';
import type { ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { backToToday, travelTo } from '../../apps/api/src/testing/clock';
import {
  type CommitteeSetUp,
  decideInWriting,
  finalisePlan,
  inPlanning,
} from '../../apps/api/src/testing/committee-world';

const DAY = 86_400_000;

/** The reminder sweep as the worker runs it, on the test's database. */
export function reminderSweep(db: DataSource): ReminderSweep {
  return new ReminderSweep(db, { APP_TIMEZONE: 'Europe/Berlin' } as AppConfig);
}

/**
 * Triggers every notice kind of the catalogue the way people and the worker do: the commands of
 * the API and the reminder sweep. `ag` must have three voting members (createCommittee).
 * Shared by the rendering test (every-notice.int.spec.ts) and the link test in the browser.
 */
export async function triggerEveryNotice(
  world: ApplicationWorld,
  ag: CommitteeSetUp,
  sweep: ReminderSweep,
): Promise<void> {
  const post = (path: string, body: Record<string, unknown> = {}) =>
    world.post(world.coordinator, path).send(body);

  async function triggerAccountNotices() {
    await post('/api/invitations', {
      email: 'neue.person@bezirksamt-spandau.example',
      displayName: 'Neue Person',
      language: 'en',
      role: 'board_member',
      districtId: world.district.id,
    }).expect(201);
    await request(world.server)
      .post('/api/auth/password-reset')
      .send({ email: world.carrier.user.email })
      .expect(202);
    // Guesses from eleven addresses: the account is slowed and its owner told (account_locked).
    const locked = await world.staff('finance');
    for (let attempt = 0; attempt < 11; attempt++) {
      await request(world.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', `198.51.100.${attempt + 1}`)
        .send({ email: locked.user.email, password: `falsch-${attempt}-xyz` })
        .expect(401);
    }
    // A new registration (email_verification), and one for an address that has an account
    // (registration_attempt: its owner hears of it, the stranger learns nothing).
    const registration = (email: string) =>
      registrationRequest({
        email,
        organisationName: `Kiezküche ${email.split('@')[0]} e. V.`,
        password: 'kiez-küche-2027-sicher',
      });
    await request(world.server)
      .post('/api/registrations')
      .send(registration('neu@kiezkueche.example'))
      .expect(202);
    await request(world.server)
      .post('/api/registrations')
      .send(registration(world.carrier.user.email))
      .expect(202);
  }

  async function triggerApplicationNotices(): Promise<{
    underWay: string;
    inReview: string;
    callId: string;
  }> {
    const callId = (await world.openCall()).id;
    // Submitted, sent back, answered, then formally checked: it stays before the committee.
    const inReview = (await world.draft(callId)).id;
    await world.event(world.carrier, inReview, { type: 'SUBMIT' }).expect(200);
    await world
      .event(world.coordinator, inReview, {
        type: 'REQUEST_CHANGES',
        message: 'Bitte ergänzen Sie die Indikatoren.',
        replyDeadline: new Date(Date.now() + 7 * DAY).toISOString(),
      })
      .expect(200);
    await world.event(world.carrier, inReview, { type: 'SUBMIT', comment: 'Ergänzt.' }).expect(200);
    await world.event(world.coordinator, inReview, { type: 'PASS_FORMAL_CHECK' }).expect(200);

    const rejected = await inPlanning(world, callId);
    await world
      .event(world.coordinator, rejected, { type: 'REJECT', reason: 'Nur ein Quartier.' })
      .expect(200);

    // Selected through the plan, the Senate's amount recorded, approved, under way and paid.
    const underWay = await inPlanning(world, callId);
    await decideInWriting(world, ag, underWay);
    await finalisePlan(world, callId);
    await world
      .event(world.coordinator, underWay, { type: 'RECORD_SENATE_SELECTION', amountCents: '5000000' })
      .expect(200);
    await world
      .event(world.coordinator, underWay, {
        type: 'APPROVE',
        reportDeadlines: [
          { kind: 'interim', due: '2028-03-31' },
          { kind: 'final', due: '2029-06-30' },
        ],
      })
      .expect(200);
    await world.event(world.carrier, underWay, { type: 'START_IMPLEMENTATION' }).expect(200);
    // The project runs from 1 March 2027: its 2027 money is called off and paid in 2027.
    travelTo('2027-04-15T10:00:00+02:00');
    try {
      const callOff = (
        await world
          .post(world.carrier, `/api/applications/${underWay}/call-offs`)
          .send({ cashYear: 2027, amountCents: '300000', purpose: 'Honorare' })
          .expect(201)
      ).body as { id: string };
      await world.post(world.finance, `/api/call-offs/${callOff.id}/approve`).send({}).expect(200);
      await world
        .post(world.finance, `/api/call-offs/${callOff.id}/pay`)
        .send({ paidOn: '2027-04-15' })
        .expect(200);
    } finally {
      backToToday();
    }

    // Waitlisted on a single decision of the committee, in a call of its own.
    const waitlisted = await inPlanning(world, (await world.openCall()).id);
    await decideInWriting(world, ag, waitlisted);
    await world.event(world.coordinator, waitlisted, { type: 'WAITLIST' }).expect(200);
    return { underWay, inReview, callId };
  }

  async function triggerCommitteeNotices(applicationId: string) {
    const session = (
      await post(`/api/committees/${ag.committeeId}/sessions`, {
        title: '1. Sitzung 2027',
        startsAt: new Date(Date.now() + 7 * DAY).toISOString(),
        place: 'Rathaus Spandau, Raum 210',
        applicationIds: [applicationId],
      }).expect(201)
    ).body as { id: string; items: { id: string }[] };
    await post(`/api/sessions/${session.id}/invite`).expect(200);
    await post(`/api/sessions/${session.id}/open`).expect(200);
    for (const memberId of ag.voterMemberIds) {
      await post(`/api/sessions/${session.id}/attendance`, { memberId, present: true }).expect(200);
    }
    const vote = (await post(`/api/sessions/${session.id}/items/${session.items[0]!.id}/vote`).expect(200))
      .body.items[0].vote as { id: string };
    for (const memberId of ag.voterMemberIds) {
      await post(`/api/sessions/${session.id}/votes/${vote.id}/ballots`, { memberId, choice: 'no' }).expect(
        200,
      );
    }
    await post(`/api/sessions/${session.id}/votes/${vote.id}/close`).expect(200);
    await post(`/api/sessions/${session.id}/close`).expect(200);
    await post(`/api/sessions/${session.id}/minutes/publish`).expect(200);
  }

  async function triggerReminders({
    underWay,
    inReview,
    callId,
  }: {
    underWay: string;
    inReview: string;
    callId: string;
  }) {
    // A call closing in two days with a draft in it.
    const closing = (
      await world.openCall({ submissionDeadline: new Date(Date.now() + 2 * DAY).toISOString() })
    ).id;
    await world.draft(closing);
    // A change request due in two days.
    const asked = (await world.draft(closing)).id;
    await world.event(world.carrier, asked, { type: 'SUBMIT' }).expect(200);
    await world
      .event(world.coordinator, asked, {
        type: 'REQUEST_CHANGES',
        message: 'Bitte den Finanzierungsplan ergänzen.',
        replyDeadline: new Date(Date.now() + 2 * DAY).toISOString(),
      })
      .expect(200);
    // A written vote closing in 20 hours, and the Voten due in five days.
    const deadline = new Date(Date.now() + 20 * 3_600_000);
    await post(`/api/applications/${inReview}/written-votes`, {
      motion: 'Förderung empfehlen',
      deadline: deadline.toISOString(),
    }).expect(201);
    await world
      .put(world.coordinator, `/api/calls/${callId}/review-setup`)
      .send({ reviewDeadline: new Date(Date.now() + 5 * DAY).toISOString(), criteria: [] })
      .expect(200);
    expect((await sweep.sweep(new Date())).queued).toBeGreaterThan(0);

    // The money called off must be spent by its prompt-use deadline; the reports are due.
    const [{ spend_by }] = (await world.db.query(
      `SELECT spend_by::text AS spend_by FROM call_off WHERE application_id = $1`,
      [underWay],
    )) as [{ spend_by: string }];
    await sweep.sweep(new Date(new Date(`${spend_by}T12:00:00+01:00`).getTime() - 10 * DAY));
    await sweep.sweep(new Date('2028-03-25T10:00:00+02:00'));
    await sweep.sweep(new Date('2028-04-02T10:00:00+02:00'));
  }

  /** The project under way is revoked, its paid money claimed back with a recovery notice. */
  async function triggerRecoveryNotice(underWay: string) {
    await world
      .event(world.coordinator, underWay, { type: 'REVOKE', reason: 'Projekt eingestellt.' })
      .expect(200);
    const [claim] = (
      await world.get(world.finance, `/api/applications/${underWay}/repayment-claims`).expect(200)
    ).body.items as { id: string }[];
    travelTo('2027-05-02T10:00:00+02:00');
    try {
      await world
        .post(world.finance, `/api/repayment-claims/${claim!.id}/notice`)
        .send({ dueBy: '2027-06-01' })
        .expect(200);
    } finally {
      backToToday();
    }
  }

  await triggerAccountNotices();
  const applications = await triggerApplicationNotices();
  await triggerCommitteeNotices(applications.inReview);
  await triggerReminders(applications);
  await triggerRecoveryNotice(applications.underWay);
}
