import { Money } from '../money/money';
import { addMonths, isCalendarDay } from './calendar-day';

/** Grants up to this total get longer prompt-use periods when their yearly instalments are small. */
export const SMALL_GRANT_LIMIT = Money.euros(50_000);

export interface PromptUseInput {
  /** The grant's total amount (the grant notice). */
  grantTotal: Money;
  /** The grant's instalment for the cash year of the payment. */
  yearlyInstalment: Money;
  /** Day of payment, `YYYY-MM-DD`. */
  paidOn: string;
}

/**
 * How many months called-off money may take to be spent (DOMAIN.md step 8):
 * normally 2; for grants up to 50 000 € 4 months when the yearly instalment is at most
 * 10 000 €, 3 months when it is at most 20 000 €. The limits are inclusive ("bis zu").
 */
export function promptUseMonths(grantTotal: Money, yearlyInstalment: Money): 2 | 3 | 4 {
  if (grantTotal.isGreaterThan(SMALL_GRANT_LIMIT)) return 2;
  if (!yearlyInstalment.isGreaterThan(Money.euros(10_000))) return 4;
  if (!yearlyInstalment.isGreaterThan(Money.euros(20_000))) return 3;
  return 2;
}

/**
 * The last day by which money paid on `paidOn` must be spent: the same day of the month
 * `promptUseMonths` later, or that month's last day when it is shorter (§ 188 (2), (3) BGB:
 * paid 31 October, four months → 28 February, or 29 in a leap year).
 */
export function promptUseDeadline({ grantTotal, yearlyInstalment, paidOn }: PromptUseInput): string {
  if (!isCalendarDay(paidOn)) throw new RangeError(`Not a calendar day: ${paidOn}`);
  return addMonths(paidOn, promptUseMonths(grantTotal, yearlyInstalment));
}

/** Why a reported day of use cannot be taken: `ValidationError` rules of the field `usedOn`. */
export type UseDayRule = 'notInFuture' | 'notBeforePayment';

/**
 * Whether `usedOn` can be the day a call-off's money was used: not after today (a use is
 * reported, not announced) and not before the money was paid. All days are `YYYY-MM-DD`, so they
 * compare as text; `today` is the Berlin calendar day.
 */
export function dayOfUseProblem(input: { usedOn: string; paidOn: string; today: string }): UseDayRule | null {
  if (input.usedOn > input.today) return 'notInFuture';
  if (input.usedOn < input.paidOn) return 'notBeforePayment';
  return null;
}

/**
 * A use after the prompt-use deadline: the money then bears interest from its payment to its use
 * (§ 49a Abs. 4 VwVfG). The deadline's own day is still in time.
 */
export function isLateUse(usedOn: string, spendBy: string | null): boolean {
  return spendBy !== null && usedOn > spendBy;
}
