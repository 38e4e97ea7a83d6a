import type { ErrorDetail } from '../errors/domain-error';
import { Money } from '../money/money';
import {
  type ApplicationContent,
  contentIssueDetails,
  COST_CATEGORIES,
  COST_CATEGORY_LABELS,
  type CostCategory,
  type CostLine,
  draftContentSchema,
  type FinancingLine,
} from './application-content';
import { applicationProblems } from './application-problems';

/**
 * Issue 19, item 4: a carrier keeps the cost and financing plan in a spreadsheet and imports it.
 * This part is pure: from the cells of the two sheets to plan lines, or to every problem, each
 * named by sheet, row and column (`costPlan.row.4.amountCents`: the spreadsheet's row number as
 * Excel shows it, and the column's key). The content rules themselves are the draft schema's and
 * `applicationProblems`' — nothing here repeats them.
 */
export type PlanName = 'costPlan' | 'financingPlan';

/**
 * A cell the file holds but no value can be read from, such as a date-formatted number beyond any
 * date; `unreadable` is what to show for it. Taking it as text would import that text silently.
 */
export interface UnreadableCell {
  unreadable: string;
}

/** A cell as the file holds it: text, a number (XLSX), nothing, or a value that cannot be read. */
export type SheetCell = string | number | boolean | null | UnreadableCell;

export interface SheetRow {
  /** The row number the spreadsheet program shows (1 = the first row). */
  row: number;
  cells: readonly SheetCell[];
}

/** The rows of each sheet the file holds, header row included. A plan the file lacks stays as it is. */
export type PlanSheets = Partial<Record<PlanName, readonly SheetRow[]>>;

export interface PlanColumn {
  key: string;
  header: string;
}

export const PLAN_SHEET_NAMES: Record<PlanName, string> = {
  costPlan: 'Kostenplan',
  financingPlan: 'Finanzierungsplan',
};

export const PLAN_COLUMNS: Record<PlanName, readonly PlanColumn[]> = {
  costPlan: [
    { key: 'cashYear', header: 'Kassenjahr' },
    { key: 'category', header: 'Kostenart' },
    { key: 'description', header: 'Beschreibung' },
    { key: 'amountCents', header: 'Betrag (€)' },
  ],
  financingPlan: [
    { key: 'cashYear', header: 'Kassenjahr' },
    { key: 'requestedCents', header: 'Beantragte Fördermittel (€)' },
    { key: 'ownCents', header: 'Eigenanteil (€)' },
    { key: 'thirdPartyCents', header: 'Drittmittel (€)' },
  ],
};

const AMOUNT_KEYS = new Set(['amountCents', 'requestedCents', 'ownCents', 'thirdPartyCents']);

export type PlanImport =
  | { ok: true; plans: { costPlan?: CostLine[]; financingPlan?: FinancingLine[] } }
  | { ok: false; problems: ErrorDetail[] };

/** `Betrag (€)`, `betrag`, `BETRAG €` all name the same column. */
function normalise(text: string): string {
  return text
    .replace(/\(\s*€\s*\)|€/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('de');
}

function cellText(cell: SheetCell): string {
  if (cell === null) return '';
  if (typeof cell === 'object') return cell.unreadable;
  return String(cell).trim();
}

const blank = (cell: SheetCell) => cellText(cell) === '';

/** Whether a row is the header of a plan's table (all its columns named, in any order). */
export function isHeaderRow(plan: PlanName, cells: readonly SheetCell[]): boolean {
  const names = cells.map((cell) => normalise(cellText(cell)));
  return PLAN_COLUMNS[plan].every((column) => names.includes(normalise(column.header)));
}

const CATEGORY_NAMES = new Map<string, CostCategory>(
  COST_CATEGORIES.flatMap((category) => [
    [normalise(category), category],
    [normalise(COST_CATEGORY_LABELS[category].de), category],
    [normalise(COST_CATEGORY_LABELS[category].en), category],
  ]),
);

type CellResult = { value: string | number | undefined } | { rule: string };

/**
 * An amount cell as cents. Text is read as German (`1.234,56`, `1234,56 €`, `1.234`) by the
 * domain's money parser. A number cell is a binary float already (that is how XLSX stores it);
 * it is read through its decimal text at 15 significant digits — what Excel itself shows — and
 * then parsed as decimal text, so a formula result like 3703.6800000000003 is 3.703,68 € and no
 * amount is ever computed in floating point.
 */
export function amountCellCents(cell: SheetCell): CellResult {
  if (blank(cell)) return { value: undefined };
  let money: Money | null;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { rule: 'germanAmount' };
    const decimal = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(Number(cell.toPrecision(15))));
    if (!decimal) return { rule: 'germanAmount' };
    const [, sign, euros = '0', fraction = ''] = decimal;
    money = Money.tryParseGerman(`${sign}${euros}${fraction ? `,${fraction}` : ''}`);
  } else {
    money = Money.tryParseGerman(cellText(cell).replace(/^€\s*/, ''));
  }
  if (!money) return { rule: 'germanAmount' };
  if (money.isNegative()) return { rule: 'notNegative' };
  return { value: money.toString() };
}

