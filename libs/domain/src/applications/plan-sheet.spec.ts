import { VALIDATION_MESSAGES } from '../errors/messages';
import { amountCellCents, csvPlanSheets, parseCsv, readPlanSheets, type SheetCell } from './plan-sheet';

const COST_HEADER = ['Kassenjahr', 'Kostenart', 'Beschreibung', 'Betrag (€)'];
const FINANCING_HEADER = ['Kassenjahr', 'Beantragte Fördermittel (€)', 'Eigenanteil (€)', 'Drittmittel (€)'];

/** Rows as a spreadsheet numbers them: the header is row 1. */
const sheet = (...rows: SheetCell[][]) => rows.map((cells, i) => ({ row: i + 1, cells }));
const rules = { programmeYear: 2027 };

describe('reading a cost and financing plan from a spreadsheet', () => {
  it('reads German amounts to cents without floating point: grouped, ungrouped, with and without €', () => {
    const cases: [SheetCell, string][] = [
      ['1.234,56', '123456'],
      ['1234,56', '123456'],
      ['1.234', '123400'],
      ['1.234,5 €', '123450'],
      ['€ 50.000,00', '5000000'],
      ['0,05', '5'],
      [1234.56, '123456'],
      // A formula's float result is read at the 15 digits Excel shows: 3 × 1.234,56 = 3.703,68 €.
      [3703.6800000000003, '370368'],
      [1000, '100000'],
    ];
    for (const [cell, cents] of cases)
      expect({ cell, read: amountCellCents(cell) }).toEqual({ cell, read: { value: cents } });
    for (const cell of ['1.23,00', '12,345', '1,234.56', 'zwölf', 12.345]) {
      expect({ cell, read: amountCellCents(cell) }).toEqual({ cell, read: { rule: 'germanAmount' } });
    }
    expect(amountCellCents('-10,00')).toEqual({ rule: 'notNegative' });
  });

  it('answers the lines of both plans, categories by German label or key, empty rows skipped', () => {
    const result = readPlanSheets(
      {
        costPlan: sheet(
          COST_HEADER,
          [2027, 'Personalkosten', 'Projektleitung', '10.000,00'],
          [null, '', '  ', null],
          ['2028', 'material', 'Lebensmittel', 5000],
        ),
        financingPlan: sheet(FINANCING_HEADER, [2027, '9.000', '1.000,00', '0'], [], [2028, 5000, 0, null]),
      },
      rules,
    );
    expect(result).toEqual({
      ok: true,
      plans: {
        costPlan: [
          { cashYear: 2027, category: 'personnel', description: 'Projektleitung', amountCents: '1000000' },
          { cashYear: 2028, category: 'material', description: 'Lebensmittel', amountCents: '500000' },
        ],
        financingPlan: [
          { cashYear: 2027, requestedCents: '900000', ownCents: '100000', thirdPartyCents: '0' },
          { cashYear: 2028, requestedCents: '500000', ownCents: '0' },
        ],
      },
    });
  });

  it('finds the columns by their header in any order', () => {
    const result = readPlanSheets(
      {
        costPlan: sheet(
          ['Betrag', 'Beschreibung', 'Kostenart', 'Kassenjahr'],
          ['250,00', 'Miete', 'Sachkosten', 2027],
        ),
      },
      rules,
    );
    expect(result).toEqual({
      ok: true,
      plans: {
        costPlan: [{ cashYear: 2027, category: 'material', description: 'Miete', amountCents: '25000' }],
      },
    });
  });

  it('lists every problem by sheet, row and column, and answers no lines', () => {
    const result = readPlanSheets(
      {
        costPlan: sheet(
          COST_HEADER,
          [2027, 'Personalkosten', 'Projektleitung', '10.000,00'],
          [2031, 'Reisekosten', 'Fahrt', '12,345'],
          [],
          ['zwanzig', 'Sachkosten', '', '-5'],
        ),
        financingPlan: sheet(FINANCING_HEADER, [2027, '9.000', '', ''], [2027, '1,00', '', '']),
      },
      rules,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: 'costPlan.row.3.cashYear',
          rule: 'cash_year_outside_programme',
          params: { cashYear: 2031, first: 2027, last: 2029 },
        },
        { field: 'costPlan.row.3.category', rule: 'sheetCategory' },
        { field: 'costPlan.row.3.amountCents', rule: 'germanAmount' },
        { field: 'costPlan.row.5.cashYear', rule: 'isInt' },
        { field: 'costPlan.row.5.description', rule: 'required' },
        { field: 'costPlan.row.5.amountCents', rule: 'notNegative' },
        { field: 'financingPlan.row.3.cashYear', rule: 'duplicate' },
      ],
    });
  });

  it('names a cell it cannot read, in any column, rather than taking it as text', () => {
    const unreadable = { unreadable: '#DATUM!' };
    const result = readPlanSheets(
      {
        costPlan: sheet(COST_HEADER, [2027, 'Sachkosten', unreadable, 1000], [unreadable, null, null, null]),
      },
      rules,
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.filter((p) => p.rule === 'sheetCellUnreadable')).toEqual([
      { field: 'costPlan.row.2.description', rule: 'sheetCellUnreadable' },
      { field: 'costPlan.row.3.cashYear', rule: 'sheetCellUnreadable' },
    ]);
  });

  it('names the columns a header lacks, and a file with neither plan', () => {
    expect(
      readPlanSheets({ costPlan: sheet(['Jahr', 'Kostenart', 'Beschreibung', 'Betrag']) }, rules),
    ).toEqual({
      ok: false,
      problems: [
        { field: 'costPlan.row.1.cashYear', rule: 'sheetColumnMissing', params: { header: 'Kassenjahr' } },
      ],
    });
    expect(readPlanSheets({}, rules)).toEqual({
      ok: false,
      problems: [{ field: 'file', rule: 'sheetNoPlan' }],
    });
  });

  it('keeps the schema’s limits: a cash year outside 2000–2100 and an over-long description', () => {
    const result = readPlanSheets(
      { costPlan: sheet(COST_HEADER, [1999, 'Honorare', 'x'.repeat(501), '1,00']) },
      rules,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'costPlan.row.2.cashYear', rule: 'min', params: { min: 2000 } },
        { field: 'costPlan.row.2.description', rule: 'maxLength', params: { max: 500 } },
      ],
    });
  });

  it('reads a CSV as German Excel writes it: semicolons, quotes, BOM, both tables one below the other', () => {
    const csv =
      '\ufeffKassenjahr;Kostenart;Beschreibung;Betrag (€)\r\n' +
      '2027;Honorare;"Moderation; zwei ""Abende"", mit\nVorbereitung";1.500,00\r\n' +
      ';;;\r\n' +
      'Kassenjahr;Beantragte Fördermittel (€);Eigenanteil (€);Drittmittel (€)\r\n' +
      '2027;1.500,00;0;0\r\n';
    const records = parseCsv(csv);
    expect(records[1]).toEqual({
      row: 2,
      cells: ['2027', 'Honorare', 'Moderation; zwei "Abende", mit\nVorbereitung', '1.500,00'],
    });
    expect(readPlanSheets(csvPlanSheets(records), rules)).toEqual({
      ok: true,
      plans: {
        costPlan: [
          {
            cashYear: 2027,
            category: 'fees',
            description: 'Moderation; zwei "Abende", mit\nVorbereitung',
            amountCents: '150000',
          },
        ],
        financingPlan: [{ cashYear: 2027, requestedCents: '150000', ownCents: '0', thirdPartyCents: '0' }],
      },
    });
  });

  it('reads a CSV with only the cost plan as that plan alone', () => {
    const records = parseCsv('Kassenjahr;Kostenart;Beschreibung;Betrag (€)\n2027;Sachkosten;Miete;100\n');
    const result = readPlanSheets(csvPlanSheets(records), rules);
    expect(result).toEqual({
      ok: true,
      plans: {
        costPlan: [{ cashYear: 2027, category: 'material', description: 'Miete', amountCents: '10000' }],
      },
    });
  });

  it('has a German and an English message for every problem it reports', () => {
    const reported = [
      readPlanSheets({}, rules),
      readPlanSheets({ costPlan: sheet(['Jahr']) }, rules),
      readPlanSheets(
        {
          costPlan: sheet(
            COST_HEADER,
            ['x', 'Reisen', 'x'.repeat(501), '-1'],
            [2040, '', '', '1,234'],
            [2027, 'Sachkosten', { unreadable: '#DATUM!' }, 1],
          ),
          financingPlan: sheet(FINANCING_HEADER, [1999, '', '', ''], [2027, '', '', ''], [2027, '', '', '']),
        },
        rules,
      ),
    ].flatMap((result) => (result.ok ? [] : result.problems.map((problem) => problem.rule)));
    const seen = new Set([...reported, 'sheetUnreadable']);
    expect(seen.size).toBeGreaterThan(10);
    expect([...seen].filter((rule) => !VALIDATION_MESSAGES[rule])).toEqual([]);
  });
});
