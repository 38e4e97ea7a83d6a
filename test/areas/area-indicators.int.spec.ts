import { createArea, createUser, setPassword, signIn } from '@kiezfonds/testing';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import { createCommittee, selectedApplications } from '../../apps/api/src/testing/committee-world';

const MONITORING = 'PLR_ID;PLR_NAME;Jahr;Statusindex;Dynamikindex;Status-Dynamik-Index';

/**
 * Areas and their figures (issue 21): an indicator table is taken whole or not at all, its
 * problems named by row and column; what it holds stands on the area's page beside the money that
 * reaches the area; the Senate reads every district and imports nothing.
 */
describe('indicators of an area beside the money that reaches it', () => {
  let api: TestApi;
  let spandau: ApplicationWorld;
  let neukoelln: ApplicationWorld;
  let senate: Actor;
  let planungsraumId: string;
  const qmAreaId = () => spandau.areaIds[0]!;

  const upload = (actor: Actor, districtId: string, csv: string, dryRun?: boolean) => {
    const req = spandau.post(actor, `/api/districts/${districtId}/area-indicators`);
    if (dryRun !== undefined) req.field('dryRun', String(dryRun));
    return req.attach('file', Buffer.from(csv, 'utf8'), {
      filename: 'msse-2023.csv',
      contentType: 'text/csv',
    });
  };
  const saved = async () =>
    Number(
      (
        (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM area_indicator`)) as { n: number }[]
      )[0]!.n,
    );

  beforeAll(async () => {
    api = await startTestApi();
    spandau = await ApplicationWorld.create(api.server, api.db.dataSource);
    neukoelln = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Neukölln' });
    const db = api.db.dataSource;
    planungsraumId = (
      await createArea(db, {
        districtId: spandau.district.id,
        kind: 'planungsraum',
        name: 'Falkenhagener Feld Ost',
      })
    ).id;
    await db.query(`UPDATE area SET code = '05200629' WHERE id = $1`, [planungsraumId]);
    await db.query(`INSERT INTO area_cover (district_id, area_id, planungsraum_id) VALUES ($1, $2, $3)`, [
      spandau.district.id,
      qmAreaId(),
      planungsraumId,
    ]);
    const user = await createUser(db, { displayName: 'Dr. Karin Albrecht' });
    await db.query(`INSERT INTO role_assignment (user_id, role) VALUES ($1, 'senate')`, [user.id]);
    await setPassword(db, user.id, PASSWORD);
    senate = { user, session: await signIn(api.server, user.email, PASSWORD) };

    // Money of the QM area's Projektfonds: 12.000 € committed, 5.000 € paid, for Bildung.
    const fund = (
      await spandau
        .post(spandau.finance, '/api/funds')
        .send({ districtId: spandau.district.id, kind: 'projektfonds', areaId: qmAreaId() })
        .expect(201)
    ).body as { id: string };
    const ledger = `/api/funds/${fund.id}/ledger`;
    await spandau
      .post(spandau.finance, ledger)
      .send({ kind: 'budget', programmeYear: 2026, amountCents: '5000000' })
      .expect(201);
    const project = (
      await spandau
        .post(spandau.finance, `/api/funds/${fund.id}/projects`)
        .send({
          organisationId: spandau.organisation.id,
          title: 'Lernwerkstatt',
          areaId: qmAreaId(),
          actionFieldId: spandau.actionFieldIds[0],
          decisionDate: '2026-03-12',
          periodStart: '2026-04-01',
          periodEnd: '2027-03-31',
          amountCents: '1200000',
        })
        .expect(201)
    ).body as { id: string };
    const book = (body: Record<string, unknown>) =>
      spandau
        .post(spandau.finance, ledger)
        .send({ programmeYear: 2026, trackedProjectId: project.id, ...body });
    await book({ kind: 'commitment', cashYear: 2026, amountCents: '1200000' }).expect(201);
    await book({ kind: 'disbursement', cashYear: 2026, amountCents: '500000', callOffRef: 'MA-1' }).expect(
      201,
    );
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  it('refuses a wrong column, naming row 1 and the column, and saves nothing', async () => {
    const res = await upload(
      spandau.coordinator,
      spandau.district.id,
      'PLR_ID;PLR_NAME;Jahr;Status;Dynamikindex;Status-Dynamik-Index\n05200629;X;2023;1,0;0,5;hoch/stabil\n',
    ).expect(400);
    expect(res.body.code).toBe('indicator_file_invalid');
    expect(res.body.details).toEqual([
      expect.objectContaining({ row: 1, column: 'Statusindex', rule: 'csvColumnExpected' }),
    ]);
    expect(await saved()).toBe(0);
  });

  it('refuses the whole file for one unknown area, naming its row, and saves nothing', async () => {
    const res = await upload(
      spandau.coordinator,
      spandau.district.id,
      `${MONITORING}\n05200629;Falkenhagener Feld Ost;2023;-1,23;0,5;niedrig/negativ\n08100101;Köllnische Heide;2023;1;1;hoch/stabil\n`,
    ).expect(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ row: 3, column: 'PLR_ID', rule: 'csvUnknownArea' }),
    ]);
    expect(res.body.details[0].message).toContain('08100101');
    expect(await saved()).toBe(0);
  });

  it('checks a valid file in a dry run without saving, then imports it and shows it beside the money', async () => {
    const csv = `\uFEFF${MONITORING}\r\n05200629;Falkenhagener Feld Ost;2023;-1,23;0,5;niedrig/negativ\r\n`;
    const dry = await upload(spandau.coordinator, spandau.district.id, csv, true).expect(201);
    expect(dry.body).toMatchObject({ dryRun: true, layout: 'monitoring', rows: 1, values: 3 });
    expect(await saved()).toBe(0);

    const done = await upload(spandau.coordinator, spandau.district.id, csv).expect(201);
    expect(done.body).toMatchObject({ dryRun: false, rows: 1, values: 3 });
    const [audit] = (await api.db.dataSource.query(
      `SELECT actor_id, payload FROM audit_event WHERE entity_type = 'area_indicator_import'`,
    )) as { actor_id: string; payload: Record<string, unknown> }[];
    expect(audit).toMatchObject({
      actor_id: spandau.coordinator.user.id,
      payload: { fileName: 'msse-2023.csv' },
    });

    const page = (await spandau.get(spandau.finance, `/api/areas/${planungsraumId}`).expect(200)).body;
    expect(page.indicators).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ indicator: 'statusindex', year: 2023, value: '-1.2300', sample: false }),
        expect.objectContaining({ indicator: 'status_dynamik_index', class: 'niedrig/negativ' }),
      ]),
    );
    expect(page.coveredBy).toEqual([expect.objectContaining({ id: qmAreaId() })]);
    expect(page.money).toMatchObject({
      committedCents: '1200000',
      paidCents: '500000',
      byFundKind: [{ fundKind: 'projektfonds', projects: 1, committedCents: '1200000', paidCents: '500000' }],
      byActionField: [expect.objectContaining({ actionFieldName: 'Bildung', committedCents: '1200000' })],
    });
    const qm = (await spandau.get(spandau.coordinator, `/api/areas/${qmAreaId()}`).expect(200)).body;
    expect(qm.covers).toEqual([expect.objectContaining({ id: planungsraumId, code: '05200629' })]);
  });

  it('lets the Senate read both districts sorted by an indicator, and import nothing', async () => {
    const list = (await spandau.get(senate, '/api/areas?sort=statusindex&pageSize=100').expect(200)).body;
    const districts = new Set((list.items as { districtId: string }[]).map((i) => i.districtId));
    expect(districts).toEqual(new Set([spandau.district.id, neukoelln.district.id]));
    expect(list.items[0]).toMatchObject({
      id: planungsraumId,
      committedCents: '1200000',
      paidCents: '500000',
    });
    expect(list.indicators).toEqual(['dynamikindex', 'status_dynamik_index', 'statusindex']);
    const tooFar = await spandau.get(senate, '/api/areas?page=100000000000000000000').expect(400);
    expect(tooFar.body.details).toEqual([expect.objectContaining({ field: 'page' })]);
    await upload(senate, spandau.district.id, `${MONITORING}\n05200629;X;2024;1;1;hoch/stabil\n`).expect(403);
    // District staff see their own district only; another district's area is not there for them.
    const own = (await neukoelln.get(neukoelln.coordinator, '/api/areas?pageSize=100').expect(200)).body;
    expect((own.items as { districtId: string }[]).every((i) => i.districtId === neukoelln.district.id)).toBe(
      true,
    );
    await neukoelln.get(neukoelln.coordinator, `/api/areas/${planungsraumId}`).expect(404);
    await upload(
      neukoelln.coordinator,
      spandau.district.id,
      `${MONITORING}\n05200629;X;2024;1;1;hoch/stabil\n`,
    ).expect(404);
  });

  it("imports the district's part of Berlin's LOR table as the grid, refusing a wrong column by row and column", async () => {
    const admin = await spandau.staff('admin');
    const lor = (csv: string, actor: Actor = admin) =>
      spandau
        .post(actor, `/api/districts/${spandau.district.id}/lor-areas`)
        .attach('file', Buffer.from(csv, 'utf8'), { filename: 'lor_2021.csv', contentType: 'text/csv' });
    const header = 'PLR_ID;PLR_NAME;BZR_ID;BZR_NAME;PGR_ID;PGR_NAME;BEZ';
    const bad = await lor('PLR_ID;PLR_NAME;BZR;BZR_NAME;PGR_ID;PGR_NAME;BEZ\n').expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ row: 1, column: 'BZR_ID' })]);
    await lor(
      `${header}\n05200630;Germersheimer Weg;052006;Falkenhagener Feld;0520;Spandau 2;05\n`,
      spandau.coordinator,
    ).expect(403);

    const done = await lor(
      `${header}\n05200629;Falkenhagener Feld Ost;052006;Falkenhagener Feld;0520;Spandau 2;05\n` +
        `05200630;Germersheimer Weg;052006;Falkenhagener Feld;0520;Spandau 2;05\n` +
        `08100101;Köllnische Heide;081001;Neuköllner Mitte/Zentrum;0810;Neukölln;08\n`,
    ).expect(201);
    expect(done.body).toMatchObject({ areas: 4 });
    const page = (await spandau.get(spandau.coordinator, `/api/areas/${planungsraumId}`).expect(200)).body;
    expect(page.ancestors.map((a: { code: string }) => a.code)).toEqual(['0520', '052006']);
    const rows = (await api.db.dataSource.query(
      `SELECT code FROM area WHERE district_id = $1 AND code IS NOT NULL ORDER BY code`,
      [spandau.district.id],
    )) as { code: string }[];
    expect(rows.map((r) => r.code)).toEqual(['0520', '052006', '05200629', '05200630']);
  });

  it("counts a Netzwerkfonds grant in each area its application names, under the application's action field", async () => {
    const committee = await createCommittee(neukoelln, { votingMembers: 1 });
    const [id] = await selectedApplications(neukoelln, committee, 1);
    await neukoelln
      .event(neukoelln.coordinator, id!, {
        type: 'APPROVE',
        reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
      })
      .expect(200);
    const fund = (
      await neukoelln.get(neukoelln.finance, `/api/funds/${neukoelln.fundId}/years/2027`).expect(200)
    ).body as { committedCents: string };
    expect(BigInt(fund.committedCents)).toBeGreaterThan(0n);
    for (const areaId of neukoelln.areaIds) {
      const page = (await neukoelln.get(neukoelln.boardMember, `/api/areas/${areaId}`).expect(200)).body;
      expect(page.money).toMatchObject({
        committedCents: fund.committedCents,
        paidCents: '0',
        byFundKind: [{ fundKind: 'netzwerkfonds', projects: 1, committedCents: fund.committedCents }],
        byActionField: [
          expect.objectContaining({
            actionFieldId: neukoelln.actionFieldIds[0],
            committedCents: fund.committedCents,
          }),
        ],
      });
    }
  });

  it('lets the coordinator set which Planungsräume a QM area covers, within the district only', async () => {
    const second = (
      await createArea(api.db.dataSource, {
        districtId: spandau.district.id,
        kind: 'planungsraum',
        name: 'Obstallee',
      })
    ).id;
    const qm = spandau.areaIds[1]!;
    const put = (actor: Actor, areaId: string, planungsraumIds: string[]) =>
      spandau.put(actor, `/api/areas/${areaId}/covers`).send({ planungsraumIds });

    const foreign = (
      await createArea(api.db.dataSource, { districtId: neukoelln.district.id, kind: 'planungsraum' })
    ).id;
    const refused = await put(spandau.coordinator, qm, [second, foreign]).expect(400);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ field: 'planungsraumIds.1', rule: 'notInDistrict' }),
    ]);
    await put(spandau.coordinator, planungsraumId, [second]).expect(422);
    await put(senate, qm, [second]).expect(403);
    await put(spandau.finance, qm, [second]).expect(403);

    const done = await put(spandau.coordinator, qm, [second, planungsraumId]).expect(200);
    expect(done.body.covers.map((a: { id: string }) => a.id).sort()).toEqual([second, planungsraumId].sort());
    await put(spandau.coordinator, qm, [second]).expect(200);
    const page = (await spandau.get(spandau.coordinator, `/api/areas/${qm}`).expect(200)).body;
    expect(page.covers).toEqual([expect.objectContaining({ id: second })]);
  });
});
