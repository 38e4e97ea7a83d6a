import { formatIban, isValidIban, normaliseIban } from './iban';

describe('IBAN check', () => {
  it('accepts valid IBANs, typed in groups of four and in lower case', () => {
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('de89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(isValidIban('AT61 1904 3002 3457 3201')).toBe(true);
  });

  it('refuses a mistyped digit and two swapped neighbours', () => {
    expect(isValidIban('DE89370400440532013001')).toBe(false);
    expect(isValidIban('DE88370400440532013000')).toBe(false);
    expect(isValidIban('DE89370400440532031000')).toBe(false);
  });

  it('refuses a German IBAN of the wrong length, foreign characters and check digits never issued', () => {
    expect(isValidIban('DE8937040044053201300')).toBe(false);
    expect(isValidIban('DE893704004405320130000')).toBe(false);
    expect(isValidIban('DE89-3704-0044-0532-0130-00')).toBe(false);
    expect(isValidIban('')).toBe(false);
    // 01 ≡ 98 (mod 97): passes the remainder test, but no bank issues it.
    expect(isValidIban('DE98370400440000000042')).toBe(true);
    expect(isValidIban('DE01370400440000000042')).toBe(false);
  });

  it('stores IBANs without spaces, in upper case', () => {
    expect(normaliseIban(' de89 3704 0044\t0532 0130 00 ')).toBe('DE89370400440532013000');
  });
});

describe('formatIban', () => {
  it('groups the stored form in fours for reading', () => {
    expect(formatIban('de89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });
});
