import {
  accruedClaimInterest,
  type BaseRatePeriod,
  type ClaimInterest,
  Money,
  type NoticeInterest,
  type RepaymentInterest,
  type RepaymentInterestLine,
} from '@kiezfonds/domain';
import type { ClaimLine } from './funding-effects.service';

/** One calculation line as stored (the notice's `notice_interest`, a claim's `interest_calculation`). */
export interface StoredInterestLine {
  from: string;
  to: string;
  days: number;
  baseRateBasisPoints: number;
  rateBasisPoints: number;
  interestCents: string;
}

/** The interest of one claim line as the notice fixed it. */
export interface StoredNoticeInterest {
  callOffId: string;
  paidOn: string;
  principalCents: string;
  totalCents: string;
  lines: StoredInterestLine[];
}

/** One calculation (`RepaymentInterest`) as JSON: amounts as strings of cents. */
export interface StoredCalculation {
  principalCents: string;
  paidOn: string;
  repaidOn: string;
  days: number;
  totalCents: string;
  lines: StoredInterestLine[];
}

/**
 * Late-use interest (§ 49a (4) VwVfG) the carrier had paid on one call-off when a repayment claim
 * over the same money was made (the revocation, or the settlement after the proof of use), as that
 * claim recorded it (`late_use_credits`): the late-use claim, the days that bore it and its
 * calculation as that claim's notice fixed it.
 */
export interface StoredLateUseCredit {
  lateUseClaimId: string;
  /** The late-use claim's notice (`…-RF1`). */
  reference: string | null;
  callOffId: string;
  /** The call-off's money that bore the late-use interest. */
  principalCents: string;
  /**
   * The part of it the repayment claim reclaims (the settlement: the unspent part); only this
   * share of the late-use interest paid is credited. Absent (revocations recorded before): all.
   */
  claimedPrincipalCents?: string;
  paidOn: string;
  usedOn: string;
  /** What the carrier paid of that interest (a revocation ended what was open then). */
  paidInterestCents: string;
  lines: StoredInterestLine[];
}

/** A late-use credit as taken off: each late-use line with the part of it credited. */
export interface LateUseCredit {
  lateUseClaimId: string;
  reference: string | null;
  callOffId: string;
  principal: Money;
  paidOn: string;
  usedOn: string;
  paid: Money;
  /** The part of `principal` the claim reclaims. */
  claimed: Money;
  /** The part of `paid` that fell on `claimed`: `paid × claimed / principal`, half-up to the cent. */
  share: Money;
  lines: (RepaymentInterestLine & { credited: Money })[];
  /** The credit: the share, at most the interest the claim charges on that call-off. */
  total: Money;
}

/** A late-use credit as kept with a booked calculation: `StoredLateUseCredit` and the credit. */
export type StoredAppliedLateUseCredit = StoredLateUseCredit & { creditedCents: string };

/** What a claim's booked interest rests on, as computed when it was booked (`interest_calculation`). */
export interface StoredClaimInterest {
  until: string;
  lines: (StoredCalculation & { callOffId: string })[];
  credits: StoredCalculation[];
  /** Late-use interest paid before the revocation and credited (absent in calculations kept before). */
  lateUseCredits?: StoredAppliedLateUseCredit[];
  fixedCents: string;
  totalCents: string;
}

/** The claim as far as its interest depends on it. */
export interface ClaimForInterest {
  reason: 'unspent' | 'revocation' | 'late_use';
  lines: ClaimLine[];
  notice_due_by: string | null;
  notice_interest: StoredNoticeInterest[] | null;
  late_use_credits: StoredLateUseCredit[] | null;
}

/** A claim's interest up to a day, and the late-use interest paid that it takes off. */
export interface ClaimInterestWithCredits extends ClaimInterest {
  lateUseCredits: LateUseCredit[];
}

