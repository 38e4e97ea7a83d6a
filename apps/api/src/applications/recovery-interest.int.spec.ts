import { pdfText } from '@kiezfonds/testing';
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
/** The projects run from 1 March 2027 to 31 December 2028: a day in their first year. */
const IN_2027 = '2027-04-15T10:00:00+02:00';

interface ShownClaim {
  id: string;
  reason: string;
  state: string;
  amountCents: string;
  interestCents: string | null;
  totalCents: string | null;
  lines: { totalCents: string; lines: { from: string; to: string; interestCents: string }[] }[];
  credits: { kind: string; totalCents: string; lines: { interestCents: string; text: string }[] }[];
  notice: { reference: string; dueBy: string } | null;
  waiveReason: string | null;
  entries: { kind: string; amountCents: string; reason: string | null }[];
}

/**
 * What a recovery notice fixed stays fixed (ADR 0012, TRUST.md "what was decided is recorded with
 * the rules in force at that moment"), a claim once settled shows what it was settled with, the
 * same days bear interest once, and a notice commits money only for years the project can use it.
 */
describe('recovery: interest as the notice fixed it and as booked, once per day', () => {
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

  afterEach(async () => {
    backToToday();
    // The base-rate table is shared by every test of the file: a rate a test records is taken back.
    await api.db.dataSource.query(`DELETE FROM base_rate WHERE valid_from = '2027-01-01'`);
  });

  async function ledger(applicationId: string) {
    return (await api.db.dataSource.query(
      `SELECT kind, cash_year, amount_cents::text AS amount FROM ledger_entry WHERE application_id = $1 ORDER BY seq`,
      [applicationId],
    )) as { kind: string; cash_year: number; amount: string }[];
  }

  async function claimsOf(id: string): Promise<ShownClaim[]> {
    return (await world.get(world.carrier, `/api/applications/${id}/repayment-claims`).expect(200)).body
      .items as ShownClaim[];
  }

  /** A project in implementation with `amountCents` paid on 15.04.2027 (the clock then stays there). */
  async function paidProject(amountCents: string) {
    backToToday();
    const [id] = await selectedApplications(world, ag, 1);
    await world.event(world.coordinator, id!, APPROVAL).expect(200);
    await world.event(world.carrier, id!, { type: 'START_IMPLEMENTATION' }).expect(200);
    travelTo(IN_2027);
    const callOff = await world
      .post(world.carrier, `/api/applications/${id}/call-offs`)
      .send({ cashYear: 2027, amountCents })
      .expect(201);
    await world.post(world.finance, `/api/call-offs/${callOff.body.id}/approve`).send({}).expect(200);
    await world
      .post(world.finance, `/api/call-offs/${callOff.body.id}/pay`)
      .send({ paidOn: '2027-04-15' })
      .expect(200);
    return { id: id!, callOffId: callOff.body.id as string };
  }

  /** 9 000 € paid, 7 000 € spent, own money 1 000 € first: 3 000 € of the 9 000 € claimed back. */
  async function unspentClaim() {
    const { id } = await paidProject('900000');
    await world
      .event(world.carrier, id, {
        type: 'SUBMIT_FINAL_REPORT',
        text: 'Weniger ausgegeben.',
        actuals: [{ cashYear: 2027, category: 'personnel', amountCents: '700000' }],
      })
      .expect(200);
    await world.event(world.coordinator, id, { type: 'COMPLETE' }).expect(200);
    const [claim] = await claimsOf(id);
    expect(claim).toMatchObject({ reason: 'unspent', amountCents: '300000' });
    return { id, claimId: claim!.id };
  }

  async function recordBaseRate2027(rateBasisPoints: number) {
    const admin = await world.staff('admin');
    await world.post(admin, '/api/base-rates').send({ validFrom: '2027-01-01', rateBasisPoints }).expect(201);
  }

  it('a payment after the due day adds interest only from the due day on; the notice fixed the interest up to it', async () => {
    const { id, claimId } = await unspentClaim();
    travelTo('2027-06-01T10:00:00+02:00');
    // Notice: 3 000 € from 15.04. to 01.07.2027 (exclusive), 77 days at 1,27 % + 5 % = 6,27 %:
    // 300 000 × 627 × 77 / 3 650 000 = 3 968,3… → 39,68 €, fixed by the notice.
    const notice = await world
      .post(world.finance, `/api/repayment-claims/${claimId}/notice`)
      .send({ dueBy: '2027-07-01' })
      .expect(200);
    expect(notice.body.interestCents).toBe('3968');
    // The base rate from 01.01.2027 (3,00 %) is recorded afterwards.
    await recordBaseRate2027(300);
    travelTo('2027-08-01T10:00:00+02:00');
    // Open on 01.08.2027: 39,68 € as fixed, and 01.07.–31.07.2027: 31 days at 3,00 % + 5 % = 8 %:
    // 300 000 × 800 × 31 / 3 650 000 = 2 038,3… → 20,38 €; 60,06 € in all.
    // (Recomputing the whole period at 8 %: 108 days → 71,01 €, 31,33 € more for the notice's days.)
    const open = (await claimsOf(id))[0]!;
    expect([open.interestCents, open.lines.map((l) => l.totalCents), open.credits]).toEqual([
      '6006',
      ['6006'],
      [],
    ]);
    // The notice's line up to the due day as it stated it, then the days beyond it.
    expect(open.lines[0]!.lines.map((l) => [l.from, l.to, l.interestCents])).toEqual([
      ['2027-04-15', '2027-06-30', '3968'],
      ['2027-07-01', '2027-07-31', '2038'],
    ]);
    await world
      .post(world.finance, `/api/repayment-claims/${claimId}/settle`)
      .send({ repaidOn: '2027-08-01' })
      .expect(200);
    const claim = (await claimsOf(id))[0]!;
    expect(claim.entries.filter((e) => e.kind !== 'principal').map((e) => [e.kind, e.amountCents])).toEqual([
      ['interest', '3968'],
      ['interest', '2038'],
      ['payment', '306006'],
    ]);
    expect([claim.state, claim.interestCents, claim.totalCents]).toEqual(['paid', '6006', '306006']);
  }, 90_000);

  it('a payment before the due day still pays the interest the notice fixed; later days bear it on what stays open', async () => {
    const { id, claimId } = await unspentClaim();
    travelTo('2027-06-01T10:00:00+02:00');
    await world
      .post(world.finance, `/api/repayment-claims/${claimId}/notice`)
      .send({ dueBy: '2027-07-01' })
      .expect(200);
    // 1 039,68 € on 01.06.2027: the notice's 39,68 € first, then 1 000 € of principal.
    await world
      .post(world.finance, `/api/repayment-claims/${claimId}/payments`)
      .send({ amountCents: '103968', receivedOn: '2027-06-01' })
      .expect(200);
    travelTo('2027-08-01T10:00:00+02:00');
    // From the due day 2 000 € stay open: 01.07.–31.07.2027, 31 days at 6,27 %:
    // 3 000 € → 300 000 × 627 × 31 / 3 650 000 = 1 597,5… → 15,98 €, less 1 000 € repaid on
    // 01.06. → 100 000 × 627 × 31 / 3 650 000 = 532,5… → 5,33 €: 10,65 € beyond the notice's 39,68 €.
    await world
      .post(world.finance, `/api/repayment-claims/${claimId}/settle`)
      .send({ repaidOn: '2027-08-01' })
      .expect(200);
    const claim = (await claimsOf(id))[0]!;
    expect(claim.entries.filter((e) => e.kind !== 'principal').map((e) => [e.kind, e.amountCents])).toEqual([
      ['interest', '3968'],
      ['payment', '103968'],
      ['interest', '1065'],
      ['payment', '201065'],
    ]);
    expect([
      claim.interestCents,
      claim.lines.map((l) => l.totalCents),
      claim.credits.map((c) => c.totalCents),
    ]).toEqual(['5033', ['5566'], ['533']]);
  }, 90_000);

  it('a repaid claim shows the interest it was settled with, not one recomputed from a base-rate table changed later', async () => {
    const { id, claimId } = await unspentClaim();
    travelTo('2027-06-01T10:00:00+02:00');
    // 3 000 € from 15.04. to 01.06.2027: 47 days at 1,27 % + 5 % = 6,27 %:
    // 300 000 × 627 × 47 / 3 650 000 = 2 422,2… → 24,22 €; 3 024,22 € received, the claim is paid.
    const settled = await world
      .post(world.finance, `/api/repayment-claims/${claimId}/settle`)
      .send({ repaidOn: '2027-06-01' })
      .expect(200);
    expect(settled.body).toMatchObject({ state: 'paid', openCents: '0' });
    const shown = async () => {
      const claim = (await claimsOf(id))[0]!;
      return [claim.interestCents, claim.totalCents, claim.lines.map((l) => l.totalCents)];
    };
    expect(await shown()).toEqual(['2422', '302422', ['2422']]);
    // Later the admin records the base rate from 01.01.2027 (3,00 %). The claim was paid with
    // 24,22 €; recomputed it would read 300 000 × 800 × 47 / 3 650 000 = 3 090,4… → 30,90 €.
    await recordBaseRate2027(300);
    expect(await shown()).toEqual(['2422', '302422', ['2422']]);
  }, 90_000);

  it('a claim with a notice shows the notice’s interest up to the due day, whatever the table says later', async () => {
    const { id, claimId } = await unspentClaim();
    travelTo('2027-06-01T10:00:00+02:00');
    await world
      .post(world.finance, `/api/repayment-claims/${claimId}/notice`)
      .send({ dueBy: '2027-07-01' })
      .expect(200);
    await recordBaseRate2027(300);
    // Today (01.06.2027) is before the due day: the interest is the notice's 39,68 €, its line as
    // the notice states it (77 days at 6,27 %), not 77 days at 8 % (50,63 €).
    const claim = (await claimsOf(id))[0]!;
    expect([claim.interestCents, claim.lines[0]!.lines.map((l) => l.interestCents)]).toEqual([
      '3968',
      ['3968'],
    ]);
  }, 90_000);

  it('after revocation the paid money bears interest once: no late-use interest besides the revocation claim (§ 49a (4) VwVfG)', async () => {
    const { id, callOffId } = await paidProject('500000');
    travelTo('2027-09-01T10:00:00+02:00');
    // Used on 31.08.2027, after the deadline 15.08.2027: a late-use claim,
    // 5 000 € × 6,27 % × 138 / 365 = 11 852,8… → 118,53 €.
    const used = await world
      .post(world.carrier, `/api/call-offs/${callOffId}/use`)
      .send({ usedOn: '2027-08-31' })
      .expect(200);
    expect(used.body.late).toBe(true);
    await world.event(world.coordinator, id, { type: 'REVOKE', reason: 'Zweck verfehlt.' }).expect(200);
    const claims = await claimsOf(id);
    // The revocation claims the 5 000 € back with interest from 15.04.2027 (§ 49a (3)); interest for
    // late use (§ 49a (4)) applies only where the notice is not revoked, so the same days must not
    // bear interest twice: the late-use claim is closed, citing why.
    expect(claims.filter((c) => c.reason === 'revocation')).toEqual([
      expect.objectContaining({ amountCents: '500000', state: 'open' }),
    ]);
    expect(claims.filter((c) => c.reason === 'late_use')).toEqual([
      expect.objectContaining({
        state: 'waived',
        waiveReason: expect.stringContaining('§ 49a Abs. 3 VwVfG') as unknown,
        interestCents: '0',
      }),
    ]);
  }, 90_000);

  it('revocation waives the late-use interest a notice fixed and left open, and leaves a paid one as paid', async () => {
    const [first, second] = [await paidProject('500000'), await paidProject('500000')];
    travelTo('2027-09-01T10:00:00+02:00');
    const lateUseClaim = async ({ callOffId }: { callOffId: string }) => {
      const used = await world
        .post(world.carrier, `/api/call-offs/${callOffId}/use`)
        .send({ usedOn: '2027-08-31' })
        .expect(200);
      const claimId = used.body.lateUseClaimId as string;
      // 118,53 € as above, fixed by the notice.
      await world
        .post(world.finance, `/api/repayment-claims/${claimId}/notice`)
        .send({ dueBy: '2027-10-01' })
        .expect(200);
      return claimId;
    };
    await lateUseClaim(first);
    const paidClaimId = await lateUseClaim(second);
    await world
      .post(world.finance, `/api/repayment-claims/${paidClaimId}/payments`)
      .send({ amountCents: '11853', receivedOn: '2027-09-01' })
      .expect(200);
    for (const { id } of [first, second]) {
      await world.event(world.coordinator, id, { type: 'REVOKE', reason: 'Zweck verfehlt.' }).expect(200);
    }
    const [open] = (await claimsOf(first.id)).filter((c) => c.reason === 'late_use');
    expect(open).toMatchObject({ state: 'waived', interestCents: '11853' });
    expect(open!.entries.map((e) => [e.kind, e.amountCents])).toEqual([
      ['interest', '11853'],
      ['waiver', '11853'],
    ]);
    expect(open!.entries[1]!.reason).toContain('Widerruf');
    const [paid] = (await claimsOf(second.id)).filter((c) => c.reason === 'late_use');
    expect(paid).toMatchObject({ state: 'paid', interestCents: '11853' });
  }, 120_000);

  it('late-use interest paid before the revocation is credited against the revocation claim’s interest: the same days bear interest once', async () => {
    const [full, part] = [await paidProject('500000'), await paidProject('500000')];
    travelTo('2027-09-01T10:00:00+02:00');
    // Each 5 000 € paid on 15.04.2027 and used on 31.08.2027, after the deadline 15.08.2027:
    // late-use interest 15.04.–30.08.2027, 138 days at 1,27 % + 5 % = 6,27 %:
    // 500 000 × 627 × 138 / 3 650 000 = 11 852,8… → 118,53 €, fixed by its notice.
    const lateUse = async ({ callOffId }: { callOffId: string }, paidCents: string) => {
      const used = await world
        .post(world.carrier, `/api/call-offs/${callOffId}/use`)
        .send({ usedOn: '2027-08-31' })
        .expect(200);
      const claimId = used.body.lateUseClaimId as string;
      const notice = await world
        .post(world.finance, `/api/repayment-claims/${claimId}/notice`)
        .send({ dueBy: '2027-10-01' })
        .expect(200);
      expect(notice.body.interestCents).toBe('11853');
      await world
        .post(world.finance, `/api/repayment-claims/${claimId}/payments`)
        .send({ amountCents: paidCents, receivedOn: '2027-09-01' })
        .expect(200);
      return notice.body.reference as string;
    };
    // The one carrier paid it all, the other 50,00 € of it (the rest ends with the revocation).
    const fullReference = await lateUse(full, '11853');
    await lateUse(part, '5000');
    for (const { id } of [full, part]) {
      await world.event(world.coordinator, id, { type: 'REVOKE', reason: 'Zweck verfehlt.' }).expect(200);
    }
    const revocationOf = async (id: string) => (await claimsOf(id)).find((c) => c.reason === 'revocation')!;

    // Today, 01.09.2027: the revocation claim's 5 000 € from 15.04.2027, 139 days at 6,27 %:
    // 500 000 × 627 × 139 / 3 650 000 = 11 938,7… → 119,39 €, less the 118,53 € of late-use
    // interest paid for the days 15.04.–30.08.2027 of the same money: 0,86 €.
    const today = await revocationOf(full.id);
    expect([today.interestCents, today.lines.map((l) => l.totalCents)]).toEqual(['86', ['11939']]);
    expect(today.credits).toEqual([
      expect.objectContaining({ kind: 'late_use_interest_paid', totalCents: '11853' }),
    ]);
    expect(today.credits[0]!.lines.map((l) => l.text).join(' ')).toContain(
      'bereits gezahlte Zinsen für verspätete Verwendung',
    );

    // The notice due on 01.10.2027: 169 days, 500 000 × 627 × 169 / 3 650 000 = 14 515,4… → 145,15 €;
    // less 118,53 € paid: 26,62 €. Where only 50,00 € were paid, only they are credited: 95,15 €.
    const notices = [];
    for (const { id } of [full, part]) {
      const claim = await revocationOf(id);
      notices.push(
        (
          await world
            .post(world.finance, `/api/repayment-claims/${claim.id}/notice`)
            .send({ dueBy: '2027-10-01' })
            .expect(200)
        ).body as { interestCents: string; totalCents: string },
      );
    }
    expect(notices.map((n) => [n.interestCents, n.totalCents])).toEqual([
      ['2662', '502662'],
      ['9515', '509515'],
    ]);
    const partClaim = await revocationOf(part.id);
    expect([partClaim.interestCents, partClaim.credits.map((c) => [c.kind, c.totalCents])]).toEqual([
      '9515',
      [['late_use_interest_paid', '5000']],
    ]);

    // The notice states the credit line by line.
    const claim = await revocationOf(full.id);
    const pdf = await world
      .get(world.carrier, `/api/repayment-claims/${claim.id}/notice.pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\u00a0/g, ' ').split('\n');
    for (const line of [
      '15.04.2027 – 30.09.2027 169 6,27 % (Basiszins 1,27 %) 145,15 €',
      '15.04.2027 – 30.08.2027 138 6,27 % (Basiszins 1,27 %) 118,53 €',
      'Angerechnet zusammen 118,53 €',
      'Zinsen 26,62 €',
      'Gesamtbetrag 5.026,62 €',
    ]) {
      expect(text).toContain(line);
    }
    // The credit names the late-use notice (the PDF may wrap the reference at a hyphen).
    expect(text.join('').replace(/\s+/g, '')).toContain(`(Bescheid${fullReference})`);

    // Settled on the due day: the credit stays as booked, the claim is paid with 26,62 € interest.
    travelTo('2027-10-01T10:00:00+02:00');
    await world
      .post(world.finance, `/api/repayment-claims/${claim.id}/settle`)
      .send({ repaidOn: '2027-10-01' })
      .expect(200);
    const settled = await revocationOf(full.id);
    expect(settled.entries.filter((e) => e.kind !== 'principal').map((e) => [e.kind, e.amountCents])).toEqual(
      [
        ['interest', '2662'],
        ['payment', '502662'],
      ],
    );
    expect([
      settled.state,
      settled.interestCents,
      settled.lines.map((l) => l.totalCents),
      settled.credits.map((c) => [c.kind, c.totalCents]),
    ]).toEqual(['paid', '2662', ['14515'], [['late_use_interest_paid', '11853']]]);
  }, 180_000);

  it('late-use interest paid on money the settlement then reclaims is credited for the reclaimed share: the same days bear interest once', async () => {
    const { id, callOffId } = await paidProject('900000');
    travelTo('2027-09-01T10:00:00+02:00');
    // 9 000 € paid on 15.04.2027, used on 31.08.2027, after the deadline 15.08.2027: late-use
    // interest 15.04.–30.08.2027, 138 days at 1,27 % + 5 % = 6,27 %:
    // 900 000 × 627 × 138 / 3 650 000 = 21 335,1… → 213,35 €, noticed and paid in full.
    const used = await world
      .post(world.carrier, `/api/call-offs/${callOffId}/use`)
      .send({ usedOn: '2027-08-31' })
      .expect(200);
    const lateUseId = used.body.lateUseClaimId as string;
    const lateUseNotice = await world
      .post(world.finance, `/api/repayment-claims/${lateUseId}/notice`)
      .send({ dueBy: '2027-10-01' })
      .expect(200);
    expect(lateUseNotice.body.interestCents).toBe('21335');
    await world
      .post(world.finance, `/api/repayment-claims/${lateUseId}/payments`)
      .send({ amountCents: '21335', receivedOn: '2027-09-01' })
      .expect(200);

    // The proof of use: 7 000 € spent, own money 1 000 € first, so 3 000 € of the 9 000 € come back.
    await world
      .event(world.carrier, id, {
        type: 'SUBMIT_FINAL_REPORT',
        text: 'Weniger ausgegeben.',
        actuals: [{ cashYear: 2027, category: 'personnel', amountCents: '700000' }],
      })
      .expect(200);
    await world.event(world.coordinator, id, { type: 'COMPLETE' }).expect(200);
    const unspentOf = async () => (await claimsOf(id)).find((c) => c.reason === 'unspent')!;
    const claim = await unspentOf();
    expect(claim.amountCents).toBe('300000');

    // The settlement's notice due on 01.10.2027 charges the 3 000 € from 15.04.2027, 169 days:
    // 300 000 × 627 × 169 / 3 650 000 = 8 709,2… → 87,09 €. The days 15.04.–30.08.2027 of these
    // 3 000 € already bore late-use interest: their share of the 213,35 € paid is
    // 21 335 × 300 000 / 900 000 = 7 111,6… → 71,12 € (half-up), credited: 87,09 € − 71,12 € = 15,97 €.
    const notice = await world
      .post(world.finance, `/api/repayment-claims/${claim.id}/notice`)
      .send({ dueBy: '2027-10-01' })
      .expect(200);
    expect([notice.body.interestCents, notice.body.totalCents]).toEqual(['1597', '301597']);
    const noticed = await unspentOf();
    expect([
      noticed.interestCents,
      noticed.lines.map((l) => l.totalCents),
      noticed.credits.map((c) => [c.kind, c.totalCents]),
    ]).toEqual(['1597', ['8709'], [['late_use_interest_paid', '7112']]]);
    expect(noticed.credits[0]!.lines.map((l) => l.text.replace(/\u00a0/g, ' ')).join(' ')).toContain(
      'anteilig für 3.000,00 € von 9.000,00 €',
    );

    // The notice states the share and the credit line by line.
    const pdf = await world
      .get(world.carrier, `/api/repayment-claims/${claim.id}/notice.pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\u00a0/g, ' ').split('\n');
    for (const line of [
      '15.04.2027 – 30.09.2027 169 6,27 % (Basiszins 1,27 %) 87,09 €',
      '15.04.2027 – 30.08.2027 138 6,27 % (Basiszins 1,27 %) 213,35 €',
      'Anteil für 3.000,00 € 71,12 €',
      'Angerechnet zusammen 71,12 €',
      'Zinsen 15,97 €',
      'Gesamtbetrag 3.015,97 €',
    ]) {
      expect(text).toContain(line);
    }

    // Settled on the due day: as the notice booked it.
    travelTo('2027-10-01T10:00:00+02:00');
    await world
      .post(world.finance, `/api/repayment-claims/${claim.id}/settle`)
      .send({ repaidOn: '2027-10-01' })
      .expect(200);
    const settled = await unspentOf();
    expect(settled.entries.filter((e) => e.kind !== 'principal').map((e) => [e.kind, e.amountCents])).toEqual(
      [
        ['interest', '1597'],
        ['payment', '301597'],
      ],
    );
    expect([
      settled.state,
      settled.interestCents,
      settled.credits.map((c) => [c.kind, c.totalCents]),
    ]).toEqual(['paid', '1597', [['late_use_interest_paid', '7112']]]);
  }, 180_000);

  it('a use reported after the settlement bears late-use interest only on the money the settlement did not reclaim', async () => {
    const { id, callOffId } = await paidProject('900000');
    travelTo('2027-09-01T10:00:00+02:00');
    // The proof of use first: 3 000 € of the 9 000 € paid on 15.04.2027 come back, with interest
    // from that day (§ 49a (3) VwVfG).
    await world
      .event(world.carrier, id, {
        type: 'SUBMIT_FINAL_REPORT',
        text: 'Weniger ausgegeben.',
        actuals: [{ cashYear: 2027, category: 'personnel', amountCents: '700000' }],
      })
      .expect(200);
    await world.event(world.coordinator, id, { type: 'COMPLETE' }).expect(200);
    // Then the carrier reports the use on 31.08.2027, after the deadline 15.08.2027. The 3 000 €
    // reclaimed already bear interest for 15.04.–30.08.2027 with the settlement claim; late use is
    // charged on the other 6 000 €: 600 000 × 627 × 138 / 3 650 000 = 14 223,4… → 142,23 €.
    const used = await world
      .post(world.carrier, `/api/call-offs/${callOffId}/use`)
      .send({ usedOn: '2027-08-31' })
      .expect(200);
    const notice = await world
      .post(world.finance, `/api/repayment-claims/${used.body.lateUseClaimId as string}/notice`)
      .send({ dueBy: '2027-10-01' })
      .expect(200);
    expect(notice.body.interestCents).toBe('14223');
    const claims = await claimsOf(id);
    expect(claims.find((c) => c.reason === 'late_use')!.lines.map((l) => l.totalCents)).toEqual(['14223']);
    // The settlement claim is as it was: 3 000 € from 15.04.2027, nothing credited.
    expect(claims.find((c) => c.reason === 'unspent')).toMatchObject({ amountCents: '300000', credits: [] });
  }, 120_000);

  /** The proof of use on 01.09.2027: `spentCents` spent, own money 1 000 € first, the rest of the 9 000 € reclaimed. */
  async function settle(id: string, spentCents: string) {
    await world
      .event(world.carrier, id, {
        type: 'SUBMIT_FINAL_REPORT',
        text: 'Weniger ausgegeben.',
        actuals: [{ cashYear: 2027, category: 'personnel', amountCents: spentCents }],
      })
      .expect(200);
    await world.event(world.coordinator, id, { type: 'COMPLETE' }).expect(200);
  }

  /**
   * 9 000 € paid on 15.04.2027 and used on 31.08.2027, after the deadline 15.08.2027 (the clock on
   * 01.09.2027): the application and its late-use claim.
   */
  async function usedLate() {
    const { id, callOffId } = await paidProject('900000');
    travelTo('2027-09-01T10:00:00+02:00');
    const used = await world
      .post(world.carrier, `/api/call-offs/${callOffId}/use`)
      .send({ usedOn: '2027-08-31' })
      .expect(200);
    return { id, lateUseId: used.body.lateUseClaimId as string };
  }

  it('late-use interest not yet noticed when the settlement reclaims part of the money is charged only on the rest', async () => {
    // A late-use claim on the 9 000 €, no notice yet.
    const { id, lateUseId } = await usedLate();
    // The settlement reclaims 3 000 € with interest from 15.04.2027; late use stays on 6 000 €:
    // 600 000 × 627 × 138 / 3 650 000 = 14 223,4… → 142,23 € (not 213,35 € on all 9 000 €).
    await settle(id, '700000');
    const lateUse = (await claimsOf(id)).find((c) => c.id === lateUseId)!;
    expect(lateUse.lines.map((l) => (l as unknown as { principalCents: string }).principalCents)).toEqual([
      '600000',
    ]);
    const notice = await world
      .post(world.finance, `/api/repayment-claims/${lateUseId}/notice`)
      .send({ dueBy: '2027-10-01' })
      .expect(200);
    expect(notice.body.interestCents).toBe('14223');
    // The settlement claim: 3 000 € from 15.04.2027, nothing credited (nothing was paid).
    const unspent = (await claimsOf(id)).find((c) => c.reason === 'unspent')!;
    expect(unspent).toMatchObject({ amountCents: '300000', credits: [] });
  }, 120_000);

  it('late-use interest not yet noticed on money the settlement reclaims in full is closed, not noticed', async () => {
    const { id, lateUseId } = await usedLate();
    // 1 000 € spent, all of it own money: the whole 9 000 € come back, with interest from 15.04.2027.
    await settle(id, '100000');
    const claims = await claimsOf(id);
    expect(claims.find((c) => c.reason === 'unspent')).toMatchObject({ amountCents: '900000' });
    const lateUse = claims.find((c) => c.id === lateUseId)!;
    expect([lateUse.state, lateUse.waiveReason]).toEqual([
      'waived',
      expect.stringContaining('§ 49a Abs. 3 VwVfG'),
    ]);
    await world
      .post(world.finance, `/api/repayment-claims/${lateUseId}/notice`)
      .send({ dueBy: '2027-10-01' })
      .expect(409);
  }, 120_000);

  it('late-use interest noticed and partly paid when the settlement reclaims part: the open share on the reclaimed money is waived', async () => {
    const { id, lateUseId } = await usedLate();
    await world
      .post(world.finance, `/api/repayment-claims/${lateUseId}/notice`)
      .send({ dueBy: '2027-10-01' })
      .expect(200);
    // 50,00 € of the 213,35 € paid before the settlement.
    await world
      .post(world.finance, `/api/repayment-claims/${lateUseId}/payments`)
      .send({ amountCents: '5000', receivedOn: '2027-09-01' })
      .expect(200);
    await settle(id, '700000');
    // 3 000 € of the 9 000 € reclaimed: their share of the late-use interest is
    // 21 335 × 1/3 = 7 111,6… → 71,12 €. Of it, the share of the 50,00 € paid, 16,67 €, is credited
    // against the settlement claim; the other 54,45 € are waived on the late-use claim, so
    // 213,35 € − 50,00 € − 54,45 € = 108,90 € stay open. Paid in all: 158,90 € − 16,67 € credited =
    // 142,23 €, the late-use interest on the 6 000 € not reclaimed.
    const lateUse = (await claimsOf(id)).find((c) => c.id === lateUseId)!;
    const waiver = lateUse.entries.find((e) => e.kind === 'waiver')!;
    expect([waiver.amountCents, waiver.reason]).toEqual([
      '5445',
      expect.stringContaining('§ 49a Abs. 3 VwVfG'),
    ]);
    expect([
      lateUse.state,
      (lateUse as unknown as { balance: { openCents: string } }).balance.openCents,
    ]).toEqual(['partly_paid', '10890']);
    // The settlement's notice: 87,09 € on the 3 000 € less the 16,67 € credited.
    const unspent = (await claimsOf(id)).find((c) => c.reason === 'unspent')!;
    const notice = await world
      .post(world.finance, `/api/repayment-claims/${unspent.id}/notice`)
      .send({ dueBy: '2027-10-01' })
      .expect(200);
    expect(notice.body.interestCents).toBe('7042');
    await world
      .post(world.finance, `/api/repayment-claims/${lateUseId}/payments`)
      .send({ amountCents: '10890', receivedOn: '2027-09-01' })
      .expect(200);
    // Nothing open; part of it waived, so it counts as waived (libs/domain claimBalance), with the reason.
    const closed = (await claimsOf(id)).find((c) => c.id === lateUseId)!;
    expect([closed.state, closed.waiveReason]).toEqual([
      'waived',
      expect.stringContaining('§ 49a Abs. 3 VwVfG'),
    ]);
  }, 120_000);

  it('APPROVE refuses instalments in a cash year outside the project period', async () => {
    const [id] = await selectedApplications(world, ag, 1);
    // Period 01.03.2027–31.12.2028; an instalment in 2030 can never be called off
    // (call_off_after_project_end), yet it would commit 41 000 € of the 2027 budget.
    const res = await world
      .event(world.coordinator, id!, {
        ...APPROVAL,
        instalments: [
          { cashYear: 2027, amountCents: '900000' },
          { cashYear: 2030, amountCents: '4100000' },
        ],
      })
      .expect(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'instalments.1.cashYear', rule: 'cashYearOutsidePeriod' }),
    ]);
    expect(await ledger(id!)).toEqual([]);
    // Within the period the same split is approved.
    await world
      .event(world.coordinator, id!, {
        ...APPROVAL,
        instalments: [
          { cashYear: 2027, amountCents: '900000' },
          { cashYear: 2028, amountCents: '4100000' },
        ],
      })
      .expect(200);
  }, 60_000);
});
