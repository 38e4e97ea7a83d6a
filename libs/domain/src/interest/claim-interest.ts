import { Money } from '../money/money';
import {
  type BaseRatePeriod,
  calculateRepaymentInterest,
  type RepaymentInterest,
} from './repayment-interest';

/** Part of a claim's principal that stopped bearing interest on `on` (repaid or waived that day). */
export interface PrincipalSettled {
  amount: Money;
  on: string;
}

/** One line of a claim: a paid-out amount bearing interest from its payment day. */
export interface ClaimInterestLine {
  principal: Money;
  paidOn: string;
  /** Late use (§ 49a (4) VwVfG): the day the money was used, the first day without interest. */
  usedOn?: string;
}

/**
 * What a recovery notice fixed: per claim line (in the claim's order) its calculation as the notice
 * stated it, up to the due day (late use: up to the use). It stands whatever the base-rate table
 * says later (ADR 0012); only the days after it are computed.
 */
export interface NoticeInterest {
  dueBy: string;
  lines: readonly RepaymentInterest[];
}

export interface ClaimInterestInput {
  /** The claim's lines: each paid-out amount to repay, bearing interest from its payment day. */
  lines: readonly ClaimInterestLine[];
  /** The principal repaid or waived so far, with the day it was. */
  settled: readonly PrincipalSettled[];
  /** The first day that bears no more interest (exclusive), e.g. the day of a payment. */
  until: string;
  baseRates: readonly BaseRatePeriod[];
  /** The recovery notice, once issued. */
  notice?: NoticeInterest;
}

export interface ClaimInterest {
  /**
   * Interest on each line up to `until`, one per input line in its order: with a notice, the
   * notice's lines up to its due day and then the days after it; without, from the payment day.
   */
  lines: RepaymentInterest[];
  /**
   * Interest no longer owed on each settled part, from the day it was settled (with a notice: from
   * the due day at the earliest) to `until`.
   */
  credits: RepaymentInterest[];
  /** The part of `total` the notice fixed (zero without a notice). */
  fixed: Money;
  total: Money;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * The interest a repayment claim has borne up to `until` (§ 49a (3) VwVfG: from the day of payment
 * to the day of repayment), on the principal as it was outstanding day by day: each line bears
 * interest from its payment day (late use: up to its use), and each part of the principal repaid or
 * waived stops bearing it from that day. All lines bear the same rate on a day, so which line a
 * repaid part came from does not matter.
 *
 * Once a notice is issued, its interest up to the due day stands as it fixed it, even when paid
 * before that day (the notice is a decision; a base rate recorded later does not change it): only
 * the days from the due day on are computed, on the principal outstanding then, less the parts
 * settled (from the due day, or their own day if later).
 *
 * Each line and credit is rounded on its own (`calculateRepaymentInterest`, half-up per line), so
 * the figures add up as printed; what is added beyond the notice is never below zero.
 */
export function accruedClaimInterest(input: ClaimInterestInput): ClaimInterest {
  const { until, baseRates, notice } = input;
  if (notice && notice.lines.length !== input.lines.length) {
    throw new RangeError('The notice must state one calculation per claim line');
  }
  const interest = (principal: Money, from: string, to: string): RepaymentInterest =>
    calculateRepaymentInterest({ principal, paidOn: from, repaidOn: to < from ? from : to, baseRates });

  const lines: RepaymentInterest[] = [];
  let beyond = Money.ZERO;
  for (const [i, line] of input.lines.entries()) {
    const end = line.usedOn ? earlier(line.usedOn, until) : until;
    const fixed = notice?.lines[i];
    if (!fixed) {
      // A line paid on or after `until` bears nothing yet (zero days), but keeps its place.
      const own = interest(line.principal, line.paidOn, end);
      lines.push(own);
      beyond = beyond.add(own.total);
      continue;
    }
    const after = interest(line.principal, later(line.paidOn, fixed.repaidOn), end);
    beyond = beyond.add(after.total);
    lines.push(
      after.days === 0
        ? fixed
        : {
            principal: fixed.principal,
            paidOn: fixed.paidOn,
            repaidOn: after.repaidOn,
            days: fixed.days + after.days,
            lines: [...fixed.lines, ...after.lines],
            total: fixed.total.add(after.total),
          },
    );
  }
  const creditsFrom = notice?.dueBy;
  const credits = input.settled
    .map((part) => ({ ...part, from: creditsFrom ? later(part.on, creditsFrom) : part.on }))
    .filter((part) => part.from < until && part.amount.isPositive())
    .map((part) => interest(part.amount, part.from, until));
  const fixed = Money.sum((notice?.lines ?? []).map((l) => l.total));
  const added = Money.max(beyond.subtract(Money.sum(credits.map((c) => c.total))), Money.ZERO);
  return { lines, credits, fixed, total: fixed.add(added) };
}
