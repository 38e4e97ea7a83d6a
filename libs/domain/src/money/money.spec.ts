import fc from 'fast-check';
import { ValidationError } from '../errors/domain-error';
import { Money } from './money';

const nbsp = '\u00a0';

describe('Money', () => {
  it('is built from cents given as bigint, safe integer or digit string', () => {
    expect(Money.fromCents(123456n).cents).toBe(123456n);
    expect(Money.fromCents(123456).cents).toBe(123456n);
    expect(Money.fromCents('123456').cents).toBe(123456n);
    expect(Money.fromCents('-5').cents).toBe(-5n);
    expect(Money.euros(50_000).cents).toBe(5_000_000n);
  });

  it('refuses fractions of a cent, unsafe numbers and non-numbers', () => {
    expect(() => Money.fromCents(1.5)).toThrow(RangeError);
    expect(() => Money.fromCents(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => Money.fromCents(Number.NaN)).toThrow(RangeError);
    expect(() => Money.fromCents('12.5')).toThrow(RangeError);
    expect(() => Money.fromCents('')).toThrow(RangeError);
  });

  it('stays within the range of a PostgreSQL bigint', () => {
    const max = Money.fromCents('9223372036854775807');
    expect(() => max.add(Money.fromCents(1))).toThrow(RangeError);
    expect(() => Money.fromCents('-9223372036854775809')).toThrow(RangeError);
  });

  it('adds, subtracts and compares exactly, far beyond float precision', () => {
    const a = Money.fromCents(9_007_199_254_740_993n); // 2^53 + 1: not representable as a double
    const b = Money.fromCents(1n);
    expect(a.add(b).cents).toBe(9_007_199_254_740_994n);
    expect(a.subtract(b).cents).toBe(9_007_199_254_740_992n);
    expect(a.compare(b)).toBe(1);
    expect(b.compare(a)).toBe(-1);
    expect(a.compare(Money.fromCents(9_007_199_254_740_993n))).toBe(0);
    expect(a.isGreaterThan(b)).toBe(true);
    expect(b.isLessThan(a)).toBe(true);
    expect(b.subtract(a).isNegative()).toBe(true);
    expect(Money.ZERO.isZero()).toBe(true);
    expect(b.isPositive()).toBe(true);
    expect(b.negate().cents).toBe(-1n);
  });

  it('sums, and picks the larger and the smaller of two amounts', () => {
    const amounts = [10, 20, 30].map((c) => Money.fromCents(c));
    expect(Money.sum(amounts).cents).toBe(60n);
    expect(Money.sum([]).cents).toBe(0n);
    expect(Money.max(amounts[0]!, amounts[2]!).cents).toBe(30n);
    expect(Money.min(amounts[0]!, amounts[2]!).cents).toBe(10n);
    expect([...amounts].reverse().sort(Money.compare).map(String)).toEqual(['10', '20', '30']);
  });

  it('formats the German and the English way and travels as a string of cents', () => {
    expect(Money.fromCents(123456).format('de')).toBe(`1.234,56${nbsp}€`);
    expect(Money.fromCents(123456).format('en')).toBe('€1,234.56');
    expect(JSON.stringify({ amount: Money.fromCents(123456) })).toBe('{"amount":"123456"}');
    expect(String(Money.fromCents(-7))).toBe('-7');
  });

  describe('parseGerman', () => {
    it.each([
      ['1.234,56', 123456n],
      ['1234,56', 123456n],
      ['1.234', 123400n],
      ['50.000', 5_000_000n],
      ['0,05', 5n],
      ['0,5', 50n],
      ['12', 1200n],
      ['-12,30', -1230n],
      ['+7,00', 700n],
      ['1.234,56 €', 123456n],
      [`1.234,56${nbsp}€`, 123456n],
      ['  99,99€ ', 9999n],
      ['1.000.000.000,01', 100_000_000_001n],
      ['92.233.720.368.547.758,07', 9_223_372_036_854_775_807n],
    ])('reads "%s" as %d cents', (text, cents) => {
      expect(Money.parseGerman(text).cents).toBe(cents);
    });

    it.each([
      '',
      '€',
      '1,234.56',
      '1.23',
      '1.2345',
      '12.34,5',
      '1,234',
      '1,',
      ',5',
      '1 234,56',
      '12e3',
      '0x10',
      '--1',
      '1.234,56 EUR',
      '92.233.720.368.547.758,08',
      // No German number starts with a group of zeros: 0.500 is someone's 0,50 or 500, never a guess.
      '0.500',
      '00.500,00',
      '-0.050',
    ])('refuses "%s"', (text) => {
      expect(Money.tryParseGerman(text)).toBeNull();
      expect(() => Money.parseGerman(text, 'requested')).toThrow(ValidationError);
    });

    it('names the field and the rule in the validation error', () => {
      try {
        Money.parseGerman('12,345', 'requested');
        throw new Error('expected a ValidationError');
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).details).toEqual([{ field: 'requested', rule: 'germanAmount' }]);
      }
    });

    it('reads back exactly what formatMoney writes, for any amount', () => {
      fc.assert(
        fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (cents) => {
          const money = Money.fromCents(cents);
          expect(Money.parseGerman(money.format('de')).cents).toBe(cents);
        }),
      );
    });
  });
});
