import { type BaseRatePeriod, Money } from '@kiezfonds/domain';
import { type ClaimForInterest, claimInterest, type StoredLateUseCredit } from './claim-interest';

// 1,27 % from 01.07.2025: 6,27 % repayment interest throughout 2027.
const BASE_RATES: BaseRatePeriod[] = [{ validFrom: '2025-07-01', rateBasisPoints: 127 }];

/** 5 000 € paid on 15.04.2027 and used on 31.08.2027: 138 days at 6,27 % → 118,53 € of late-use interest. */
function lateUse(callOffId: string, paidInterestCents: string): StoredLateUseCredit {
  return {
    lateUseClaimId: `claim-${callOffId}`,
    reference: 'NWF-2027-001-RF1',
    callOffId,
    principalCents: '500000',
    paidOn: '2027-04-15',
    usedOn: '2027-08-31',
    paidInterestCents,
    lines: [
      {
        from: '2027-04-15',
        to: '2027-08-30',
        days: 138,
        baseRateBasisPoints: 127,
        rateBasisPoints: 627,
        interestCents: '11853',
      },
    ],
  };
}

function revocation(lines: ClaimForInterest['lines'], credits: StoredLateUseCredit[]): ClaimForInterest {
  return {
    reason: 'revocation',
    lines,
    notice_due_by: null,
    notice_interest: null,
    late_use_credits: credits,
  };
}

const A = { callOffId: 'a', paidOn: '2027-04-15', amountCents: '500000' };
const B = { callOffId: 'b', paidOn: '2027-05-14', amountCents: '500000' };

describe('late-use interest paid before a revocation, credited against the revocation claim’s interest', () => {
  it('takes off what was paid: the same days of the same money bear interest once', () => {
    // 5 000 € from 15.04. to 01.10.2027: 169 days, 500 000 × 627 × 169 / 3 650 000 = 14 515,4… → 145,15 €,
    // less the 118,53 € of late-use interest paid for 15.04.–30.08.2027: 26,62 €.
    const result = claimInterest(revocation([A], [lateUse('a', '11853')]), [], '2027-10-01', BASE_RATES);
    expect(result.lines.map((l) => l.total)).toEqual([Money.fromCents(14515)]);
    expect(result.lateUseCredits.map((c) => [c.callOffId, c.paid, c.total])).toEqual([
      ['a', Money.fromCents(11853), Money.fromCents(11853)],
    ]);
    expect(result.total).toEqual(Money.fromCents(2662));
  });

  it('credits only what was paid, not what the revocation waived', () => {
    // 50,00 € of the 118,53 € paid: 145,15 € − 50,00 € = 95,15 €; the credit shows the late-use
    // line with the part of it credited.
    const result = claimInterest(revocation([A], [lateUse('a', '5000')]), [], '2027-10-01', BASE_RATES);
    expect(result.total).toEqual(Money.fromCents(9515));
    expect(result.lateUseCredits[0]!.lines.map((l) => [l.interest, l.credited])).toEqual([
      [Money.fromCents(11853), Money.fromCents(5000)],
    ]);
  });

  it('never more than the revocation claim charges on that money: the interest does not go below zero', () => {
    // Up to 15.05.2027 the revocation claim has charged 30 days on the 5 000 €:
    // 500 000 × 627 × 30 / 3 650 000 = 2 576,7… → 25,77 €; of the 118,53 € paid, 25,77 € are credited.
    const result = claimInterest(revocation([A], [lateUse('a', '11853')]), [], '2027-05-15', BASE_RATES);
    expect([result.lateUseCredits[0]!.total, result.total]).toEqual([Money.fromCents(2577), Money.ZERO]);
  });

  it('takes nothing off the interest on other money of the claim', () => {
    // Up to 15.05.2027: 25,77 € on the 5 000 € paid on 15.04. and, on the 5 000 € paid on 14.05.,
    // one day: 500 000 × 627 / 3 650 000 = 85,8… → 0,86 €. Late-use interest paid on the second
    // payment is credited up to its 0,86 €; the first payment's 25,77 € stay owed.
    const result = claimInterest(revocation([A, B], [lateUse('b', '11853')]), [], '2027-05-15', BASE_RATES);
    expect(result.lines.map((l) => l.total)).toEqual([Money.fromCents(2577), Money.fromCents(86)]);
    expect([result.lateUseCredits[0]!.total, result.total]).toEqual([
      Money.fromCents(86),
      Money.fromCents(2577),
    ]);
  });

  it('changes nothing for a claim without late-use interest paid', () => {
    const result = claimInterest(revocation([A], []), [], '2027-10-01', BASE_RATES);
    expect([result.total, result.lateUseCredits]).toEqual([Money.fromCents(14515), []]);
  });
});