export function storeCalculation(result: RepaymentInterest): StoredCalculation {
  return {
    principalCents: result.principal.toString(),
    paidOn: result.paidOn,
    repaidOn: result.repaidOn,
    days: result.days,
    totalCents: result.total.toString(),
    lines: storeLines(result.lines),
  };
}

/** Interest lines as a claim stores them (jsonb): amounts as cent strings. */
export function storeLines(lines: RepaymentInterest['lines']) {
  return lines.map((l) => ({
    from: l.from,
    to: l.to,
    days: l.days,
    baseRateBasisPoints: l.baseRateBasisPoints,
    rateBasisPoints: l.rateBasisPoints,
    interestCents: l.interest.toString(),
  }));
}

export function readCalculation(stored: StoredCalculation): RepaymentInterest {
  return {
    principal: Money.fromCents(stored.principalCents),
    paidOn: stored.paidOn,
    repaidOn: stored.repaidOn,
    days: stored.days,
    total: Money.fromCents(stored.totalCents),
    lines: stored.lines.map((l) => ({
      from: l.from,
      to: l.to,
      days: l.days,
      baseRateBasisPoints: l.baseRateBasisPoints,
      rateBasisPoints: l.rateBasisPoints,
      interest: Money.fromCents(l.interestCents),
    })),
  };
}

/** The notice's fixed interest per claim line, in the claim's order (it was stored in that order). */
export function noticeInterestOf(claim: ClaimForInterest): NoticeInterest | undefined {
  if (!claim.notice_due_by || !claim.notice_interest) return undefined;
  const dueBy = claim.notice_due_by;
  return {
    dueBy,
    lines: claim.lines.map((line, i) => {
      const stored = claim.notice_interest![i];
      if (!stored || stored.callOffId !== line.callOffId) {
        throw new Error(`notice interest of claim line ${i} does not match its call-off`);
      }
      // The notice computed late use up to the use, a repayment up to the due day (issueNotice).
      const repaidOn = claim.reason === 'late_use' ? (line.usedOn ?? dueBy) : dueBy;
      return readCalculation({
        principalCents: stored.principalCents,
        paidOn: stored.paidOn,
        repaidOn,
        days: stored.lines.reduce((sum, l) => sum + l.days, 0),
        totalCents: stored.totalCents,
        lines: stored.lines,
      });
    }),
  };
}

/**
 * The share of late-use interest paid that fell on the reclaimed part of the money: the interest
 * runs in proportion to the amount over the same days, so `paid × claimed / principal`, rounded
 * half-up to the cent (the one rounding of this calculation line).
 */
export function lateUseShare(paid: Money, claimed: Money, principal: Money): Money {
  if (!principal.isPositive() || !claimed.isLessThan(principal)) return paid;
  const numerator = paid.cents * claimed.cents;
  return Money.fromCents((2n * numerator + principal.cents) / (2n * principal.cents));
}

/**
 * Late-use interest paid on money a repayment claim reclaims (revocation, or the settlement after
 * the proof of use), credited against that claim's interest (§ 49a (4) and (3) VwVfG: the same
 * days of the same money bear interest once). Each credit is the share of what the carrier paid on
 * that call-off that fell on the reclaimed part (`lateUseShare`; all of it when the claim reclaims
 * all the call-off's money), at most the interest the claim charges on that call-off's line (less
 * what an earlier credit took off it), and at most what is left of `available`, the claim's
 * interest: it never takes off interest on other money, and never makes the interest negative.
 * Within a credit, the payment covered the late-use lines oldest first.
 */
