import { formatMoney } from './money';

// Intl puts a no-break space between amount and symbol, so "1.234,56 €" never wraps.
const nbsp = '\u00a0';

describe('formatMoney', () => {
  it('shows euros the German and the English way', () => {
    expect(formatMoney(123456, 'de')).toBe(`1.234,56${nbsp}€`);
    expect(formatMoney(123456, 'en')).toBe('€1,234.56');
  });

  it('shows zero and single cents with two decimals', () => {
    expect(formatMoney(0, 'de')).toBe(`0,00${nbsp}€`);
    expect(formatMoney(0, 'en')).toBe('€0.00');
    expect(formatMoney(5, 'de')).toBe(`0,05${nbsp}€`);
    expect(formatMoney(5n, 'en')).toBe('€0.05');
    expect(formatMoney(5_000_000, 'de')).toBe(`50.000,00${nbsp}€`);
  });

  it('shows negative amounts, including those under one euro', () => {
    expect(formatMoney(-1234567, 'de')).toBe(`-12.345,67${nbsp}€`);
    expect(formatMoney(-1234567, 'en')).toBe('-€12,345.67');
    expect(formatMoney(-5, 'de')).toBe(`-0,05${nbsp}€`);
    expect(formatMoney(-5n, 'en')).toBe('-€0.05');
  });

  it('stays exact far beyond what a float can hold', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'de')).toBe(`90.071.992.547.409,91${nbsp}€`);
    expect(formatMoney(9007199254740991n * 100n, 'de')).toBe(`9.007.199.254.740.991,00${nbsp}€`);
    expect(formatMoney(9007199254740991n * 100n + 99n, 'en')).toBe('€9,007,199,254,740,991.99');
    expect(formatMoney(-(9007199254740991n * 100n) - 1n, 'en')).toBe('-€9,007,199,254,740,991.01');
  });

  it('refuses amounts that are not whole cents', () => {
    expect(() => formatMoney(12.5, 'de')).toThrow(RangeError);
    expect(() => formatMoney(2 ** 53, 'de')).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, 'en')).toThrow(RangeError);
  });
});
