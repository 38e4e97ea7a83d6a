/**
 * Import of earlier years' projects (issue 21, item 4): pure, no I/O. A file (CSV or the first sheet
 * of an XLSX workbook, both turned into a grid of text cells by the caller) holds one project a row
 * under the header
 *
 *   `Fonds;Jahr;Träger;Titel;Betrag;Beginn;Ende;Gebiet;Vorgänger`
 *
 * - `Fonds`: the fund's German name (`Netzwerkfonds`, `Aktionsfonds`, `Projektfonds`, `Baufonds`) or key;
 * - `Jahr`: the programme year (four digits);
 * - `Träger`: the carrier, by the name of an organisation the system knows;
 * - `Titel`: the project's title;
 * - `Betrag`: the funded amount, a German amount (`12.345,67`, `€` allowed), more than 0;
 * - `Beginn`, `Ende`: the funded period, `dd.mm.yyyy`, the end not before the start;
 * - `Gebiet`: an area of the district, by LOR code or name;
 * - `Vorgänger` (may be empty): the file row of the project this one continues, an earlier row of
 *   the same carrier, so a chain of years can be imported for the five-year limit.
 *
 * A file is taken whole or not at all, so every problem is collected and named by row (1 = header)
 * and column.
 */
import { splitCsvRecords } from '../areas/csv-records';
import { type CsvProblem, hasControlCharacter, type KnownArea } from '../areas/indicator-csv';
import { dayParts, formatDay } from '../applications/calendar-day';
import { FUND_KINDS, type FundKind } from '../ledger/ledger-entry';
import { Money } from '../money/money';

export const PAST_PROJECT_COLUMNS = [
  'Fonds',
  'Jahr',
  'Träger',
  'Titel',
  'Betrag',
  'Beginn',
  'Ende',
  'Gebiet',
  'Vorgänger',
] as const;

/** Bounds so a file cannot make the API work without end (TRUST.md, "Bad input and abuse"). */
export const MAX_PAST_PROJECT_ROWS = 5_000;
const MAX_CELL_LENGTH = 300;
const MAX_PROBLEMS = 200;
export const MIN_PAST_PROJECT_YEAR = 1990;
export const MAX_PAST_PROJECT_YEAR = 2100;

const FUND_NAMES: Record<string, FundKind> = {
  netzwerkfonds: 'netzwerkfonds',
  aktionsfonds: 'aktionsfonds',
  projektfonds: 'projektfonds',
  baufonds: 'baufonds',
};

export interface KnownOrganisation {
  id: string;
  name: string;
}

export interface PastProjectRow {
  /** The file's row the project came from (1 = header). */
  row: number;
  fundKind: FundKind;
  programmeYear: number;
  organisationId: string;
  title: string;
  amountCents: bigint;
  /** ISO days. */
  periodStart: string;
  periodEnd: string;
  areaId: string;
  /** The file row of the project this one continues, or null. */
  predecessorRow: number | null;
}

export type PastProjectImportResult =
  { ok: true; rows: PastProjectRow[] } | { ok: false; problems: CsvProblem[] };

/**
 * The empty table a district fills in: the header alone, `;`-separated with a byte-order mark so
 * that a German Excel opens it in columns and keeps the umlauts. No example row, so a template
 * sent back unchanged is refused as having no rows instead of importing an invented project.
 */
export function pastProjectTemplateCsv(): string {
  return `\uFEFF${PAST_PROJECT_COLUMNS.join(';')}\r\n`;
}

/** A CSV file's text (`;`-separated, UTF-8, a byte-order mark allowed) as a grid of cells. */
export function pastProjectCsvGrid(text: string): string[][] {
  return splitCsvRecords(text.startsWith('\uFEFF') ? text.slice(1) : text);
}

/** Reads the grid (header first) against the district's areas and the known organisations. */
export function parsePastProjects(
  grid: readonly (readonly string[])[],
  context: { areas: readonly KnownArea[]; organisations: readonly KnownOrganisation[] },
): PastProjectImportResult {
  const header = (grid[0] ?? []).map((cell) => cell.trim());
  const headerProblems = PAST_PROJECT_COLUMNS.flatMap((column, i) =>
    header[i] === column ? [] : [problem(1, column, 'csvColumnExpected', { found: header[i] ?? '' })],
  );
  if (header.length > PAST_PROJECT_COLUMNS.length) {
    headerProblems.push(problem(1, header[PAST_PROJECT_COLUMNS.length]!, 'csvColumnUnexpected'));
  }
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };

  const data = grid.slice(1);
  if (data.length === 0) return { ok: false, problems: [problem(2, 'Fonds', 'csvNoRows')] };
  if (data.length > MAX_PAST_PROJECT_ROWS) {
    return {
      ok: false,
      problems: [
        problem(MAX_PAST_PROJECT_ROWS + 2, 'Fonds', 'csvTooManyRows', { max: MAX_PAST_PROJECT_ROWS }),
      ],
    };
  }

  const areasByCode = new Map<string, KnownArea>();
  const areasByName = new Map<string, KnownArea>();
  for (const area of context.areas) {
    if (area.code) areasByCode.set(area.code, area);
    areasByName.set(normalName(area.name), area);
  }
  const organisations = new Map(context.organisations.map((o) => [normalName(o.name), o]));

  const problems: CsvProblem[] = [];
  const rows: PastProjectRow[] = [];
  const byRow = new Map<number, PastProjectRow>();
  data.forEach((cells, index) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const row = index + 2;
    // A blank row (a gap in a sheet) is skipped; the rows after it keep their numbers.
    if (cells.every((cell) => cell.trim() === '')) return;
    const found = readRow(row, cells, { areasByCode, areasByName, organisations }, byRow);
    if (!found.ok) {
      problems.push(...found.problems);
      return;
    }
    rows.push(found.row);
    byRow.set(row, found.row);
  });
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return rows.length > 0 ? { ok: true, rows } : { ok: false, problems: [problem(2, 'Fonds', 'csvNoRows')] };
}

