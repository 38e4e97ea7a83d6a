import type { NestExpressApplication } from '@nestjs/platform-express';
import { DoubleFundingService } from '@kiezfonds/funds';
import {
  type ApplicationRow,
  createApplication,
  createCall,
  createDistrict,
  createFund,
  createOrganisation,
  createTrackedProject,
  createUser,
  type DistrictRow,
  type FundRow,
  grantRole,
  type OrganisationRow,
  setApplicationPeriod,
  setPassword,
  type SignedIn,
  signIn,
  type TestDatabase,
  type UserRow,
} from '@kiezfonds/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';
type StaffRole = 'board_member' | 'coordinator' | 'finance' | 'admin';
const NBSP = '\u00a0';

// Base rates (Basiszinssatz, § 247 BGB) as published by the Bundesbank, in basis points.
const BASE_RATES = [
  { validFrom: '2023-01-01', rateBasisPoints: 162 },
  { validFrom: '2023-07-01', rateBasisPoints: 312 },
  { validFrom: '2024-01-01', rateBasisPoints: 362 },
  { validFrom: '2024-07-01', rateBasisPoints: 337 },
  { validFrom: '2025-01-01', rateBasisPoints: 227 },
  { validFrom: '2025-07-01', rateBasisPoints: 127 },
];

