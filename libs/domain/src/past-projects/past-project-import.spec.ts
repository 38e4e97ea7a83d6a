import {
  parseGermanDay,
  parsePastProjects,
  pastProjectCsvGrid,
  pastProjectTemplateCsv,
} from './past-project-import';

const HEADER = 'Fonds;Jahr;Träger;Titel;Betrag;Beginn;Ende;Gebiet;Vorgänger';
const context = {
  areas: [{ id: 'area-1', code: '05200629', name: 'Falkenhagener Feld', kind: 'qm_area' }],
  organisations: [
    { id: 'org-1', name: 'Kiezküche e. V.' },
    { id: 'org-2', name: 'Nachbarschaftshaus gGmbH' },
  ],
};

function parse(...lines: string[]) {
  return parsePastProjects(pastProjectCsvGrid(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`), context);
}

describe('parsePastProjects', () => {
  it('reads rows of all four fund kinds by German name or key, with German amounts and dates', () => {
    const result = parse(
      'Netzwerkfonds;2021;Kiezküche e. V.;Kochen im Kiez;12.345,67;01.01.2021;31.12.2021;Falkenhagener Feld;',
      'Aktionsfonds;2022;kiezküche e. v.;Kochen im Kiez;1.000 €;01.01.2022;31.12.2022;05200629;2',
      'projektfonds;2022;Nachbarschaftshaus gGmbH;Hofgarten;500;1.3.2022;30.11.2022;Falkenhagener Feld;',
      'Baufonds;2023;Nachbarschaftshaus gGmbH;Spielplatz;250.000,00;01.04.2023;31.03.2024;Falkenhagener Feld;',
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          row: 2,
          fundKind: 'netzwerkfonds',
          programmeYear: 2021,
          organisationId: 'org-1',
          title: 'Kochen im Kiez',
          amountCents: 1_234_567n,
          periodStart: '2021-01-01',
          periodEnd: '2021-12-31',
          areaId: 'area-1',
          predecessorRow: null,
        },
        expect.objectContaining({
          row: 3,
          fundKind: 'aktionsfonds',
          amountCents: 100_000n,
          predecessorRow: 2,
        }),
        expect.objectContaining({
          row: 4,
          fundKind: 'projektfonds',
          periodStart: '2022-03-01',
          organisationId: 'org-2',
        }),
        expect.objectContaining({
          row: 5,
          fundKind: 'baufonds',
          amountCents: 25_000_000n,
          periodEnd: '2024-03-31',
        }),
      ],
    });
  });

  it('lists every problem by row and column', () => {
    const result = parse(
      'Quartiersfonds;21;Unbekannt e. V.;Titel;-5;31.02.2021;01.01.2021;Nirgendwo;',
      'Aktionsfonds;2022;Kiezküche e. V.;;10;01.01.2022;31.12.2022;Falkenhagener Feld;9',
      'Aktionsfonds;2022;Kiezküche e. V.;Titel;10;01.06.2022;31.05.2022;Falkenhagener Feld;',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(({ row, column, rule }) => ({ row, column, rule }))).toEqual([
      { row: 2, column: 'Fonds', rule: 'csvUnknownFund' },
      { row: 2, column: 'Jahr', rule: 'csvYear' },
      { row: 2, column: 'Träger', rule: 'csvUnknownOrganisation' },
      { row: 2, column: 'Betrag', rule: 'csvAmount' },
      { row: 2, column: 'Beginn', rule: 'csvDate' },
      { row: 2, column: 'Gebiet', rule: 'csvUnknownArea' },
      { row: 3, column: 'Titel', rule: 'required' },
      { row: 4, column: 'Ende', rule: 'notBeforeStart' },
    ]);
  });

  it('refuses a predecessor that is not an earlier row of the same carrier', () => {
    const result = parse(
      'Aktionsfonds;2021;Kiezküche e. V.;A;10;01.01.2021;31.12.2021;Falkenhagener Feld;',
      'Aktionsfonds;2022;Nachbarschaftshaus gGmbH;B;10;01.01.2022;31.12.2022;Falkenhagener Feld;2',
      'Aktionsfonds;2022;Kiezküche e. V.;C;10;01.01.2022;31.12.2022;Falkenhagener Feld;4',
    );
    expect(result.ok || result.problems).toEqual([
      expect.objectContaining({ row: 3, column: 'Vorgänger', rule: 'csvPredecessorOtherCarrier' }),
      expect.objectContaining({ row: 4, column: 'Vorgänger', rule: 'csvPredecessorRow' }),
    ]);
  });

  it('names a wrong header and a file without rows', () => {
    const wrong = parsePastProjects([['Fonds', 'Jahr', 'Traeger']], context);
    expect(wrong.ok || wrong.problems[0]).toEqual(
      expect.objectContaining({ row: 1, column: 'Träger', rule: 'csvColumnExpected' }),
    );
    expect(parse()).toEqual({
      ok: false,
      problems: [expect.objectContaining({ row: 2, rule: 'csvNoRows' })],
    });
  });
});

describe('parseGermanDay', () => {
  it('reads dd.mm.yyyy and refuses days that do not exist', () => {
    expect(parseGermanDay('22.11.2026')).toBe('2026-11-22');
    expect(parseGermanDay('29.02.2023')).toBeNull();
    expect(parseGermanDay('2026-11-22')).toBeNull();
  });
});

describe('parsePastProjects with blank rows', () => {
  it('skips a blank row and keeps the numbers of the rows after it', () => {
    const grid = [
      HEADER.split(';'),
      ['', '', '', '', '', '', '', '', ''],
      ['Aktionsfonds', '2021', 'Kiezküche e. V.', 'A', '10', '01.01.2021', '31.12.2021', '05200629', ''],
      ['Aktionsfonds', '2022', 'Kiezküche e. V.', 'A', '10', '01.01.2022', '31.12.2022', '05200629', '3'],
    ];
    const result = parsePastProjects(grid, context);
    expect(result.ok && result.rows.map((r) => [r.row, r.predecessorRow])).toEqual([
      [3, null],
      [4, 3],
    ]);
  });
});

describe('pastProjectTemplateCsv', () => {
  it('is the header the import reads, and refused unfilled as having no rows', () => {
    const template = pastProjectTemplateCsv();
    expect(template.startsWith('\uFEFF')).toBe(true);
    expect(pastProjectCsvGrid(template)[0]).toEqual(HEADER.split(';'));
    expect(parsePastProjects(pastProjectCsvGrid(template), context)).toEqual({
      ok: false,
      problems: [{ row: 2, column: 'Fonds', rule: 'csvNoRows', params: {} }],
    });
  });
});
