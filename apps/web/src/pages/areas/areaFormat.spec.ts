import { formatIndicator, shadeIndex } from './areaFormat';

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

describe('map shades', () => {
  it('spread the values over five shades, the largest darkest', () => {
    expect([-2, -1, 0, 1, 2].map((v) => shadeIndex(v, -2, 2))).toEqual([0, 1, 2, 3, 4]);
    expect(shadeIndex(-1.9, -2, 2)).toBe(0);
  });

  it('give every area the lightest shade when all values are equal', () => {
    expect(shadeIndex(0, 0, 0)).toBe(0);
  });
});
