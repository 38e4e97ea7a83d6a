import { COST_CATEGORIES } from '@kiezfonds/domain';
import { backToToday, travelTo } from '../testing/clock';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';
import { APPROVAL, createCommittee, selectedApplications } from '../testing/committee-world';

/** The projects run from 1 March 2027: a day in their first year. */
const IN_2027 = '2027-04-15T10:00:00+02:00';

type PlanLine = { cashYear: number; category: string; amountCents: string };
type SettlementLine = {
  cashYear: number;
  category: string;
  plannedCents: string;
  actualCents: string;
  excludedVatCents: string;
  eligibleCents: string;
  source: string;
  rule: string;
  ruleText: string;
};

describe('the settlement counts what the approved plan and its approved changes hold, net of VAT where it is recoverable', () => {
  let api: TestApi;
  let world: ApplicationWorld;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
  });

  afterAll(async () => {
    await api.close();
  });

  afterEach(() => backToToday());

  async function selected(target: ApplicationWorld): Promise<string> {
    const committee = await createCommittee(target, { votingMembers: 1 });
    const [id] = await selectedApplications(target, committee, 1);
    return id!;
  }

  async function costPlan(target: ApplicationWorld, id: string): Promise<PlanLine[]> {
    const detail = await target.get(target.coordinator, `/api/applications/${id}`).expect(200);
    return detail.body.content.costPlan as PlanLine[];
  }

  /** Approved and started; the clock in the project's first year. */
  async function inImplementation(target: ApplicationWorld): Promise<string> {
    const id = await selected(target);
    await target.event(target.coordinator, id, APPROVAL).expect(200);
    await target.event(target.carrier, id, { type: 'START_IMPLEMENTATION' }).expect(200);
    travelTo(IN_2027);
    return id;
  }

  async function settlementLines(target: ApplicationWorld, id: string): Promise<SettlementLine[]> {
    const res = await target.get(target.coordinator, `/api/applications/${id}/settlement`).expect(200);
    return res.body.lines as SettlementLine[];
  }

  describe('a change to the plan approved after the notice', () => {
    it('makes spending on a line the plan did not have eligible, recorded once per Idempotency-Key and audited', async () => {
      const id = await selected(world);
      const change = { cashYear: 2027, category: 'fees', amountCents: '30000', reason: 'Honorar der Köchin' };
      // Before the notice there is no plan to change.
      const early = await world
        .post(world.coordinator, `/api/applications/${id}/plan-changes`)
        .send(change)
        .expect(409);
      expect(early.body).toMatchObject({
        code: 'plan_change_not_allowed',
        allowed: ['approved', 'in_implementation', 'final_report_submitted'],
      });

      await world.event(world.coordinator, id, APPROVAL).expect(200);
      await world.event(world.carrier, id, { type: 'START_IMPLEMENTATION' }).expect(200);
      travelTo(IN_2027);
      const plan = await costPlan(world, id);
      const unplanned = COST_CATEGORIES.find(
        (category) => !plan.some((line) => line.cashYear === 2027 && line.category === category),
      )!;
      const unplannedChange = { ...change, category: unplanned };
      await world
        .event(world.carrier, id, {
          type: 'SUBMIT_FINAL_REPORT',
          text: 'Zwölf Kochabende, einer mit einer Köchin als Gast.',
          actuals: [
            ...plan.map((line) => ({
              cashYear: line.cashYear,
              category: line.category,
              amountCents: line.amountCents,
            })),
            { cashYear: 2027, category: unplanned, amountCents: '30000' },
          ],
        })
        .expect(200);

      const before = (await settlementLines(world, id)).find((l) => l.category === unplanned)!;
      expect(before).toMatchObject({
        plannedCents: '0',
        actualCents: '30000',
        eligibleCents: '0',
        source: 'none',
        rule: 'not_in_plan',
      });

      // Only the district's coordinator approves a change.
      await world
        .post(world.carrier, `/api/applications/${id}/plan-changes`)
        .send(unplannedChange)
        .expect(403);
      await world
        .post(world.finance, `/api/applications/${id}/plan-changes`)
        .send(unplannedChange)
        .expect(403);
      const elsewhere = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Neukölln' });
      // Another district's coordinator does not see the application at all (as for every route).
      await elsewhere
        .post(elsewhere.coordinator, `/api/applications/${id}/plan-changes`)
        .send(unplannedChange)
        .expect(404);

      // Each field is checked and named.
      const invalid: [Record<string, unknown>, string, string][] = [
        [{ cashYear: 2031 }, 'cashYear', 'cashYearOutsideNotice'],
        [{ category: 'travel' }, 'category', 'isIn'],
        [{ amountCents: 0 }, 'amountCents', 'cents'],
        [{ amountCents: '12.50' }, 'amountCents', 'cents'],
        [{ reason: '  ' }, 'reason', 'minLength'],
      ];
      for (const [override, field, rule] of invalid) {
        const refused = await world
          .post(world.coordinator, `/api/applications/${id}/plan-changes`)
          .send({ ...unplannedChange, ...override })
          .expect(400);
        expect(refused.body.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field, rule })]),
        );
      }

      const first = await world
        .post(world.coordinator, `/api/applications/${id}/plan-changes`)
        .set('Idempotency-Key', `plan-change-${id}`)
        .send(unplannedChange)
        .expect(201);
      const again = await world
        .post(world.coordinator, `/api/applications/${id}/plan-changes`)
        .set('Idempotency-Key', `plan-change-${id}`)
        .send(unplannedChange)
        .expect(201);
      expect(again.body).toEqual(first.body);
      const listed = await world.get(world.carrier, `/api/applications/${id}/plan-changes`).expect(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          id: first.body.id,
          cashYear: 2027,
          category: unplanned,
          amountCents: '30000',
          reason: 'Honorar der Köchin',
        }),
      ]);

      const after = (await settlementLines(world, id)).find((l) => l.category === unplanned)!;
      expect(after).toMatchObject({
        plannedCents: '30000',
        actualCents: '30000',
        eligibleCents: '30000',
        source: 'approved_change',
        rule: 'within_plan',
      });
      const audit = (await api.db.dataSource.query(
        `SELECT actor_id, payload FROM audit_event WHERE entity_id = $1 AND action = 'plan_change_approved'`,
        [id],
      )) as { actor_id: string; payload: Record<string, unknown> }[];
      expect(audit).toEqual([
        {
          actor_id: world.coordinator.user.id,
          payload: expect.objectContaining({
            changeId: first.body.id,
            category: unplanned,
            amountCents: '30000',
          }),
        },
      ]);

      // After completion the settlement is on record; no change is approved any more.
      await world.event(world.coordinator, id, { type: 'COMPLETE' }).expect(200);
      const late = await world
        .post(world.coordinator, `/api/applications/${id}/plan-changes`)
        .send(unplannedChange)
        .expect(409);
      expect(late.body.code).toBe('plan_change_not_allowed');
    });
  });

  describe('an organisation entitled to deduct input tax', () => {
    let netWorld: ApplicationWorld;

    beforeAll(async () => {
      netWorld = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Reinickendorf' });
      await api.db.dataSource.query(`UPDATE organisation SET vat_deductible = true WHERE id = $1`, [
        netWorld.organisation.id,
      ]);
    });

    it('plans net and is settled net: the VAT in the reported spending is not eligible', async () => {
      const grossDraft = await world.draft((await world.openCall()).id);
      const grossDetail = await world.get(world.carrier, `/api/applications/${grossDraft.id}`).expect(200);
      expect(grossDetail.body.costBasis).toBe('gross');

      const id = await inImplementation(netWorld);
      const detail = await netWorld.get(netWorld.carrier, `/api/applications/${id}`).expect(200);
      expect(detail.body.costBasis).toBe('net');
      // The notice recorded the status as it was: a later change to the organisation does not
      // rewrite how this project's costs count.
      await api.db.dataSource.query(`UPDATE organisation SET vat_deductible = false WHERE id = $1`, [
        netWorld.organisation.id,
      ]);
      const later = await netWorld.get(netWorld.carrier, `/api/applications/${id}`).expect(200);
      expect(later.body.costBasis).toBe('net');

      // Each line spent as planned, net; paid gross with 19 % VAT on top.
      const plan = await costPlan(netWorld, id);
      const vatOf = (cents: string) => ((BigInt(cents) * 19n + 50n) / 100n).toString();
      const actuals = plan.map((line) => ({
        cashYear: line.cashYear,
        category: line.category,
        amountCents: (BigInt(line.amountCents) + BigInt(vatOf(line.amountCents))).toString(),
        vatCents: vatOf(line.amountCents),
      }));

      const submit = (list: Record<string, unknown>[]) =>
        netWorld.event(netWorld.carrier, id, {
          type: 'SUBMIT_FINAL_REPORT',
          text: 'Alle Kochabende wie geplant.',
          actuals: list,
        });
      const tooMuchVat = await submit([
        { ...actuals[0]!, vatCents: `${BigInt(actuals[0]!.amountCents) + 1n}` },
      ]).expect(400);
      expect(tooMuchVat.body.details).toEqual([
        expect.objectContaining({ field: 'actuals.0.vatCents', rule: 'notAboveAmount' }),
      ]);
      const notCents = await submit([{ ...actuals[0]!, vatCents: '19,00' }]).expect(400);
      expect(notCents.body.details).toEqual([expect.objectContaining({ field: 'actuals.0.vatCents' })]);
      await submit(actuals).expect(200);

      const res = await netWorld.get(netWorld.coordinator, `/api/applications/${id}/settlement`).expect(200);
      expect(res.body.costBasis).toBe('net');
      expect(
        (res.body.lines as SettlementLine[]).map((l) => [
          l.cashYear,
          l.category,
          l.plannedCents,
          l.actualCents,
          l.excludedVatCents,
          l.eligibleCents,
          l.rule,
        ]),
      ).toEqual(
        plan.map((line) => [
          line.cashYear,
          line.category,
          line.amountCents,
          (BigInt(line.amountCents) + BigInt(vatOf(line.amountCents))).toString(),
          vatOf(line.amountCents),
          line.amountCents,
          'net_of_vat',
        ]),
      );
      expect((res.body.lines as SettlementLine[])[0]!.ruleText).toBe(
        'Vorsteuerabzugsberechtigt: nur die Nettoausgaben sind zuwendungsfähig, die Umsatzsteuer nicht',
      );
      const planned = plan.reduce((sum, line) => sum + BigInt(line.amountCents), 0n);
      expect(res.body.eligibleCents).toBe(planned.toString());
    });
  });
});