/**
 * 9 000 € paid on 15.04.2027 and used on 31.08.2027: 138 days at 6,27 %,
 * 900 000 × 627 × 138 / 3 650 000 = 21 335,1… → 213,35 € of late-use interest; the settlement after
 * the proof of use reclaims 3 000 € of it.
 */
function lateUseOfNine(paidInterestCents: string): StoredLateUseCredit {
  return {
    lateUseClaimId: 'claim-a',
    reference: 'NWF-2027-001-RF1',
    callOffId: 'a',
    principalCents: '900000',
    claimedPrincipalCents: '300000',
    paidOn: '2027-04-15',
    usedOn: '2027-08-31',
    paidInterestCents,
    lines: [
      {
        from: '2027-04-15',
        to: '2027-08-30',
        days: 138,
        baseRateBasisPoints: 127,
        rateBasisPoints: 627,
        interestCents: '21335',
      },
    ],
  };
}

function unspent(credits: StoredLateUseCredit[]): ClaimForInterest {
  return {
    reason: 'unspent',
    lines: [{ callOffId: 'a', paidOn: '2027-04-15', amountCents: '300000' }],
    notice_due_by: null,
    notice_interest: null,
    late_use_credits: credits,
  };
}

describe('late-use interest paid on money the settlement after the proof of use reclaims', () => {
  it('credits the reclaimed share of it: the same days of the same money bear interest once', () => {
    // 3 000 € from 15.04. to 01.10.2027: 169 days, 300 000 × 627 × 169 / 3 650 000 = 8 709,2… → 87,09 €;
    // the share of the 213,35 € paid for the 3 000 € of the 9 000 €:
    // 21 335 × 300 000 / 900 000 = 7 111,6… → 71,12 € (half-up); 87,09 € − 71,12 € = 15,97 €.
    const result = claimInterest(unspent([lateUseOfNine('21335')]), [], '2027-10-01', BASE_RATES);
    expect(result.lines.map((l) => l.total)).toEqual([Money.fromCents(8709)]);
    expect(
      result.lateUseCredits.map((c) => [c.paid, c.claimed, c.share, c.total, c.lines[0]!.credited]),
    ).toEqual([
      [
        Money.fromCents(21335),
        Money.fromCents(300000),
        Money.fromCents(7112),
        Money.fromCents(7112),
        Money.fromCents(7112),
      ],
    ]);
    expect(result.total).toEqual(Money.fromCents(1597));
  });

  it('credits the share of only what was paid', () => {
    // 100,00 € of the 213,35 € paid: 10 000 × 300 000 / 900 000 = 3 333,3… → 33,33 €;
    // 87,09 € − 33,33 € = 53,76 €.
    const result = claimInterest(unspent([lateUseOfNine('10000')]), [], '2027-10-01', BASE_RATES);
    expect([result.lateUseCredits[0]!.total, result.total]).toEqual([
      Money.fromCents(3333),
      Money.fromCents(5376),
    ]);
  });

  it('rounds the share half-up to the cent', () => {
    // 1 cent paid, half of the money reclaimed: 1 × 450 000 / 900 000 = 0,5 → 1 cent.
    const half = { ...lateUseOfNine('1'), claimedPrincipalCents: '450000' };
    const claim = {
      ...unspent([half]),
      lines: [{ callOffId: 'a', paidOn: '2027-04-15', amountCents: '450000' }],
    };
    expect(claimInterest(claim, [], '2027-10-01', BASE_RATES).lateUseCredits[0]!.total).toEqual(
      Money.fromCents(1),
    );
  });

  it('never more than the settlement claim charges on that money: the interest does not go below zero', () => {
    // Up to 15.05.2027: 30 days on the 3 000 €, 300 000 × 627 × 30 / 3 650 000 = 1 546,0… → 15,46 €;
    // of the share of 71,12 €, 15,46 € are credited.
    const result = claimInterest(unspent([lateUseOfNine('21335')]), [], '2027-05-15', BASE_RATES);
    expect([result.lateUseCredits[0]!.share, result.lateUseCredits[0]!.total, result.total]).toEqual([
      Money.fromCents(7112),
      Money.fromCents(1546),
      Money.ZERO,
    ]);
  });
});
