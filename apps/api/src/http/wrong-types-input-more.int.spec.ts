import { randomUUID } from 'node:crypto';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import request from 'supertest';
import { BUDGET_DIRECTIONS, FILL_RULES, REMINDER_KINDS } from '@kiezfonds/domain';
import { addOrganisationMember, createArea, createBaseRate, createUser } from '@kiezfonds/testing';
import { type Actor, ApplicationWorld } from '../testing/application-world';
import {
  type CommitteeSetUp,
  createCommittee,
  decideInWriting,
  inPlanning,
} from '../testing/committee-world';
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
 * TRUST.md: input never gets a 500. The sibling of wrong-types-input.int.spec.ts for every other
 * JSON body: the committee (rules, members, conflicts, written votes, sessions, reviews, the
 * programme plan), the funds (funds, ledger postings, reversals, tracked projects, area covers,
 * base rates, the interest calculator), identity (organisation data, the own account, API tokens,
 * invitations, login, password reset, users) and the repayment claims. Each is sent values of the
 * wrong type, and null in each field one at a time: a 400 that names the field, unless the
 * contract declares the field nullable, when null keeps its documented meaning. (Multipart bodies,
 * the file uploads and imports, carry strings only and have their own tests.)
 */

interface Route {
  name: string;
  actor: Actor | null;
  method: 'post' | 'put' | 'patch';
  path: string;
  example: Example;
  /** Fields the contract declares nullable (`@ApiProperty({ nullable: true })`): null is an answer. */
  nullable?: string[];
}

