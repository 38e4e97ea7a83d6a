import { formatBasisPoints } from './interest-view';

describe('percentages from basis points', () => {
  it('are exact in German and English, negative base rates included', () => {
    expect(formatBasisPoints(862, 'de')).toBe('8,62 %');
    expect(formatBasisPoints(500, 'en')).toBe('5.00%');
    expect(formatBasisPoints(5, 'de')).toBe('0,05 %');
    expect(formatBasisPoints(-88, 'de')).toBe('-0,88 %');
    expect(formatBasisPoints(-125, 'en')).toBe('-1.25%');
  });
});
