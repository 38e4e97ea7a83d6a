import { parseIndicatorCsv, type KnownArea } from './indicator-csv';

const AREAS: KnownArea[] = [
  { id: 'a-1', code: '05100101', name: 'Hakenfelde Nord', kind: 'planungsraum' },
  { id: 'a-2', code: '05200629', name: 'Falkenhagener Feld Ost', kind: 'planungsraum' },
  { id: 'q-1', code: null, name: 'Spandauer Neustadt', kind: 'qm_area' },
];

const MONITORING_HEADER = 'PLR_ID;PLR_NAME;Jahr;Statusindex;Dynamikindex;Status-Dynamik-Index';
const GENERIC_HEADER = 'Gebiet;Jahr;Indikator;Wert;Einheit;Quelle';

function lines(...rows: string[]): string {
  return rows.join('\r\n') + '\r\n';
}

describe('reading an indicator table', () => {
  it("reads Berlin's monitoring layout with German decimals, BOM and all: three indicators per Planungsraum", () => {
    const result = parseIndicatorCsv(
      '\uFEFF' + lines(MONITORING_HEADER, '05200629;Falkenhagener Feld Ost;2023;-1,23;0,5;niedrig/negativ'),
      AREAS,
    );
    expect(result).toEqual({
      ok: true,
      layout: 'monitoring',
      rows: [
        {
          row: 2,
          areaId: 'a-2',
          year: 2023,
          indicator: 'statusindex',
          value: '-1.23',
          class: null,
          unit: 'Index',
          source: 'Monitoring Soziale Stadtentwicklung',
        },
        {
          row: 2,
          areaId: 'a-2',
          year: 2023,
          indicator: 'dynamikindex',
          value: '0.5',
          class: null,
          unit: 'Index',
          source: 'Monitoring Soziale Stadtentwicklung',
        },
        {
          row: 2,
          areaId: 'a-2',
          year: 2023,
          indicator: 'status_dynamik_index',
          value: null,
          class: 'niedrig/negativ',
          unit: 'Klasse',
          source: 'Monitoring Soziale Stadtentwicklung',
        },
      ],
    });
  });

  it("reads a district's own table: any named indicator with unit and source, area by code or name", () => {
    const result = parseIndicatorCsv(
      lines(
        GENERIC_HEADER,
        '"Spandauer Neustadt";2024;Kinderarmut;"1.234,5";%;Bezirksamt Spandau',
        '05100101;2024;Arbeitslosigkeit;12;%;"Amt für Statistik; Tabelle 3"',
      ),
      AREAS,
    );
    expect(result.ok && result.rows).toEqual([
      expect.objectContaining({
        row: 2,
        areaId: 'q-1',
        indicator: 'Kinderarmut',
        value: '1234.5',
        unit: '%',
      }),
      expect.objectContaining({ row: 3, areaId: 'a-1', value: '12', source: 'Amt für Statistik; Tabelle 3' }),
    ]);
  });

  it('refuses a wrong column in the header, naming row 1 and the column', () => {
    const result = parseIndicatorCsv(
      lines(
        'PLR_ID;PLR_NAME;Jahr;Status;Dynamikindex;Status-Dynamik-Index',
        '05200629;X;2023;1;1;hoch/stabil',
      ),
      AREAS,
    );
    expect(result).toEqual({
      ok: false,
      problems: [{ row: 1, column: 'Statusindex', rule: 'csvColumnExpected', params: { found: 'Status' } }],
    });
  });

  it('refuses a header it does not know at all', () => {
    const result = parseIndicatorCsv(lines('Name,Wert', 'x,1'), AREAS);
    expect(result).toEqual({
      ok: false,
      problems: [{ row: 1, column: 'Name,Wert', rule: 'csvLayoutUnknown', params: {} }],
    });
  });

  it('names the row and column of an unknown area, a bad number and a bad year, all at once', () => {
    const result = parseIndicatorCsv(
      lines(
        MONITORING_HEADER,
        '99999999;Nirgendwo;2023;1,0;1,0;hoch/stabil',
        '05200629;Falkenhagener Feld Ost;2023;1.2.3;1,0;hoch/stabil',
        '05100101;Hakenfelde Nord;23;1,0;1,0;hoch/stabil',
      ),
      AREAS,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      { row: 2, column: 'PLR_ID', rule: 'csvUnknownArea', params: { value: '99999999' } },
      { row: 3, column: 'Statusindex', rule: 'csvDecimal', params: { value: '1.2.3' } },
      { row: 4, column: 'Jahr', rule: 'csvYear', params: { value: '23' } },
    ]);
  });

  it('finds a Planungsraum only among Planungsräume in the monitoring layout', () => {
    const result = parseIndicatorCsv(
      lines(MONITORING_HEADER, 'Spandauer Neustadt;x;2023;1;1;hoch/stabil'),
      AREAS,
    );
    expect(!result.ok && result.problems[0]).toMatchObject({
      row: 2,
      column: 'PLR_ID',
      rule: 'csvUnknownArea',
    });
  });

  it('refuses a row with too few cells, an empty required cell and a duplicate', () => {
    const result = parseIndicatorCsv(
      lines(
        GENERIC_HEADER,
        'Spandauer Neustadt;2024;Kinderarmut;12;%',
        'Spandauer Neustadt;2024;;12;%;Quelle',
        'Spandauer Neustadt;2024;Kinderarmut;12;%;Quelle',
        'spandauer neustadt;2024;Kinderarmut;13;%;Quelle',
      ),
      AREAS,
    );
    expect(!result.ok && result.problems).toEqual([
      { row: 2, column: 'Quelle', rule: 'csvCellCount', params: { expected: 6, found: 5 } },
      { row: 3, column: 'Indikator', rule: 'required', params: {} },
      { row: 5, column: 'Indikator', rule: 'csvDuplicate', params: { firstRow: 4 } },
    ]);
  });

  it('refuses a file without data rows', () => {
    expect(parseIndicatorCsv(lines(GENERIC_HEADER), AREAS)).toEqual({
      ok: false,
      problems: [{ row: 2, column: 'Gebiet', rule: 'csvNoRows', params: {} }],
    });
  });
});

describe('German decimals', () => {
  it.each([
    ['1,23', '1.23'],
    ['-0,5', '-0.5'],
    ['1.234.567,0001', '1234567.0001'],
    ['12', '12'],
    ['0,10', '0.1'],
  ])('reads %s as %s', (input, expected) => {
    const result = parseIndicatorCsv(lines(GENERIC_HEADER, `05100101;2024;X;${input};%;Q`), AREAS);
    expect(result.ok && result.rows[0]!.value).toBe(expected);
  });

  it.each(['1.23', '1,23456', '1e3', '', 'abc', '12,'])('refuses %p', (input) => {
    const result = parseIndicatorCsv(lines(GENERIC_HEADER, `05100101;2024;X;${input};%;Q`), AREAS);
    expect(!result.ok && result.problems[0]).toMatchObject({ row: 2, column: 'Wert' });
  });
});