const CRITERIA = [{ key: 'networking', label: 'Vernetzung mehrerer Kieze', weight: 2, maxScore: 5 }];
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('every other body with values of the wrong type is never answered with a 500', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;
  const routes: Route[] = [];
  let ip = 0;

  beforeAll(async () => {
    api = await startTestApi();
    const db = api.db.dataSource;
    world = await ApplicationWorld.create(api.server, db);
    ag = await createCommittee(world);
    const admin = await world.staff('admin');
    // The carrier administers its organisation, so that a valid change gets through to the service.
    await addOrganisationMember(db, world.organisation.id, world.carrier.user.id, { isAdmin: true });
    const account = await world.staff('finance');
    const target = await createUser(db);
    const newcomer = await world.staff('board_member');

    // The committee's call: a review set up, one application in review, one in planning, one adopted.
    const callId = (await world.openCall()).id;
    await world
      .put(world.coordinator, `/api/calls/${callId}/review-setup`)
      .send({ committeeId: ag.committeeId, reviewDeadline: null, criteria: CRITERIA })
      .expect(200);
    const inReview = async () => {
      const { id } = await world.draft(callId);
      await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
      await world.event(world.coordinator, id, { type: 'PASS_FORMAL_CHECK' }).expect(200);
      return id;
    };
    const reviewed = await inReview();
    const scheduled = await inReview();
    const planning = await inPlanning(world, callId);
    const adopted = await inPlanning(world, callId);
    await decideInWriting(world, ag, adopted);
    const writtenVote = (
      await world
        .post(world.coordinator, `/api/applications/${await inPlanning(world, callId)}/written-votes`)
        .send({ motion: 'Förderung empfehlen', deadline: inDays(7) })
        .expect(201)
    ).body as { id: string };
    const otherCallId = (await world.openCall()).id;

    // A substitute for the first voting seat, and a member whose membership can end.
    const substitute = (
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
        .send({
          userId: (await world.staff('board_member')).user.id,
          department: 'Jugend (Vertretung)',
          voting: false,
          validFrom: '2026-01-01',
          substituteForId: ag.voterMemberIds[0],
        })
        .expect(201)
    ).body as { members: { id: string; userId: string; substituteForId: string | null }[] };
    const substituteId = substitute.members.find((m) => m.substituteForId === ag.voterMemberIds[0])!.id;
    const leaving = await world.staff('board_member');
    const leavingId = (
      (
        await world
          .post(world.coordinator, `/api/committees/${ag.committeeId}/members`)
          .send({ userId: leaving.user.id, department: 'Umwelt', voting: false, validFrom: '2026-01-01' })
          .expect(201)
      ).body as { members: { id: string; userId: string }[] }
    ).members.find((m) => m.userId === leaving.user.id)!.id;

    // An open session with two items, a quorum present and a vote open on the first.
    const session = (
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/sessions`)
        .send({
          title: '1. Sitzung',
          startsAt: inDays(1),
          place: 'Rathaus Spandau',
          applicationIds: [reviewed],
        })
        .expect(201)
    ).body as { id: string; items: { id: string }[] };
    await world.post(world.coordinator, `/api/sessions/${session.id}/open`).expect(200);
    for (const memberId of ag.voterMemberIds)
      await world
        .post(world.coordinator, `/api/sessions/${session.id}/attendance`)
        .send({ memberId, present: true })
        .expect(200);
    const opened = (
      await world
        .post(world.coordinator, `/api/sessions/${session.id}/items/${session.items[0]!.id}/vote`)
        .send({})
        .expect(200)
    ).body as { items: { vote: { id: string } }[] };
    const voteId = opened.items[0]!.vote.id;
    const secondSession = (
      await world
        .post(world.coordinator, `/api/committees/${ag.committeeId}/sessions`)
        .send({
          title: '2. Sitzung',
          startsAt: inDays(2),
          place: 'Rathaus Spandau',
          applicationIds: [scheduled],
        })
        .expect(201)
    ).body as { id: string; items: { id: string }[] };
    await world.post(world.coordinator, `/api/sessions/${secondSession.id}/open`).expect(200);

    // Funds: an Aktionsfonds with a budget and a tracked project, and an entry to reverse.
    const aktionsfonds = (
      await world
        .post(world.finance, '/api/funds')
        .send({ districtId: world.district.id, kind: 'aktionsfonds', areaId: world.areaIds[0] })
        .expect(201)
    ).body as { id: string };
    await world
      .post(world.finance, `/api/funds/${aktionsfonds.id}/ledger`)
      .send({ kind: 'budget', programmeYear: 2027, amountCents: '5000000' })
      .expect(201);
    const projectFields = {
      organisationId: world.organisation.id,
      title: 'Lernwerkstatt',
      areaId: world.areaIds[0],
      actionFieldId: world.actionFieldIds[0],
      decisionDate: '2027-03-12',
      periodStart: '2027-04-01',
      periodEnd: '2027-12-31',
      amountCents: '2000000',
    };
    const project = (
      await world
        .post(world.finance, `/api/funds/${aktionsfonds.id}/projects`)
        .send(projectFields)
        .expect(201)
    ).body as { id: string };
    const entry = (
      await world
        .post(world.finance, `/api/funds/${aktionsfonds.id}/ledger`)
        .send({
          kind: 'commitment',
          programmeYear: 2027,
          cashYear: 2027,
          amountCents: '1000',
          trackedProjectId: project.id,
        })
        .expect(201)
    ).body as { id: string };
    const planungsraum = await createArea(db, { districtId: world.district.id, kind: 'planungsraum' });
    await createBaseRate(db, '2027-01-01', 127);

    const projectEntry = {
      programmeYear: 2027,
      cashYear: 2027,
      amountCents: '1000',
      trackedProjectId: project.id,
    };
    const claim = `/api/repayment-claims/${randomUUID()}`;
    const password = 'lange-sichere-passphrase-42';
    routes.push(
      // The committee
      {
        name: 'PUT /api/committees/:id/rules',
        actor: world.coordinator,
        method: 'put',
        path: `/api/committees/${ag.committeeId}/rules`,
        example: {
          quorumNumerator: 2,
          quorumDenominator: 3,
          majority: fc.constantFrom('simple', 'two_thirds'),
          abstentionsCountAsCast: true,
        },
      },
      {
        name: 'POST /api/committees/:id/members',
        actor: world.coordinator,
        method: 'post',
        path: `/api/committees/${ag.committeeId}/members`,
        example: {
          userId: newcomer.user.id,
          department: 'Schule (Vertretung)',
          voting: false,
          validFrom: '2027-01-01',
          substituteForId: ag.voterMemberIds[1],
        },
      },
      {
        name: 'POST /api/committees/:id/members/:memberId/end',
        actor: world.coordinator,
        method: 'post',
        path: `/api/committees/${ag.committeeId}/members/${leavingId}/end`,
        example: { validTo: '2027-06-30' },
      },
      {
        name: 'POST /api/committees/:id/conflicts (application)',
        actor: ag.voters[4]!,
        method: 'post',
        path: `/api/committees/${ag.committeeId}/conflicts`,
        example: { applicationId: reviewed, reason: 'Ich berate den Träger.' },
      },
      {
        name: 'POST /api/committees/:id/conflicts (organisation)',
        actor: ag.voters[4]!,
        method: 'post',
        path: `/api/committees/${ag.committeeId}/conflicts`,
        example: { organisationId: world.organisation.id, reason: 'Vorstandsmitglied des Trägers.' },
      },
      {
        name: 'POST /api/applications/:id/written-votes',
        actor: world.coordinator,
        method: 'post',
        path: `/api/applications/${planning}/written-votes`,
        example: { motion: 'Förderung empfehlen', deadline: inDays(7) },
      },
      {
        name: 'POST /api/written-votes/:id/ballots',
        actor: ag.voters[2]!,
        method: 'post',
        path: `/api/written-votes/${writtenVote.id}/ballots`,
        example: { choice: fc.constantFrom('yes', 'no', 'abstain') },
      },
      {
        name: 'POST /api/committees/:id/sessions',
        actor: world.coordinator,
        method: 'post',
        path: `/api/committees/${ag.committeeId}/sessions`,
        example: {
          title: '3. Sitzung',
          startsAt: inDays(3),
          place: 'Rathaus, Raum 210',
          applicationIds: [reviewed],
        },
      },
      {
        name: 'POST /api/sessions/:id/attendance',
        actor: world.coordinator,
        method: 'post',
        path: `/api/sessions/${session.id}/attendance`,
        example: { memberId: substituteId, present: fc.boolean(), substituteForId: ag.voterMemberIds[0] },
      },
      {
        name: 'POST /api/sessions/:id/items/:itemId/vote',
        actor: world.coordinator,
        method: 'post',
        path: `/api/sessions/${secondSession.id}/items/${secondSession.items[0]!.id}/vote`,
        example: { withoutQuorum: fc.boolean() },
      },
      {
        name: 'POST /api/sessions/:id/votes/:voteId/ballots',
        actor: world.coordinator,
        method: 'post',
        path: `/api/sessions/${session.id}/votes/${voteId}/ballots`,
        example: { memberId: ag.voterMemberIds[1], choice: fc.constantFrom('yes', 'no', 'abstain') },
      },
      {
        name: 'POST /api/sessions/:id/votes/:voteId/my-ballot',
        actor: ag.voters[2]!,
        method: 'post',
        path: `/api/sessions/${session.id}/votes/${voteId}/my-ballot`,
        example: { choice: fc.constantFrom('yes', 'no', 'abstain') },
      },
      {
        name: 'PUT /api/calls/:id/review-setup',
        actor: world.coordinator,
        method: 'put',
        path: `/api/calls/${otherCallId}/review-setup`,
        example: { committeeId: ag.committeeId, reviewDeadline: inDays(30), criteria: CRITERIA },
        nullable: ['committeeId', 'reviewDeadline'],
      },
      {
        name: 'PUT /api/applications/:id/votum',
        actor: ag.voters[3]!,
        method: 'put',
        path: `/api/applications/${reviewed}/votum`,
        example: {
          recommendation: 'support_with_conditions',
          conditions: 'Mit Auflagen',
          scores: { networking: 4 },
          comment: 'Gut geplant.',
          confidentialNote: 'Nur für das Gremium.',
        },
      },
      {
        name: 'PUT /api/calls/:id/programme-plan',
        actor: world.coordinator,
        method: 'put',
        path: `/api/calls/${callId}/programme-plan`,
        example: { budgetCents: '50000000', fillRule: fc.constantFrom(...FILL_RULES) },
      },
      {
        name: 'PUT /api/calls/:id/programme-plan/lines/:applicationId',
        actor: world.coordinator,
        method: 'put',
        path: `/api/calls/${callId}/programme-plan/lines/${adopted}`,
        example: { amountCents: '4000000', amountReason: 'Kürzung um Honorare', manualRank: 1 },
        nullable: ['amountCents', 'amountReason', 'manualRank'],
      },
      {
        name: 'POST /api/calls/:id/programme-plan/scenarios',
        actor: world.coordinator,
        method: 'post',
        path: `/api/calls/${callId}/programme-plan/scenarios`,
        example: {
          label: 'Budget 400.000 €',
          budgetCents: '40000000',
          fillRule: fc.constantFrom(...FILL_RULES),
          amounts: [{ applicationId: adopted, amountCents: '4000000', reason: 'Kürzung' }],
          order: [adopted],
        },
      },
      // The funds
      {
        name: 'POST /api/funds',
        actor: world.finance,
        method: 'post',
        path: '/api/funds',
        example: {
          districtId: world.district.id,
          kind: 'projektfonds',
          areaId: world.areaIds[1],
          name: 'Projektfonds',
        },
      },
      {
        name: 'POST /api/funds/:id/ledger (budget amendment)',
        actor: world.finance,
        method: 'post',
        path: `/api/funds/${aktionsfonds.id}/ledger`,
        example: {
          kind: 'budget_amendment',
          programmeYear: 2027,
          amountCents: '1000',
          direction: fc.constantFrom(...BUDGET_DIRECTIONS),
          reason: 'Nachtrag',
        },
      },
      {
        name: 'POST /api/funds/:id/ledger (commitment)',
        actor: world.finance,
        method: 'post',
        path: `/api/funds/${aktionsfonds.id}/ledger`,
        example: { kind: 'commitment', ...projectEntry, grantNoticeRef: 'AF-2027-01' },
      },
      {
        name: 'POST /api/funds/:id/ledger (disbursement)',
        actor: world.finance,
        method: 'post',
        path: `/api/funds/${aktionsfonds.id}/ledger`,
        example: { kind: 'disbursement', ...projectEntry, callOffRef: 'MA-2027-01' },
      },
      {
        name: 'POST /api/funds/:id/ledger (Netzwerkfonds application)',
        actor: world.finance,
        method: 'post',
        path: `/api/funds/${world.fundId}/ledger`,
        example: {
          kind: 'commitment',
          programmeYear: 2027,
          cashYear: 2027,
          amountCents: '1000',
          applicationId: adopted,
        },
      },
      {
        name: 'POST /api/ledger/:entryId/reversal',
        actor: world.finance,
        method: 'post',
        path: `/api/ledger/${entry.id}/reversal`,
        example: { reason: 'Doppelt gebucht' },
      },
      {
        name: 'POST /api/funds/:id/projects',
        actor: world.finance,
        method: 'post',
        path: `/api/funds/${aktionsfonds.id}/projects`,
        example: projectFields,
      },
      {
        name: 'PUT /api/areas/:id/covers',
        actor: world.coordinator,
        method: 'put',
        path: `/api/areas/${world.areaIds[0]}/covers`,
        example: { planungsraumIds: [planungsraum.id] },
      },
      {
        name: 'POST /api/base-rates',
        actor: admin,
        method: 'post',
        path: '/api/base-rates',
        example: { validFrom: '2027-07-01', rateBasisPoints: 127 },
      },
      {
        name: 'POST /api/repayment-interest',
        actor: world.finance,
        method: 'post',
        path: '/api/repayment-interest',
        example: { principalCents: '1000000', paidOn: '2027-01-15', repaidOn: '2027-03-15' },
      },
      // Identity
      {
        name: 'PATCH /api/organisations/:id',
        actor: world.carrier,
        method: 'patch',
        path: `/api/organisations/${world.organisation.id}`,
        example: {
          name: world.organisation.name,
          legalForm: 'e. V.',
          street: 'Heerstraße 400',
          postalCode: '13593',
          city: 'Berlin',
          legalRepresentatives: [{ name: 'Hanna Vogt', role: 'Vorstandsvorsitzende' }],
          financeRegistrationNumber: '27/123/45678',
          vatDeductible: fc.boolean(),
          iban: 'DE89370400440532013000',
        },
        nullable: ['financeRegistrationNumber', 'iban'],
      },
      {
        name: 'PATCH /api/me',
        actor: account,
        method: 'patch',
        path: '/api/me',
        example: { displayName: 'Lena Hartmann', language: fc.constantFrom('de', 'en') },
      },
      {
        name: 'PUT /api/me/notification-settings',
        actor: account,
        method: 'put',
        path: '/api/me/notification-settings',
        example: [{ kind: fc.constantFrom(...REMINDER_KINDS), email: fc.boolean() }],
      },
      {
        name: 'POST /api/me/tokens',
        actor: account,
        method: 'post',
        path: '/api/me/tokens',
        example: { name: 'Export-Skript', expiresInDays: 30 },
      },
      {
        name: 'POST /api/invitations (staff)',
        actor: world.coordinator,
        method: 'post',
        path: '/api/invitations',
        example: {
          email: 'neu@example.org',
          displayName: 'Aylin Demir',
          language: 'de',
          role: 'board_member',
          districtId: world.district.id,
        },
      },
      {
        name: 'POST /api/invitations (carrier)',
        actor: world.carrier,
        method: 'post',
        path: '/api/invitations',
        example: {
          email: 'mitglied@example.org',
          displayName: 'Jonas Weber',
          language: 'de',
          role: 'carrier',
          organisationId: world.organisation.id,
        },
      },
      {
        name: 'POST /api/invitations/accept',
        actor: null,
        method: 'post',
        path: '/api/invitations/accept',
        example: { token: 'x'.repeat(43), password },
      },
      {
        name: 'POST /api/auth/login',
        actor: null,
        method: 'post',
        path: '/api/auth/login',
        example: { email: 'niemand@example.org', password },
      },
      {
        name: 'POST /api/auth/password-reset',
        actor: null,
        method: 'post',
        path: '/api/auth/password-reset',
        example: { email: 'niemand@example.org' },
      },
      {
        name: 'POST /api/auth/password-reset/confirm',
        actor: null,
        method: 'post',
        path: '/api/auth/password-reset/confirm',
        example: { token: 'x'.repeat(43), password },
      },
      {
        name: 'POST /api/users/:id/roles',
        actor: world.coordinator,
        method: 'post',
        path: `/api/users/${target.id}/roles`,
        example: { role: 'board_member', districtId: world.district.id },
      },
      {
        name: 'PATCH /api/users/:id',
        actor: admin,
        method: 'patch',
        path: `/api/users/${target.id}`,
        example: { status: fc.constantFrom('active', 'disabled') },
      },
      // Repayment claims (a claim that does not exist: the body is checked first)
      {
        name: 'POST /api/repayment-claims/:id/settle',
        actor: world.finance,
        method: 'post',
        path: `${claim}/settle`,
        example: { repaidOn: '2027-05-15' },
      },
      {
        name: 'POST /api/repayment-claims/:id/notice',
        actor: world.finance,
        method: 'post',
        path: `${claim}/notice`,
        example: { dueBy: '2027-06-15' },
      },
      {
        name: 'POST /api/repayment-claims/:id/payments',
        actor: world.finance,
        method: 'post',
        path: `${claim}/payments`,
        example: { amountCents: '1000', receivedOn: '2027-05-15' },
      },
      {
        name: 'POST /api/repayment-claims/:id/waiver',
        actor: world.finance,
        method: 'post',
        path: `${claim}/waiver`,
        example: { reason: 'Uneinbringlich' },
      },
    );
  }, 180_000);

  afterAll(async () => {
    await api.close();
  });

  function send(route: Route, body: unknown) {
    const base = route.actor
      ? world[route.method](route.actor, route.path)
      : request(api.server)
          [route.method](route.path)
          .set('X-Forwarded-For', `203.0.${ip >> 8}.${ip++ & 255}`);
    return base.set('Content-Type', 'application/json').send(JSON.stringify(body));
  }

  const ROUTE_NAMES = [
    'PUT /api/committees/:id/rules',
    'POST /api/committees/:id/members',
    'POST /api/committees/:id/members/:memberId/end',
    'POST /api/committees/:id/conflicts (application)',
    'POST /api/committees/:id/conflicts (organisation)',
    'POST /api/applications/:id/written-votes',
    'POST /api/written-votes/:id/ballots',
    'POST /api/committees/:id/sessions',
    'POST /api/sessions/:id/attendance',
    'POST /api/sessions/:id/items/:itemId/vote',
    'POST /api/sessions/:id/votes/:voteId/ballots',
    'POST /api/sessions/:id/votes/:voteId/my-ballot',
    'PUT /api/calls/:id/review-setup',
    'PUT /api/applications/:id/votum',
    'PUT /api/calls/:id/programme-plan',
    'PUT /api/calls/:id/programme-plan/lines/:applicationId',
    'POST /api/calls/:id/programme-plan/scenarios',
    'POST /api/funds',
    'POST /api/funds/:id/ledger (budget amendment)',
    'POST /api/funds/:id/ledger (commitment)',
    'POST /api/funds/:id/ledger (disbursement)',
    'POST /api/funds/:id/ledger (Netzwerkfonds application)',
    'POST /api/ledger/:entryId/reversal',
    'POST /api/funds/:id/projects',
    'PUT /api/areas/:id/covers',
    'POST /api/base-rates',
    'POST /api/repayment-interest',
    'PATCH /api/organisations/:id',
    'PATCH /api/me',
    'PUT /api/me/notification-settings',
    'POST /api/me/tokens',
    'POST /api/invitations (staff)',
    'POST /api/invitations (carrier)',
    'POST /api/invitations/accept',
    'POST /api/auth/login',
    'POST /api/auth/password-reset',
    'POST /api/auth/password-reset/confirm',
    'POST /api/users/:id/roles',
    'PATCH /api/users/:id',
    'POST /api/repayment-claims/:id/settle',
    'POST /api/repayment-claims/:id/notice',
    'POST /api/repayment-claims/:id/payments',
    'POST /api/repayment-claims/:id/waiver',
  ];

  const routeNamed = (name: string) => {
    const route = routes.find((r) => r.name === name);
    if (!route) throw new Error(`no example for ${name}`);
    return route;
  };

  // class-validator's IsOptional lets null through unchecked, and a service that reads
  // `=== undefined` as "left out" then meets a null it cannot use or takes it for something else
  // (an application conflict for a standing one, no quorum check for `withoutQuorum: null`). A field
  // the contract declares nullable takes null as its documented meaning.
  it.each(ROUTE_NAMES)('%s refuses null in any field, one at a time, with 400 naming it', async (name) => {
    const route = routeNamed(name);
    const [example] = fc.sample(valid(route.example), { numRuns: 1, seed: 1 });
    const wrong: string[] = [];
    for (const path of paths(example)) {
      const field = path.join('.');
      const res = await send(route, withValueAt(example, path, null));
      // A nullable field's null may still break a rule of the service (a changed amount needs a reason).
      const right = route.nullable?.includes(field) ? res.status < 500 : namesField(res, field);
      if (!right)
        wrong.push(`${field}: ${res.status} ${res.body.code} ${JSON.stringify(res.body.details ?? null)}`);
    }
    expect(wrong).toEqual([]);
  });

  // The sweep above covers the routes of today; this holds it for the routes of tomorrow.
  // @nestjs/swagger's metadata keys (its constants are not exported).
  const SWAGGER_PROPERTY = 'swagger/apiModelProperties';
  const SWAGGER_CONSUMES = 'swagger/apiConsumes';
  type Dto = abstract new (...args: never[]) => unknown;

  it('no JSON body field skips its rules for null unless the contract declares it nullable', () => {
    const storage = getMetadataStorage();
    const seen = new Set<Dto>();
    const unchecked: string[] = [];
    const visit = (dto: Dto) => {
      if (seen.has(dto)) return;
      seen.add(dto);
      for (const rule of storage.getTargetValidationMetadatas(dto, '', true, false)) {
        const property = Reflect.getMetadata(SWAGGER_PROPERTY, dto.prototype, rule.propertyName) as
          { nullable?: boolean; type?: unknown } | undefined;
        if (rule.name === 'isOptional' && property?.nullable !== true)
          unchecked.push(`${dto.name}.${rule.propertyName}`);
        // Nested objects and lists of objects have their own class.
        const nested = property?.type;
        if (
          typeof nested === 'function' &&
          storage.getTargetValidationMetadatas(nested, '', true, false).length
        )
          visit(nested as Dto);
      }
    };
    let bodies = 0;
    for (const module of api.app.get(ModulesContainer).values()) {
      for (const { metatype: controller } of module.controllers.values()) {
        if (typeof controller !== 'function') continue;
        for (const method of Object.getOwnPropertyNames(controller.prototype)) {
          const handler = (controller.prototype as Record<string, unknown>)[method];
          const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
            string,
            { index: number }
          >;
          const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ??
            []) as Dto[];
          // A multipart form carries strings only: its fields are never null.
          const consumes = (Reflect.getMetadata(SWAGGER_CONSUMES, handler as object) ?? []) as string[];
          if (consumes.includes('multipart/form-data')) continue;
          for (const [key, { index }] of Object.entries(args)) {
            if (!key.startsWith(`${RouteParamtypes.BODY}:`) || !types[index] || types[index] === Array)
              continue;
            bodies += 1;
            visit(types[index]);
          }
        }
      }
    }
    expect(bodies).toBeGreaterThan(40);
    expect(unchecked).toEqual([]);
  });

  it('PATCH /api/organisations/:id with iban and financeRegistrationNumber null removes both, as documented', async () => {
    const path = `/api/organisations/${world.organisation.id}`;
    await world
      .patch(world.carrier, path)
      .send({ iban: 'DE89370400440532013000', financeRegistrationNumber: '27/123/45678' })
      .expect(200);
    const cleared = await world
      .patch(world.carrier, path)
      .send({ iban: null, financeRegistrationNumber: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ iban: null, financeRegistrationNumber: null });
    // Left out keeps what is there.
    await world.patch(world.carrier, path).send({ iban: 'DE89370400440532013000' }).expect(200);
    const kept = await world.patch(world.carrier, path).send({ vatDeductible: true }).expect(200);
    expect(kept.body).toMatchObject({ iban: 'DE89370400440532013000', financeRegistrationNumber: null });
  });

  it.each(ROUTE_NAMES)(
    '%s answers below 500, and a 400 names field and rule',
    async (name) => {
      const route = routeNamed(name);
      await fc.assert(
        fc.asyncProperty(wrongBodies(route.example), async (body) => {
          expectAnsweredAsInput(await send(route, body), body);
        }),
        { numRuns: 100, ...wrongTypesSeed(20261208) },
      );
    },
    120_000,
  );
});
