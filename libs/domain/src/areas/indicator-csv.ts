/**
 * Reading an indicator table (issue 21): pure, no I/O. Two layouts, told apart by the header:
 *
 * - Berlin's Monitoring Soziale Stadtentwicklung, one row per Planungsraum:
 *   `PLR_ID;PLR_NAME;Jahr;Statusindex;Dynamikindex;Status-Dynamik-Index`
 *   (the last column is the class, e.g. `niedrig/negativ`). Each row gives three indicators.
 * - A district's own table, one row per area, year and indicator:
 *   `Gebiet;Jahr;Indikator;Wert;Einheit;Quelle` (`Gebiet` is a LOR code or an area's name).
 *
 * Cells are separated by `;`, may be quoted with `"`, numbers are German (`1.234,56`). A file is
 * taken whole or not at all, so every problem is collected and named by row (1 = header) and column.
 */
import { ValidationError } from '../errors/domain-error';
import { splitCsvRecords } from './csv-records';

export type IndicatorLayout = 'monitoring' | 'generic';

export interface KnownArea {
  id: string;
  /** The LOR number (e.g. `05200629` for a Planungsraum), if the area is part of the grid. */
  code: string | null;
  name: string;
  kind: string;
}

export interface IndicatorRow {
  /** The file's row the value came from (1 = header). */
  row: number;
  areaId: string;
  year: number;
  indicator: string;
  /** The value as a decimal string with a dot and at most four decimals, or null for a class only. */
  value: string | null;
  class: string | null;
  unit: string;
  source: string;
}

export interface CsvProblem {
  row: number;
  column: string;
  rule: string;
  params: Record<string, string | number>;
}

export type IndicatorCsvResult =
  { ok: true; layout: IndicatorLayout; rows: IndicatorRow[] } | { ok: false; problems: CsvProblem[] };

export const MONITORING_COLUMNS = [
  'PLR_ID',
  'PLR_NAME',
  'Jahr',
  'Statusindex',
  'Dynamikindex',
  'Status-Dynamik-Index',
] as const;
export const GENERIC_COLUMNS = ['Gebiet', 'Jahr', 'Indikator', 'Wert', 'Einheit', 'Quelle'] as const;

export const MONITORING_SOURCE = 'Monitoring Soziale Stadtentwicklung';
/** Keys of the indicators the monitoring layout yields; the table sorts by them. */
export const MONITORING_INDICATORS = ['statusindex', 'dynamikindex', 'status_dynamik_index'] as const;

/** Bounds so a file cannot make the API work without end (TRUST.md, "Bad input and abuse"). */
export const MAX_INDICATOR_ROWS = 20_000;
const MAX_CELL_LENGTH = 300;
/** More problems than this say nothing new; the list stops there. */
const MAX_PROBLEMS = 100;
export const MIN_INDICATOR_YEAR = 1990;
export const MAX_INDICATOR_YEAR = 2100;

export function parseIndicatorCsv(text: string, areas: readonly KnownArea[]): IndicatorCsvResult {
  const records = splitCsvRecords(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const header = records[0] ?? [''];
  const layout = layoutOf(header);
  if (!layout) {
    return { ok: false, problems: [problem(1, header.join(';'), 'csvLayoutUnknown')] };
  }
  const columns: readonly string[] = layout === 'monitoring' ? MONITORING_COLUMNS : GENERIC_COLUMNS;
  const headerProblems = columns.flatMap((column, i) =>
    header[i]?.trim() === column ? [] : [problem(1, column, 'csvColumnExpected', { found: header[i] ?? '' })],
  );
  if (header.length > columns.length) {
    headerProblems.push(problem(1, header[columns.length]!, 'csvColumnUnexpected'));
  }
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };

  const data = records.slice(1);
  if (data.length === 0) return { ok: false, problems: [problem(2, columns[0]!, 'csvNoRows')] };
  if (data.length > MAX_INDICATOR_ROWS) {
    return {
      ok: false,
      problems: [problem(MAX_INDICATOR_ROWS + 2, columns[0]!, 'csvTooManyRows', { max: MAX_INDICATOR_ROWS })],
    };
  }

  const lookup = areaLookup(areas);
  const problems: CsvProblem[] = [];
  const rows: IndicatorRow[] = [];
  const seen = new Map<string, number>();
  data.forEach((cells, index) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const row = index + 2;
    const found =
      layout === 'monitoring' ? monitoringRow(row, cells, lookup) : genericRow(row, cells, lookup);
    if (!found.ok) {
      problems.push(...found.problems);
      return;
    }
    for (const parsed of found.rows) {
      const key = `${parsed.areaId}|${parsed.year}|${parsed.indicator.toLowerCase()}`;
      const firstRow = seen.get(key);
      if (firstRow !== undefined) {
        problems.push(
          problem(row, layout === 'monitoring' ? 'PLR_ID' : 'Indikator', 'csvDuplicate', { firstRow }),
        );
        return;
      }
      seen.set(key, row);
    }
    rows.push(...found.rows);
  });
  return problems.length > 0
    ? { ok: false, problems: problems.slice(0, MAX_PROBLEMS) }
    : { ok: true, layout, rows };
}

/**
 * A German number as a decimal string with a dot (`1.234,5` → `1234.5`), or null. At most four
 * decimals, as the column holds them; a dot is only ever a thousands separator, so `1.23` is refused
 * rather than guessed at.
 */
