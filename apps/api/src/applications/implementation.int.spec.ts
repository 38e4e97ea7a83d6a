import { addOrganisationMember, binaryBody, createOrganisation, pdfText } from '@kiezfonds/testing';
import { backToToday, travelTo } from '../testing/clock';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';
import {
  APPROVAL,
  type CommitteeSetUp,
  createCommittee,
  selectedApplications,
} from '../testing/committee-world';

describe('approval, call-offs, proof of use, revocation: the money of an application', () => {
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

  /** The projects run from 1 March 2027 to 31 December 2028: a day in their first year. */
  const IN_2027 = '2027-04-15T10:00:00+02:00';

  const committees = new Map<ApplicationWorld, CommitteeSetUp>();

  /**
   * Drafts taken through review, the committee's decision and the finalised programme plan to
   * `selected`, with the Senate's selection of the full amount.
   */
  async function selectedMany(target: ApplicationWorld, count: number): Promise<string[]> {
    if (!committees.has(target)) committees.set(target, await createCommittee(target, { votingMembers: 1 }));
    return selectedApplications(target, committees.get(target)!, count);
  }

  async function selected(target = world): Promise<string> {
    const [id] = await selectedMany(target, 1);
    return id!;
  }

  async function balance(target = world) {
    const res = await target.get(target.finance, `/api/funds/${target.fundId}/years/2027`).expect(200);
    return res.body as { committedCents: string; disbursedCents: string; availableCents: string };
  }

  /** Finance approves a requested call-off; only an approved call-off is paid. */
  async function approveCallOff(callOffId: string) {
    await world.post(world.finance, `/api/call-offs/${callOffId}/approve`).send({}).expect(200);
  }

  async function grantNoticePdf(applicationId: string): Promise<Buffer> {
    return (
      await world
        .get(world.carrier, `/api/applications/${applicationId}/grant-notice.pdf`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200)
    ).body as Buffer;
  }

  async function ledger(applicationId: string) {
    return (await api.db.dataSource.query(
      `SELECT kind, cash_year, amount_cents::text AS amount FROM ledger_entry WHERE application_id = $1 ORDER BY seq`,
      [applicationId],
    )) as { kind: string; cash_year: number; amount: string }[];
  }

  it("commits the grant in the district's Netzwerkfonds, one entry per cash year, in the approval's transaction", async () => {
    const id = await selected();
    const before = await balance();
    const res = await world.event(world.coordinator, id, APPROVAL).expect(200);
    expect(res.body.state).toBe('approved');
    expect(await ledger(id)).toEqual([
      { kind: 'commitment', cash_year: 2027, amount: '900000' },
      { kind: 'commitment', cash_year: 2028, amount: '4100000' },
    ]);
    const after = await balance();
    expect(BigInt(after.committedCents) - BigInt(before.committedCents)).toBe(5_000_000n);
    const [fund] = (await api.db.dataSource.query(
      `SELECT DISTINCT fund_kind FROM ledger_entry WHERE application_id = $1`,
      [id],
    )) as { fund_kind: string }[];
    expect(fund!.fund_kind).toBe('netzwerkfonds');
  });

  it('leaves no trace of an approval the budget cannot carry', async () => {
    const poor = await ApplicationWorld.create(api.server, api.db.dataSource, {
      name: 'Reinickendorf',
      budgetCents: '1000000',
    });
    const id = await selected(poor);
    const res = await poor.event(poor.coordinator, id, APPROVAL).expect(422);
    expect(res.body.code).toBe('budget_exceeded');
    expect(await ledger(id)).toEqual([]);
    const detail = await poor.get(poor.coordinator, `/api/applications/${id}`).expect(200);
    expect(detail.body).toMatchObject({ state: 'selected', approvedCents: null });
    const notices = (await api.db.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE delivery_key LIKE $1`,
      [`application:${id}:application_approved%`],
    )) as { n: number }[];
    expect(notices[0]!.n).toBe(0);
    // A world of its own with its committee: sign-ins and the whole decision chain first.
  }, 60_000);

  it('lets exactly as many of 50 concurrent approvals commit as the budget fits', async () => {
    const tight = await ApplicationWorld.create(api.server, api.db.dataSource, {
      name: 'Tempelhof-Schöneberg',
      budgetCents: String(10 * 5_000_000),
    });
    const ids = await selectedMany(tight, 50);
    const answers = await Promise.all(ids.map((id) => tight.event(tight.coordinator, id, APPROVAL)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 422)).toHaveLength(40);
    expect(new Set(answers.filter((a) => a.status === 422).map((a) => a.body.code))).toEqual(
      new Set(['budget_exceeded']),
    );
    expect(await balance(tight)).toMatchObject({
      committedCents: String(10 * 5_000_000),
      availableCents: '0',
    });
    // Fifty applications go the whole way through the committee and the plan first: some hundred requests.
  }, 120_000);

  it('pays a call-off as a disbursement with its prompt-use deadline, and refuses more than the instalment', async () => {
    const id = await selected();
    await world.event(world.coordinator, id, APPROVAL).expect(200);
    await world
      .post(world.carrier, `/api/applications/${id}/call-offs`)
      .send({ cashYear: 2027, amountCents: '300000' })
      .expect(409);
    await world.event(world.carrier, id, { type: 'START_IMPLEMENTATION' }).expect(200);
    travelTo(IN_2027);
    const tooMuch = await world
      .post(world.carrier, `/api/applications/${id}/call-offs`)
      .send({ cashYear: 2027, amountCents: '900001' })
      .expect(422);
    expect(tooMuch.body.code).toBe('call_off_exceeds_instalment');
    const callOff = await world
      .post(world.carrier, `/api/applications/${id}/call-offs`)
      .send({ cashYear: 2027, amountCents: '300000', purpose: 'Honorare März bis Mai' })
      .expect(201);
    expect(callOff.body).toMatchObject({ number: 1, state: 'requested' });
    await world
      .post(world.carrier, `/api/call-offs/${callOff.body.id}/pay`)
      .send({ paidOn: '2027-04-14' })
      .expect(403);
    await approveCallOff(callOff.body.id);
    const paid = await world
      .post(world.finance, `/api/call-offs/${callOff.body.id}/pay`)
      .send({ paidOn: '2027-04-14' })
      .expect(200);
    // 50.000 € grant (≤ 50.000 €) with a yearly instalment of 9.000 € (≤ 10.000 €): four months.
    expect(paid.body).toMatchObject({ state: 'paid', paidOn: '2027-04-14', spendBy: '2027-08-14' });
    expect((await ledger(id)).filter((e) => e.kind === 'disbursement')).toEqual([
      { kind: 'disbursement', cash_year: 2027, amount: '300000' },
    ]);
    await world
      .post(world.finance, `/api/call-offs/${callOff.body.id}/pay`)
      .send({ paidOn: '2027-04-14' })
      .expect(409);
  });

  /** Approved, started, 9 000 € of the 2027 instalment paid, proof of use of 7 000 € on personnel. */
  async function finishedProject(approval: Record<string, unknown> = APPROVAL): Promise<string> {
    const id = await selected();
    await world.event(world.coordinator, id, approval).expect(200);
    await world.event(world.carrier, id, { type: 'START_IMPLEMENTATION' }).expect(200);
    travelTo(IN_2027);
    const callOff = await world
      .post(world.carrier, `/api/applications/${id}/call-offs`)
      .send({ cashYear: 2027, amountCents: '900000' })
      .expect(201);
    await approveCallOff(callOff.body.id);
    await world
      .post(world.finance, `/api/call-offs/${callOff.body.id}/pay`)
      .send({ paidOn: '2027-04-15' })
      .expect(200);
    await world
      .event(world.carrier, id, {
        type: 'SUBMIT_FINAL_REPORT',
        text: 'Zehn Kochabende statt zwölf.',
        actuals: [
          { cashYear: 2027, category: 'personnel', amountCents: '700000' },
          { cashYear: 2027, category: 'fees', amountCents: '30000' },
          { cashYear: 2028, category: 'material', amountCents: '0' },
        ],
      })
      .expect(200);
    return id;
  }

  it('closes a project under shortfall funding: own money first, the rest of the paid grant claimed, the rest released', async () => {
    const id = await finishedProject();
    // Before completion carrier and finance see the settlement as it stands.
    const preview = await world.get(world.carrier, `/api/applications/${id}/settlement`).expect(200);
    expect(preview.body).toMatchObject({
      state: 'preview',
      financingType: 'shortfall',
      toRepayCents: '300000',
    });
    await world.event(world.coordinator, id, { type: 'COMPLETE' }).expect(200);

    // Plan 51 000 € (grant 50 000 €, own 1 000 €). Spent 7 000 € on personnel and 300 € on fees,
    // a line the plan does not have. Eligible 7 000 €, own 1 000 € first: the grant is 6 000 €,
    // and 3 000 € of the 9 000 € paid come back.
    const settlement = await world.get(world.finance, `/api/applications/${id}/settlement`).expect(200);
    expect(settlement.body).toMatchObject({
      state: 'settled',
      financingType: 'shortfall',
      financingTypeText: 'Fehlbedarfsfinanzierung',
      eligibleCents: '700000',
      finalGrantCents: '600000',
      paidCents: '900000',
      toRepayCents: '300000',
    });
    expect(
      settlement.body.lines.map((l: Record<string, unknown>) => [
        l.cashYear,
        l.category,
        l.plannedCents,
        l.actualCents,
        l.eligibleCents,
        l.rule,
      ]),
    ).toEqual([
      [2027, 'personnel', '1000000', '700000', '700000', 'within_plan'],
      [2027, 'fees', '0', '30000', '0', 'not_in_plan'],
      [2028, 'material', '4100000', '0', '0', 'within_plan'],
    ]);
    expect(settlement.body.steps.map((s: Record<string, unknown>) => [s.key, s.amountCents])).toEqual([
      ['eligible_costs', '700000'],
      ['other_funding', '100000'],
      ['shortfall', '600000'],
      ['approved_grant', '5000000'],
      ['final_grant', '600000'],
      ['paid', '900000'],
      ['to_repay', '300000'],
    ]);
    const carrierView = await world.get(world.carrier, `/api/applications/${id}/settlement`).expect(200);
    expect(carrierView.body.toRepayCents).toBe('300000');

    const claims = await world.get(world.finance, `/api/applications/${id}/repayment-claims`).expect(200);
    expect(claims.body.items).toEqual([
      expect.objectContaining({ reason: 'unspent', amountCents: '300000', state: 'open' }),
    ]);
    const entries = await ledger(id);
    expect(entries.filter((e) => e.kind === 'decommitment')).toEqual([
      { kind: 'decommitment', cash_year: 2028, amount: '4100000' },
    ]);
  });

  it('settles by the financing type the notice states: fixed-amount funding keeps the grant up to the eligible costs', async () => {
    const id = await finishedProject({ ...APPROVAL, financingType: 'fixed' });
    await world.event(world.coordinator, id, { type: 'COMPLETE' }).expect(200);
    const settlement = await world.get(world.finance, `/api/applications/${id}/settlement`).expect(200);
    expect(settlement.body).toMatchObject({
      financingType: 'fixed',
      financingTypeText: 'Festbetragsfinanzierung',
      finalGrantCents: '700000',
      toRepayCents: '200000',
    });
    const claims = await world.get(world.finance, `/api/applications/${id}/repayment-claims`).expect(200);
    expect(claims.body.items).toEqual([expect.objectContaining({ amountCents: '200000' })]);
  });

  it('revokes an approved project: unpaid money de-committed, paid money claimed back', async () => {
    const id = await selected();
    await world.event(world.coordinator, id, APPROVAL).expect(200);
    await world.event(world.carrier, id, { type: 'START_IMPLEMENTATION' }).expect(200);
    travelTo(IN_2027);
    const callOff = await world
      .post(world.carrier, `/api/applications/${id}/call-offs`)
      .send({ cashYear: 2027, amountCents: '400000' })
      .expect(201);
    await approveCallOff(callOff.body.id);
    await world
      .post(world.finance, `/api/call-offs/${callOff.body.id}/pay`)
      .send({ paidOn: '2027-04-15' })
      .expect(200);
    // One call-off approved and not yet paid, one only requested, when the grant is revoked.
    const callOffOf = async (amountCents: string) =>
      (
        await world
          .post(world.carrier, `/api/applications/${id}/call-offs`)
          .send({ cashYear: 2027, amountCents })
          .expect(201)
      ).body.id as string;
    const approved = await callOffOf('50000');
    await approveCallOff(approved);
    const requested = await callOffOf('20000');
    await world.event(world.coordinator, id, { type: 'REVOKE' }).expect(400);
    await world
      .event(world.coordinator, id, { type: 'REVOKE', reason: 'Projekt nicht begonnen.' })
      .expect(200);
    const entries = await ledger(id);
    expect(entries.filter((e) => e.kind === 'decommitment')).toEqual([
      { kind: 'decommitment', cash_year: 2027, amount: '500000' },
      { kind: 'decommitment', cash_year: 2028, amount: '4100000' },
    ]);
    const claims = await world.get(world.finance, `/api/applications/${id}/repayment-claims`).expect(200);
    expect(claims.body.items).toEqual([
      expect.objectContaining({ reason: 'revocation', amountCents: '400000', state: 'open' }),
    ]);

    // Nothing more is paid out of the revoked grant: the open call-offs ended with it, and neither
    // can be approved or paid (the claim, once repaid, would otherwise leave room for a payment).
    expect(
      await api.db.dataSource.query(
        `SELECT state, reject_reason FROM call_off WHERE id = ANY($1::uuid[]) ORDER BY amount_cents DESC`,
        [[approved, requested]],
      ),
    ).toEqual([
      { state: 'rejected', reject_reason: 'Widerruf des Zuwendungsbescheids' },
      { state: 'rejected', reject_reason: 'Widerruf des Zuwendungsbescheids' },
    ]);
    await world
      .post(world.finance, `/api/repayment-claims/${claims.body.items[0].id}/settle`)
      .send({ repaidOn: '2027-04-15' })
      .expect(200);
    const pay = await world
      .post(world.finance, `/api/call-offs/${approved}/pay`)
      .send({ paidOn: '2027-04-15' })
      .expect(409);
    expect(pay.body).toMatchObject({ code: 'call_off_not_allowed' });
    await world.post(world.finance, `/api/call-offs/${requested}/approve`).send({}).expect(409);
    expect((await ledger(id)).filter((e) => e.kind === 'disbursement')).toEqual([
      { kind: 'disbursement', cash_year: 2027, amount: '400000' },
    ]);
  });
  it('recovers the claim: a notice with interest booked apart, the carrier told, payments interest first, the rest waived with a reason', async () => {
    const id = await finishedProject();
    await world.event(world.coordinator, id, { type: 'COMPLETE' }).expect(200);
    const [claim] = (await world.get(world.finance, `/api/applications/${id}/repayment-claims`).expect(200))
      .body.items as { id: string }[];
    travelTo('2027-06-01T10:00:00+02:00');
    await world
      .post(world.carrier, `/api/repayment-claims/${claim!.id}/notice`)
      .send({ dueBy: '2027-07-01' })
      .expect(403);
    const issue = () =>
      world
        .post(world.finance, `/api/repayment-claims/${claim!.id}/notice`)
        .set('Idempotency-Key', `notice-${claim!.id}`)
        .send({ dueBy: '2027-07-01' });
    // 3 000 € paid on 15.04.2027, due 01.07.2027: 77 days at 1,27 % + 5 % = 6,27 %:
    // 300 000 ct × 627 × 77 / 3 650 000 = 3 968,14… → 39,68 €.
    const notice = await issue().expect(200);
    expect(notice.body).toMatchObject({
      principalCents: '300000',
      interestCents: '3968',
      totalCents: '303968',
      dueBy: '2027-07-01',
    });
    expect((await issue().expect(200)).body).toEqual(notice.body);
    const mails = (await api.db.dataSource.query(`SELECT payload FROM outbox WHERE delivery_key LIKE $1`, [
      `repayment-claim:${claim!.id}:notice%`,
    ])) as { payload: { kind: string; data: { claim: Record<string, unknown> } } }[];
    expect(mails.map((m) => [m.payload.kind, m.payload.data.claim.totalCents])).toEqual([
      ['recovery_notice_issued', 303968],
    ]);
    const pdf = await world
      .get(world.carrier, `/api/repayment-claims/${claim!.id}/notice.pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\u00a0/g, ' ');
    for (const line of [
      'Zuwendungsfähige Ausgaben 7.000,00 €',
      'Endgültige Zuwendung 6.000,00 €',
      'Zu erstatten 3.000,00 €',
      '15.04.2027 – 30.06.2027 77 6,27 % (Basiszins 1,27 %) 39,68 €',
      'Gesamtbetrag 3.039,68 €',
    ]) {
      expect(text.split('\n')).toContain(line);
    }

    const paid = await world
      .post(world.finance, `/api/repayment-claims/${claim!.id}/payments`)
      .send({ amountCents: '100000', receivedOn: '2027-06-01' })
      .expect(200);
    // Interest first: 39,68 €; 960,32 € of principal flow back to the fund.
    expect(paid.body).toMatchObject({
      state: 'partly_paid',
      openInterestCents: '0',
      openPrincipalCents: '203968',
    });
    expect((await ledger(id)).filter((e) => e.kind === 'repayment')).toEqual([
      { kind: 'repayment', cash_year: 2027, amount: '96032' },
    ]);
    const tooMuch = await world
      .post(world.finance, `/api/repayment-claims/${claim!.id}/payments`)
      .send({ amountCents: '203969', receivedOn: '2027-06-01' })
      .expect(422);
    expect(tooMuch.body.code).toBe('payment_exceeds_claim');
    await world.post(world.finance, `/api/repayment-claims/${claim!.id}/waiver`).send({}).expect(400);
    const waived = await world
      .post(world.finance, `/api/repayment-claims/${claim!.id}/waiver`)
      .send({ reason: 'Billigkeitserlass nach § 59 LHO: Insolvenz des Trägers.' })
      .expect(200);
    expect(waived.body).toMatchObject({ state: 'waived', openCents: '0' });
    const claims = await world.get(world.carrier, `/api/applications/${id}/repayment-claims`).expect(200);
    expect(claims.body.items[0]).toMatchObject({
      state: 'waived',
      waiveReason: 'Billigkeitserlass nach § 59 LHO: Insolvenz des Trägers.',
      notice: { dueBy: '2027-07-01' },
    });
    expect(
      claims.body.items[0].entries.map((e: Record<string, string>) => [
        e.kind,
        e.amountCents,
        e.principalPartCents,
      ]),
    ).toEqual([
      ['principal', '300000', '0'],
      ['interest', '3968', '0'],
      ['payment', '100000', '96032'],
      ['waiver', '203968', '203968'],
    ]);
  });

  it('charges interest up to the day the money comes back: before any notice, in part, and after the due day', async () => {
    // Each project: 3 000 € of the 9 000 € paid on 15.04.2027 to repay at completion, at 6,27 %.
    const claimOf = async () => {
      backToToday();
      const id = await finishedProject();
      await world.event(world.coordinator, id, { type: 'COMPLETE' }).expect(200);
      const claims = await world.get(world.finance, `/api/applications/${id}/repayment-claims`).expect(200);
      return { id, claimId: claims.body.items[0].id as string };
    };
    const entries = async ({ id }: { id: string }) => {
      const claims = await world.get(world.finance, `/api/applications/${id}/repayment-claims`).expect(200);
      return (
        claims.body.items[0].entries as {
          kind: string;
          amountCents: string;
          interestPartCents: string;
          principalPartCents: string;
          bookedOn: string;
        }[]
      ).map((e) => [e.kind, e.amountCents, e.interestPartCents, e.principalPartCents, e.bookedOn]);
    };
    const settle = ({ claimId }: { claimId: string }, repaidOn: string) =>
      world.post(world.finance, `/api/repayment-claims/${claimId}/settle`).send({ repaidOn }).expect(200);

    const early = await claimOf();
    const part = await claimOf();
    const late = await claimOf();

    // Settled in full on 01.06.2027, before any notice: 47 days of interest, 24,22 € (was none).
    travelTo('2027-06-01T10:00:00+02:00');
    expect((await settle(early, '2027-06-01')).body).toMatchObject({ state: 'paid', openCents: '0' });
    expect(await entries(early)).toEqual([
      ['principal', '300000', '0', '0', expect.any(String)],
      ['interest', '2422', '0', '0', '2027-06-01'],
      ['payment', '302422', '2422', '300000', '2027-06-01'],
    ]);

    // 1 000 € received on 01.06.2027 before the notice, the rest on 01.07.2027: interest on 3 000 €
    // for 77 days (39,68 €) less on the 975,78 € of principal repaid from 01.06. for 30 days (5,03 €).
    await world
      .post(world.finance, `/api/repayment-claims/${part.claimId}/payments`)
      .send({ amountCents: '100000', receivedOn: '2027-06-01' })
      .expect(200);
    travelTo('2027-07-01T10:00:00+02:00');
    await settle(part, '2027-07-01');
    expect(await entries(part)).toEqual([
      ['principal', '300000', '0', '0', expect.any(String)],
      ['interest', '2422', '0', '0', '2027-06-01'],
      ['payment', '100000', '2422', '97578', '2027-06-01'],
      ['interest', '1043', '0', '0', '2027-07-01'],
      ['payment', '203465', '1043', '202422', '2027-07-01'],
    ]);

    // The notice fixes 39,68 € to the due day 01.07.2027; paid a year later, interest runs on to
    // 01.07.2028: 443 days, 228,30 € in all (only the notice's 39,68 € were collected before).
    travelTo('2027-06-01T10:00:00+02:00');
    await world
      .post(world.finance, `/api/repayment-claims/${late.claimId}/notice`)
      .send({ dueBy: '2027-07-01' })
      .expect(200);
    travelTo('2028-07-01T10:00:00+02:00');
    await settle(late, '2028-07-01');
    expect(await entries(late)).toEqual([
      ['principal', '300000', '0', '0', expect.any(String)],
      ['interest', '3968', '0', '0', '2027-06-01'],
      ['interest', '18862', '0', '0', '2028-07-01'],
      ['payment', '322830', '22830', '300000', '2028-07-01'],
    ]);
    expect((await ledger(late.id)).filter((e) => e.kind === 'repayment')).toEqual([
      { kind: 'repayment', cash_year: 2027, amount: '300000' },
    ]);

    // The claims say the same, line by line: the lines less what repaid principal no longer bore.
    const shown = async ({ id }: { id: string }) => {
      const claim = (await world.get(world.carrier, `/api/applications/${id}/repayment-claims`).expect(200))
        .body.items[0] as {
        interestAsOf: string;
        interestCents: string;
        lines: { totalCents: string }[];
        credits: { totalCents: string; lines: { text: string }[] }[];
      };
      return {
        asOf: claim.interestAsOf,
        interest: claim.interestCents,
        lines: claim.lines.map((l) => l.totalCents),
        credits: claim.credits.map((c) => c.totalCents),
      };
    };
    expect(await shown(early)).toEqual({
      asOf: '2027-06-01',
      interest: '2422',
      lines: ['2422'],
      credits: [],
    });
    expect(await shown(part)).toEqual({
      asOf: '2027-07-01',
      interest: '3465',
      lines: ['3968'],
      credits: ['503'],
    });
    expect(await shown(late)).toEqual({
      asOf: '2028-07-01',
      interest: '22830',
      lines: ['22830'],
      credits: [],
    });
    const [credit] = (
      await world.get(world.carrier, `/api/applications/${part.id}/repayment-claims`).expect(200)
    ).body.items[0].credits as { lines: { text: string }[] }[];
    expect(credit!.lines[0]!.text).toMatch(
      /^Abzüglich für zurückgezahlte Beträge: 01\.06\.2027 – 30\.06\.2027: 30 Tage/,
    );
  });

  it('claims interest on money used after its prompt-use deadline, for finance to confirm with a notice', async () => {
    const id = await selected();
    await world.event(world.coordinator, id, APPROVAL).expect(200);
    await world.event(world.carrier, id, { type: 'START_IMPLEMENTATION' }).expect(200);
    travelTo(IN_2027);
    const payOut = async (amountCents: string) => {
      const requested = await world
        .post(world.carrier, `/api/applications/${id}/call-offs`)
        .send({ cashYear: 2027, amountCents })
        .expect(201);
      await approveCallOff(requested.body.id);
      // Money not yet paid cannot have been used: the answer says so, not "already decided".
      const unpaid = await world
        .post(world.carrier, `/api/call-offs/${requested.body.id}/use`)
        .set('Accept-Language', 'de')
        .send({ usedOn: '2027-04-01' })
        .expect(409);
      expect(unpaid.body).toMatchObject({
        code: 'call_off_not_paid',
        message: 'Eine Verwendung kann erst gemeldet werden, wenn der Mittelabruf ausgezahlt ist.',
      });
      const paid = await world
        .post(world.finance, `/api/call-offs/${requested.body.id}/pay`)
        .send({ paidOn: '2027-04-15' })
        .expect(200);
      return paid.body as { id: string; spendBy: string };
    };
    const timely = await payOut('400000');
    const late = await payOut('500000');
    // 50.000 € grant, instalment 9.000 €: four months, to 15.08.2027.
    expect(late.spendBy).toBe('2027-08-15');
    travelTo('2027-09-01T10:00:00+02:00');
    const inTime = await world
      .post(world.carrier, `/api/call-offs/${timely.id}/use`)
      .send({ usedOn: '2027-08-15' })
      .expect(200);
    expect(inTime.body).toMatchObject({
      id: timely.id,
      state: 'paid',
      usedOn: '2027-08-15',
      late: false,
      lateUseClaimId: null,
    });
    // Neither before the payment nor in the future: the rule the web checks too (libs/domain).
    for (const [usedOn, rule] of [
      ['2027-04-14', 'notBeforePayment'],
      ['2027-09-02', 'notInFuture'],
    ] as const) {
      const refused = await world
        .post(world.carrier, `/api/call-offs/${late.id}/use`)
        .send({ usedOn })
        .expect(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'usedOn', rule })]);
    }
    const unreported = await world.get(world.carrier, `/api/applications/${id}/call-offs`).expect(200);
    expect(unreported.body.items[1]).toMatchObject({ usedOn: null, late: false, lateUseClaimId: null });
    const used = await world
      .post(world.carrier, `/api/call-offs/${late.id}/use`)
      .send({ usedOn: '2027-08-31' })
      .expect(200);
    expect(used.body).toMatchObject({ usedOn: '2027-08-31', late: true, lateUseClaimId: expect.any(String) });
    const again = await world
      .post(world.carrier, `/api/call-offs/${late.id}/use`)
      .send({ usedOn: '2027-08-31' })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'call_off_use_reported' });
    // The list says the same to everyone who sees the application.
    for (const viewer of [world.carrier, world.finance]) {
      const listed = await world.get(viewer, `/api/applications/${id}/call-offs`).expect(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: timely.id, usedOn: '2027-08-15', late: false, lateUseClaimId: null }),
        expect.objectContaining({
          id: late.id,
          usedOn: '2027-08-31',
          late: true,
          lateUseClaimId: used.body.lateUseClaimId,
        }),
      ]);
    }

    // 5.000 € from 15.04. to 31.08.2027 (exclusive): 138 days at 1,27 % + 5 % = 6,27 %:
    // 500 000 ct × 627 × 138 / 3 650 000 = 11 852,87… → 118,53 €; the 5.000 € stay with the project.
    const notice = await world
      .post(world.finance, `/api/repayment-claims/${used.body.lateUseClaimId}/notice`)
      .send({ dueBy: '2027-10-01' })
      .expect(200);
    expect(notice.body).toMatchObject({ principalCents: '0', interestCents: '11853', totalCents: '11853' });
    const claims = await world.get(world.carrier, `/api/applications/${id}/repayment-claims`).expect(200);
    expect(claims.body.items).toEqual([
      expect.objectContaining({
        reason: 'late_use',
        amountCents: '0',
        state: 'open',
        interestCents: '11853',
      }),
    ]);
    const paid = await world
      .post(world.finance, `/api/repayment-claims/${used.body.lateUseClaimId}/payments`)
      .send({ amountCents: '11853', receivedOn: '2027-09-01' })
      .expect(200);
    expect(paid.body).toMatchObject({ state: 'paid', openCents: '0' });
    // Interest is no repayment of the grant: the fund ledger books none.
    expect((await ledger(id)).filter((e) => e.kind === 'repayment')).toEqual([]);
  });

  describe('ANBest-P on call-offs and the notice', () => {
    async function started(): Promise<string> {
      const id = await selected();
      await world.event(world.coordinator, id, APPROVAL).expect(200);
      await world.event(world.carrier, id, { type: 'START_IMPLEMENTATION' }).expect(200);
      return id;
    }

    it('refuses a call-off before the project starts: no money in December 2026 for a project of March 2027', async () => {
      const id = await started();
      travelTo('2026-12-10T10:00:00+01:00');
      const refused = await world
        .post(world.carrier, `/api/applications/${id}/call-offs`)
        .send({ cashYear: 2026, amountCents: '100000' })
        .expect(422);
      expect(refused.body).toMatchObject({ code: 'call_off_before_project_start' });
      expect(refused.body.message).toContain('2027-03-01');
      travelTo('2029-01-05T10:00:00+01:00');
      const late = await world
        .post(world.carrier, `/api/applications/${id}/call-offs`)
        .send({ cashYear: 2029, amountCents: '100000' })
        .expect(422);
      expect(late.body.code).toBe('call_off_after_project_end');
      expect(await ledger(id)).toEqual([
        { kind: 'commitment', cash_year: 2027, amount: '900000' },
        { kind: 'commitment', cash_year: 2028, amount: '4100000' },
      ]);
    });

    it("refuses a call-off on a later cash year's instalment, and a payment outside the call-off's cash year", async () => {
      const id = await started();
      travelTo(IN_2027);
      const refused = await world
        .post(world.carrier, `/api/applications/${id}/call-offs`)
        .send({ cashYear: 2028, amountCents: '100000' })
        .expect(422);
      expect(refused.body.code).toBe('call_off_other_cash_year');
      const callOff = await world
        .post(world.carrier, `/api/applications/${id}/call-offs`)
        .send({ cashYear: 2027, amountCents: '100000' })
        .expect(201);
      await approveCallOff(callOff.body.id);
      travelTo('2028-01-10T10:00:00+01:00');
      const payment = await world
        .post(world.finance, `/api/call-offs/${callOff.body.id}/pay`)
        .send({ paidOn: '2028-01-10' })
        .expect(422);
      expect(payment.body.code).toBe('payment_outside_cash_year');
    });

    it('creates one call-off for the same request sent twice with one Idempotency-Key, and refuses the key for another body', async () => {
      const id = await started();
      travelTo(IN_2027);
      const send = (amountCents: string) =>
        world
          .post(world.carrier, `/api/applications/${id}/call-offs`)
          .set('Idempotency-Key', `call-off-${id}`)
          .send({ cashYear: 2027, amountCents, purpose: 'Honorare April' });
      const first = await send('200000').expect(201);
      const again = await send('200000').expect(201);
      expect(again.body).toEqual(first.body);
      const other = await send('300000').expect(422);
      expect(other.body.code).toBe('idempotency_key_reused');
      const list = await world.get(world.carrier, `/api/applications/${id}/call-offs`).expect(200);
      expect(list.body.items).toHaveLength(1);

      await approveCallOff(first.body.id);
      const pay = () =>
        world
          .post(world.finance, `/api/call-offs/${first.body.id}/pay`)
          .set('Idempotency-Key', `pay-${first.body.id}`)
          .send({ paidOn: '2027-04-15' });
      const paid = await pay().expect(200);
      expect((await pay().expect(200)).body).toEqual(paid.body);
      expect((await ledger(id)).filter((e) => e.kind === 'disbursement')).toEqual([
        { kind: 'disbursement', cash_year: 2027, amount: '200000' },
      ]);
    });

    it('states per cash year the prompt-use period that the payments then apply', async () => {
      const id = await started();
      travelTo(IN_2027);
      const callOff = await world
        .post(world.carrier, `/api/applications/${id}/call-offs`)
        .send({ cashYear: 2027, amountCents: '900000' })
        .expect(201);
      await approveCallOff(callOff.body.id);
      const paid = await world
        .post(world.finance, `/api/call-offs/${callOff.body.id}/pay`)
        .send({ paidOn: '2027-04-15' })
        .expect(200);
      // Grant 50.000 € (not above 50.000 €): the 2027 instalment of 9.000 € (≤ 10.000 €) is to be
      // spent within four months, to 15.08.2027; the 2028 instalment of 41.000 € (> 20.000 €) within two.
      expect(paid.body.spendBy).toBe('2027-08-15');
      const text = (await pdfText(await grantNoticePdf(id))).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
      // The notice binds the carrier: it states the four months the 2027 payments get, not "two
      // months" for everything (the period of the largest instalment).
      expect(text).toContain(
        'die Mittel des Kassenjahres 2027 innerhalb von vier Monaten, die Mittel des Kassenjahres 2028 ' +
          'innerhalb von zwei Monaten nach der Auszahlung',
      );
    });

    it('keeps an issued notice addressed as it was sent when the organisation moves later', async () => {
      const id = await selected();
      await world.event(world.coordinator, id, APPROVAL).expect(200);
      const read = async () => (await pdfText(await grantNoticePdf(id))).replace(/\u00a0/g, ' ');
      const issued = await read();
      expect(issued).toContain('Teststraße 1');
      await addOrganisationMember(api.db.dataSource, world.organisation.id, world.carrier.user.id, {
        isAdmin: true,
      });
      await world
        .patch(world.carrier, `/api/organisations/${world.organisation.id}`)
        .send({ street: 'Umzugsweg 99' })
        .expect(200);
      // The notice issued before the move is the same document: addressed as it was sent.
      expect(await read()).toBe(issued);
      const [notice] = (await api.db.dataSource.query(
        `SELECT recipient FROM grant_notice WHERE application_id = $1`,
        [id],
      )) as { recipient: { street: string } }[];
      expect(notice!.recipient.street).toBe('Teststraße 1');
    });

    it('approves a notice whose period has begun only with an early start on record', async () => {
      const id = await selected();
      travelTo('2027-03-15T10:00:00+01:00');
      const refused = await world.event(world.coordinator, id, APPROVAL).expect(422);
      expect(refused.body.code).toBe('early_start_missing');
      expect(await ledger(id)).toEqual([]);
      await world
        .event(world.coordinator, id, { ...APPROVAL, earlyStartApprovedOn: '2027-02-20' })
        .expect(400);
      await world
        .event(world.coordinator, id, {
          ...APPROVAL,
          earlyStartApprovedOn: '2027-02-20',
          earlyStartReason: 'Die Sommerferienangebote müssen im März geplant werden.',
        })
        .expect(200);
      const [notice] = (await api.db.dataSource.query(
        `SELECT early_start_approved_on::text AS on, early_start_reason AS reason FROM grant_notice WHERE application_id = $1`,
        [id],
      )) as { on: string; reason: string }[];
      expect(notice).toEqual({
        on: '2027-02-20',
        reason: 'Die Sommerferienangebote müssen im März geplant werden.',
      });
    });
  });

  it("answers a repayment claim outside the caller's scope exactly as an unknown one (404 not_found)", async () => {
    const other = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Neukölln' });
    const { id } = await world.draft((await world.openCall()).id);
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    const [claim] = (await api.db.dataSource.query(
      `INSERT INTO repayment_claim (application_id, reason, amount_cents, lines)
       VALUES ($1, 'unspent', 1000, '[]') RETURNING id`,
      [id],
    )) as { id: string }[];
    const unknown = '00000000-0000-4000-8000-000000000000';
    const stranger = await other.carrierMember(await createOrganisation(api.db.dataSource));
    const probes: [string, (claimId: string) => ReturnType<ApplicationWorld['get']>][] = [
      [
        'notice.pdf, a carrier of another organisation',
        (c) => other.get(stranger, `/api/repayment-claims/${c}/notice.pdf`),
      ],
      [
        'notice.pdf, finance of another district',
        (c) => other.get(other.finance, `/api/repayment-claims/${c}/notice.pdf`),
      ],
      [
        'notice',
        (c) => other.post(other.finance, `/api/repayment-claims/${c}/notice`).send({ dueBy: '2099-12-31' }),
      ],
      [
        'settle',
        (c) =>
          other.post(other.finance, `/api/repayment-claims/${c}/settle`).send({ repaidOn: '2026-01-02' }),
      ],
      [
        'waiver',
        (c) => other.post(other.finance, `/api/repayment-claims/${c}/waiver`).send({ reason: 'Test' }),
      ],
    ];
    for (const [label, probe] of probes) {
      const [foreign, none] = [await probe(claim!.id), await probe(unknown)];
      expect({ label, status: foreign.status, code: foreign.body.code }).toEqual({
        label,
        status: 404,
        code: 'not_found',
      });
      expect({ label, status: none.status, code: none.body.code }).toEqual({
        label,
        status: 404,
        code: 'not_found',
      });
    }
  });
});