/** A `dd.mm.yyyy` day as an ISO day, or null. */
export function parseGermanDay(text: string): string | null {
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = match.slice(1).map(Number) as [number, number, number];
  const iso = formatDay({ year, month, day });
  return dayParts(iso) ? iso : null;
}

interface Lookups {
  areasByCode: Map<string, KnownArea>;
  areasByName: Map<string, KnownArea>;
  organisations: Map<string, KnownOrganisation>;
}

function readRow(
  row: number,
  raw: readonly string[],
  lookups: Lookups,
  earlier: Map<number, PastProjectRow>,
): { ok: true; row: PastProjectRow } | { ok: false; problems: CsvProblem[] } {
  const columns = PAST_PROJECT_COLUMNS;
  if (raw.length > columns.length) {
    return {
      ok: false,
      problems: [
        problem(row, columns[columns.length - 1]!, 'csvCellCount', {
          expected: columns.length,
          found: raw.length,
        }),
      ],
    };
  }
  const cells = columns.map((_, i) => (raw[i] ?? '').trim());
  const problems: CsvProblem[] = [];
  cells.forEach((cell, i) => {
    const column = columns[i]!;
    if (cell === '' && column !== 'Vorgänger') problems.push(problem(row, column, 'required'));
    else if (cell.length > MAX_CELL_LENGTH || hasControlCharacter(cell)) {
      problems.push(problem(row, column, 'csvCellInvalid', { max: MAX_CELL_LENGTH }));
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  const [fundText, yearText, carrier, title, amountText, startText, endText, areaRef, predecessorText] =
    cells as [string, string, string, string, string, string, string, string, string];

  const fundKind =
    FUND_NAMES[normalName(fundText)] ?? (FUND_KINDS as readonly string[]).find((k) => k === fundText) ?? null;
  if (!fundKind) problems.push(problem(row, 'Fonds', 'csvUnknownFund', { value: fundText }));

  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  const yearValid = year >= MIN_PAST_PROJECT_YEAR && year <= MAX_PAST_PROJECT_YEAR;
  if (!yearValid) problems.push(problem(row, 'Jahr', 'csvYear', { value: yearText }));

  const organisation = lookups.organisations.get(normalName(carrier));
  if (!organisation) problems.push(problem(row, 'Träger', 'csvUnknownOrganisation', { value: carrier }));

  const amount = Money.tryParseGerman(amountText);
  if (!amount || amount.cents <= 0n)
    problems.push(problem(row, 'Betrag', 'csvAmount', { value: amountText }));

  const start = parseGermanDay(startText);
  if (!start) problems.push(problem(row, 'Beginn', 'csvDate', { value: startText }));
  const end = parseGermanDay(endText);
  if (!end) problems.push(problem(row, 'Ende', 'csvDate', { value: endText }));
  else if (start && end < start) problems.push(problem(row, 'Ende', 'notBeforeStart'));

  const area = lookups.areasByCode.get(areaRef) ?? lookups.areasByName.get(normalName(areaRef));
  if (!area) problems.push(problem(row, 'Gebiet', 'csvUnknownArea', { value: areaRef }));

  let predecessorRow: number | null = null;
  if (predecessorText !== '') {
    const target = /^\d{1,6}$/.test(predecessorText) ? Number(predecessorText) : NaN;
    const predecessor = earlier.get(target);
    if (!predecessor || target >= row) {
      problems.push(problem(row, 'Vorgänger', 'csvPredecessorRow', { value: predecessorText }));
    } else if (organisation && predecessor.organisationId !== organisation.id) {
      problems.push(problem(row, 'Vorgänger', 'csvPredecessorOtherCarrier', { value: predecessorText }));
    } else predecessorRow = target;
  }

  if (problems.length > 0 || !fundKind || !organisation || !amount || !start || !end || !area) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    row: {
      row,
      fundKind: fundKind as FundKind,
      programmeYear: year,
      organisationId: organisation.id,
      title,
      amountCents: amount.cents,
      periodStart: start,
      periodEnd: end,
      areaId: area.id,
      predecessorRow,
    },
  };
}

/** A name as compared: trimmed, spaces collapsed, lower case. */
export function normalName(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function problem(
  row: number,
  column: string,
  rule: string,
  params: Record<string, string | number> = {},
): CsvProblem {
  return { row, column, rule, params };
}