export function parseGermanDecimal(input: string): string | null {
  const match = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,4}))?$/.exec(input.trim().replace(/^\u2212/, '-'));
  if (!match) return null;
  const integer = match[2]!.replace(/\./g, '').replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (integer.length > 10) return null;
  const sign = match[1] && (integer !== '0' || fraction !== '') ? '-' : '';
  return `${sign}${integer}${fraction ? `.${fraction}` : ''}`;
}

type RowResult = { ok: true; rows: IndicatorRow[] } | { ok: false; problems: CsvProblem[] };

interface AreaLookup {
  byCode: Map<string, KnownArea>;
  byName: Map<string, KnownArea>;
}

function areaLookup(areas: readonly KnownArea[]): AreaLookup {
  const byCode = new Map<string, KnownArea>();
  const byName = new Map<string, KnownArea>();
  for (const area of areas) {
    if (area.code) byCode.set(area.code, area);
    byName.set(area.name.trim().toLowerCase(), area);
  }
  return { byCode, byName };
}

function monitoringRow(row: number, cells: string[], lookup: AreaLookup): RowResult {
  const checked = checkCells(row, cells, MONITORING_COLUMNS);
  if (!checked.ok) return checked;
  const [code, , yearText, status, dynamics, klass] = checked.cells as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const problems: CsvProblem[] = [];
  const area = lookup.byCode.get(code);
  if (!area || area.kind !== 'planungsraum')
    problems.push(problem(row, 'PLR_ID', 'csvUnknownArea', { value: code }));
  const year = yearOf(row, yearText, problems);
  const statusValue = decimalOf(row, 'Statusindex', status, problems);
  const dynamicsValue = decimalOf(row, 'Dynamikindex', dynamics, problems);
  if (problems.length > 0 || !area || year === null) return { ok: false, problems };
  const common = { row, areaId: area.id, year, source: MONITORING_SOURCE };
  return {
    ok: true,
    rows: [
      { ...common, indicator: 'statusindex', value: statusValue, class: null, unit: 'Index' },
      { ...common, indicator: 'dynamikindex', value: dynamicsValue, class: null, unit: 'Index' },
      { ...common, indicator: 'status_dynamik_index', value: null, class: klass, unit: 'Klasse' },
    ],
  };
}

function genericRow(row: number, cells: string[], lookup: AreaLookup): RowResult {
  const checked = checkCells(row, cells, GENERIC_COLUMNS);
  if (!checked.ok) return checked;
  const [areaRef, yearText, indicator, valueText, unit, source] = checked.cells as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const problems: CsvProblem[] = [];
  const area = lookup.byCode.get(areaRef) ?? lookup.byName.get(areaRef.toLowerCase());
  if (!area) problems.push(problem(row, 'Gebiet', 'csvUnknownArea', { value: areaRef }));
  const year = yearOf(row, yearText, problems);
  const value = decimalOf(row, 'Wert', valueText, problems);
  if (problems.length > 0 || !area || year === null) return { ok: false, problems };
  return { ok: true, rows: [{ row, areaId: area.id, year, indicator, value, class: null, unit, source }] };
}

/** The row's cells trimmed, or the problems: a wrong number of cells, an empty or overlong one. */
function checkCells(
  row: number,
  cells: string[],
  columns: readonly string[],
): { ok: true; cells: string[] } | { ok: false; problems: CsvProblem[] } {
  if (cells.length !== columns.length) {
    const column = columns[Math.min(cells.length, columns.length - 1)]!;
    return {
      ok: false,
      problems: [problem(row, column, 'csvCellCount', { expected: columns.length, found: cells.length })],
    };
  }
  const trimmed = cells.map((cell) => cell.trim());
  const problems: CsvProblem[] = [];
  trimmed.forEach((cell, i) => {
    if (cell === '') problems.push(problem(row, columns[i]!, 'required'));
    else if (cell.length > MAX_CELL_LENGTH || hasControlCharacter(cell)) {
      problems.push(problem(row, columns[i]!, 'csvCellInvalid', { max: MAX_CELL_LENGTH }));
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, cells: trimmed };
}

function yearOf(row: number, text: string, problems: CsvProblem[]): number | null {
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (year >= MIN_INDICATOR_YEAR && year <= MAX_INDICATOR_YEAR) return year;
  problems.push(problem(row, 'Jahr', 'csvYear', { value: text }));
  return null;
}

function decimalOf(row: number, column: string, text: string, problems: CsvProblem[]): string | null {
  const value = parseGermanDecimal(text);
  if (value === null) problems.push(problem(row, column, 'csvDecimal', { value: text }));
  return value;
}

function layoutOf(header: string[]): IndicatorLayout | null {
  const first = header[0]?.trim();
  if (first === MONITORING_COLUMNS[0]) return 'monitoring';
  if (first === GENERIC_COLUMNS[0]) return 'generic';
  return null;
}

function problem(
  row: number,
  column: string,
  rule: string,
  params: Record<string, string | number> = {},
): CsvProblem {
  return { row, column, rule, params };
}

/** A file's problems as a 400 `code` whose details name the row and the column of each. */
export function csvFileInvalid(problems: readonly CsvProblem[], code: string): ValidationError {
  return new ValidationError(
    problems.map((p) => ({
      field: p.column,
      rule: p.rule,
      row: p.row,
      column: p.column,
      params: { ...p.params, row: p.row, column: p.column },
    })),
    code,
  );
}

/** A control character other than tab, line feed and carriage return (which a cell may hold quoted). */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return true;
  }
  return false;
}
