/// <reference types="jest" />
import { formatBasisPoints, parsePercentToBasisPoints } from './basisPoints';

describe('percentages of the base-rate table, exact in basis points', () => {
  it('shows a rate the German way with a space before the sign, and the English way without', () => {
    expect(formatBasisPoints(362, 'de')).toBe('3,62\u00a0%');
    expect(formatBasisPoints(362, 'en')).toBe('3.62%');
    expect(formatBasisPoints(5, 'de')).toBe('0,05\u00a0%');
    expect(formatBasisPoints(0, 'de')).toBe('0,00\u00a0%');
  });

  it('shows a negative base rate (as in 2013–2022) with its sign', () => {
    expect(formatBasisPoints(-88, 'de')).toBe('-0,88\u00a0%');
    expect(formatBasisPoints(-162, 'en')).toBe('-1.62%');
  });

  it('reads what an administrator types, with a comma or a point, with or without the sign', () => {
    expect(parsePercentToBasisPoints('3,62')).toBe(362);
    expect(parsePercentToBasisPoints('3.62')).toBe(362);
    expect(parsePercentToBasisPoints(' 3,6 % ')).toBe(360);
    expect(parsePercentToBasisPoints('4')).toBe(400);
    expect(parsePercentToBasisPoints('-0,88')).toBe(-88);
    expect(parsePercentToBasisPoints('−0,88')).toBe(-88);
    expect(parsePercentToBasisPoints('0')).toBe(0);
  });

  it('refuses what is not a percentage with at most two decimals', () => {
    for (const input of ['', '3,625', 'drei', '3,6,2', '1.234,5', ',5', '-']) {
      expect(parsePercentToBasisPoints(input)).toBeNull();
    }
  });

  it('refuses rates beyond ±100 %, which the API refuses too', () => {
    expect(parsePercentToBasisPoints('100')).toBe(10_000);
    expect(parsePercentToBasisPoints('100,01')).toBeNull();
    expect(parsePercentToBasisPoints('-100,01')).toBeNull();
  });
});
