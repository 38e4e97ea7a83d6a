import type { NestExpressApplication } from '@nestjs/platform-express';
import { Money } from '@kiezfonds/domain';
import { LedgerService } from '@kiezfonds/funds';
import {
  type AreaRow,
  createActionField,
  createApplication,
  createArea,
  createCall,
  createDistrict,
  createOrganisation,
  createUser,
  type DistrictRow,
  grantRole,
  type OrganisationRow,
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

interface FundJson {
  id: string;
  districtId: string;
  kind: string;
  areaId: string | null;
  areaName: string | null;
  name: string;
}

describe('funds and ledger over HTTP', () => {
  let api: TestApi;
  let db: TestDatabase;
  let app: NestExpressApplication;
  let server: ReturnType<NestExpressApplication['getHttpServer']>;
  let spandau: DistrictRow;
  let neukoelln: DistrictRow;
  let heerstrasse: AreaRow;
  let falkenhagen: AreaRow;
  let carrierOrganisation: OrganisationRow;
  let spandauFinance: SignedIn;
  let spandauAdmin: SignedIn;
  let neukoellnFinance: SignedIn;
  let boardMember: SignedIn;
  let carrier: SignedIn;
  let spandauFinanceUser: UserRow;
  /** Spandau's Netzwerkfonds and the Aktionsfonds of Heerstraße Nord, created through the API. */
  let netzwerkfonds: FundJson;
  let aktionsfonds: FundJson;

  beforeAll(async () => {
    api = await startTestApi({ API_DOCS: 'on' });
    ({ db, app, server } = api);
    spandau = await createDistrict(db.dataSource, { slug: 'spandau', name: 'Spandau' });
    neukoelln = await createDistrict(db.dataSource, { slug: 'neukoelln', name: 'Neukölln' });
    heerstrasse = await createArea(db.dataSource, { districtId: spandau.id, name: 'Heerstraße Nord' });
    falkenhagen = await createArea(db.dataSource, { districtId: spandau.id, name: 'Falkenhagener Feld Ost' });
    await createArea(db.dataSource, { districtId: neukoelln.id, name: 'Rollbergsiedlung' });

    ({ user: spandauFinanceUser, session: spandauFinance } = await signedInStaff('finance', spandau, {
      displayName: 'Fiona Finanzen',
    }));
    spandauAdmin = (await signedInStaff('admin', spandau)).session;
    neukoellnFinance = (await signedInStaff('finance', neukoelln)).session;
    boardMember = (await signedInStaff('board_member', spandau)).session;
    const carrierUser = await createUser(db.dataSource);
    await setPassword(db.dataSource, carrierUser.id, PASSWORD);
    carrierOrganisation = await createOrganisation(db.dataSource, {
      name: 'Kiezküche Heerstraße e. V.',
      members: [carrierUser],
    });
    carrier = await signIn(server, carrierUser.email, PASSWORD);

    netzwerkfonds = (
      await write(spandauFinance, 'post', '/api/funds')
        .send({ districtId: spandau.id, kind: 'netzwerkfonds' })
        .expect(201)
    ).body;
    aktionsfonds = (
      await write(spandauFinance, 'post', '/api/funds')
        .send({ districtId: spandau.id, kind: 'aktionsfonds', areaId: heerstrasse.id })
        .expect(201)
    ).body;
  });

  afterAll(async () => {
    await api.close();
  });

  async function signedInStaff(
    role: StaffRole,
    district: DistrictRow,
    overrides: Partial<Omit<UserRow, 'id'>> = {},
  ): Promise<{ user: UserRow; session: SignedIn }> {
    const user = await createUser(db.dataSource, overrides);
    await grantRole(db.dataSource, user.id, role, district.id);
    await setPassword(db.dataSource, user.id, PASSWORD);
    return { user, session: await signIn(server, user.email, PASSWORD) };
  }

  function get(session: SignedIn, path: string) {
    return request(server).get(path).set('Cookie', session.cookie);
  }
  function write(session: SignedIn, method: 'post' | 'patch', path: string) {
    return request(server)[method](path).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken);
  }

  /** A fresh tracked fund of Spandau with a budget, for tests that must not share balances. */
  async function trackedFundWithBudget(kind: string, budgetCents: string, programmeYear = 2026) {
    const area = await createArea(db.dataSource, { districtId: spandau.id });
    const fund: FundJson = (
      await write(spandauFinance, 'post', '/api/funds')
        .send({ districtId: spandau.id, kind, areaId: area.id })
        .expect(201)
    ).body;
    await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
      .send({ kind: 'budget', programmeYear, amountCents: budgetCents })
      .expect(201);
    return fund;
  }

  async function recordProject(fundId: string, overrides: Record<string, unknown> = {}) {
    const res = await write(spandauFinance, 'post', `/api/funds/${fundId}/projects`)
      .send({
        organisationId: carrierOrganisation.id,
        title: 'Nachbarschaftsfest im Hof',
        decisionDate: '2026-03-12',
        periodStart: '2026-04-01',
        periodEnd: '2026-09-30',
        amountCents: 150_000,
        ...overrides,
      })
      .expect(201);
    return res.body as { id: string };
  }

  describe('funds', () => {
    it('lets finance create the Netzwerkfonds of the district and the Aktionsfonds of a QM area, named after them', () => {
      expect(netzwerkfonds).toMatchObject({
        districtId: spandau.id,
        districtName: 'Spandau',
        kind: 'netzwerkfonds',
        areaId: null,
        name: 'Netzwerkfonds Spandau',
      });
      expect(aktionsfonds).toMatchObject({
        kind: 'aktionsfonds',
        areaId: heerstrasse.id,
        areaName: 'Heerstraße Nord',
        name: 'Aktionsfonds Heerstraße Nord',
      });
    });

    it('refuses a second fund of the same kind and area, a tracked fund without a QM area, and another district', async () => {
      const again = await write(spandauFinance, 'post', '/api/funds')
        .send({ districtId: spandau.id, kind: 'netzwerkfonds' })
        .expect(422);
      expect(again.body.code).toBe('fund_exists');

      const noArea = await write(spandauFinance, 'post', '/api/funds')
        .send({ districtId: spandau.id, kind: 'projektfonds' })
        .expect(400);
      expect(noArea.body.details).toEqual([expect.objectContaining({ field: 'areaId', rule: 'required' })]);

      const region = await createArea(db.dataSource, { districtId: spandau.id, kind: 'bezirksregion' });
      const notQm = await write(spandauFinance, 'post', '/api/funds')
        .send({ districtId: spandau.id, kind: 'baufonds', areaId: region.id })
        .expect(400);
      expect(notQm.body.details).toEqual([expect.objectContaining({ field: 'areaId', rule: 'qmArea' })]);

      await write(spandauFinance, 'post', '/api/funds')
        .send({ districtId: neukoelln.id, kind: 'netzwerkfonds' })
        .expect(404);
    });

    it('lets an admin of the district create funds too', async () => {
      const res = await write(spandauAdmin, 'post', '/api/funds')
        .send({ districtId: spandau.id, kind: 'baufonds', areaId: falkenhagen.id, name: 'Baufonds FF Ost' })
        .expect(201);
      expect(res.body).toMatchObject({ kind: 'baufonds', name: 'Baufonds FF Ost' });
    });
  });

  describe('booking and balances', () => {
    it('lets finance of Spandau book a budget and see it in the fund list, the year view and the district overview', async () => {
      const booked = await write(spandauFinance, 'post', `/api/funds/${netzwerkfonds.id}/ledger`)
        .send({ kind: 'budget', programmeYear: 2027, amountCents: '50000000' })
        .expect(201);
      expect(booked.body.entry).toMatchObject({
        kind: 'budget',
        fundId: netzwerkfonds.id,
        programmeYear: 2027,
        cashYear: 2027,
        amountCents: '50000000',
        actor: { id: spandauFinanceUser.id, displayName: 'Fiona Finanzen' },
        reversedByEntryId: null,
      });
      expect(booked.body.balance).toEqual({
        fundId: netzwerkfonds.id,
        programmeYear: 2027,
        budgetCents: '50000000',
        committedCents: '0',
        availableCents: '50000000',
        disbursedCents: '0',
        repaidCents: '0',
        paidCents: '0',
        outstandingCents: '0',
      });

      const list = await get(spandauFinance, '/api/funds?programmeYear=2027').expect(200);
      expect(list.body.programmeYear).toBe(2027);
      const listed = list.body.items.find((f: FundJson) => f.id === netzwerkfonds.id);
      expect(listed.balance).toMatchObject({ programmeYear: 2027, budgetCents: '50000000', entryCount: 1 });
      expect(list.body.items[0].id).toBe(netzwerkfonds.id);
      const aktions = list.body.items.find((f: FundJson) => f.id === aktionsfonds.id);
      expect(aktions.balance).toMatchObject({ budgetCents: '0', availableCents: '0', entryCount: 0 });

      const year = await get(spandauFinance, `/api/funds/${netzwerkfonds.id}/years/2027`).expect(200);
      expect(year.body).toMatchObject({
        fundId: netzwerkfonds.id,
        fundKind: 'netzwerkfonds',
        programmeYear: 2027,
        budgetCents: '50000000',
        availableCents: '50000000',
        cashYears: [
          { cashYear: 2027, plannedCents: '0', disbursedCents: '0', repaidCents: '0', paidCents: '0' },
        ],
      });

      const overview = await get(
        spandauFinance,
        `/api/districts/${spandau.id}/balances?programmeYear=2027`,
      ).expect(200);
      expect(overview.body).toMatchObject({
        districtId: spandau.id,
        districtName: 'Spandau',
        programmeYear: 2027,
        totals: { budgetCents: '50000000', availableCents: '50000000' },
        funds: [
          expect.objectContaining({ fundId: netzwerkfonds.id, areaName: null, budgetCents: '50000000' }),
        ],
        byArea: [expect.objectContaining({ areaId: null, budgetCents: '50000000' })],
        byActionField: [],
      });
    });

    it('shows per cash year what is planned against what is paid, by area and by action field', async () => {
      const fund = await trackedFundWithBudget('projektfonds', '2000000');
      const field = await createActionField(db.dataSource, { districtId: spandau.id, name: 'Bildung' });
      const project = await recordProject(fund.id, { actionFieldId: field.id, amountCents: 1_200_000 });
      const book = (body: object) =>
        write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
          .send({ programmeYear: 2026, trackedProjectId: project.id, ...body })
          .expect(201);
      await book({ kind: 'commitment', cashYear: 2026, amountCents: 800_000, grantNoticeRef: 'PF-2026-07' });
      await book({ kind: 'commitment', cashYear: 2027, amountCents: 400_000 });
      await book({ kind: 'disbursement', cashYear: 2026, amountCents: 500_000, callOffRef: 'MA-1' });
      await book({ kind: 'repayment', cashYear: 2026, amountCents: 20_000 });

      const year = await get(spandauFinance, `/api/funds/${fund.id}/years/2026`).expect(200);
      expect(year.body).toMatchObject({
        budgetCents: '2000000',
        committedCents: '1200000',
        availableCents: '800000',
        disbursedCents: '500000',
        repaidCents: '20000',
        paidCents: '480000',
        outstandingCents: '720000',
        entryCount: 5,
        cashYears: [
          {
            cashYear: 2026,
            plannedCents: '800000',
            disbursedCents: '500000',
            repaidCents: '20000',
            paidCents: '480000',
          },
          { cashYear: 2027, plannedCents: '400000', disbursedCents: '0', repaidCents: '0', paidCents: '0' },
        ],
      });

      const overview = await get(
        spandauFinance,
        `/api/districts/${spandau.id}/balances?programmeYear=2026`,
      ).expect(200);
      expect(overview.body.byArea).toContainEqual(
        expect.objectContaining({ areaId: fund.areaId, budgetCents: '2000000', committedCents: '1200000' }),
      );
      expect(overview.body.byActionField).toContainEqual({
        actionFieldId: field.id,
        actionFieldName: 'Bildung',
        fundKind: 'projektfonds',
        committedCents: '1200000',
        disbursedCents: '500000',
        repaidCents: '20000',
        paidCents: '480000',
        outstandingCents: '720000',
      });

      const projects = await get(spandauFinance, `/api/funds/${fund.id}/projects`).expect(200);
      expect(projects.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect(projects.body.items[0]).toMatchObject({
        id: project.id,
        organisationName: 'Kiezküche Heerstraße e. V.',
        actionFieldName: 'Bildung',
        periodStart: '2026-04-01',
        periodEnd: '2026-09-30',
        amountCents: '1200000',
        committedCents: '1200000',
        disbursedCents: '500000',
        repaidCents: '20000',
      });
    });

    it('refuses a commitment over the budget with 422 budget_exceeded and a German message', async () => {
      const fund = await trackedFundWithBudget('aktionsfonds', '1000000');
      const project = await recordProject(fund.id);
      const over = await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
        .send({
          kind: 'commitment',
          programmeYear: 2026,
          cashYear: 2026,
          amountCents: 1_000_001,
          trackedProjectId: project.id,
        })
        .expect(422);
      expect(over.body).toMatchObject({
        code: 'budget_exceeded',
        message: 'Das Budget des Fonds für dieses Programmjahr reicht nicht aus.',
      });
      const english = await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
        .set('Accept-Language', 'en')
        .send({
          kind: 'commitment',
          programmeYear: 2026,
          cashYear: 2026,
          amountCents: 1_000_001,
          trackedProjectId: project.id,
        })
        .expect(422);
      expect(english.body.message).toBe('The fund’s budget for this programme year is not sufficient.');

      // Exactly the budget still fits, and nothing of the refused bookings was kept.
      await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
        .send({
          kind: 'commitment',
          programmeYear: 2026,
          cashYear: 2026,
          amountCents: 1_000_000,
          trackedProjectId: project.id,
        })
        .expect(201);
      const year = await get(spandauFinance, `/api/funds/${fund.id}/years/2026`).expect(200);
      expect(year.body).toMatchObject({ committedCents: '1000000', availableCents: '0', entryCount: 2 });
    });

    it('books a payment and its reversal once for one Idempotency-Key, and refuses the key for another body', async () => {
      const fund = await trackedFundWithBudget('projektfonds', '500000');
      const project = await recordProject(fund.id);
      const body = (amountCents: number) => ({
        kind: 'commitment',
        programmeYear: 2026,
        cashYear: 2026,
        amountCents,
        trackedProjectId: project.id,
      });
      const book = (key: string, amountCents: number) =>
        write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
          .set('Idempotency-Key', key)
          .send(body(amountCents));
      const first = await book(`book-${project.id}`, 200_000).expect(201);
      const again = await book(`book-${project.id}`, 200_000).expect(201);
      expect(again.body.entry.id).toBe(first.body.entry.id);
      expect((await book(`book-${project.id}`, 200_001).expect(422)).body.code).toBe(
        'idempotency_key_reused',
      );
      const reverse = () =>
        write(spandauFinance, 'post', `/api/ledger/${first.body.entry.id}/reversal`)
          .set('Idempotency-Key', `reverse-${first.body.entry.id}`)
          .send({ reason: 'Doppelt erfasst.' });
      const reversal = await reverse().expect(201);
      expect((await reverse().expect(201)).body.entry.id).toBe(reversal.body.entry.id);
      const year = await get(spandauFinance, `/api/funds/${fund.id}/years/2026`).expect(200);
      expect(year.body).toMatchObject({ committedCents: '0', entryCount: 3 });
    });

    it('refuses to pay a project more than is committed, and to take back more than was paid', async () => {
      const fund = await trackedFundWithBudget('projektfonds', '500000');
      const project = await recordProject(fund.id);
      const book = (kind: string, amountCents: number) =>
        write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`).send({
          kind,
          programmeYear: 2026,
          cashYear: 2026,
          amountCents,
          trackedProjectId: project.id,
        });
      await book('commitment', 300_000).expect(201);
      expect((await book('disbursement', 300_001).expect(422)).body.code).toBe(
        'disbursement_exceeds_commitment',
      );
      await book('disbursement', 100_000).expect(201);
      expect((await book('repayment', 100_001).expect(422)).body.code).toBe('repayment_exceeds_disbursement');
      await book('decommitment', 200_000).expect(201);
      expect((await book('decommitment', 1).expect(422)).body.code).toBe('disbursement_exceeds_commitment');
    });

    it('answers 422 netzwerkfonds_commit_by_workflow to any project money of the Netzwerkfonds', async () => {
      const commitment = await write(spandauFinance, 'post', `/api/funds/${netzwerkfonds.id}/ledger`)
        .send({ kind: 'commitment', programmeYear: 2027, cashYear: 2027, amountCents: 5_000_000 })
        .expect(422);
      expect(commitment.body).toMatchObject({
        code: 'netzwerkfonds_commit_by_workflow',
        message: expect.stringContaining('nur im Antragsverfahren'),
      });

      const call = await createCall(db.dataSource, { districtId: spandau.id, programmeYear: 2027 });
      const application = await createApplication(db.dataSource, {
        callId: call.id,
        organisationId: carrierOrganisation.id,
        state: 'approved',
      });
      const withApplication = await write(spandauFinance, 'post', `/api/funds/${netzwerkfonds.id}/ledger`)
        .send({
          kind: 'commitment',
          programmeYear: 2027,
          cashYear: 2027,
          amountCents: 5_000_000,
          applicationId: application.id,
        })
        .expect(422);
      expect(withApplication.body.code).toBe('netzwerkfonds_commit_by_workflow');
      const disbursement = await write(spandauFinance, 'post', `/api/funds/${netzwerkfonds.id}/ledger`)
        .send({ kind: 'disbursement', programmeYear: 2027, cashYear: 2027, amountCents: 100 })
        .expect(422);
      expect(disbursement.body.code).toBe('netzwerkfonds_commit_by_workflow');

      const year = await get(spandauFinance, `/api/funds/${netzwerkfonds.id}/years/2027`).expect(200);
      expect(year.body.committedCents).toBe('0');
    });

    it('takes amounts only as integer cents and names the field of a float', async () => {
      for (const amountCents of [12.5, '12,50', '12.50', -100, 0, '1e5', true]) {
        const res = await write(spandauFinance, 'post', `/api/funds/${aktionsfonds.id}/ledger`)
          .send({ kind: 'budget', programmeYear: 2026, amountCents })
          .expect(400);
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'amountCents', rule: 'cents' })]);
      }
      const res = await write(spandauFinance, 'post', `/api/funds/${aktionsfonds.id}/ledger`)
        .send({ kind: 'budget', programmeYear: 2026, amountCents: 12.5 })
        .expect(400);
      expect(res.body.details[0].message).toContain('ganze Zahl von Cent');
    });

    it('refuses a budget that would take the fund year beyond what the ledger holds with 422, not 500', async () => {
      const fund = await trackedFundWithBudget('aktionsfonds', '5000000000');
      const largest = (2n ** 63n - 1n).toString();
      const res = await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
        .send({ kind: 'budget', programmeYear: 2026, amountCents: largest })
        .expect(422);
      expect(res.body).toMatchObject({
        code: 'amount_out_of_range',
        message: 'Mit diesem Betrag überstiege die Summe des Fonds, was das Kassenbuch fassen kann.',
      });
      // Nothing was booked: the year holds its first budget, and the largest amount alone still fits a new year.
      const year = await get(spandauFinance, `/api/funds/${fund.id}/years/2026`).expect(200);
      expect(year.body).toMatchObject({ budgetCents: '5000000000', entryCount: 1 });
      await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
        .send({ kind: 'budget', programmeYear: 2027, amountCents: largest })
        .expect(201);
    });

    it('needs a reason and a direction for a budget amendment, and the fields each kind requires', async () => {
      const amendment = await write(spandauFinance, 'post', `/api/funds/${aktionsfonds.id}/ledger`)
        .send({ kind: 'budget_amendment', programmeYear: 2026, amountCents: 100_000 })
        .expect(400);
      expect(amendment.body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'direction', rule: 'required' }),
          expect.objectContaining({ field: 'reason', rule: 'required' }),
        ]),
      );
      const project = await write(spandauFinance, 'post', `/api/funds/${aktionsfonds.id}/ledger`)
        .send({ kind: 'disbursement', programmeYear: 2026, amountCents: 100 })
        .expect(400);
      expect(project.body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'cashYear', rule: 'required' }),
          expect.objectContaining({ field: 'trackedProjectId', rule: 'required' }),
        ]),
      );
      const budget = await write(spandauFinance, 'post', `/api/funds/${aktionsfonds.id}/ledger`)
        .send({ kind: 'budget', programmeYear: 2026, cashYear: 2027, amountCents: 100 })
        .expect(400);
      expect(budget.body.details).toEqual([
        expect.objectContaining({ field: 'cashYear', rule: 'unknown_field' }),
      ]);

      const fund = await trackedFundWithBudget('aktionsfonds', '1000000');
      const amended = await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
        .send({
          kind: 'budget_amendment',
          programmeYear: 2026,
          amountCents: 250_000,
          direction: 'decrease',
          reason: 'Kürzung laut Mitteilung der Senatsverwaltung vom 03.02.2026',
        })
        .expect(201);
      expect(amended.body.entry).toMatchObject({
        direction: 'decrease',
        reason: expect.stringContaining('Kürzung'),
      });
      expect(amended.body.balance.budgetCents).toBe('750000');
    });

    it('records who booked what in the audit trail, with the request id', async () => {
      const res = await write(spandauFinance, 'post', `/api/funds/${aktionsfonds.id}/ledger`)
        .send({ kind: 'budget', programmeYear: 2028, amountCents: 1_000_000 })
        .expect(201);
      const [event] = (await db.dataSource.query(
        `SELECT actor_id, district_id, action, request_id, payload FROM audit_event
         WHERE entity_type = 'ledger_entry' AND entity_id = $1`,
        [res.body.entry.id],
      )) as { actor_id: string; district_id: string; action: string; request_id: string; payload: object }[];
      expect(event).toMatchObject({
        actor_id: spandauFinanceUser.id,
        district_id: spandau.id,
        action: 'budget',
        request_id: res.headers['x-request-id'],
        payload: expect.objectContaining({ fundId: aktionsfonds.id, amountCents: '1000000' }),
      });
    });
  });

  describe('reversals', () => {
    it('corrects a wrong entry with a reversing entry, once, with a reason', async () => {
      const fund = await trackedFundWithBudget('projektfonds', '1000000');
      const project = await recordProject(fund.id);
      await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
        .send({
          kind: 'commitment',
          programmeYear: 2026,
          cashYear: 2026,
          amountCents: 400_000,
          trackedProjectId: project.id,
        })
        .expect(201);
      const wrong = await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
        .send({
          kind: 'disbursement',
          programmeYear: 2026,
          cashYear: 2026,
          amountCents: 40_000,
          trackedProjectId: project.id,
        })
        .expect(201);
      expect(wrong.body.balance.paidCents).toBe('40000');

      const noReason = await write(spandauFinance, 'post', `/api/ledger/${wrong.body.entry.id}/reversal`)
        .send({ reason: '   ' })
        .expect(400);
      expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);

      const reversal = await write(spandauFinance, 'post', `/api/ledger/${wrong.body.entry.id}/reversal`)
        .send({ reason: 'Betrag vertippt: 4.000,00 € statt 400,00 €' })
        .expect(201);
      expect(reversal.body.entry).toMatchObject({
        kind: 'reversal',
        reversesEntryId: wrong.body.entry.id,
        reversedKind: 'disbursement',
        reversesSeq: wrong.body.entry.seq,
        amountCents: '40000',
        trackedProjectId: project.id,
        reason: 'Betrag vertippt: 4.000,00 € statt 400,00 €',
      });
      expect(reversal.body.balance).toMatchObject({
        committedCents: '400000',
        disbursedCents: '0',
        paidCents: '0',
      });

      const again = await write(spandauFinance, 'post', `/api/ledger/${wrong.body.entry.id}/reversal`)
        .send({ reason: 'noch einmal' })
        .expect(422);
      expect(again.body.code).toBe('entry_already_reversed');
      const ofReversal = await write(spandauFinance, 'post', `/api/ledger/${reversal.body.entry.id}/reversal`)
        .send({ reason: 'Storno des Stornos' })
        .expect(422);
      expect(ofReversal.body.code).toBe('reversal_not_reversible');

      const ledger = await get(spandauFinance, `/api/funds/${fund.id}/ledger?kind=disbursement`).expect(200);
      expect(ledger.body.items).toEqual([
        expect.objectContaining({ id: wrong.body.entry.id, reversedByEntryId: reversal.body.entry.id }),
      ]);
      const year = await get(spandauFinance, `/api/funds/${fund.id}/years/2026`).expect(200);
      expect(year.body).toMatchObject({
        disbursedCents: '0',
        cashYears: [expect.objectContaining({ paidCents: '0' })],
      });
    });

    it('does not take back a budget below what is committed', async () => {
      const fund = await trackedFundWithBudget('baufonds', '10000000');
      const project = await recordProject(fund.id, { amountCents: 6_000_000 });
      await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
        .send({
          kind: 'commitment',
          programmeYear: 2026,
          cashYear: 2026,
          amountCents: 6_000_000,
          trackedProjectId: project.id,
        })
        .expect(201);
      const [budgetEntry] = (
        await get(spandauFinance, `/api/funds/${fund.id}/ledger?kind=budget`).expect(200)
      ).body.items;
      const res = await write(spandauFinance, 'post', `/api/ledger/${budgetEntry.id}/reversal`)
        .send({ reason: 'falsches Programmjahr' })
        .expect(422);
      expect(res.body.code).toBe('budget_exceeded');
    });

    it('leaves the entries of Netzwerkfonds applications to the workflow', async () => {
      const call = await createCall(db.dataSource, { districtId: spandau.id, programmeYear: 2027 });
      const application = await createApplication(db.dataSource, {
        callId: call.id,
        organisationId: carrierOrganisation.id,
        state: 'approved',
      });
      const [commitment] = await app.get(DataSource).transaction((tx) =>
        app.get(LedgerService).commitForApplication(tx, {
          fundId: netzwerkfonds.id,
          applicationId: application.id,
          programmeYear: 2027,
          instalments: [{ cashYear: 2027, amount: Money.fromCents(1_000_000) }],
          actorId: spandauFinanceUser.id,
        }),
      );
      const res = await write(spandauFinance, 'post', `/api/ledger/${commitment!.id}/reversal`)
        .send({ reason: 'Versuch' })
        .expect(422);
      expect(res.body.code).toBe('netzwerkfonds_commit_by_workflow');
      const listed = await get(
        spandauFinance,
        `/api/funds/${netzwerkfonds.id}/ledger?applicationId=${application.id}`,
      ).expect(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          kind: 'commitment',
          applicationId: application.id,
          projectTitle: application.title,
          organisationName: 'Kiezküche Heerstraße e. V.',
        }),
      ]);
    });
  });

  describe('the ledger list', () => {
    it('filters by programme year, cash year and kind, and pages newest first', async () => {
      const fund = await trackedFundWithBudget('aktionsfonds', '1000000', 2026);
      await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
        .send({ kind: 'budget', programmeYear: 2027, amountCents: 900_000 })
        .expect(201);
      const project = await recordProject(fund.id);
      const seqs: string[] = [];
      for (const [programmeYear, cashYear] of [
        [2026, 2026],
        [2026, 2027],
        [2026, 2027],
        [2027, 2027],
        [2027, 2028],
      ] as const) {
        const res = await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
          .send({
            kind: 'commitment',
            programmeYear,
            cashYear,
            amountCents: 10_000,
            trackedProjectId: project.id,
          })
          .expect(201);
        seqs.push(res.body.entry.seq);
      }

      const all = await get(spandauFinance, `/api/funds/${fund.id}/ledger`).expect(200);
      expect(all.body).toMatchObject({ total: 7, page: 1, pageSize: 20 });
      const allSeqs = all.body.items.map((e: { seq: string }) => BigInt(e.seq));
      expect(allSeqs).toEqual([...allSeqs].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));

      const byYear = await get(spandauFinance, `/api/funds/${fund.id}/ledger?programmeYear=2026`).expect(200);
      expect(byYear.body.total).toBe(4);
      const byCash = await get(
        spandauFinance,
        `/api/funds/${fund.id}/ledger?programmeYear=2026&cashYear=2027&kind=commitment`,
      ).expect(200);
      expect(byCash.body.items.map((e: { seq: string }) => e.seq)).toEqual([seqs[2], seqs[1]]);
      const budgets = await get(spandauFinance, `/api/funds/${fund.id}/ledger?kind=budget`).expect(200);
      expect(budgets.body.items.map((e: { programmeYear: number }) => e.programmeYear)).toEqual([2027, 2026]);
      const byProject = await get(
        spandauFinance,
        `/api/funds/${fund.id}/ledger?trackedProjectId=${project.id}&pageSize=100`,
      ).expect(200);
      expect(byProject.body.total).toBe(5);

      const page1 = await get(spandauFinance, `/api/funds/${fund.id}/ledger?page=1&pageSize=3`).expect(200);
      const page3 = await get(spandauFinance, `/api/funds/${fund.id}/ledger?page=3&pageSize=3`).expect(200);
      expect(page1.body).toMatchObject({ total: 7, page: 1, pageSize: 3 });
      expect(page1.body.items.map((e: { seq: string }) => e.seq)).toEqual([seqs[4], seqs[3], seqs[2]]);
      expect(page3.body.items).toHaveLength(1);
      expect(page3.body.items[0].kind).toBe('budget');

      const bad = await get(
        spandauFinance,
        `/api/funds/${fund.id}/ledger?kind=gift&pageSize=500&cashYear=x`,
      ).expect(400);
      expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([
        'cashYear',
        'kind',
        'pageSize',
      ]);
    });
  });

  describe('tracked projects', () => {
    it('checks the carrier, the area, the action field and the period', async () => {
      const neukoellnField = await createActionField(db.dataSource, { districtId: neukoelln.id });
      const res = await write(spandauFinance, 'post', `/api/funds/${aktionsfonds.id}/projects`)
        .send({
          organisationId: '00000000-0000-4000-8000-000000000000',
          title: 'Hoffest',
          actionFieldId: neukoellnField.id,
          decisionDate: '2026-02-30',
          periodStart: '2026-05-01',
          periodEnd: '2026-04-30',
          amountCents: 1.5,
        })
        .expect(400);
      expect(
        res.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort(),
      ).toEqual(['amountCents:cents', 'decisionDate:isDateString', 'periodEnd:notBeforeStart']);
      const refs = await write(spandauFinance, 'post', `/api/funds/${aktionsfonds.id}/projects`)
        .send({
          organisationId: '00000000-0000-4000-8000-000000000000',
          title: 'Hoffest',
          actionFieldId: neukoellnField.id,
          decisionDate: '2026-02-27',
          periodStart: '2026-05-01',
          periodEnd: '2026-05-01',
          amountCents: 150_000,
        })
        .expect(400);
      expect(
        refs.body.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort(),
      ).toEqual(['actionFieldId:exists', 'organisationId:exists']);
    });

    it('takes no tracked projects in the Netzwerkfonds', async () => {
      const res = await write(spandauFinance, 'post', `/api/funds/${netzwerkfonds.id}/projects`)
        .send({
          organisationId: carrierOrganisation.id,
          title: 'Netzwerkprojekt',
          decisionDate: '2026-02-27',
          periodStart: '2026-05-01',
          periodEnd: '2027-04-30',
          amountCents: 5_000_000,
        })
        .expect(422);
      expect(res.body.code).toBe('wrong_fund_kind');
    });
  });

  describe('the OpenAPI document', () => {
    it('describes the funds routes and their bodies', async () => {
      const res = await request(server).get('/api/docs-json').expect(200);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/funds',
          '/api/funds/{id}',
          '/api/funds/{id}/years/{year}',
          '/api/funds/{id}/years/{year}/report.xlsx',
          '/api/funds/{id}/ledger',
          '/api/funds/{id}/ledger.csv',
          '/api/funds/{id}/ledger.xlsx',
          '/api/funds/{id}/projects',
          '/api/ledger/{entryId}/reversal',
          '/api/districts/{id}/balances',
          '/api/districts/{id}/balances.csv',
          '/api/districts/{id}/balances.xlsx',
          '/api/applications/{id}/double-funding',
          '/api/base-rates',
          '/api/repayment-interest',
        ]),
      );
      const booking = res.body.components.schemas.BookEntryDto;
      expect(booking.required).toEqual(expect.arrayContaining(['kind', 'programmeYear', 'amountCents']));
      expect(booking.properties.amountCents.oneOf.map((s: { type: string }) => s.type)).toEqual([
        'string',
        'integer',
      ]);
    });
  });

  describe('who may do what', () => {
    it("answers 404 to finance of Neukölln for everything of Spandau's funds", async () => {
      const [entry] = (await get(spandauFinance, `/api/funds/${aktionsfonds.id}/ledger`).expect(200)).body
        .items;
      const projectId = (await recordProject(aktionsfonds.id)).id;
      const attempts: [string, () => request.Test][] = [
        ['fund', () => get(neukoellnFinance, `/api/funds/${aktionsfonds.id}`)],
        ['year', () => get(neukoellnFinance, `/api/funds/${aktionsfonds.id}/years/2026`)],
        ['ledger', () => get(neukoellnFinance, `/api/funds/${aktionsfonds.id}/ledger`)],
        ['ledger.csv', () => get(neukoellnFinance, `/api/funds/${aktionsfonds.id}/ledger.csv`)],
        ['ledger.xlsx', () => get(neukoellnFinance, `/api/funds/${aktionsfonds.id}/ledger.xlsx`)],
        ['report', () => get(neukoellnFinance, `/api/funds/${aktionsfonds.id}/years/2026/report.xlsx`)],
        ['projects', () => get(neukoellnFinance, `/api/funds/${aktionsfonds.id}/projects`)],
        ['district balances', () => get(neukoellnFinance, `/api/districts/${spandau.id}/balances`)],
        ['district balances.csv', () => get(neukoellnFinance, `/api/districts/${spandau.id}/balances.csv`)],
        ['district balances.xlsx', () => get(neukoellnFinance, `/api/districts/${spandau.id}/balances.xlsx`)],
        ['funds of Spandau', () => get(neukoellnFinance, `/api/funds?districtId=${spandau.id}`)],
        [
          'book a budget',
          () =>
            write(neukoellnFinance, 'post', `/api/funds/${aktionsfonds.id}/ledger`).send({
              kind: 'budget',
              programmeYear: 2026,
              amountCents: 100,
            }),
        ],
        [
          'book a disbursement',
          () =>
            write(neukoellnFinance, 'post', `/api/funds/${aktionsfonds.id}/ledger`).send({
              kind: 'disbursement',
              programmeYear: 2026,
              cashYear: 2026,
              amountCents: 100,
              trackedProjectId: projectId,
            }),
        ],
        [
          'record a project',
          () =>
            write(neukoellnFinance, 'post', `/api/funds/${aktionsfonds.id}/projects`).send({
              organisationId: carrierOrganisation.id,
              title: 'Fremdes Projekt',
              decisionDate: '2026-02-27',
              periodStart: '2026-05-01',
              periodEnd: '2026-05-01',
              amountCents: 100,
            }),
        ],
        [
          'reverse an entry',
          () => write(neukoellnFinance, 'post', `/api/ledger/${entry.id}/reversal`).send({ reason: 'fremd' }),
        ],
      ];
      for (const [what, attempt] of attempts) {
        const res = await attempt();
        expect({ what, status: res.status }).toEqual({ what, status: 404 });
        expect(res.headers['content-type']).toMatch(/application\/json/);
      }
      const own = await get(neukoellnFinance, '/api/funds').expect(200);
      expect(own.body).toMatchObject({ items: [], total: 0 });
      const fundCount = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM tracked_project WHERE title = 'Fremdes Projekt'`,
      );
      expect(fundCount).toEqual([{ n: 0 }]);
    });

    it('refuses board members and carriers with 403 and strangers with 401', async () => {
      const routes: [method: 'get' | 'post', path: string][] = [
        ['get', '/api/funds'],
        ['post', '/api/funds'],
        ['get', `/api/funds/${aktionsfonds.id}`],
        ['get', `/api/funds/${aktionsfonds.id}/years/2026`],
        ['get', `/api/funds/${aktionsfonds.id}/ledger`],
        ['post', `/api/funds/${aktionsfonds.id}/ledger`],
        ['get', `/api/funds/${aktionsfonds.id}/ledger.csv`],
        ['get', `/api/funds/${aktionsfonds.id}/projects`],
        ['post', `/api/funds/${aktionsfonds.id}/projects`],
        ['post', '/api/ledger/00000000-0000-4000-8000-000000000000/reversal'],
        ['get', `/api/districts/${spandau.id}/balances`],
        ['get', '/api/base-rates'],
        ['post', '/api/base-rates'],
        ['post', '/api/repayment-interest'],
      ];
      for (const [method, path] of routes) {
        for (const session of [boardMember, carrier]) {
          const res =
            method === 'get' ? await get(session, path) : await write(session, 'post', path).send({});
          expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
        }
        const anonymous = await request(server)[method](path);
        expect({ method, path, status: anonymous.status }).toEqual({ method, path, status: 401 });
      }
    });
  });
});