describe('repayment interest and the double-funding check over HTTP', () => {
  let api: TestApi;
  let db: TestDatabase;
  let app: NestExpressApplication;
  let server: ReturnType<NestExpressApplication['getHttpServer']>;
  let spandau: DistrictRow;
  let neukoelln: DistrictRow;
  let finance: { user: UserRow; session: SignedIn };
  let coordinator: { user: UserRow; session: SignedIn };
  let neukoellnCoordinator: { user: UserRow; session: SignedIn };
  let boardMember: { user: UserRow; session: SignedIn };
  let admin: { user: UserRow; session: SignedIn };

  beforeAll(async () => {
    api = await startTestApi();
    ({ db, app, server } = api);
    spandau = await createDistrict(db.dataSource, { slug: 'spandau', name: 'Spandau' });
    neukoelln = await createDistrict(db.dataSource, { slug: 'neukoelln', name: 'Neukölln' });
    finance = await signedInStaff('finance', spandau);
    coordinator = await signedInStaff('coordinator', spandau);
    neukoellnCoordinator = await signedInStaff('coordinator', neukoelln);
    boardMember = await signedInStaff('board_member', spandau);
    admin = await signedInStaff('admin', spandau);
  });

  afterAll(async () => {
    await api.close();
  });

  async function signedInStaff(role: StaffRole, district: DistrictRow) {
    const user = await createUser(db.dataSource);
    await grantRole(db.dataSource, user.id, role, district.id);
    await setPassword(db.dataSource, user.id, PASSWORD);
    return { user, session: await signIn(server, user.email, PASSWORD) };
  }
  const get = (session: SignedIn, path: string) => request(server).get(path).set('Cookie', session.cookie);
  const post = (session: SignedIn, path: string) =>
    request(server).post(path).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken);

  describe('base rates and repayment interest', () => {
    it('starts with the published base rates and lets only administrators change them, audited', async () => {
      expect((await get(finance.session, '/api/base-rates').expect(200)).body.items).toEqual(BASE_RATES);
      // Berlin-wide data: a district's finance staff read the table but do not change it.
      const refused = await post(finance.session, '/api/base-rates')
        .send({ validFrom: '2026-01-01', rateBasisPoints: 99 })
        .expect(403);
      expect(refused.body.code).toBe('forbidden');
      await post(admin.session, '/api/base-rates')
        .send({ validFrom: '2026-01-01', rateBasisPoints: 99 })
        .expect(201);
      await post(admin.session, '/api/base-rates')
        .send({ validFrom: '2026-01-01', rateBasisPoints: 127 })
        .expect(201);
      const res = await get(finance.session, '/api/base-rates').expect(200);
      expect(res.body.items).toEqual([...BASE_RATES, { validFrom: '2026-01-01', rateBasisPoints: 127 }]);
      const events = (await db.dataSource.query(
        `SELECT action, actor_id, payload FROM audit_event WHERE entity_type = 'base_rate' AND entity_id = '2026-01-01'
         ORDER BY occurred_at`,
      )) as { action: string; actor_id: string; payload: { previousRateBasisPoints: number | null } }[];
      expect(events.map((e) => [e.action, e.actor_id, e.payload.previousRateBasisPoints])).toEqual([
        ['create', admin.user.id, null],
        ['correct', admin.user.id, 99],
      ]);

      const bad = await post(admin.session, '/api/base-rates')
        .send({ validFrom: '01.07.2026', rateBasisPoints: 1.5 })
        .expect(400);
      expect(
        bad.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort(),
      ).toEqual(['rateBasisPoints:isInt', 'validFrom:isDateString']);
    });

    it('calculates the worked example line by line: 10.000,00 € from 15.03.2024 to 15.09.2024', async () => {
      // Line 1: 15.03.–30.06.2024, 108 days at 3,62 % + 5 % = 8,62 %:
      //         1 000 000 ct × 862 × 108 / (10 000 × 365) = 25 505,75… → 25 506 ct
      // Line 2: 01.07.–14.09.2024, 76 days at 3,37 % + 5 % = 8,37 %:
      //         1 000 000 ct × 837 × 76 / 3 650 000 = 17 427,95… → 17 428 ct
      // Total: 42 934 ct = 429,34 €.
      const res = await post(finance.session, '/api/repayment-interest')
        .send({ principalCents: 1_000_000, paidOn: '2024-03-15', repaidOn: '2024-09-15' })
        .expect(200);
      expect(res.body).toMatchObject({
        principalCents: '1000000',
        paidOn: '2024-03-15',
        repaidOn: '2024-09-15',
        days: 184,
        surchargeBasisPoints: 500,
        daysPerYear: 365,
        totalCents: '42934',
        totalText: `Zinsen insgesamt: 429,34${NBSP}€`,
      });
      expect(res.body.lines).toEqual([
        {
          from: '2024-03-15',
          to: '2024-06-30',
          days: 108,
          baseRateBasisPoints: 362,
          rateBasisPoints: 862,
          interestCents: '25506',
          text:
            `15.03.2024 – 30.06.2024: 108 Tage zu 8,62 % (Basiszinssatz 3,62 % + 5,00 %) auf 10.000,00${NBSP}€: ` +
            `10.000,00${NBSP}€ × 8,62 % × 108 / 365 = 255,06${NBSP}€`,
        },
        {
          from: '2024-07-01',
          to: '2024-09-14',
          days: 76,
          baseRateBasisPoints: 337,
          rateBasisPoints: 837,
          interestCents: '17428',
          text:
            `01.07.2024 – 14.09.2024: 76 Tage zu 8,37 % (Basiszinssatz 3,37 % + 5,00 %) auf 10.000,00${NBSP}€: ` +
            `10.000,00${NBSP}€ × 8,37 % × 76 / 365 = 174,28${NBSP}€`,
        },
      ]);
    });

    it('counts a leap year with 365 days across the turn of the year, and speaks English on request', async () => {
      // 50.000,00 € from 01.12.2023 to 01.03.2024:
      // Line 1: 01.12.–31.12.2023, 31 days at 8,12 %: 5 000 000 × 812 × 31 / 3 650 000 = 34 482,19… → 34 482 ct
      // Line 2: 01.01.–29.02.2024, 60 days at 8,62 %: 5 000 000 × 862 × 60 / 3 650 000 = 70 849,31… → 70 849 ct
      const res = await post(finance.session, '/api/repayment-interest')
        .set('Accept-Language', 'en-GB')
        .send({ principalCents: '5000000', paidOn: '2023-12-01', repaidOn: '2024-03-01' })
        .expect(200);
      expect(
        res.body.lines.map((l: { days: number; interestCents: string }) => [l.days, l.interestCents]),
      ).toEqual([
        [31, '34482'],
        [60, '70849'],
      ]);
      expect(res.body.totalCents).toBe('105331');
      expect(res.body.lines[1].text).toBe(
        '01/01/2024 – 29/02/2024: 60 days at 8.62% (base rate 3.62% + 5.00%) on €50,000.00: ' +
          '€50,000.00 × 8.62% × 60 / 365 = €708.49',
      );
    });

    it('refuses floats, a repayment before the payment, and a payment before the table starts', async () => {
      const float = await post(finance.session, '/api/repayment-interest')
        .send({ principalCents: 100.5, paidOn: '2024-03-15', repaidOn: '2024-03-14' })
        .expect(400);
      expect(
        float.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort(),
      ).toEqual(['principalCents:cents', 'repaidOn:notBeforeStart']);
      const early = await post(finance.session, '/api/repayment-interest')
        .send({ principalCents: 100_000, paidOn: '2019-05-02', repaidOn: '2024-03-14' })
        .expect(422);
      expect(early.body).toMatchObject({
        code: 'base_rate_missing',
        message: 'Für den Zeitraum fehlt ein Basiszinssatz.',
      });
    });

    it('answers interest beyond what the ledger can hold with 422 interest_out_of_range, naming the interest, not a fund', async () => {
      const tooMuch = { principalCents: '9223372036854775807', paidOn: '2024-03-15', repaidOn: '9999-12-31' };
      const de = await post(finance.session, '/api/repayment-interest').send(tooMuch).expect(422);
      expect(de.body).toMatchObject({
        code: 'interest_out_of_range',
        message:
          'Die Zinsen auf diesen Betrag für diesen Zeitraum wären größer, als das Kassenbuch fassen kann. ' +
          'Bitte prüfen Sie Betrag und Daten.',
        details: [],
      });
      const en = await post(finance.session, '/api/repayment-interest')
        .set('Accept-Language', 'en')
        .send(tooMuch)
        .expect(422);
      expect(en.body).toMatchObject({
        code: 'interest_out_of_range',
        message:
          'The interest on this amount for this period would be more than the ledger can hold. ' +
          'Please check the amount and the dates.',
      });
      // The largest principal over one year still fits.
      await post(finance.session, '/api/repayment-interest')
        .send({ principalCents: '9223372036854775807', paidOn: '2025-01-01', repaidOn: '2026-01-01' })
        .expect(200);
    });

    it('is for finance staff and admins only', async () => {
      await post(boardMember.session, '/api/repayment-interest')
        .send({ principalCents: 100, paidOn: '2024-03-15', repaidOn: '2024-03-16' })
        .expect(403);
      await post(coordinator.session, '/api/base-rates')
        .send({ validFrom: '2027-01-01', rateBasisPoints: 1 })
        .expect(403);
      await get(boardMember.session, '/api/base-rates').expect(403);
    });
  });

  describe('the double-funding check', () => {
    let carrier: OrganisationRow;
    let otherCarrier: OrganisationRow;
    let aktionsfonds: FundRow;
    let projektfonds: FundRow;
    let neukoellnFonds: FundRow;
    let application: ApplicationRow;

    beforeAll(async () => {
      carrier = await createOrganisation(db.dataSource, { name: 'Jugendwerk Heerstraße e. V.' });
      otherCarrier = await createOrganisation(db.dataSource);
      aktionsfonds = await createFund(db.dataSource, { districtId: spandau.id, kind: 'aktionsfonds' });
      projektfonds = await createFund(db.dataSource, { districtId: spandau.id, kind: 'projektfonds' });
      neukoellnFonds = await createFund(db.dataSource, { districtId: neukoelln.id, kind: 'projektfonds' });
      const call = await createCall(db.dataSource, { districtId: spandau.id, programmeYear: 2026 });
      application = await createApplication(db.dataSource, {
        callId: call.id,
        organisationId: carrier.id,
        state: 'submitted',
      });
      await setApplicationPeriod(db.dataSource, application.id, '2026-01-01', '2026-12-31');
    });

    it('finds overlapping tracked projects of the same carrier, records the warning, and ignores the rest', async () => {
      const overlapping = await createTrackedProject(db.dataSource, aktionsfonds, {
        organisationId: carrier.id,
        title: 'Sommerfest am Heerstraßenhof',
        periodStart: '2026-06-01',
        periodEnd: '2026-06-30',
        amountCents: 150_000,
      });
      // Touching on one day is an overlap: both ends of a period count.
      const touching = await createTrackedProject(db.dataSource, projektfonds, {
        organisationId: carrier.id,
        periodStart: '2025-01-01',
        periodEnd: '2026-01-01',
      });
      const elsewhere = await createTrackedProject(db.dataSource, neukoellnFonds, {
        organisationId: carrier.id,
        title: 'Geheimes Neuköllner Projekt',
        periodStart: '2026-09-01',
        periodEnd: '2027-08-31',
      });
      await createTrackedProject(db.dataSource, projektfonds, {
        organisationId: carrier.id,
        title: 'Vorjahresprojekt',
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
      });
      await createTrackedProject(db.dataSource, aktionsfonds, {
        organisationId: otherCarrier.id,
        title: 'Fremder Träger',
        periodStart: '2026-03-01',
        periodEnd: '2026-10-31',
      });

      const report = await app
        .get(DataSource)
        .transaction((tx) =>
          app
            .get(DoubleFundingService)
            .check(tx, application.id, { actorId: coordinator.user.id, requestId: 'req-12345678' }),
        );
      expect(report.matches.map((m) => m.trackedProjectId)).toEqual([
        touching.id,
        overlapping.id,
        elsewhere.id,
      ]);
      expect(report.matches[1]).toEqual({
        trackedProjectId: overlapping.id,
        imported: false,
        districtId: spandau.id,
        districtName: 'Spandau',
        sameDistrict: true,
        fundKind: 'aktionsfonds',
        fundId: aktionsfonds.id,
        fundName: aktionsfonds.name,
        title: 'Sommerfest am Heerstraßenhof',
        areaName: expect.any(String),
        periodStart: '2026-06-01',
        periodEnd: '2026-06-30',
        amountCents: '150000',
      });
      // Another district's project counts, but shows nothing beyond kind, district and period.
      expect(report.matches[2]).toEqual({
        trackedProjectId: elsewhere.id,
        imported: false,
        districtId: neukoelln.id,
        districtName: 'Neukölln',
        sameDistrict: false,
        fundKind: 'projektfonds',
        fundId: null,
        fundName: null,
        title: null,
        areaName: null,
        periodStart: '2026-09-01',
        periodEnd: '2027-08-31',
        amountCents: null,
      });

      const events = (await db.dataSource.query(
        `SELECT actor_id, district_id, request_id, payload FROM audit_event
         WHERE entity_type = 'application' AND entity_id = $1 AND action = 'double_funding_warning'`,
        [application.id],
      )) as { actor_id: string; district_id: string; request_id: string; payload: Record<string, unknown> }[];
      expect(events).toEqual([
        {
          actor_id: coordinator.user.id,
          district_id: spandau.id,
          request_id: 'req-12345678',
          payload: {
            organisationId: carrier.id,
            periodStart: '2026-01-01',
            periodEnd: '2026-12-31',
            trackedProjectIds: [touching.id, overlapping.id, elsewhere.id],
          },
        },
      ]);

      const res = await get(coordinator.session, `/api/applications/${application.id}/double-funding`).expect(
        200,
      );
      expect(res.body).toMatchObject({
        applicationId: application.id,
        organisationId: carrier.id,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        matches: [
          expect.objectContaining({ trackedProjectId: touching.id }),
          expect.objectContaining({
            trackedProjectId: overlapping.id,
            title: 'Sommerfest am Heerstraßenhof',
          }),
          expect.objectContaining({ trackedProjectId: elsewhere.id, title: null }),
        ],
        warnings: [
          {
            occurredAt: expect.any(String),
            actorId: coordinator.user.id,
            periodStart: '2026-01-01',
            periodEnd: '2026-12-31',
            trackedProjectIds: [touching.id, overlapping.id, elsewhere.id],
          },
        ],
      });
      expect(JSON.stringify(res.body)).not.toContain('Geheimes Neuköllner Projekt');
      await get(finance.session, `/api/applications/${application.id}/double-funding`).expect(200);
    });

    it('records nothing when nothing overlaps, or while the application has no period', async () => {
      const call = await createCall(db.dataSource, { districtId: spandau.id, programmeYear: 2027 });
      // Submitted: the office reads no report of a draft (404, as the draft itself).
      const clean = await createApplication(db.dataSource, {
        callId: call.id,
        organisationId: carrier.id,
        state: 'submitted',
      });
      const service = app.get(DoubleFundingService);
      const withoutPeriod = await app
        .get(DataSource)
        .transaction((tx) => service.check(tx, clean.id, { actorId: null }));
      expect(withoutPeriod).toMatchObject({ periodStart: null, periodEnd: null, matches: [] });

      await setApplicationPeriod(db.dataSource, clean.id, '2030-01-01', '2030-12-31');
      const later = await app
        .get(DataSource)
        .transaction((tx) => service.check(tx, clean.id, { actorId: null }));
      expect(later).toMatchObject({ periodStart: '2030-01-01', matches: [] });
      const events = await db.dataSource.query(
        `SELECT 1 FROM audit_event WHERE entity_id = $1 AND action = 'double_funding_warning'`,
        [clean.id],
      );
      expect(events).toEqual([]);
      const res = await get(coordinator.session, `/api/applications/${clean.id}/double-funding`).expect(200);
      expect(res.body).toMatchObject({ matches: [], warnings: [] });
    });

    it("shows the warning only to staff of the application's district", async () => {
      const neukoelln404 = await get(
        neukoellnCoordinator.session,
        `/api/applications/${application.id}/double-funding`,
      ).expect(404);
      expect(neukoelln404.body.code).toBe('application_not_found');
      await get(boardMember.session, `/api/applications/${application.id}/double-funding`).expect(403);
      await request(server).get(`/api/applications/${application.id}/double-funding`).expect(401);
      await get(
        coordinator.session,
        '/api/applications/00000000-0000-4000-8000-000000000000/double-funding',
      ).expect(404);
    });
  });
});
