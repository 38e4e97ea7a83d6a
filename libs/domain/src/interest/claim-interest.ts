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

export interface ClaimInterestInput {
  /** The claim's lines: each paid-out amount to repay, bearing interest from its payment day. */
  lines: readonly { principal: Money; paidOn: string }[];
  /** The principal repaid or waived so far, with the day it was. */
  settled: readonly PrincipalSettled[];
  /** The first day that bears no more interest (exclusive), e.g. the day of a payment. */
  until: string;
  baseRates: readonly BaseRatePeriod[];
}

export interface ClaimInterest {
  /** Interest on each line from its payment day to `until`. */
  lines: RepaymentInterest[];
  /** Interest no longer owed on each settled part, from the day it was settled to `until`. */
  credits: RepaymentInterest[];
  total: Money;
}

/**
 * The interest a repayment claim has borne up to `until` (§ 49a (3) VwVfG: from the day of payment
 * to the day of repayment), on the principal as it was outstanding day by day: each line bears
 * interest from its payment day, and each part of the principal repaid or waived stops bearing it
 * from that day. All lines bear the same rate on a day, so which line a repaid part came from does
 * not matter. Each line and credit is rounded on its own (`calculateRepaymentInterest`), so the
 * figures add up as printed; the total is never below zero.
 */
export function accruedClaimInterest(input: ClaimInterestInput): ClaimInterest {
  const { until, baseRates } = input;
  const lines = input.lines
    .filter((line) => line.paidOn < until)
    .map((line) =>
      calculateRepaymentInterest({
        principal: line.principal,
        paidOn: line.paidOn,
        repaidOn: until,
        baseRates,
      }),
    );
  const credits = input.settled
    .filter((part) => part.on < until && part.amount.isPositive())
    .map((part) =>
      calculateRepaymentInterest({ principal: part.amount, paidOn: part.on, repaidOn: until, baseRates }),
    );
  const total = Money.sum(lines.map((l) => l.total)).subtract(Money.sum(credits.map((c) => c.total)));
  return { lines, credits, total: Money.max(total, Money.ZERO) };
}
