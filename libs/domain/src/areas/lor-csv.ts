import type { CsvProblem } from './indicator-csv';
import { splitCsvRecords } from './csv-records';

/**
 * Berlin's LOR planning grid (Lebensweltlich orientierte Räume, 2021 edition) as the Senate
 * publishes it, one row per Planungsraum:
 * `PLR_ID;PLR_NAME;BZR_ID;BZR_NAME;PGR_ID;PGR_NAME;BEZ`
 * (8-digit Planungsraum, 6-digit Bezirksregion, 4-digit Prognoseraum, 2-digit district). The codes
 * nest: a Planungsraum's number starts with its Bezirksregion's, which starts with its
 * Prognoseraum's, which starts with the district's. Pure; the import writes what this returns.
 */
export const LOR_COLUMNS = ['PLR_ID', 'PLR_NAME', 'BZR_ID', 'BZR_NAME', 'PGR_ID', 'PGR_NAME', 'BEZ'] as const;

export interface LorArea {
  kind: 'prognoseraum' | 'bezirksregion' | 'planungsraum';
  code: string;
  name: string;
  parentCode: string | null;
}

export type LorCsvResult = { ok: true; areas: LorArea[] } | { ok: false; problems: CsvProblem[] };

const CODE_DIGITS = { PLR_ID: 8, BZR_ID: 6, PGR_ID: 4, BEZ: 2 } as const;

/** The grid of one district (`districtCode`, e.g. `05` for Spandau); rows of other districts are skipped. */
export function parseLorCsv(text: string, districtCode: string): LorCsvResult {
  const records = splitCsvRecords(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const header = records[0] ?? [];
  const headerProblems = LOR_COLUMNS.flatMap((column, i) =>
    header[i]?.trim() === column
      ? []
      : [{ row: 1, column, rule: 'csvColumnExpected', params: { found: header[i] ?? '' } }],
  );
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };

  const areas = new Map<string, LorArea>();
  const planningRows = new Map<string, number>();
  const problems: CsvProblem[] = [];
  records.slice(1).forEach((cells, index) => {
    const row = index + 2;
    if (cells.length !== LOR_COLUMNS.length) {
      problems.push({
        row,
        column: LOR_COLUMNS[Math.min(cells.length, LOR_COLUMNS.length - 1)]!,
        rule: 'csvCellCount',
        params: { expected: LOR_COLUMNS.length, found: cells.length },
      });
      return;
    }
    const [plr, plrName, bzr, bzrName, pgr, pgrName, bez] = cells.map((c) => c.trim()) as string[] as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const bezCode = bez.padStart(2, '0');
    if (bezCode !== districtCode) return;
    const rowProblems: CsvProblem[] = [];
    const codes = { PLR_ID: plr, BZR_ID: bzr, PGR_ID: pgr, BEZ: bezCode };
    for (const [column, digits] of Object.entries(CODE_DIGITS) as [keyof typeof CODE_DIGITS, number][]) {
      if (!new RegExp(`^\\d{${digits}}$`).test(codes[column])) {
        rowProblems.push({ row, column, rule: 'lorCode', params: { value: codes[column], digits } });
      }
    }
    for (const [column, name] of [
      ['PLR_NAME', plrName],
      ['BZR_NAME', bzrName],
      ['PGR_NAME', pgrName],
    ] as const) {
      if (name === '') rowProblems.push({ row, column, rule: 'required', params: {} });
    }
    if (rowProblems.length === 0) {
      if (!pgr.startsWith(bezCode))
        rowProblems.push({ row, column: 'PGR_ID', rule: 'lorCodeNesting', params: { value: pgr } });
      if (!bzr.startsWith(pgr))
        rowProblems.push({ row, column: 'BZR_ID', rule: 'lorCodeNesting', params: { value: bzr } });
      else if (!plr.startsWith(bzr))
        rowProblems.push({ row, column: 'PLR_ID', rule: 'lorCodeNesting', params: { value: plr } });
    }
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      return;
    }
    add(areas, { kind: 'prognoseraum', code: pgr, name: pgrName, parentCode: null });
    add(areas, { kind: 'bezirksregion', code: bzr, name: bzrName, parentCode: pgr });
    const firstRow = planningRows.get(plr);
    if (firstRow !== undefined) {
      problems.push({ row, column: 'PLR_ID', rule: 'csvDuplicate', params: { firstRow } });
      return;
    }
    planningRows.set(plr, row);
    add(areas, { kind: 'planungsraum', code: plr, name: plrName, parentCode: bzr });
  });
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 100) };
  return { ok: true, areas: [...areas.values()] };
}

function add(areas: Map<string, LorArea>, area: LorArea): void {
  if (!areas.has(area.code)) areas.set(area.code, area);
}

/** Berlin's twelve districts by their number in the LOR grid (`BEZ`). */
export const BERLIN_DISTRICT_NUMBERS: Readonly<Record<string, string>> = {
  Mitte: '01',
  'Friedrichshain-Kreuzberg': '02',
  Pankow: '03',
  'Charlottenburg-Wilmersdorf': '04',
  Spandau: '05',
  'Steglitz-Zehlendorf': '06',
  'Tempelhof-Schöneberg': '07',
  Neukölln: '08',
  'Treptow-Köpenick': '09',
  'Marzahn-Hellersdorf': '10',
  Lichtenberg: '11',
  Reinickendorf: '12',
};
