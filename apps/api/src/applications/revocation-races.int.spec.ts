import { backToToday, travelTo } from '../testing/clock';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';
import {
  APPROVAL,
  type CommitteeSetUp,
  createCommittee,
  selectedApplications,
} from '../testing/committee-world';

/** A day in the projects' first year (they run from 1 March 2027 to 31 December 2028). */
const IN_2027 = '2027-04-15T10:00:00+02:00';
/** After the four-month prompt-use period of a payment on 14 April 2027. */
const LATE_IN_2027 = '2027-11-20T10:00:00+01:00';

/**
 * Commands on one application that arrive at the same instant: the revocation, finance deciding
 * and paying call-offs, the carrier reporting a use, two recovery notices. Every one of them locks
 * the application before anything of it (call-off, claim), so they run one after the other and
 * each answers as it would alone: never a 500 from a deadlock or a duplicate reference.
 */
describe('commands racing on one application: the revocation, call-offs, late use, recovery notices', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let committee: CommitteeSetUp;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource, { budgetCents: '500000000' });
    committee = await createCommittee(world, { votingMembers: 1 });
  }, 120_000);

  afterAll(async () => {
    backToToday();
    await api.close();
  });

  afterEach(() => backToToday());

  async function implementing(count: number): Promise<string[]> {
    const ids = await selectedApplications(world, committee, count);
    for (const id of ids) {
      await world.event(world.coordinator, id, APPROVAL).expect(200);
      await world.event(world.carrier, id, { type: 'START_IMPLEMENTATION' }).expect(200);
    }
    return ids;
  }

  async function requestCallOff(applicationId: string, amountCents = '50000'): Promise<string> {
    const res = await world
      .post(world.carrier, `/api/applications/${applicationId}/call-offs`)
      .send({ cashYear: 2027, amountCents, purpose: 'Honorare' })
      .expect(201);
    return res.body.id as string;
  }

  async function paidCallOff(applicationId: string): Promise<string> {
    const id = await requestCallOff(applicationId, '100000');
    await world.post(world.finance, `/api/call-offs/${id}/approve`).send({}).expect(200);
    await world.post(world.finance, `/api/call-offs/${id}/pay`).send({ paidOn: '2027-04-14' }).expect(200);
    return id;
  }

  async function openLateUseClaims(applicationId: string): Promise<unknown[]> {
    return (await api.db.dataSource.query(
      `SELECT id, state FROM repayment_claim
        WHERE application_id = $1 AND reason = 'late_use' AND state IN ('open', 'partly_paid')`,
      [applicationId],
    )) as unknown[];
  }

  it('the revocation at the instant finance pays, approves and refuses call-offs: every answer without a 500, nothing paid after it', async () => {
    const ids = await implementing(12);
    travelTo(IN_2027);
    const failures: unknown[] = [];
    for (const id of ids) {
      const offs = [
        await requestCallOff(id),
        await requestCallOff(id),
        await requestCallOff(id),
        await requestCallOff(id),
      ];
      await world.post(world.finance, `/api/call-offs/${offs[0]}/approve`).send({}).expect(200);
      const steps = ['pay', 'approve', 'revoke', 'approve', 'reject'];
      const answers = await Promise.all([
        world.post(world.finance, `/api/call-offs/${offs[0]}/pay`).send({ paidOn: '2027-04-14' }),
        world.post(world.finance, `/api/call-offs/${offs[1]}/approve`).send({}),
        world.event(world.coordinator, id, { type: 'REVOKE', reason: 'Zweck verfehlt' }),
        world.post(world.finance, `/api/call-offs/${offs[2]}/approve`).send({}),
        world.post(world.finance, `/api/call-offs/${offs[3]}/reject`).send({ reason: 'nicht belegt' }),
      ]);
      for (const [i, answer] of answers.entries()) {
        if (answer.status >= 500)
          failures.push({ step: steps[i], status: answer.status, code: answer.body.code });
      }
      // The revocation always goes through; a payment either came before it (and is claimed back)
      // or was refused after it.
      expect(answers[2]!.status).toBe(200);
      const [paid] = (await api.db.dataSource.query(
        `SELECT (SELECT count(*)::int FROM call_off WHERE application_id = $1 AND state = 'paid') AS paid,
                (SELECT coalesce(sum(amount_cents), 0)::text FROM repayment_claim
                  WHERE application_id = $1 AND reason = 'revocation') AS claimed`,
        [id],
      )) as { paid: number; claimed: string }[];
      expect(paid).toEqual(
        answers[0]!.status === 200 ? { paid: 1, claimed: '50000' } : { paid: 0, claimed: '0' },
      );
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('a use reported after the revocation is recorded, and opens no late-use interest claim (the revocation ended it)', async () => {
    const [id] = await implementing(1);
    travelTo(IN_2027);
    const callOff = await paidCallOff(id!);
    travelTo(LATE_IN_2027);
    await world.event(world.coordinator, id!, { type: 'REVOKE', reason: 'Zweck verfehlt' }).expect(200);
    const use = await world
      .post(world.carrier, `/api/call-offs/${callOff}/use`)
      .send({ usedOn: '2027-11-01' })
      .expect(200);
    expect(use.body).toMatchObject({ usedOn: '2027-11-01', late: true, lateUseClaimId: null });
    const [row] = (await api.db.dataSource.query(
      `SELECT used_on::text AS used_on FROM call_off WHERE id = $1`,
      [callOff],
    )) as { used_on: string }[];
    expect(row!.used_on).toBe('2027-11-01');
    expect(await openLateUseClaims(id!)).toEqual([]);
  }, 120_000);

  it('a use reported at the instant of the revocation: no late-use claim stays open beside the revocation claim', async () => {
    const ids = await implementing(5);
    travelTo(IN_2027);
    const paid: string[] = [];
    for (const id of ids) paid.push(await paidCallOff(id));
    travelTo(LATE_IN_2027);
    const bad: unknown[] = [];
    for (const [i, id] of ids.entries()) {
      const answers = await Promise.all([
        world.post(world.carrier, `/api/call-offs/${paid[i]}/use`).send({ usedOn: '2027-11-01' }),
        world.event(world.coordinator, id, { type: 'REVOKE', reason: 'Zweck verfehlt' }),
      ]);
      const statuses = answers.map((a) => a.status);
      if (statuses.some((s) => s !== 200)) bad.push({ id, statuses });
      const open = await openLateUseClaims(id);
      if (open.length > 0) bad.push({ id, open });
    }
    expect(bad).toEqual([]);
  }, 180_000);

  it('the notices of two claims of one application issued at once: both issued, with distinct references', async () => {
    const ids = await implementing(3);
    travelTo(IN_2027);
    const offs = new Map<string, string[]>();
    for (const id of ids) offs.set(id, [await paidCallOff(id), await paidCallOff(id)]);
    travelTo(LATE_IN_2027);
    const bad: unknown[] = [];
    for (const id of ids) {
      const claims: string[] = [];
      for (const callOff of offs.get(id)!) {
        const used = await world
          .post(world.carrier, `/api/call-offs/${callOff}/use`)
          .send({ usedOn: '2027-11-01' })
          .expect(200);
        claims.push(used.body.lateUseClaimId as string);
      }
      const answers = await Promise.all(
        claims.map((claimId) =>
          world.post(world.finance, `/api/repayment-claims/${claimId}/notice`).send({ dueBy: '2027-12-20' }),
        ),
      );
      const references = answers.map((a) => a.body.reference as string | undefined).sort();
      const statuses = answers.map((a) => a.status);
      if (statuses.some((s) => s !== 200 && s !== 201))
        bad.push({ id, statuses, codes: answers.map((a) => a.body.code) });
      else expect(references).toEqual([expect.stringMatching(/-RF1$/), expect.stringMatching(/-RF2$/)]);
    }
    expect(bad).toEqual([]);
  }, 180_000);
});
