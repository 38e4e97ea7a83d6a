import { parseLorCsv } from './lor-csv';

const HEADER = 'PLR_ID;PLR_NAME;BZR_ID;BZR_NAME;PGR_ID;PGR_NAME;BEZ';

describe("reading Berlin's LOR table", () => {
  it('gives each Prognoseraum, Bezirksregion and Planungsraum once, parents before children', () => {
    const result = parseLorCsv(
      [
        HEADER,
        '05100101;Hakenfelde Nord;051001;Hakenfelde;0510;Spandau 1;05',
        '05100102;Hakenfelde Süd;051001;Hakenfelde;0510;Spandau 1;05',
        '05200629;Falkenhagener Feld Ost;052006;Falkenhagener Feld;0520;Spandau 2;05',
      ].join('\n'),
      '05',
    );
    expect(result.ok && result.areas.map((a) => [a.kind, a.code, a.name, a.parentCode])).toEqual([
      ['prognoseraum', '0510', 'Spandau 1', null],
      ['bezirksregion', '051001', 'Hakenfelde', '0510'],
      ['planungsraum', '05100101', 'Hakenfelde Nord', '051001'],
      ['planungsraum', '05100102', 'Hakenfelde Süd', '051001'],
      ['prognoseraum', '0520', 'Spandau 2', null],
      ['bezirksregion', '052006', 'Falkenhagener Feld', '0520'],
      ['planungsraum', '05200629', 'Falkenhagener Feld Ost', '052006'],
    ]);
  });

  it("skips other districts' rows and refuses codes that do not nest", () => {
    const result = parseLorCsv(
      [
        HEADER,
        '08100101;Köllnische Heide;081001;Neukölln;0810;Neukölln;08',
        '05100101;X;052001;Y;0510;Z;05',
      ].join('\n'),
      '05',
    );
    expect(result).toEqual({
      ok: false,
      problems: [{ row: 3, column: 'BZR_ID', rule: 'lorCodeNesting', params: { value: '052001' } }],
    });
  });

  it('names a wrong column', () => {
    const result = parseLorCsv('PLR_ID;PLR_NAME;BZR;BZR_NAME;PGR_ID;PGR_NAME;BEZ\n', '05');
    expect(!result.ok && result.problems[0]).toEqual({
      row: 1,
      column: 'BZR_ID',
      rule: 'csvColumnExpected',
      params: { found: 'BZR' },
    });
  });
});