export function creditLateUseInterest(
  stored: readonly StoredLateUseCredit[] | null,
  lines: readonly { callOffId: string; interest: Money }[],
  available: Money,
): LateUseCredit[] {
  const left = new Map<string, Money>();
  for (const line of lines) {
    left.set(line.callOffId, (left.get(line.callOffId) ?? Money.ZERO).add(line.interest));
  }
  let rest = available;
  return (stored ?? []).map((credit) => {
    const paid = Money.fromCents(credit.paidInterestCents);
    const principal = Money.fromCents(credit.principalCents);
    const claimed = Money.fromCents(credit.claimedPrincipalCents ?? credit.principalCents);
    const share = lateUseShare(paid, claimed, principal);
    const total = Money.max(
      Money.min(Money.min(share, left.get(credit.callOffId) ?? Money.ZERO), rest),
      Money.ZERO,
    );
    left.set(credit.callOffId, (left.get(credit.callOffId) ?? Money.ZERO).subtract(total));
    rest = rest.subtract(total);
    let toSpread = total;
    return {
      lateUseClaimId: credit.lateUseClaimId,
      reference: credit.reference,
      callOffId: credit.callOffId,
      principal,
      paidOn: credit.paidOn,
      usedOn: credit.usedOn,
      paid,
      claimed,
      share,
      lines: credit.lines.map((l) => {
        const interest = Money.fromCents(l.interestCents);
        const credited = Money.min(interest, toSpread);
        toSpread = toSpread.subtract(credited);
        return {
          from: l.from,
          to: l.to,
          days: l.days,
          baseRateBasisPoints: l.baseRateBasisPoints,
          rateBasisPoints: l.rateBasisPoints,
          interest,
          credited,
        };
      }),
      total,
    };
  });
}

/**
 * The interest the claim bears up to `until` (libs/domain `accruedClaimInterest`), less the
 * late-use interest paid on the same money (`creditLateUseInterest`): the one computation behind
 * both the booking (RecoveryService) and the claims list, so they cannot disagree.
 */
export function claimInterest(
  claim: ClaimForInterest,
  settled: readonly { principalPartCents: string; bookedOn: string }[],
  until: string,
  baseRates: readonly BaseRatePeriod[],
): ClaimInterestWithCredits {
  const accrued = accruedClaimInterest({
    lines: claim.lines.map((line) => ({
      principal: Money.fromCents(line.amountCents),
      paidOn: line.paidOn,
      ...(claim.reason === 'late_use' && line.usedOn ? { usedOn: line.usedOn } : {}),
    })),
    settled: settled
      .filter((part) => BigInt(part.principalPartCents) > 0n)
      .map((part) => ({ amount: Money.fromCents(part.principalPartCents), on: part.bookedOn })),
    until,
    baseRates,
    notice: noticeInterestOf(claim),
  });
  const lateUseCredits = creditLateUseInterest(
    claim.late_use_credits,
    claim.lines.map((line, i) => ({ callOffId: line.callOffId, interest: accrued.lines[i]!.total })),
    accrued.total,
  );
  return {
    ...accrued,
    lateUseCredits,
    total: accrued.total.subtract(Money.sum(lateUseCredits.map((c) => c.total))),
  };
}

/** A credit as a booked calculation keeps it. */
export function storeLateUseCredit(
  credit: LateUseCredit,
  stored: StoredLateUseCredit,
): StoredAppliedLateUseCredit {
  return { ...stored, creditedCents: credit.total.toString() };
}

/** A kept credit read back: the lines as they were credited. */
export function readLateUseCredit(stored: StoredAppliedLateUseCredit): LateUseCredit {
  return creditLateUseInterest(
    [stored],
    [{ callOffId: stored.callOffId, interest: Money.fromCents(stored.creditedCents) }],
    Money.fromCents(stored.creditedCents),
  )[0]!;
}

export function storeClaimInterest(
  claim: ClaimForInterest,
  until: string,
  result: ClaimInterestWithCredits,
): StoredClaimInterest {
  return {
    until,
    // One calculation per claim line while any bears interest (accruedClaimInterest).
    lines: result.lines.map((line, i) => ({
      callOffId: claim.lines[i]!.callOffId,
      ...storeCalculation(line),
    })),
    credits: result.credits.map(storeCalculation),
    lateUseCredits: result.lateUseCredits.map((credit, i) =>
      storeLateUseCredit(credit, claim.late_use_credits![i]!),
    ),
    fixedCents: result.fixed.toString(),
    totalCents: result.total.toString(),
  };
}