function yearCell(cell: SheetCell): CellResult {
  if (blank(cell)) return { value: undefined };
  const text = cellText(cell);
  return /^\d{1,4}$/.test(text) ? { value: Number(text) } : { rule: 'isInt' };
}

function categoryCell(cell: SheetCell): CellResult {
  if (blank(cell)) return { value: undefined };
  const category = CATEGORY_NAMES.get(normalise(cellText(cell)));
  return category ? { value: category } : { rule: 'sheetCategory' };
}

function readCell(key: string, cell: SheetCell): CellResult {
  if (cell !== null && typeof cell === 'object') return { rule: 'sheetCellUnreadable' };
  if (key === 'cashYear') return yearCell(cell);
  if (key === 'category') return categoryCell(cell);
  if (AMOUNT_KEYS.has(key)) return amountCellCents(cell);
  return { value: blank(cell) ? undefined : cellText(cell) };
}

/** The field a problem names: `costPlan.row.4.amountCents`. */
export function sheetField(plan: PlanName, row: number, key: string): string {
  return `${plan}.row.${row}.${key}`;
}

interface SheetLines {
  lines: Record<string, string | number>[];
  rows: number[];
  problems: ErrorDetail[];
  /** `index:key` of cells that already have a problem, so later rules do not repeat it. */
  failed: Set<string>;
}

function readSheet(plan: PlanName, rows: readonly SheetRow[]): SheetLines {
  const result: SheetLines = { lines: [], rows: [], problems: [], failed: new Set() };
  // The header is the row naming the plan's columns; without one, the first row with anything
  // in it is taken as the header, so the problems say which columns it lacks.
  const named = rows.findIndex((row) => isHeaderRow(plan, row.cells));
  const headerAt = named >= 0 ? named : rows.findIndex((row) => row.cells.some((cell) => !blank(cell)));
  if (headerAt < 0) return result;
  const header = rows[headerAt]!;
  const names = header.cells.map((cell) => normalise(cellText(cell)));
  const columns = PLAN_COLUMNS[plan].map((column) => ({
    ...column,
    index: names.findIndex((name) => name === normalise(column.header) || name === normalise(column.key)),
  }));
  const missing = columns.filter((column) => column.index < 0);
  if (missing.length > 0) {
    result.problems = missing.map((column) => ({
      field: sheetField(plan, header.row, column.key),
      rule: 'sheetColumnMissing',
      params: { header: column.header },
    }));
    return result;
  }
  for (const { row, cells } of rows.slice(headerAt + 1)) {
    const own = columns.map((column) => cells[column.index] ?? null);
    if (own.every(blank)) continue;
    const index = result.lines.length;
    const line: Record<string, string | number> = {};
    columns.forEach((column, i) => {
      const read = readCell(column.key, own[i]!);
      if ('rule' in read) {
        result.problems.push({ field: sheetField(plan, row, column.key), rule: read.rule });
        result.failed.add(`${index}:${column.key}`);
      } else if (read.value !== undefined) {
        line[column.key] = read.value;
      }
    });
    result.lines.push(line);
    result.rows.push(row);
  }
  return result;
}

const CONTENT_FIELD = /^(?:content\.)?(costPlan|financingPlan)\[(\d+)\]\.(\w+)$/;

/**
 * Reads the plans from a file's sheets, checked by the same rules as the form: the draft schema
 * (types, lengths, number of rows, amounts as cents) and, per row, what submission demands
 * (cash year, category, description and amount given; cash years within the programme year's;
 * each financing year once). Rows with nothing in the plan's columns are skipped. Whether costs
 * and financing add up is not a property of a row and is left to the checklist after the import.
 */
