import { csvLine, csvText, csvValue, euroNumber, fileSlug, germanDate, germanDecimal } from './german-format';

describe('German export formats', () => {
  it('writes cents as a decimal comma number without grouping', () => {
    expect(germanDecimal('123456')).toBe('1234,56');
    expect(germanDecimal('5')).toBe('0,05');
    expect(germanDecimal(-5n)).toBe('-0,05');
    expect(germanDecimal('0')).toBe('0,00');
    expect(germanDecimal('9223372036854775807')).toBe('92233720368547758,07');
  });

  it('turns cents into the euro number a spreadsheet cell holds', () => {
    expect(euroNumber('123456')).toBe(1234.56);
    expect(euroNumber('-5')).toBe(-0.05);
    expect(euroNumber('10')).toBe(0.1);
    expect(euroNumber('50000000')).toBe(500000);
  });

  it('writes dates as day.month.year', () => {
    expect(germanDate('2026-11-22')).toBe('22.11.2026');
    expect(germanDate('2026-03-01T08:05:00')).toBe('01.03.2026');
    expect(() => germanDate('22.11.2026')).toThrow(RangeError);
  });

  it('quotes fields that hold the separator, quotes or line breaks', () => {
    expect(csvValue('Kiez; Nord')).toBe('"Kiez; Nord"');
    expect(csvValue('Der "Treff"')).toBe('"Der ""Treff"""');
    expect(csvValue('zwei\nZeilen')).toBe('"zwei\nZeilen"');
    expect(csvValue(null)).toBe('');
    expect(csvLine(['1', '2,50', ''])).toBe('1;2,50;\r\n');
  });

  it('keeps free text from being run as a formula', () => {
    expect(csvText('=HYPERLINK("http://example.org")')).toBe('"\'=HYPERLINK(""http://example.org"")"');
    expect(csvText('-Kürzung')).toBe("'-Kürzung");
    expect(csvText('Korrektur')).toBe('Korrektur');
  });

  it('makes ASCII file names from German fund names', () => {
    expect(fileSlug('Aktionsfonds Heerstraße Nord')).toBe('aktionsfonds-heerstrasse-nord');
    expect(fileSlug('Netzwerkfonds Neukölln')).toBe('netzwerkfonds-neukoelln');
    expect(fileSlug('***')).toBe('fonds');
  });
});
