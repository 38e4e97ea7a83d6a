import { Money } from '@kiezfonds/domain';
import {
  createActionField,
  createApplication,
  createArea,
  createCall,
  createDistrict,
  createFund,
  createOrganisation,
  createTestDatabase,
  createTrackedProject,
  createUser,
  type FundRow,
  type TestDatabase,
} from '@kiezfonds/testing';
import type { EntityManager } from 'typeorm';
import type { LedgerCommand } from '../ledger/ledger-command';
import { LedgerService } from '../ledger/ledger.service';
import { type BalanceAudit, BalanceService } from './balance.service';

const eur = (text: string) => Money.parseGerman(text);
const cents = (amounts: object) =>
  Object.fromEntries(Object.entries(amounts).map(([k, v]) => [k, v instanceof Money ? v.cents : v]));

describe('balances for finance staff', () => {
  let db: TestDatabase;
  const ledger = new LedgerService();
  let balances: BalanceService;
  let actorId: string;
  let districtId: string;
  let nwfId: string;
  let falkenhagen: { id: string; name: string };
  let neustadt: { id: string; name: string };
  let bildung: { id: string; name: string };
  let nachbarschaft: { id: string; name: string };
  let falkenhagenFundId: string;

  const post = (command: LedgerCommand) =>
    db.dataSource.transaction((tx: EntityManager) => ledger.post(tx, command));

  beforeAll(async () => {
    db = await createTestDatabase();
    balances = new BalanceService(db.dataSource);
    const ds = db.dataSource;
    actorId = (await createUser(ds)).id;
    districtId = (await createDistrict(ds, { name: 'Spandau' })).id;
    falkenhagen = await createArea(ds, { districtId, name: 'Falkenhagener Feld Ost' });
    neustadt = await createArea(ds, { districtId, name: 'Spandauer Neustadt' });
    bildung = await createActionField(ds, { districtId, name: 'Bildung' });
    nachbarschaft = await createActionField(ds, { districtId, name: 'Integration und Nachbarschaft' });

    // Netzwerkfonds: 600.000 € in 2027, one application with 100.000 € over two cash years, 40.000 € paid.
    const nwf = await createFund(ds, { districtId, kind: 'netzwerkfonds', name: 'Netzwerkfonds Spandau' });
    nwfId = nwf.id;
    const call = await createCall(ds, { districtId, programmeYear: 2027 });
    const organisationId = (await createOrganisation(ds)).id;
    const application = await createApplication(ds, { callId: call.id, organisationId });
    await post({ kind: 'budget', fundId: nwf.id, programmeYear: 2027, amount: eur('600.000'), actorId });
    await db.dataSource.transaction((tx) =>
      ledger.commitForApplication(tx, {
        fundId: nwf.id,
        applicationId: application.id,
        programmeYear: 2027,
        instalments: [
          { cashYear: 2028, amount: eur('50.000') },
          { cashYear: 2027, amount: eur('50.000') },
        ],
        actorId,
      }),
    );
    await post({
      kind: 'disbursement',
      fundId: nwf.id,
      programmeYear: 2027,
      cashYear: 2027,
      amount: eur('40.000'),
      project: { applicationId: application.id },
      callOffRef: 'MA-2027-001',
      actorId,
    });

    // Aktionsfonds per area, 10.000 € each; projects in two action fields.
    const aktionsfonds = new Map<string, FundRow>();
    for (const area of [falkenhagen, neustadt]) {
      const fund = await createFund(ds, { districtId, kind: 'aktionsfonds', areaId: area.id });
      await post({ kind: 'budget', fundId: fund.id, programmeYear: 2027, amount: eur('10.000'), actorId });
      aktionsfonds.set(area.id, fund);
    }
    falkenhagenFundId = aktionsfonds.get(falkenhagen.id)!.id;
    for (const [area, actionField, amount, paid] of [
      [falkenhagen, bildung, '1.500', '1.500'],
      [falkenhagen, nachbarschaft, '1.000', '0'],
      [neustadt, bildung, '800', '400'],
    ] as const) {
      const fund = aktionsfonds.get(area.id)!;
      const project = await createTrackedProject(ds, fund, { actionFieldId: actionField.id });
      const ref = { trackedProjectId: project.id };
      await post({
        kind: 'commitment',
        fundId: fund.id,
        programmeYear: 2027,
        cashYear: 2027,
        amount: eur(amount),
        project: ref,
        actorId,
      });
      if (paid !== '0') {
        await post({
          kind: 'disbursement',
          fundId: fund.id,
          programmeYear: 2027,
          cashYear: 2027,
          amount: eur(paid),
          project: ref,
          actorId,
        });
      }
    }
  });

  afterAll(() => db.drop());

  it('show a fund year with budget, committed, available, disbursed, outstanding, repaid and its cash years', async () => {
    const view = await balances.fundYear(nwfId, 2027);
    expect(view).toMatchObject({
      fundKind: 'netzwerkfonds',
      fundName: 'Netzwerkfonds Spandau',
      areaId: null,
      entryCount: 4,
    });
    expect(cents(view)).toMatchObject({
      budget: 60_000_000n,
      committed: 10_000_000n,
      available: 50_000_000n,
      disbursed: 4_000_000n,
      repaid: 0n,
      paid: 4_000_000n,
      outstanding: 6_000_000n,
    });
    expect(view.cashYears.map((c) => cents({ ...c }))).toEqual([
      { cashYear: 2027, planned: 5_000_000n, disbursed: 4_000_000n, repaid: 0n, paid: 4_000_000n },
      { cashYear: 2028, planned: 5_000_000n, disbursed: 0n, repaid: 0n, paid: 0n },
    ]);
  });

  it('show zeros for a year without bookings, and refuse an unknown fund', async () => {
    const view = await balances.fundYear(nwfId, 2035);
    expect(view.budget.isZero() && view.committed.isZero() && view.cashYears.length === 0).toBe(true);
    await expect(balances.fundYear('00000000-0000-4000-8000-000000000000', 2027)).rejects.toMatchObject({
      code: 'fund_not_found',
    });
  });

  it("list a district's funds, the Netzwerkfonds first", async () => {
    const views = await balances.district(districtId, 2027);
    expect(views.map((v) => [v.fundKind, v.areaId])).toEqual([
      ['netzwerkfonds', null],
      ['aktionsfonds', falkenhagen.id],
      ['aktionsfonds', neustadt.id],
    ]);
    expect(await balances.district(districtId, 2026)).toEqual([]);
  });

  it('sum by area, with the Netzwerkfonds as the district-wide row', async () => {
    const rows = await balances.byArea(districtId, 2027);
    expect(
      rows.map((r) => ({
        areaName: r.areaName,
        ...cents({ budget: r.budget, committed: r.committed, paid: r.paid }),
      })),
    ).toEqual([
      { areaName: null, budget: 60_000_000n, committed: 10_000_000n, paid: 4_000_000n },
      { areaName: 'Falkenhagener Feld Ost', budget: 1_000_000n, committed: 250_000n, paid: 150_000n },
      { areaName: 'Spandauer Neustadt', budget: 1_000_000n, committed: 80_000n, paid: 40_000n },
    ]);
  });

  it('sum project money by action field and fund kind', async () => {
    const rows = await balances.byActionField(districtId, 2027);
    expect(
      rows.map((r) => ({
        actionField: r.actionFieldName,
        fundKind: r.fundKind,
        ...cents({ committed: r.committed, paid: r.paid, outstanding: r.outstanding }),
      })),
    ).toEqual([
      {
        actionField: 'Bildung',
        fundKind: 'aktionsfonds',
        committed: 230_000n,
        paid: 190_000n,
        outstanding: 40_000n,
      },
      {
        actionField: 'Integration und Nachbarschaft',
        fundKind: 'aktionsfonds',
        committed: 100_000n,
        paid: 0n,
        outstanding: 100_000n,
      },
      // Netzwerkfonds applications carry no action field yet.
      {
        actionField: null,
        fundKind: 'netzwerkfonds',
        committed: 10_000_000n,
        paid: 4_000_000n,
        outstanding: 6_000_000n,
      },
    ]);
  });

  it('read the whole district overview in one statement, equal to its parts, and null for no district', async () => {
    const overview = await balances.districtOverview(districtId, 2027);
    expect(overview).toEqual({
      district: { slug: expect.any(String), name: 'Spandau' },
      funds: await balances.district(districtId, 2027),
      byArea: await balances.byArea(districtId, 2027),
      byActionField: await balances.byActionField(districtId, 2027),
    });
    expect(overview!.funds.map((f) => f.fundKind)).toEqual(['netzwerkfonds', 'aktionsfonds', 'aktionsfonds']);
    expect(await balances.districtOverview('00000000-0000-4000-8000-000000000000', 2027)).toBeNull();
  });

  it("see a transaction's own postings when given its manager", async () => {
    await db.dataSource
      .transaction(async (tx) => {
        await ledger.post(tx, {
          kind: 'budget_amendment',
          fundId: nwfId,
          programmeYear: 2027,
          direction: 'increase',
          amount: eur('1.000'),
          reason: 'Nachtrag',
          actorId,
        });
        expect((await balances.fundYear(nwfId, 2027, tx)).budget).toEqual(eur('601.000'));
        expect((await balances.fundYear(nwfId, 2027)).budget).toEqual(eur('600.000'));
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await balances.fundYear(nwfId, 2027)).budget).toEqual(eur('600.000'));
  });

  it('agree with the sums of the entries (the audit)', async () => {
    const audit = await balances.audit(nwfId, 2027);
    expect(audit).toMatchObject({
      consistent: true,
      entryCount: 4,
      storedEntryCount: 4,
      mismatchedProjects: 0,
      mismatchedCashYears: 0,
      mismatchedActionFields: 0,
    });
  });

  it('keep the per-action-field counter the overview reads in step with the entries, and the audit checks it', async () => {
    expect(await balances.audit(falkenhagenFundId, 2027)).toMatchObject({
      consistent: true,
      mismatchedActionFields: 0,
    });
    const rows = (await db.dataSource.query(
      `SELECT action_field_id, committed_cents::text AS committed, disbursed_cents::text AS disbursed
       FROM ledger_action_field_balance WHERE fund_id = $1 AND programme_year = 2027 ORDER BY committed_cents`,
      [falkenhagenFundId],
    )) as { action_field_id: string; committed: string; disbursed: string }[];
    expect(rows).toEqual([
      { action_field_id: nachbarschaft.id, committed: '100000', disbursed: '0' },
      { action_field_id: bildung.id, committed: '150000', disbursed: '150000' },
    ]);
    // A counter that drifted (here: changed by hand, then rolled back) is found by the audit.
    let drifted: BalanceAudit | undefined;
    await db.dataSource
      .transaction(async (tx) => {
        await tx.query(
          `UPDATE ledger_action_field_balance SET committed_cents = committed_cents + 1
           WHERE fund_id = $1 AND action_field_id = $2`,
          [falkenhagenFundId, bildung.id],
        );
        drifted = await balances.audit(falkenhagenFundId, 2027, tx);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(drifted).toMatchObject({ consistent: false, mismatchedActionFields: 1 });
  });
});
