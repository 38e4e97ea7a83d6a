/// <reference types="jest" />
import { centsToAmountText, normaliseAmountText, parseGermanAmount, readAmountText } from './amountInput';

describe('German amount input', () => {
  it.each([
    ['1.234,56', '123456'],
    ['1234,56', '123456'],
    ['12500', '1250000'],
    ['12.500', '1250000'],
    ['12.500,5', '1250050'],
    ['0,07', '7'],
    [',5', null],
    ['12 500,00 €', '1250000'],
    ['1.234.567,89', '123456789'],
    ['99.999.999.999.999,99', '9999999999999999'],
  ])('reads "%s" as %s cents', (text, cents) => {
    expect(parseGermanAmount(text)).toBe(cents);
  });

  it.each(['1.5', '1,234', '-5', '1,2,3', 'zwölf', '1.23', '12.50,00', '', '1e3', '0x10', '1.234.56'])(
    'refuses "%s"',
    (text) => {
      expect(parseGermanAmount(text)).toBeNull();
    },
  );

  it('keeps amounts beyond 2^53 cents exact', () => {
    expect(parseGermanAmount('90.071.992.547.409,93')).toBe('9007199254740993');
    expect(centsToAmountText('9007199254740993')).toBe('90.071.992.547.409,93');
  });

  it.each([
    ['0', '0,00'],
    ['7', '0,07'],
    ['100', '1,00'],
    ['123456', '1.234,56'],
    ['100000000', '1.000.000,00'],
    ['000123', '1,23'],
  ])('shows %s cents as "%s"', (cents, text) => {
    expect(centsToAmountText(cents)).toBe(text);
  });

  it('refuses cents that are not a whole number', () => {
    expect(() => centsToAmountText('12.5')).toThrow(RangeError);
  });

  it('round-trips every shown amount', () => {
    for (const cents of ['0', '1', '99', '100', '123456', '50000000', '1500000001']) {
      expect(parseGermanAmount(centsToAmountText(cents))).toBe(cents);
    }
  });

  it('tells an empty field from an unreadable one', () => {
    expect(readAmountText('  ')).toEqual({ text: '  ', cents: '' });
    expect(readAmountText('1,5')).toEqual({ text: '1,5', cents: '150' });
    expect(readAmountText('1,555')).toEqual({ text: '1,555', cents: null });
  });

  it('shows a valid amount in its canonical form after leaving the field', () => {
    expect(normaliseAmountText('1234,5')).toBe('1.234,50');
    expect(normaliseAmountText('abc')).toBe('abc');
  });
});
