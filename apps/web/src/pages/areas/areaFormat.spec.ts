import { formatIndicator } from './areaFormat';

const base = { indicator: 'statusindex', year: 2023, class: null, unit: 'Index', source: 'Q', sample: false };

describe('indicator values on screen', () => {
  it('are written from the decimal string, in German with a comma, without trailing zeros', () => {
    expect(formatIndicator({ ...base, value: '-1.2300' }, 'de')).toBe('-1,23');
    expect(formatIndicator({ ...base, value: '-1.2300' }, 'en')).toBe('-1.23');
    expect(formatIndicator({ ...base, value: '12.0000' }, 'de')).toBe('12');
  });

  it('show the class where no value is given', () => {
    expect(formatIndicator({ ...base, value: null, class: 'niedrig/negativ' }, 'de')).toBe('niedrig/negativ');
  });
});
