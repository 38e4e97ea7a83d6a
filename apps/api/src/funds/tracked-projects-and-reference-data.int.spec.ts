import {
  type AreaRow,
  createActionField,
  createArea,
  createDistrict,
  createOrganisation,
  createTrackedProject,
  createUser,
  type DistrictRow,
  grantRole,
  type OrganisationRow,
  setPassword,
  type SignedIn,
  signIn,
  type TestDatabase,
} from '@kiezfonds/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';
type StaffRole = 'board_member' | 'coordinator' | 'finance' | 'admin';

interface FundJson {
  id: string;
  districtId: string;
  kind: string;
  areaId: string | null;
}

describe('tracked projects, their reference data and concurrent bookings over HTTP', () => {
  let api: TestApi;
  let db: TestDatabase;
  let server: TestApi['server'];
  let spandau: DistrictRow;
  let neukoelln: DistrictRow;
  let heerstrasse: AreaRow;
  let falkenhagen: AreaRow;
  let bezirksregion: AreaRow;
  let kiezkueche: OrganisationRow;
  let spandauFinance: SignedIn;
  let neukoellnFinance: SignedIn;
  let boardMember: SignedIn;
  let coordinator: SignedIn;
  let carrier: SignedIn;
  let aktionsfonds: FundJson;

  beforeAll(async () => {
    api = await startTestApi({ API_DOCS: 'on' });
    ({ db, server } = api);
    spandau = await createDistrict(db.dataSource, { slug: 'spandau', name: 'Spandau' });
    neukoelln = await createDistrict(db.dataSource, { slug: 'neukoelln', name: 'Neukölln' });
    bezirksregion = await createArea(db.dataSource, {
      districtId: spandau.id,
      kind: 'bezirksregion',
      name: 'Brunsbütteler Damm',
    });
    heerstrasse = await createArea(db.dataSource, { districtId: spandau.id, name: 'Heerstraße Nord' });
    falkenhagen = await createArea(db.dataSource, { districtId: spandau.id, name: 'Falkenhagener Feld Ost' });
    await createArea(db.dataSource, { districtId: neukoelln.id, name: 'Rollbergsiedlung' });
    await createActionField(db.dataSource, { districtId: spandau.id, name: 'Öffentlicher Raum' });
    await createActionField(db.dataSource, { districtId: spandau.id, name: 'Bildung' });
    await createActionField(db.dataSource, { districtId: neukoelln.id, name: 'Gesundheit und Bewegung' });

    spandauFinance = await signedInStaff('finance', spandau);
    neukoellnFinance = await signedInStaff('finance', neukoelln);
    boardMember = await signedInStaff('board_member', spandau);
    coordinator = await signedInStaff('coordinator', spandau);
    const carrierUser = await createUser(db.dataSource);
    await setPassword(db.dataSource, carrierUser.id, PASSWORD);
    kiezkueche = await createOrganisation(db.dataSource, {
      name: 'Kiezküche Heerstraße e. V.',
      members: [carrierUser],
    });
    await createOrganisation(db.dataSource, { name: 'Jugendhilfe 100% Spandau gGmbH' });
    await createOrganisation(db.dataSource, { name: 'Nachbarschaftsheim Neukölln e. V.' });
    carrier = await signIn(server, carrierUser.email, PASSWORD);

    aktionsfonds = (
      await write(spandauFinance, 'post', '/api/funds')
        .send({ districtId: spandau.id, kind: 'aktionsfonds', areaId: heerstrasse.id })
        .expect(201)
    ).body;
  });

  afterAll(async () => {
    await api.close();
  });

  async function signedInStaff(role: StaffRole, district: DistrictRow): Promise<SignedIn> {
    const user = await createUser(db.dataSource);
    await grantRole(db.dataSource, user.id, role, district.id);
    await setPassword(db.dataSource, user.id, PASSWORD);
    return signIn(server, user.email, PASSWORD);
  }

  function get(session: SignedIn, path: string) {
    return request(server).get(path).set('Cookie', session.cookie);
  }
  function write(session: SignedIn, method: 'post', path: string) {
    return request(server)[method](path).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken);
  }

  describe("a district's areas and action fields", () => {
    it('are readable by every signed-in user, of any district, sorted by name', async () => {
      for (const session of [spandauFinance, neukoellnFinance, boardMember, coordinator, carrier]) {
        const areas = await get(session, `/api/districts/${spandau.id}/areas`).expect(200);
        expect(areas.body).toEqual({
          districtId: spandau.id,
          items: [
            {
              id: bezirksregion.id,
              kind: 'bezirksregion',
              name: 'Brunsbütteler Damm',
              slug: expect.any(String),
              parentId: null,
            },
            expect.objectContaining({ id: falkenhagen.id, kind: 'qm_area', name: 'Falkenhagener Feld Ost' }),
            expect.objectContaining({ id: heerstrasse.id, kind: 'qm_area', name: 'Heerstraße Nord' }),
          ],
        });
        const fields = await get(session, `/api/districts/${spandau.id}/action-fields`).expect(200);
        expect(fields.body.districtId).toBe(spandau.id);
        expect(fields.body.items.map((f: { name: string }) => f.name)).toEqual([
          'Bildung',
          'Öffentlicher Raum',
        ]);
        expect(Object.keys(fields.body.items[0]).sort()).toEqual(['id', 'name', 'slug']);
      }
    });

    it('answer 404 for a district that does not exist, 400 for a malformed id and 401 without a session', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const path of [`/api/districts/${unknown}/areas`, `/api/districts/${unknown}/action-fields`]) {
        const res = await get(carrier, path).expect(404);
        expect(res.body.code).toBe('not_found');
      }
      await get(carrier, '/api/districts/spandau/areas').expect(400);
      await request(server).get(`/api/districts/${spandau.id}/areas`).expect(401);
      await request(server).get(`/api/districts/${spandau.id}/action-fields`).expect(401);
    });
  });

  describe('the carriers a project may be recorded for', () => {
    it('are all organisations, Berlin-wide, by name and with nothing but the name', async () => {
      const res = await get(spandauFinance, `/api/funds/${aktionsfonds.id}/carriers`).expect(200);
      expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
      expect(res.body.items.map((c: { name: string }) => c.name)).toEqual([
        'Jugendhilfe 100% Spandau gGmbH',
        'Kiezküche Heerstraße e. V.',
        'Nachbarschaftsheim Neukölln e. V.',
      ]);
      for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(['id', 'name']);
    });

    it('are found by a part of the name, ignoring case, with wildcards taken literally', async () => {
      const kiez = await get(spandauFinance, `/api/funds/${aktionsfonds.id}/carriers?q=KIEZ`).expect(200);
      expect(kiez.body).toMatchObject({ total: 1, items: [{ id: kiezkueche.id, name: kiezkueche.name }] });
      const percent = await get(spandauFinance, `/api/funds/${aktionsfonds.id}/carriers?q=100%25`).expect(
        200,
      );
      expect(percent.body.items.map((c: { name: string }) => c.name)).toEqual([
        'Jugendhilfe 100% Spandau gGmbH',
      ]);
      const underscore = await get(spandauFinance, `/api/funds/${aktionsfonds.id}/carriers?q=_`).expect(200);
      expect(underscore.body).toMatchObject({ total: 0, items: [] });
      const paged = await get(
        spandauFinance,
        `/api/funds/${aktionsfonds.id}/carriers?pageSize=1&page=2`,
      ).expect(200);
      expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 1, items: [{ id: kiezkueche.id }] });
    });

    it("are for the fund's finance staff: 404 to another district, 403 to others, 401 without a session", async () => {
      const path = `/api/funds/${aktionsfonds.id}/carriers`;
      expect((await get(neukoellnFinance, path).expect(404)).body.code).toBe('fund_not_found');
      await get(boardMember, path).expect(403);
      await get(coordinator, path).expect(403);
      await get(carrier, path).expect(403);
      await request(server).get(path).expect(401);
    });
  });

  describe('a tracked project from recording to reversal', () => {
    it('is recorded with the reference data, committed, paid, corrected, and every balance follows', async () => {
      const fund: FundJson = (
        await write(spandauFinance, 'post', '/api/funds')
          .send({ districtId: spandau.id, kind: 'projektfonds', areaId: falkenhagen.id })
          .expect(201)
      ).body;
      await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
        .send({ kind: 'budget', programmeYear: 2026, amountCents: '5000000' })
        .expect(201);

      // What the web form does: pick a carrier, an area and an action field from the lists.
      const [carrierOption] = (
        await get(spandauFinance, `/api/funds/${fund.id}/carriers?q=Kiezküche`).expect(200)
      ).body.items;
      const areas = (await get(spandauFinance, `/api/districts/${spandau.id}/areas`).expect(200)).body.items;
      const fields = (await get(spandauFinance, `/api/districts/${spandau.id}/action-fields`).expect(200))
        .body.items;
      const bildung = fields.find((f: { name: string }) => f.name === 'Bildung');
      const area = areas.find((a: { id: string }) => a.id === falkenhagen.id);
      const project = (
        await write(spandauFinance, 'post', `/api/funds/${fund.id}/projects`)
          .send({
            organisationId: carrierOption.id,
            title: 'Lernwerkstatt im Falkenhagener Feld',
            areaId: area.id,
            actionFieldId: bildung.id,
            decisionDate: '2026-03-12',
            periodStart: '2026-04-01',
            periodEnd: '2027-03-31',
            amountCents: '2000000',
          })
          .expect(201)
      ).body;
      expect(project).toMatchObject({
        organisationName: 'Kiezküche Heerstraße e. V.',
        areaName: 'Falkenhagener Feld Ost',
        actionFieldName: 'Bildung',
        committedCents: '0',
      });

      const book = (body: Record<string, unknown>) =>
        write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`).send({
          programmeYear: 2026,
          trackedProjectId: project.id,
          ...body,
        });
      await book({
        kind: 'commitment',
        cashYear: 2026,
        amountCents: '1200000',
        grantNoticeRef: 'PF-2026-07',
      }).expect(201);
      await book({ kind: 'commitment', cashYear: 2027, amountCents: '800000' }).expect(201);
      const paid = await book({
        kind: 'disbursement',
        cashYear: 2026,
        amountCents: '600000',
        callOffRef: 'MA-1',
      }).expect(201);
      expect(paid.body.balance).toMatchObject({ committedCents: '2000000', paidCents: '600000' });

      // The wrong amount went out: reverse it and pay the right one.
      const reversal = await write(spandauFinance, 'post', `/api/ledger/${paid.body.entry.id}/reversal`)
        .send({ reason: 'Falscher Betrag überwiesen' })
        .expect(201);
      expect(reversal.body.entry).toMatchObject({
        kind: 'reversal',
        reversedKind: 'disbursement',
        reversesEntryId: paid.body.entry.id,
        reason: 'Falscher Betrag überwiesen',
        amountCents: '600000',
        trackedProjectId: project.id,
      });
      expect(reversal.body.balance).toMatchObject({ committedCents: '2000000', paidCents: '0' });
      await book({ kind: 'disbursement', cashYear: 2026, amountCents: '500000', callOffRef: 'MA-1' }).expect(
        201,
      );

      const again = await write(spandauFinance, 'post', `/api/ledger/${paid.body.entry.id}/reversal`)
        .send({ reason: 'doppelt' })
        .expect(422);
      expect(again.body.code).toBe('entry_already_reversed');
      const noReason = await write(spandauFinance, 'post', `/api/ledger/${paid.body.entry.id}/reversal`)
        .send({ reason: '   ' })
        .expect(400);
      expect(noReason.body.details.map((d: { field: string }) => d.field)).toEqual(['reason']);

      const [listed] = (await get(spandauFinance, `/api/funds/${fund.id}/projects`).expect(200)).body.items;
      expect(listed).toMatchObject({
        id: project.id,
        committedCents: '2000000',
        // A reversal takes the payment back out of the counters; it is no repayment.
        disbursedCents: '500000',
        repaidCents: '0',
      });
      const reversed = (
        await get(spandauFinance, `/api/funds/${fund.id}/ledger?kind=disbursement&programmeYear=2026`).expect(
          200,
        )
      ).body.items;
      expect(reversed.map((e: { reversedByEntryId: string | null }) => e.reversedByEntryId)).toEqual([
        null,
        reversal.body.entry.id,
      ]);

      const overview = (
        await get(spandauFinance, `/api/districts/${spandau.id}/balances?programmeYear=2026`).expect(200)
      ).body;
      expect(overview.byArea).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            areaId: falkenhagen.id,
            budgetCents: '5000000',
            committedCents: '2000000',
            paidCents: '500000',
          }),
        ]),
      );
      expect(overview.byActionField).toEqual([
        expect.objectContaining({
          actionFieldName: 'Bildung',
          fundKind: 'projektfonds',
          committedCents: '2000000',
          paidCents: '500000',
          outstandingCents: '1500000',
        }),
      ]);
    });
  });

  describe('50 concurrent commitments over HTTP against a budget that fits 10', () => {
    it('answer 201 exactly 10 times and 422 budget_exceeded 40 times, and the balance is exact', async () => {
      const area = await createArea(db.dataSource, { districtId: spandau.id });
      const fund: FundJson = (
        await write(spandauFinance, 'post', '/api/funds')
          .send({ districtId: spandau.id, kind: 'baufonds', areaId: area.id })
          .expect(201)
      ).body;
      await write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`)
        .send({ kind: 'budget', programmeYear: 2026, amountCents: '50000000' })
        .expect(201);
      const projects = await Promise.all(
        Array.from({ length: 50 }, () =>
          createTrackedProject(
            db.dataSource,
            { id: fund.id, districtId: spandau.id, kind: 'baufonds', areaId: area.id },
            { organisationId: kiezkueche.id, amountCents: 5_000_000 },
          ),
        ),
      );

      const answers = await Promise.all(
        projects.map((project) =>
          write(spandauFinance, 'post', `/api/funds/${fund.id}/ledger`).set('Accept-Language', 'de').send({
            kind: 'commitment',
            programmeYear: 2026,
            cashYear: 2026,
            amountCents: '5000000',
            trackedProjectId: project.id,
          }),
        ),
      );

      const statuses = answers.map((res) => res.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.filter((s) => s === 422)).toHaveLength(40);
      for (const res of answers.filter((r) => r.status === 422)) {
        expect(res.body.code).toBe('budget_exceeded');
        expect(res.body.message).toMatch(/Budget/);
      }
      const year = (await get(spandauFinance, `/api/funds/${fund.id}/years/2026`).expect(200)).body;
      expect(year).toMatchObject({
        budgetCents: '50000000',
        committedCents: '50000000',
        availableCents: '0',
        entryCount: 11,
      });
      const [{ n }] = (await db.dataSource.query(
        `SELECT count(*)::int AS n FROM ledger_entry WHERE fund_id = $1 AND kind = 'commitment'`,
        [fund.id],
      )) as [{ n: number }];
      expect(n).toBe(10);
    });
  });

  describe('the OpenAPI document', () => {
    it('describes the reference-data and carrier routes', async () => {
      const res = await request(server).get('/api/docs-json').expect(200);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/districts/{id}/areas',
          '/api/districts/{id}/action-fields',
          '/api/funds/{id}/carriers',
        ]),
      );
    });
  });
});
