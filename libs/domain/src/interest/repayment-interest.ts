import { BusinessRuleError, ValidationError } from '../errors/domain-error';
import { Money } from '../money/money';

/**
 * Interest on money a carrier must repay (DOMAIN.md step 9; § 49a VwVfG with § 247 BGB): five
 * percentage points above the base rate (Basiszinssatz) per year, from the day of payment to the
 * day of repayment.
 *
 * Conventions, chosen to be explainable line by line to a carrier:
 * - **Days**: actual calendar days, from the payment day *inclusive* to the repayment day
 *   *exclusive* (paid 15.03., repaid 16.03. is one day; paid and repaid on the same day is none).
 *   Each day bears the base rate valid on that day, so the period is split where the base rate
 *   changes (by law on 1 January and 1 July). Table rows that repeat the previous rate are no change.
 * - **Year**: 365 days, also in leap years (actual/365 fixed), so one day's interest is
 *   principal × rate ÷ 365 everywhere.
 * - **Rounding**: each line is rounded to whole cents, half a cent up (half away from zero), and
 *   the total is the sum of the rounded lines, so the printed lines always add up to the total.
 */
export const REPAYMENT_INTEREST_SURCHARGE_BASIS_POINTS = 500;
export const INTEREST_DAYS_PER_YEAR = 365;

/** One row of the base-rate table: the rate valid from `validFrom` until the next row's date. */
export interface BaseRatePeriod {
  /** ISO date `YYYY-MM-DD`. */
  validFrom: string;
  /** Basis points (1 % = 100); the base rate may be negative (it was from 2013 to 2022). */
  rateBasisPoints: number;
}

export interface RepaymentInterestLine {
  /** First interest day, inclusive (ISO date). */
  from: string;
  /** Last interest day, inclusive (ISO date): the day before the next line starts or before repayment. */
  to: string;
  days: number;
  baseRateBasisPoints: number;
  /** Base rate plus the surcharge of 500 basis points. */
  rateBasisPoints: number;
  /** principal × rate × days ÷ 365, rounded half up to whole cents. */
  interest: Money;
}

export interface RepaymentInterest {
  principal: Money;
  /** Day of payment (ISO date), the first interest day. */
  paidOn: string;
  /** Day of repayment (ISO date), no longer an interest day. */
  repaidOn: string;
  days: number;
  lines: RepaymentInterestLine[];
  total: Money;
}

export interface RepaymentInterestInput {
  principal: Money;
  paidOn: string;
  repaidOn: string;
  baseRates: readonly BaseRatePeriod[];
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO calendar date; throws for anything that is not a real date. */
function dayNumber(iso: string, field: string): number {
  const match = ISO_DATE.exec(iso);
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const ms = Date.UTC(y, m - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d) {
      return ms / DAY_MS;
    }
  }
  throw new ValidationError([{ field, rule: 'isDateString' }]);
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** numerator ÷ denominator (denominator > 0) to the nearest integer, halves away from zero. */
function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const magnitude = (2n * (numerator < 0n ? -numerator : numerator) + denominator) / (2n * denominator);
  return numerator < 0n ? -magnitude : magnitude;
}

/** Interest of one stretch of days at one yearly rate, rounded to whole cents. */
export function interestForDays(principal: Money, rateBasisPoints: number, days: number): Money {
  if (!Number.isInteger(rateBasisPoints) || !Number.isInteger(days) || days < 0) {
    throw new RangeError('Rate (basis points) and days must be whole numbers, days not negative');
  }
  return Money.fromCents(
    divideRoundHalfUp(
      principal.cents * BigInt(rateBasisPoints) * BigInt(days),
      10_000n * BigInt(INTEREST_DAYS_PER_YEAR),
    ),
  );
}

/**
 * The repayment interest, line by line. Throws a `ValidationError` for malformed dates, a
 * repayment before the payment or a negative principal, and a `BusinessRuleError`
 * (`base_rate_missing`, with the first uncovered `date`) when the table does not reach back to the
 * payment day, or (`interest_out_of_range`) when the interest exceeds what a bigint of cents holds.
 */
export function calculateRepaymentInterest(input: RepaymentInterestInput): RepaymentInterest {
  const { principal, paidOn, repaidOn } = input;
  const start = dayNumber(paidOn, 'paidOn');
  const end = dayNumber(repaidOn, 'repaidOn');
  if (end < start) throw new ValidationError([{ field: 'repaidOn', rule: 'notBeforePayment' }]);
  if (principal.isNegative())
    throw new ValidationError([{ field: 'principal', rule: 'min', params: { min: 0 } }]);

  const periods = input.baseRates
    .map((period) => ({
      from: dayNumber(period.validFrom, 'validFrom'),
      rateBasisPoints: period.rateBasisPoints,
    }))
    .sort((a, b) => a.from - b.from);
  for (const [i, period] of periods.entries()) {
    if (!Number.isInteger(period.rateBasisPoints)) {
      throw new RangeError(`Base rate from ${isoDate(period.from)} is not a whole number of basis points`);
    }
    if (i > 0 && periods[i - 1]!.from === period.from) {
      throw new RangeError(`Two base rates from ${isoDate(period.from)}`);
    }
  }

  const lines: RepaymentInterestLine[] = [];
  if (end > start) {
    if (periods.length === 0 || periods[0]!.from > start) {
      throw new BusinessRuleError('base_rate_missing', { date: paidOn });
    }
    for (const [i, period] of periods.entries()) {
      const next = periods[i + 1]?.from ?? Number.POSITIVE_INFINITY;
      const from = Math.max(start, period.from);
      const until = Math.min(end, next);
      if (from >= until) continue;
      const previous = lines.at(-1);
      if (previous && previous.baseRateBasisPoints === period.rateBasisPoints) {
        // A table row repeating the rate is no change: one line, rounded once.
        previous.days += until - from;
        previous.to = isoDate(until - 1);
        continue;
      }
      lines.push({
        from: isoDate(from),
        to: isoDate(until - 1),
        days: until - from,
        baseRateBasisPoints: period.rateBasisPoints,
        rateBasisPoints: period.rateBasisPoints + REPAYMENT_INTEREST_SURCHARGE_BASIS_POINTS,
        interest: Money.ZERO,
      });
    }
  }
  let total: Money;
  try {
    for (const line of lines) line.interest = interestForDays(principal, line.rateBasisPoints, line.days);
    total = Money.sum(lines.map((line) => line.interest));
  } catch (error) {
    // A line or the total beyond bigint, the ledger's type: refused as the ledger refuses such sums,
    // with a code of its own, since here no fund's total is at stake but the amount and dates given.
    if (error instanceof RangeError) throw new BusinessRuleError('interest_out_of_range');
    throw error;
  }

  return { principal, paidOn, repaidOn, days: end - start, lines, total };
}
