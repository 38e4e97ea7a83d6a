import {
  accruedClaimInterest,
  type BaseRatePeriod,
  type ClaimInterest,
  Money,
  type NoticeInterest,
  type RepaymentInterest,
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

/** What a claim's booked interest rests on, as computed when it was booked (`interest_calculation`). */
export interface StoredClaimInterest {
  until: string;
  lines: (StoredCalculation & { callOffId: string })[];
  credits: StoredCalculation[];
  fixedCents: string;
  totalCents: string;
}

/** The claim as far as its interest depends on it. */
export interface ClaimForInterest {
  reason: 'unspent' | 'revocation' | 'late_use';
  lines: ClaimLine[];
  notice_due_by: string | null;
  notice_interest: StoredNoticeInterest[] | null;
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
 * The interest the claim bears up to `until` (libs/domain `accruedClaimInterest`): the one
 * computation behind both the booking (RecoveryService) and the claims list, so they cannot
 * disagree.
 */
export function claimInterest(
  claim: ClaimForInterest,
  settled: readonly { principalPartCents: string; bookedOn: string }[],
  until: string,
  baseRates: readonly BaseRatePeriod[],
): ClaimInterest {
  return accruedClaimInterest({
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
}

export function storeClaimInterest(
  claim: ClaimForInterest,
  until: string,
  result: ClaimInterest,
): StoredClaimInterest {
  return {
    until,
    // One calculation per claim line while any bears interest (accruedClaimInterest).
    lines: result.lines.map((line, i) => ({
      callOffId: claim.lines[i]!.callOffId,
      ...storeCalculation(line),
    })),
    credits: result.credits.map(storeCalculation),
    fixedCents: result.fixed.toString(),
    totalCents: result.total.toString(),
  };
}
