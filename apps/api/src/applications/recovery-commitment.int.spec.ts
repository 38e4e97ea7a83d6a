import { backToToday, travelTo } from '../testing/clock';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';
import { type CommitteeSetUp, createCommittee, selectedApplications } from '../testing/committee-world';

const APPROVAL = {
  type: 'APPROVE',
  reportDeadlines: [
    { kind: 'interim', due: '2028-03-31' },
    { kind: 'final', due: '2029-06-30' },
  ],
};
const IN_2027 = '2027-04-15T10:00:00+02:00';

/**
 * Money a carrier pays back on an ended grant (completed or revoked) goes back to the budget: the
 * grant keeps committed only what it kept. The Netzwerkfonds' commitments are booked by the
 * workflow alone (finance cannot de-commit them by hand), so the repayment must do it.
 */
describe('recovery: repaid principal frees its commitment', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    ag = await createCommittee(world, { votingMembers: 1 });
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  afterEach(() => backToToday());

  async function net(applicationId: string, kinds: Record<string, 1 | -1>): Promise<bigint> {
    const entries = (await api.db.dataSource.query(
      `SELECT kind, amount_cents::text AS amount FROM ledger_entry WHERE application_id = $1`,
      [applicationId],
    )) as { kind: string; amount: string }[];
    return entries.reduce((sum, e) => sum + BigInt(e.amount) * BigInt(kinds[e.kind] ?? 0), 0n);
  }

  async function completedWithClaim(): Promise<{ id: string; claimId: string }> {
    const [id] = await selectedApplications(world, ag, 1);
    await world.event(world.coordinator, id!, APPROVAL).expect(200);
    await world.event(world.carrier, id!, { type: 'START_IMPLEMENTATION' }).expect(200);
    travelTo(IN_2027);
    const callOff = await world
      .post(world.carrier, `/api/applications/${id}/call-offs`)
      .send({ cashYear: 2027, amountCents: '900000' })
      .expect(201);
    await world.post(world.finance, `/api/call-offs/${callOff.body.id}/approve`).send({}).expect(200);
    await world
      .post(world.finance, `/api/call-offs/${callOff.body.id}/pay`)
      .send({ paidOn: '2027-04-15' })
      .expect(200);
    await world
      .event(world.carrier, id!, {
        type: 'SUBMIT_FINAL_REPORT',
        text: 'Weniger ausgegeben.',
        actuals: [{ cashYear: 2027, category: 'personnel', amountCents: '700000' }],
      })
      .expect(200);
    await world.event(world.coordinator, id!, { type: 'COMPLETE' }).expect(200);
    const claims = await world.get(world.finance, `/api/applications/${id}/repayment-claims`).expect(200);
    return { id: id!, claimId: claims.body.items[0].id as string };
  }

  it('a repayment on a completed grant de-commits what came back, a waiver does not', async () => {
    // Committed 50 000 €; paid 9 000 € in 2027; at completion the 41 000 € not paid were
    // de-committed. Eligible 7 000 € less own 1 000 € = final grant 6 000 €: 3 000 € to repay.
    const { id, claimId } = await completedWithClaim();
    expect(await net(id, { commitment: 1, decommitment: -1 })).toBe(900_000n);

    // 1 000 € arrive on the day of payment (no interest yet): 1 000 € of the commitment is freed.
    await world
      .post(world.finance, `/api/repayment-claims/${claimId}/payments`)
      .send({ amountCents: '100000', receivedOn: '2027-04-15' })
      .expect(200);
    expect(await net(id, { disbursement: 1, repayment: -1 })).toBe(800_000n);
    expect(await net(id, { commitment: 1, decommitment: -1 })).toBe(800_000n);

    // The office waives the remaining 2 000 €: that money is spent for good and stays committed.
    await world
      .post(world.finance, `/api/repayment-claims/${claimId}/waiver`)
      .send({ reason: 'Uneinbringlich (§ 59 LHO)' })
      .expect(200);
    expect(await net(id, { commitment: 1, decommitment: -1 })).toBe(800_000n);

    // The fund year's figures agree: committed equals what left the fund for good.
    const [year] = (await api.db.dataSource.query(
      `SELECT b.committed_cents::text AS committed, (b.disbursed_cents - b.repaid_cents)::text AS paid
         FROM fund_year_balance b JOIN ledger_entry e ON e.fund_id = b.fund_id AND e.programme_year = b.programme_year
        WHERE e.application_id = $1 LIMIT 1`,
      [id],
    )) as { committed: string; paid: string }[];
    expect(year).toEqual({ committed: '800000', paid: '800000' });
  }, 60_000);
});
