import { eventually } from '@kiezfonds/testing';
import { backToToday, travelTo } from '../testing/clock';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';
import {
  APPROVAL,
  type CommitteeSetUp,
  createCommittee,
  selectedApplications,
} from '../testing/committee-world';

/** Well within the API's statement timeout (10 s), which would end a held command. */
const WITHIN_STATEMENT_TIMEOUT = 4_000;

/**
 * Recovery payments, waivers and settlements lock the claim's application before the claim, the
 * order a revocation takes (application, then its call-offs and claims): a payment arriving while
 * a revocation of the same application runs waits for it and then answers as it would after it,
 * instead of slipping in between the revocation's steps.
 */
describe('recovery commands racing a revocation of the same application', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let committee: CommitteeSetUp;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    committee = await createCommittee(world, { votingMembers: 1 });
  }, 120_000);

  afterAll(async () => {
    backToToday();
    await api.close();
  });

  afterEach(() => backToToday());

  /** Sessions of this database waiting for a row lock, the test's own excluded. */
  async function lockWaits(): Promise<number> {
    const [{ n }] = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND datname = current_database()`,
    )) as [{ n: number }];
    return n;
  }

  /** A project with 5 000 € paid on 15.04.2027, used late (31.08.2027): its late-use claim, noticed. */
  async function lateUseClaim() {
    const [id] = await selectedApplications(world, committee, 1);
    await world.event(world.coordinator, id!, APPROVAL).expect(200);
    await world.event(world.carrier, id!, { type: 'START_IMPLEMENTATION' }).expect(200);
    travelTo('2027-04-15T10:00:00+02:00');
    const callOff = await world
      .post(world.carrier, `/api/applications/${id}/call-offs`)
      .send({ cashYear: 2027, amountCents: '500000' })
      .expect(201);
    await world.post(world.finance, `/api/call-offs/${callOff.body.id}/approve`).send({}).expect(200);
    await world
      .post(world.finance, `/api/call-offs/${callOff.body.id}/pay`)
      .send({ paidOn: '2027-04-15' })
      .expect(200);
    travelTo('2027-09-01T10:00:00+02:00');
    const used = await world
      .post(world.carrier, `/api/call-offs/${callOff.body.id}/use`)
      .send({ usedOn: '2027-08-31' })
      .expect(200);
    const claimId = used.body.lateUseClaimId as string;
    // 500 000 × 627 × 138 / 3 650 000 = 11 852,8… → 118,53 €
    await world
      .post(world.finance, `/api/repayment-claims/${claimId}/notice`)
      .send({ dueBy: '2027-10-01' })
      .expect(200);
    return { id: id!, claimId };
  }

  it('a payment on a late-use claim at the instant of the revocation waits for it, then answers as after it: the claim is closed', async () => {
    const { id, claimId } = await lateUseClaim();
    // The revocation is held inside its transaction, after it has locked the application: the
    // test holds the fund's counters, which it books the unpaid commitment back to.
    const gate = api.db.dataSource.createQueryRunner();
    await gate.connect();
    await gate.startTransaction();
    let revocation!: Promise<{ status: number; body: Record<string, unknown> }>;
    let payment!: Promise<{ status: number; body: Record<string, unknown> }>;
    try {
      await gate.query(`SELECT 1 FROM fund_year_balance WHERE fund_id = $1 FOR UPDATE`, [world.fundId]);
      revocation = world
        .event(world.coordinator, id, { type: 'REVOKE', reason: 'Zweck verfehlt.' })
        .then((r) => r);
      await eventually(async () => expect(await lockWaits()).toBe(1), WITHIN_STATEMENT_TIMEOUT);
      payment = world
        .post(world.finance, `/api/repayment-claims/${claimId}/payments`)
        .send({ amountCents: '11853', receivedOn: '2027-09-01' })
        .then((r) => r);
      // The payment waits for the revocation's lock on the application, beside the revocation.
      await eventually(async () => expect(await lockWaits()).toBe(2), WITHIN_STATEMENT_TIMEOUT);
    } finally {
      await gate.commitTransaction();
      await gate.release();
    }
    const [revoked, paid] = await Promise.all([revocation, payment]);
    // As alone after the revocation: the late-use claim was closed by it, so nothing is paid on it.
    expect([revoked.status, paid.status, paid.body.code]).toEqual([200, 409, 'claim_settled']);
    const entries = (await api.db.dataSource.query(
      `SELECT kind, amount_cents::text AS amount FROM repayment_claim_entry WHERE claim_id = $1 ORDER BY seq`,
      [claimId],
    )) as { kind: string; amount: string }[];
    expect(entries.map((e) => [e.kind, e.amount])).toEqual([
      ['interest', '11853'],
      ['waiver', '11853'],
    ]);
  }, 120_000);

  it('two payments on one claim at the same instant run one after the other: interest first, each on what the other left', async () => {
    const { id, claimId } = await lateUseClaim();
    // The application held as a command on it holds it, so both payments arrive while it is.
    const gate = api.db.dataSource.createQueryRunner();
    await gate.connect();
    await gate.startTransaction();
    let answers!: Promise<{ status: number; body: Record<string, unknown> }[]>;
    try {
      await gate.query(`SELECT 1 FROM application WHERE id = $1 FOR UPDATE`, [id]);
      answers = Promise.all(
        ['5000', '6853'].map((amountCents) =>
          world
            .post(world.finance, `/api/repayment-claims/${claimId}/payments`)
            .send({ amountCents, receivedOn: '2027-09-01' })
            .then((r) => r),
        ),
      );
      // Both wait for the application, none has locked the claim yet.
      await eventually(async () => expect(await lockWaits()).toBe(2), WITHIN_STATEMENT_TIMEOUT);
    } finally {
      await gate.commitTransaction();
      await gate.release();
    }
    const [first, second] = await answers;
    expect([first!.status, second!.status]).toEqual([200, 200]);
    const states = [first!.body, second!.body]
      .map((b) => [b.state, b.openCents])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    // Whichever came first left the other's part open; the second closed the claim.
    expect(states).toEqual([
      ['paid', '0'],
      ['partly_paid', expect.stringMatching(/^(6853|5000)$/)],
    ]);
  }, 120_000);
});
