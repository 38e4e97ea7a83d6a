import { ValidationError } from '../errors/domain-error';
import type { Locale } from '../errors/messages';
import { formatMoney } from '../format/money';

/** The range of PostgreSQL's `bigint`, where every amount is stored. */
const MAX_CENTS = 2n ** 63n - 1n;
const MIN_CENTS = -(2n ** 63n);

/**
 * `1.234,56`, `1234,5`, `-12`, `0,05 €`: digits grouped by dots in threes (or not grouped at all),
 * an optional decimal comma with one or two digits, an optional euro sign. Anything else (a third
 * decimal, a lone dot as decimal separator, `1.23,00`, a first group of zeros as in `0.500`) is
 * refused rather than guessed at.
 */
const GERMAN_AMOUNT = /^([+-]?)([1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/;
const EURO_SUFFIX = /[\s\u00a0\u202f]*€$/;

/**
 * An amount of euros as a whole number of cents (ARCHITECTURE.md, "Funds and money"). Immutable;
 * every operation is bigint arithmetic, so no amount ever passes through a binary float. The value
 * may be negative (a difference, a shortfall); ledger entries themselves only carry positive
 * amounts.
 */
export class Money {
  static readonly ZERO = new Money(0n);

  private constructor(readonly cents: bigint) {
    if (cents > MAX_CENTS || cents < MIN_CENTS) {
      throw new RangeError(`${cents} cents is outside the range a bigint column can hold`);
    }
  }

  /**
   * From cents: a bigint, a safe integer, or a string of digits (PostgreSQL returns `bigint`
   * columns as strings).
   */
  static fromCents(cents: bigint | number | string): Money {
    if (typeof cents === 'bigint') return new Money(cents);
    if (typeof cents === 'number') {
      if (!Number.isSafeInteger(cents)) {
        throw new RangeError(`Money must be a whole number of cents, got ${cents}`);
      }
      return new Money(BigInt(cents));
    }
    if (!/^[+-]?\d+$/.test(cents)) throw new RangeError(`Not a number of cents: "${cents}"`);
    return new Money(BigInt(cents));
  }

  /** Whole euros, e.g. `Money.euros(50_000)` for a Netzwerkfonds minimum. */
  static euros(euros: bigint | number): Money {
    return Money.fromCents(BigInt(euros) * 100n);
  }

  /**
   * Reads an amount as a German user types it (`1.234,56`, `1234,56 €`, `50.000`). Throws a
   * `ValidationError` (rule `germanAmount`) for `field` when the text is not such an amount.
   */
  static parseGerman(text: string, field = 'amount'): Money {
    const parsed = Money.tryParseGerman(text);
    if (!parsed) throw new ValidationError([{ field, rule: 'germanAmount' }]);
    return parsed;
  }

  /** As `parseGerman`, but answers `null` instead of throwing. */
  static tryParseGerman(text: string): Money | null {
    const match = GERMAN_AMOUNT.exec(text.trim().replace(EURO_SUFFIX, ''));
    if (!match) return null;
    const [, sign, euros = '0', fraction = ''] = match;
    const cents = BigInt(euros.replaceAll('.', '')) * 100n + BigInt(fraction.padEnd(2, '0'));
    const signed = sign === '-' ? -cents : cents;
    if (signed > MAX_CENTS || signed < MIN_CENTS) return null;
    return new Money(signed);
  }

  static sum(amounts: Iterable<Money>): Money {
    let total = 0n;
    for (const amount of amounts) total += amount.cents;
    return new Money(total);
  }

  static max(a: Money, b: Money): Money {
    return a.cents >= b.cents ? a : b;
  }

  static min(a: Money, b: Money): Money {
    return a.cents <= b.cents ? a : b;
  }

  add(other: Money): Money {
    return new Money(this.cents + other.cents);
  }

  subtract(other: Money): Money {
    return new Money(this.cents - other.cents);
  }

  negate(): Money {
    return new Money(-this.cents);
  }

  /** -1, 0 or 1, for sorting (`amounts.sort(Money.compare)`) and comparisons. */
  compare(other: Money): -1 | 0 | 1 {
    return this.cents < other.cents ? -1 : this.cents > other.cents ? 1 : 0;
  }

  static compare(a: Money, b: Money): -1 | 0 | 1 {
    return a.compare(b);
  }

  equals(other: Money): boolean {
    return this.cents === other.cents;
  }

  isGreaterThan(other: Money): boolean {
    return this.cents > other.cents;
  }

  isLessThan(other: Money): boolean {
    return this.cents < other.cents;
  }

  isZero(): boolean {
    return this.cents === 0n;
  }

  isPositive(): boolean {
    return this.cents > 0n;
  }

  isNegative(): boolean {
    return this.cents < 0n;
  }

  /** `1.234,56 €` (German) or `€1,234.56` (English). */
  format(locale: Locale): string {
    return formatMoney(this.cents, locale);
  }

  /** The cents as a decimal string: what a `bigint` query parameter and JSON carry. */
  toString(): string {
    return this.cents.toString();
  }

  /** JSON has no bigint; an amount travels as a string of cents (`"123456"`). */
  toJSON(): string {
    return this.cents.toString();
  }
}
