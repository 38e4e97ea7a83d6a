import fc from 'fast-check';
import request from 'supertest';
import { APPLICATION_EVENT_TYPES } from '@kiezfonds/domain';
import { registrationRequest } from '@kiezfonds/testing';
import { type Actor, ApplicationWorld } from '../testing/application-world';
import { backToToday, travelTo } from '../testing/clock';
import { createCommittee, selectedApplications } from '../testing/committee-world';
import { startTestApi, type TestApi } from '../testing/test-api';
import {
  type Example,
  expectAnsweredAsInput,
  namesField,
  paths,
  valid,
  withValueAt,
  wrongBodies,
  wrongTypesSeed,
} from '../testing/wrong-bodies';

/**
 * TRUST.md: input never gets a 500. Every request body of the registration, call, application and
 * call-off routes is sent with values of the wrong type: in every field at once, in some fields of
 * an otherwise valid body (so that what passes reaches the service), in the items of its lists, and
 * as the whole body. Whatever the mix, the answer is below 500, and a 400 names each fault's field
 * and rule with a message.
 */

interface Route {
  name: string;
  actor: Actor | null;
  method: 'post' | 'put' | 'patch';
  path: string;
  example: Example;
}

describe('a body with values of the wrong type is never answered with a 500', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  const routes: Route[] = [];
  let ip = 0;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    const ag = await createCommittee(world, { votingMembers: 1 });
    const [granted] = await selectedApplications(world, ag, 1);
    await world
      .event(world.coordinator, granted!, {
        type: 'APPROVE',
        reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
      })
      .expect(200);
    await world.event(world.carrier, granted!, { type: 'START_IMPLEMENTATION' }).expect(200);
    // The project runs from 1 March 2027: money of 2027 is called off in 2027.
    travelTo('2027-04-15T10:00:00+02:00');
    const callOff = (
      await world
        .post(world.carrier, `/api/applications/${granted}/call-offs`)
        .send({ cashYear: 2027, amountCents: '300000', purpose: 'Honorare' })
        .expect(201)
    ).body as { id: string };
    // Approved, so that a valid payment and then a valid use get through to their rules.
    await world.post(world.finance, `/api/call-offs/${callOff.id}/approve`).send({}).expect(200);
    const callId = (await world.openCall()).id;
    const draftCall = (
      await world
        .post(world.coordinator, '/api/calls')
        .send({
          districtId: world.district.id,
          title: 'Netzwerkfonds Entwurf',
          programmeYear: 2027,
          expectedBudgetCents: '50000000',
          submissionDeadline: '2027-12-31T23:59:00+01:00',
          actionFieldIds: world.actionFieldIds,
          areaIds: world.areaIds,
        })
        .expect(201)
    ).body as { id: string };
    const draft = await world.draft(callId);

    const callFields = {
      title: 'Netzwerkfonds 2028',
      description: 'Aufruf',
      programmeYear: 2027,
      expectedBudgetCents: '50000000',
      submissionDeadline: '2027-12-31T23:59:59.123456+01:00',
      minAmountCents: '5000000',
      maxAmountCents: '15000000',
      actionFieldIds: world.actionFieldIds,
      areaIds: world.areaIds,
      requiredAttachments: [{ key: 'budget_sheet', label: 'Finanzplan' }],
    };
    const eventFields = {
      type: fc.constantFrom(...APPLICATION_EVENT_TYPES),
      version: fc.constantFrom(1, 2, 3),
      message: 'Bitte ergänzen',
      replyDeadline: '2027-05-31T23:59:00+02:00',
      reason: 'Begründung',
      comment: 'Kommentar',
      decisionId: '00000000-0000-4000-8000-000000000000',
      amountCents: '5000000',
      fullApplicationDueBy: '2027-05-31',
      instalments: [{ cashYear: 2027, amountCents: '5000000' }],
      reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
      financingType: 'shortfall',
      earlyStartApprovedOn: '2027-03-01',
      earlyStartReason: 'Dringend',
      conditions: 'Auflagen',
      text: 'Bericht',
      actuals: [{ cashYear: 2027, category: 'personnel', amountCents: '100000', vatCents: '0' }],
      otherFundingCents: '0',
    };
    routes.push(
      {
        name: 'POST /api/registrations',
        actor: null,
        method: 'post',
        path: '/api/registrations',
        example: (() => {
          const body = registrationRequest({
            email: 'falsch@example.org',
            organisationName: 'Falsche Typen e. V.',
            password: 'lange-sichere-passphrase-42',
          });
          return {
            ...body,
            organisation: {
              ...body.organisation,
              financeRegistrationNumber: '27/123/45678',
              iban: 'DE89370400440532013000',
            },
          };
        })(),
      },
      {
        name: 'POST /api/registrations/verify-email',
        actor: null,
        method: 'post',
        path: '/api/registrations/verify-email',
        example: { token: 'x'.repeat(43) },
      },
      {
        name: 'POST /api/calls',
        actor: world.coordinator,
        method: 'post',
        path: '/api/calls',
        example: { ...callFields, districtId: world.district.id },
      },
      {
        name: 'PATCH /api/calls/:id',
        actor: world.coordinator,
        method: 'patch',
        path: `/api/calls/${draftCall.id}`,
        example: callFields,
      },
      {
        name: 'POST /api/applications',
        actor: world.carrier,
        method: 'post',
        path: '/api/applications',
        example: { callId, organisationId: world.organisation.id, title: 'Kiezküchen verbinden' },
      },
      {
        name: 'PUT /api/applications/:id/content',
        actor: world.carrier,
        method: 'put',
        path: `/api/applications/${draft.id}/content`,
        example: { version: 2, title: 'Kiezküchen verbinden', content: world.completeContent() },
      },
      {
        name: 'POST /api/applications/:id/events (draft, carrier)',
        actor: world.carrier,
        method: 'post',
        path: `/api/applications/${draft.id}/events`,
        example: eventFields,
      },
      {
        name: 'POST /api/applications/:id/events (in implementation, coordinator)',
        actor: world.coordinator,
        method: 'post',
        path: `/api/applications/${granted}/events`,
        example: eventFields,
      },
      {
        name: 'POST /api/applications/:id/reports',
        actor: world.carrier,
        method: 'post',
        path: `/api/applications/${granted}/reports`,
        example: { kind: 'interim', text: 'Zwischenbericht' },
      },
      {
        name: 'POST /api/applications/:id/plan-changes',
        actor: world.coordinator,
        method: 'post',
        path: `/api/applications/${granted}/plan-changes`,
        example: { cashYear: 2027, category: 'material', amountCents: '1000', reason: 'Antrag vom 1. April' },
      },
      {
        name: 'POST /api/applications/:id/call-offs',
        actor: world.carrier,
        method: 'post',
        path: `/api/applications/${granted}/call-offs`,
        example: { cashYear: 2027, amountCents: '1000', purpose: 'Material' },
      },
      {
        name: 'POST /api/call-offs/:id/pay',
        actor: world.finance,
        method: 'post',
        path: `/api/call-offs/${callOff.id}/pay`,
        example: { paidOn: '2027-04-15' },
      },
      {
        name: 'POST /api/call-offs/:id/use',
        actor: world.carrier,
        method: 'post',
        path: `/api/call-offs/${callOff.id}/use`,
        example: { usedOn: '2027-04-15' },
      },
      {
        name: 'POST /api/call-offs/:id/reject',
        actor: world.finance,
        method: 'post',
        path: `/api/call-offs/${callOff.id}/reject`,
        example: { reason: 'Zu früh' },
      },
    );
  }, 120_000);

  afterAll(async () => {
    backToToday();
    await api.close();
  });

  function send(route: Route, body: unknown) {
    const base = route.actor
      ? world[route.method](route.actor, route.path)
      : request(api.server)
          [route.method](route.path)
          .set('X-Forwarded-For', `198.51.${ip >> 8}.${ip++ & 255}`);
    return base.set('Content-Type', 'application/json').send(JSON.stringify(body));
  }

  const ROUTE_NAMES = [
    'POST /api/registrations',
    'POST /api/registrations/verify-email',
    'POST /api/calls',
    'PATCH /api/calls/:id',
    'POST /api/applications',
    'PUT /api/applications/:id/content',
    'POST /api/applications/:id/events (draft, carrier)',
    'POST /api/applications/:id/events (in implementation, coordinator)',
    'POST /api/applications/:id/reports',
    'POST /api/applications/:id/plan-changes',
    'POST /api/applications/:id/call-offs',
    'POST /api/call-offs/:id/pay',
    'POST /api/call-offs/:id/use',
    'POST /api/call-offs/:id/reject',
  ];

  // class-validator's IsOptional lets null through unchecked, and a service that reads
  // `=== undefined` as "left out" then meets a null it cannot use (Money.fromCents(null): a 500).
  it.each(ROUTE_NAMES)('%s refuses null in any field, one at a time, with 400 naming it', async (name) => {
    const route = routes.find((r) => r.name === name);
    if (!route) throw new Error(`no example for ${name}`);
    const [example] = fc.sample(valid(route.example), { numRuns: 1, seed: 1 });
    const unnamed: string[] = [];
    // A draft's content may hold null for what is not filled in yet; its own schema judges it.
    for (const path of paths(example).filter((p) => p.length === 1 || p[0] !== 'content')) {
      const field = path.join('.');
      const res = await send(route, withValueAt(example, path, null));
      if (!namesField(res, field)) unnamed.push(`${field}: ${res.status} ${res.body.code}`);
    }
    expect(unnamed).toEqual([]);
  });

  it.each(ROUTE_NAMES)(
    '%s answers below 500, and a 400 names field and rule',
    async (name) => {
      const route = routes.find((r) => r.name === name);
      if (!route) throw new Error(`no example for ${name}`);
      await fc.assert(
        fc.asyncProperty(wrongBodies(route.example), async (body) => {
          expectAnsweredAsInput(await send(route, body), body);
        }),
        { numRuns: 100, ...wrongTypesSeed(20261207) },
      );
    },
    120_000,
  );
});