export function readPlanSheets(sheets: PlanSheets, rules: { programmeYear: number }): PlanImport {
  const plans = (Object.keys(PLAN_SHEET_NAMES) as PlanName[]).filter((plan) => sheets[plan] !== undefined);
  if (plans.length === 0) return { ok: false, problems: [{ field: 'file', rule: 'sheetNoPlan' }] };
  const read = new Map(plans.map((plan) => [plan, readSheet(plan, sheets[plan]!)] as const));
  const problems: ErrorDetail[] = plans.flatMap((plan) => read.get(plan)!.problems);
  const content: Record<string, unknown> = {};
  for (const [plan, sheet] of read) content[plan] = sheet.lines;

  const located = (detail: ErrorDetail): ErrorDetail | null => {
    const match = CONTENT_FIELD.exec(detail.field);
    if (!match) return detail;
    const [, plan, index, key] = match as unknown as [string, PlanName, string, string];
    const sheet = read.get(plan);
    if (!sheet || sheet.failed.has(`${index}:${key}`)) return null;
    sheet.failed.add(`${index}:${key}`);
    return { ...detail, field: sheetField(plan, sheet.rows[Number(index)]!, key) };
  };

  const parsed = draftContentSchema.safeParse(content);
  if (!parsed.success) {
    for (const detail of contentIssueDetails(parsed.error.issues, '')) {
      const at = located(detail);
      if (at) problems.push(at);
    }
  }
  const rowRules = applicationProblems(content as ApplicationContent, {
    programmeYear: rules.programmeYear,
    minAmount: null,
    maxAmount: null,
    actionFieldIds: [],
    areaIds: [],
    requiredAttachmentKeys: [],
    attachedKinds: [],
  });
  for (const detail of rowRules) {
    const match = CONTENT_FIELD.exec(detail.field);
    if (!match || !plans.includes(match[1] as PlanName)) continue;
    const at = located(detail);
    if (at) problems.push(at);
  }
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, plans: content as { costPlan?: CostLine[]; financingPlan?: FinancingLine[] } };
}

const ROW_FIELD = /^(costPlan|financingPlan)\.row\.(\d+)\.(\w+)$/;

/** Sheet by sheet, row by row, column by column: the order a person fixes them in. */
function sortProblems(problems: ErrorDetail[]): ErrorDetail[] {
  const position = (detail: ErrorDetail): [number, number, number] => {
    const match = ROW_FIELD.exec(detail.field);
    if (!match) return [-1, 0, 0];
    const [, plan, row, key] = match as unknown as [string, PlanName, string, string];
    return [
      plan === 'costPlan' ? 0 : 1,
      Number(row),
      PLAN_COLUMNS[plan].findIndex((column) => column.key === key),
    ];
  };
  return problems
    .map((detail, order) => ({ detail, order, at: position(detail) }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.at[2] - b.at[2] || a.order - b.order)
    .map(({ detail }) => detail);
}

/**
 * A CSV as German Excel writes it: `;` between fields, `"` around fields holding `;`, quotes or
 * line breaks (a quote inside doubled), CRLF or LF between records. Answers the records with
 * their numbers (a quoted line break does not start a new record).
 */
export function parseCsv(text: string): SheetRow[] {
  const records: SheetRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    cells.push(field);
    records.push({ row: records.length + 1, cells });
    cells = [];
    field = '';
  };
  const source = text.startsWith('\ufeff') ? text.slice(1) : text;
  while (i < source.length) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ';') {
      cells.push(field);
      field = '';
    } else if (char === '\r' && source[i + 1] === '\n') {
      endRecord();
      i += 1;
    } else if (char === '\n' || char === '\r') endRecord();
    else field += char;
    i += 1;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return records;
}

/**
 * The plans' tables in one CSV: Excel saves one sheet per CSV file, so a file may hold the cost
 * plan, the financing plan, or both one below the other; each table starts at its header row.
 */
export function csvPlanSheets(records: readonly SheetRow[]): PlanSheets {
  const sheets: Record<string, SheetRow[]> = {};
  let current: SheetRow[] | null = null;
  for (const record of records) {
    const plan = (Object.keys(PLAN_COLUMNS) as PlanName[]).find((name) => isHeaderRow(name, record.cells));
    if (plan) {
      current = [];
      sheets[plan] = current;
    }
    current?.push(record);
  }
  return sheets as PlanSheets;
}
