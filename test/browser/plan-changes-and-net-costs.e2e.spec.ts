/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { type Actor, ApplicationWorld, PASSWORD } from '../../apps/api/src/testing/application-world';
import {
  type CommitteeSetUp,
  createCommittee,
  selectedApplications,
} from '../../apps/api/src/testing/committee-world';
import { axeViolations, type BrowserApi, signedInAt, startBrowserApi } from './browser-harness';

/**
 * Issue 14: the cost plan says whether amounts are net or gross (by the organisation's VAT
 * status), and the coordinator records a change to the plan approved after the notice.
 */
describe('net or gross costs and approved plan changes in the browser', () => {
  let api: BrowserApi;
  let world: ApplicationWorld;

  beforeAll(async () => {
    api = await startBrowserApi();
    world = await ApplicationWorld.create(api.app.getHttpServer(), api.db.dataSource);
  });

  afterAll(async () => {
    await api?.close();
  });

  let committee: CommitteeSetUp | undefined;
  /** An application taken through the committee to the Senate's selection. */
  async function selected(): Promise<string> {
    committee ??= await createCommittee(world, { votingMembers: 1 });
    const [id] = await selectedApplications(world, committee, 1);
    return id!;
  }

  const signedIn = (actor: Actor, path: string): Promise<Page> =>
    signedInAt(api, actor.user.email, PASSWORD, path);

  /** Cents as the amount fields take them: 123456 → "1.234,56". */
  const euros = (cents: bigint) =>
    `${(cents / 100n).toLocaleString('de-DE')},${String(cents % 100n).padStart(2, '0')}`;
  /** The label of a cost line's amount field in the proof of use. */
  const labelOf = (line: { cashYear: number; category: string }) =>
    `${{ personnel: 'Personalkosten', material: 'Sachkosten', fees: 'Honorare', investments: 'Investitionen', overheads: 'Verwaltungskosten' }[line.category]} ${line.cashYear}`;

  it('asks a VAT-deductible organisation for net amounts and any other for gross amounts, saying why', async () => {
    const callId = (await world.openCall()).id;
    const gross = await world.draft(callId);
    const grossPage = await signedIn(world.carrier, `/antraege/${gross.id}/kostenplan`);
    await grossPage.getByText('Beträge brutto (einschließlich Umsatzsteuer)').waitFor();
    expect(
      await grossPage
        .getByRole('group', { name: 'Kostenposition 1' })
        .getByLabel('Betrag brutto (einschließlich Umsatzsteuer)')
        .count(),
    ).toBe(1);
    await grossPage.close();

    await api.db.dataSource.query(`UPDATE organisation SET vat_deductible = true WHERE id = $1`, [
      world.organisation.id,
    ]);
    try {
      const net = await world.draft(callId);
      const page = await signedIn(world.carrier, `/antraege/${net.id}/kostenplan`);
      await page.getByText('Beträge netto (ohne Umsatzsteuer)').waitFor();
      await page.getByText(/zum Vorsteuerabzug berechtigt/).waitFor();
      expect(
        await page
          .getByRole('group', { name: 'Kostenposition 1' })
          .getByLabel('Betrag netto (ohne Umsatzsteuer)')
          .count(),
      ).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await api.db.dataSource.query(`UPDATE organisation SET vat_deductible = false WHERE id = $1`, [
        world.organisation.id,
      ]);
    }
  });

  it('lets the coordinator record an approved plan change, listed with its reason', async () => {
    const id = await selected();
    await world
      .event(world.coordinator, id, {
        type: 'APPROVE',
        reportDeadlines: [
          { kind: 'interim', due: '2028-03-31' },
          { kind: 'final', due: '2029-06-30' },
        ],
      })
      .expect(200);

    const page = await signedIn(world.coordinator, `/eingang/${id}`);
    await page.getByRole('heading', { name: 'Genehmigte Planänderungen' }).waitFor();
    const form = page.getByRole('form', { name: 'Planänderung erfassen' });
    // Without amount and reason the form names both fields and sends nothing.
    await form.getByRole('button', { name: 'Planänderung erfassen' }).click();
    await page
      .getByRole('link', { name: /Begründung/ })
      .first()
      .waitFor();

    await form.getByLabel('Kassenjahr').selectOption('2027');
    await form.getByLabel('Kostenart').selectOption('fees');
    await form.getByLabel('Betrag in Euro').fill('300,00');
    await form.getByLabel('Begründung').fill('Honorar der Köchin, Antrag vom 12.05.2027');
    await form.getByRole('button', { name: 'Planänderung erfassen' }).click();
    await page.getByText('Planänderung erfasst').waitFor();
    const row = page.getByRole('row', { name: /2027, Honorare/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/300,00\s€/);
    expect(await row.innerText()).toMatch(/Honorar der Köchin/);
    expect(await axeViolations(page)).toEqual([]);

    const listed = await world.get(world.coordinator, `/api/applications/${id}/plan-changes`).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ cashYear: 2027, category: 'fees', amountCents: '30000' }),
    ]);
  });

  it('counts a line an approved plan change added as planned in the proof of use, as the settlement does', async () => {
    const id = await selected();
    await world
      .event(world.coordinator, id, {
        type: 'APPROVE',
        reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
      })
      .expect(200);
    await world.event(world.carrier, id, { type: 'START_IMPLEMENTATION' }).expect(200);
    // Investments were not in the plan; the coordinator approved 1.000,00 € of them.
    await world
      .post(world.coordinator, `/api/applications/${id}/plan-changes`)
      .set('Idempotency-Key', `plan-change-${id}`)
      .send({ cashYear: 2027, category: 'investments', amountCents: '100000', reason: 'Neuer Herd' })
      .expect(201);
    const detail = await world.get(world.carrier, `/api/applications/${id}`).expect(200);
    const plan = detail.body.content.costPlan as {
      cashYear: number;
      category: string;
      amountCents: string;
    }[];

    const page = await signedIn(world.carrier, `/antraege/${id}/verwendungsnachweis`);
    await page.getByLabel('Sachbericht').fill('Alle Kochabende wie geplant, dazu der neue Herd.');
    for (const line of plan) {
      await page.getByLabel(labelOf(line), { exact: true }).fill(euros(BigInt(line.amountCents)));
    }
    // The changed line has its row, planned with the approved amount, and is no overrun.
    const investments = page.getByLabel('Investitionen 2027', { exact: true });
    expect(await page.getByText('Geplant: 1.000,00 €').count()).toBe(1);
    await investments.fill('1.000,00');
    expect(await page.getByText(/über Plan|Nicht geplant/).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Verwendungsnachweis einreichen' }).click();
    await page.getByText('Verwendungsnachweis eingereicht').first().waitFor();
  });

  it('asks a VAT-deductible organisation for the VAT in its proof of use and settles the line net', async () => {
    const id = await selected();
    await api.db.dataSource.query(`UPDATE organisation SET vat_deductible = true WHERE id = $1`, [
      world.organisation.id,
    ]);
    try {
      await world
        .event(world.coordinator, id, {
          type: 'APPROVE',
          reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
        })
        .expect(200);
    } finally {
      // The notice recorded the status; the organisation's record may change afterwards.
      await api.db.dataSource.query(`UPDATE organisation SET vat_deductible = false WHERE id = $1`, [
        world.organisation.id,
      ]);
    }
    await world.event(world.carrier, id, { type: 'START_IMPLEMENTATION' }).expect(200);
    const detail = await world.get(world.carrier, `/api/applications/${id}`).expect(200);
    const plan = detail.body.content.costPlan as {
      cashYear: number;
      category: string;
      amountCents: string;
    }[];

    const page = await signedIn(world.carrier, `/antraege/${id}/verwendungsnachweis`);
    await page.getByLabel('Sachbericht').fill('Alle Kochabende wie geplant.');
    const vatOf = (cents: string) => (BigInt(cents) * 19n + 50n) / 100n;
    for (const line of plan) {
      await page
        .getByLabel(labelOf(line), { exact: true })
        .fill(euros(BigInt(line.amountCents) + vatOf(line.amountCents)));
      await page
        .getByLabel(`Darin enthaltene Umsatzsteuer: ${labelOf(line)}`)
        .fill(euros(vatOf(line.amountCents)));
    }
    // Net, every line is exactly as planned: nothing is flagged as an overrun.
    expect(await page.getByText(/über Plan/).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Verwendungsnachweis einreichen' }).click();
    await page.getByText('Verwendungsnachweis eingereicht').first().waitFor();

    const settlement = await world.get(world.coordinator, `/api/applications/${id}/settlement`).expect(200);
    expect(settlement.body.costBasis).toBe('net');
    expect(
      (settlement.body.lines as { rule: string; eligibleCents: string; excludedVatCents: string }[]).map(
        (l) => [l.eligibleCents, l.excludedVatCents, l.rule],
      ),
    ).toEqual(plan.map((line) => [line.amountCents, vatOf(line.amountCents).toString(), 'net_of_vat']));
  });
});
