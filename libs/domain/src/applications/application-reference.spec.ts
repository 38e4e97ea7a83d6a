import { parseApplicationReference } from './application-reference';

describe('application references', () => {
  it('read district, programme year and number', () => {
    expect(parseApplicationReference('NWF-SPA-2027-0014')).toEqual({
      districtCode: 'SPA',
      programmeYear: 2027,
      number: 14,
    });
  });

  it('grow beyond four digits instead of being cut', () => {
    expect(parseApplicationReference('NWF-NEU-2028-1000')?.number).toBe(1000);
    expect(parseApplicationReference('NWF-NEU-2028-12345')?.number).toBe(12345);
  });

  it('refuse the old global format, truncation artefacts and padding beyond four digits', () => {
    for (const wrong of [
      'NWF-2027-014',
      'NWF-SPA-2027-014',
      'NWF-SPA-2027-00014',
      'NWF-SPA-2027-0000',
      'NWF-spa-2027-0001',
    ]) {
      expect(parseApplicationReference(wrong)).toBeNull();
    }
  });
});
