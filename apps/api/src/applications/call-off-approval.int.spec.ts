import { ApplicationWorld } from '../testing/application-world';
import { createCommittee, selectedApplications, type CommitteeSetUp } from '../testing/committee-world';
import { backToToday, travelTo } from '../testing/clock';
import { startTestApi, type TestApi } from '../testing/test-api';

/**
 * Issue 15, deliverable 7: finance approves a call-off before paying it, and the carrier hears of
 * the approval (call_off_approved) at once; the payment follows as before (call_off_paid).
 */
describe('approving a call-off before its payment', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    ag = await createCommittee(world, { votingMembers: 1 });
  });

  afterAll(async () => {
    await api.close();
  });

  afterEach(() => backToToday());

  it('tells the carrier, then pays; an approved call-off is neither approved again nor refused', async () => {
    const [id] = await selectedApplications(world, ag, 1);
    await world
      .event(world.coordinator, id!, {
        type: 'APPROVE',
        reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
      })
      .expect(200);
    await world.event(world.carrier, id!, { type: 'START_IMPLEMENTATION' }).expect(200);
    // The project runs from 1 March 2027: money of 2027 is called off in 2027.
    travelTo('2027-04-15T10:00:00+02:00');
    const callOff = (
      await world
        .post(world.carrier, `/api/applications/${id}/call-offs`)
        .send({ cashYear: 2027, amountCents: '300000', purpose: 'Honorare' })
        .expect(201)
    ).body as { id: string };

    await world.post(world.carrier, `/api/call-offs/${callOff.id}/approve`).send({}).expect(403);
    const approved = await world
      .post(world.finance, `/api/call-offs/${callOff.id}/approve`)
      .send({})
      .expect(200);
    expect(approved.body).toMatchObject({ state: 'approved', decidedAt: expect.any(String) });
    const again = await world
      .post(world.finance, `/api/call-offs/${callOff.id}/approve`)
      .send({})
      .expect(409);
    expect(again.body.code).toBe('call_off_decided');
    await world
      .post(world.finance, `/api/call-offs/${callOff.id}/reject`)
      .send({ reason: 'Zu spät.' })
      .expect(409);
    // The proof of use waits for an approved call-off as for a requested one.
    const early = await world
      .event(world.carrier, id!, { type: 'SUBMIT_FINAL_REPORT', text: 'Fertig.', actuals: [] })
      .expect(422);
    expect(early.body.code).toBe('call_offs_open');

    const notices = (await world.db.query(`SELECT payload FROM outbox WHERE delivery_key LIKE $1`, [
      `call-off:${callOff.id}:approved|%`,
    ])) as {
      payload: { kind: string; recipient: { email: string }; data: { callOff: Record<string, unknown> } };
    }[];
    expect(notices).toEqual([
      {
        payload: expect.objectContaining({
          kind: 'call_off_approved',
          recipient: expect.objectContaining({ email: world.carrier.user.email }),
          data: expect.objectContaining({
            callOff: {
              number: 1,
              amountCents: 300000,
              requestedOn: expect.any(String),
              approvedOn: expect.any(String),
            },
          }),
        }),
      },
    ]);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    const paid = await world
      .post(world.finance, `/api/call-offs/${callOff.id}/pay`)
      .send({ paidOn: today })
      .expect(200);
    expect(paid.body).toMatchObject({ state: 'paid', paidOn: today });
  });

  it('refuses to pay a requested call-off: finance approves first, nothing is booked', async () => {
    const [id] = await selectedApplications(world, ag, 1);
    await world
      .event(world.coordinator, id!, {
        type: 'APPROVE',
        reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
      })
      .expect(200);
    await world.event(world.carrier, id!, { type: 'START_IMPLEMENTATION' }).expect(200);
    travelTo('2027-04-15T10:00:00+02:00');
    const callOff = (
      await world
        .post(world.carrier, `/api/applications/${id}/call-offs`)
        .send({ cashYear: 2027, amountCents: '300000', purpose: 'Honorare' })
        .expect(201)
    ).body as { id: string };
    const ledgerEntries = async () =>
      ((await world.db.query(`SELECT count(*)::int AS n FROM ledger_entry`)) as { n: number }[])[0]!.n;
    const before = await ledgerEntries();

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    const refused = await world
      .post(world.finance, `/api/call-offs/${callOff.id}/pay`)
      .send({ paidOn: today })
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'call_off_not_approved', allowed: ['approve', 'reject'] });
    expect(refused.body.message).toMatch(/freigegeben/);
    expect(await ledgerEntries()).toBe(before);
    const [row] = (await world.db.query(
      `SELECT state, paid_on, ledger_entry_id FROM call_off WHERE id = $1`,
      [callOff.id],
    )) as { state: string; paid_on: string | null; ledger_entry_id: string | null }[];
    expect(row).toEqual({ state: 'requested', paid_on: null, ledger_entry_id: null });
    const paidNotices = (await world.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE delivery_key LIKE $1`,
      [`call-off:${callOff.id}:paid|%`],
    )) as { n: number }[];
    expect(paidNotices[0]!.n).toBe(0);
  });
});
