import { inflateRawSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import type { CellValue, DataValidation, Workbook, Worksheet } from 'exceljs';
import {
  type ApplicationContent,
  COST_CATEGORIES,
  COST_CATEGORY_LABELS,
  csvPlanSheets,
  parseCsv,
  PLAN_COLUMNS,
  PLAN_SHEET_NAMES,
  type PlanName,
  type PlanSheets,
  readPlanSheets,
  type SheetCell,
  type SheetRow,
  ValidationError,
} from '@kiezfonds/domain';
import { euroNumber, EURO_FORMAT, XLSX_CONTENT_TYPE } from '@kiezfonds/funds';
import type { Principal } from '@kiezfonds/identity';
import { DataSource } from 'typeorm';
import { ApplicationScope } from '../scope/application-scope';
import { ApplicationService } from './application.service';
import { exceljs } from '@kiezfonds/platform';

/**
 * A plan file is read whole into memory (exceljs and the CSV reader need all of it), so it is
 * kept small: a plan of 200 cost rows is a few kilobytes as CSV and some 30 KB as XLSX.
 */
export const MAX_PLAN_FILE_BYTES = 1024 * 1024;
/** What the XLSX's parts may unpack to: bounds a small file that would inflate to gigabytes. */
const MAX_XLSX_INFLATED_BYTES = 16 * 1024 * 1024;
/** Rows read per sheet: more than the schema allows (200), so the schema names the excess. */
const MAX_SHEET_ROWS = 1000;

const INSTRUCTIONS = [
  'So übernehmen Sie Ihren Kosten- und Finanzierungsplan aus dieser Datei',
  '',
  '1. Tragen Sie im Blatt „Kostenplan“ je Zeile eine Kostenposition ein: Kassenjahr, Kostenart, Beschreibung und Betrag.',
  '2. Wählen Sie die Kostenart aus der Liste: Personalkosten, Sachkosten, Honorare, Investitionen oder Verwaltungskosten.',
  '3. Tragen Sie im Blatt „Finanzierungsplan“ je Kassenjahr eine Zeile ein: beantragte Fördermittel, Eigenanteil und Drittmittel.',
  '4. Beträge in Euro, zum Beispiel 1.234,56 oder 1234,56. Leere Zeilen werden übersprungen.',
  '5. Lassen Sie die Kopfzeilen und die Namen der Blätter unverändert.',
  '6. Speichern Sie die Datei als Excel-Arbeitsmappe (XLSX). Eine CSV-Datei (Trennzeichen Semikolon) geht auch; sie enthält nur das Blatt, das Sie gespeichert haben.',
  '7. Laden Sie die Datei im Antrag unter „Kostenplan aus Datei übernehmen“ hoch.',
  '',
  'Die Datei ersetzt den Kostenplan und den Finanzierungsplan des Antrags. Gespeichert wird nur eine fehlerfreie Datei; sonst erhalten Sie eine Liste der Fehler mit Zeile und Spalte.',
];

/** exceljs can validate a range, but its typings only know validations per cell. */
type WithValidations = { dataValidations: { add(range: string, validation: DataValidation): void } };

const CATEGORY_LIST = `"${COST_CATEGORIES.map((category) => COST_CATEGORY_LABELS[category].de).join(',')}"`;

/**
 * The cost and financing plan as a spreadsheet (issue 19, item 4): a template holding the draft's
 * current plans, and the import that replaces them from a filled-in file, or lists every problem
 * and saves nothing.
 */
@Injectable()
export class PlanSheetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationService,
  ) {}

  async template(principal: Principal, id: string) {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, id);
    const [row] = (await this.dataSource.query(`SELECT content FROM application WHERE id = $1`, [
      scoped.id,
    ])) as {
      content: ApplicationContent;
    }[];
    const content = row!.content;
    const book = new (exceljs().Workbook)();
    book.creator = 'kiezfonds';
    const costs = this.sheet(book, 'costPlan');
    for (const line of content.costPlan ?? []) {
      costs.addRow([
        line.cashYear ?? null,
        line.category ? COST_CATEGORY_LABELS[line.category].de : null,
        line.description ?? null,
        line.amountCents === undefined ? null : euroNumber(line.amountCents),
      ]);
    }
    costs.getColumn(4).numFmt = EURO_FORMAT;
    // One range rather than a validation per cell: per-cell ones would make 200 empty rows, and
    // a program appending rows would then start below them.
    (costs as unknown as WithValidations).dataValidations.add('B2:B201', {
      type: 'list',
      allowBlank: true,
      formulae: [CATEGORY_LIST],
      showErrorMessage: true,
      errorTitle: 'Kostenart',
      error: 'Bitte wählen Sie eine Kostenart aus der Liste.',
    });
    const financing = this.sheet(book, 'financingPlan');
    for (const line of content.financingPlan ?? []) {
      financing.addRow([
        line.cashYear ?? null,
        ...[line.requestedCents, line.ownCents, line.thirdPartyCents].map((cents) =>
          cents === undefined ? null : euroNumber(cents),
        ),
      ]);
    }
    for (const column of [2, 3, 4]) financing.getColumn(column).numFmt = EURO_FORMAT;
    const help = book.addWorksheet('Hinweise');
    help.getColumn(1).width = 120;
    for (const line of INSTRUCTIONS) help.addRow([line]);
    help.getCell(1, 1).font = { bold: true };
    return {
      fileName: `Kostenplan-${scoped.reference}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      content: Buffer.from(await book.xlsx.writeBuffer()),
    };
  }

  private sheet(book: Workbook, plan: PlanName): Worksheet {
    const sheet = book.addWorksheet(PLAN_SHEET_NAMES[plan], { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = PLAN_COLUMNS[plan].map((column) => ({
      header: column.header,
      width: column.key === 'description' ? 50 : 26,
    }));
    sheet.getRow(1).font = { bold: true };
    return sheet;
  }

  /** Reads the file, checks every row, and replaces the plans it holds in one write — or nothing. */
  async import(
    principal: Principal,
    id: string,
    version: number,
    file: { buffer: Buffer; size: number } | undefined,
  ) {
    if (!file || file.size === 0) throw new ValidationError([{ field: 'file', rule: 'required' }]);
    if (file.size > MAX_PLAN_FILE_BYTES) {
      throw new ValidationError([
        { field: 'file', rule: 'fileTooLarge', params: { maxMegabytes: MAX_PLAN_FILE_BYTES / 1024 / 1024 } },
      ]);
    }
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, id);
    const [call] = (await this.dataSource.query(`SELECT programme_year FROM call WHERE id = $1`, [
      scoped.callId,
    ])) as { programme_year: number }[];
    const sheets = await readPlanFile(file.buffer);
    const read = readPlanSheets(sheets, { programmeYear: call!.programme_year });
    if (!read.ok) throw new ValidationError(read.problems);
    const saved = await this.applications.replacePlans(principal, scoped.id, version, read.plans);
    return {
      version: saved.version,
      updatedAt: saved.updatedAt,
      problems: saved.problems,
      costPlan: saved.content.costPlan ?? [],
      financingPlan: saved.content.financingPlan ?? [],
    };
  }
}

const unreadable = () => new ValidationError([{ field: 'file', rule: 'sheetUnreadable' }]);

/** The plan sheets of an XLSX (recognised by its content, not its name) or a CSV file. */
export async function readPlanFile(bytes: Buffer): Promise<PlanSheets> {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsx(bytes);
  const records = parseCsv(decodeText(bytes)).filter((record) =>
    record.cells.some((cell) => String(cell ?? '').trim() !== ''),
  );
  // Both tables together may not hold more rows than two sheets would.
  if (records.length > 2 * MAX_SHEET_ROWS) {
    throw new ValidationError([
      { field: 'file', rule: 'sheetTooManyRows', params: { max: 2 * MAX_SHEET_ROWS } },
    ]);
  }
  return csvPlanSheets(records);
}

/**
 * UTF-8 with or without BOM ("CSV UTF-8" in Excel); otherwise Windows-1252, which is what German
 * Excel's plain "CSV (Trennzeichen-getrennt)" writes. A NUL byte means it is no text at all.
 */
function decodeText(bytes: Buffer): string {
  if (bytes.includes(0)) throw unreadable();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

/** 0x80–0x9F in Windows-1252; the rest is Latin-1 (Node 20's TextDecoder reads it all as Latin-1). */
const WINDOWS_1252_HIGH = '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ';

function windows1252(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes) {
    text += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  }
  return text;
}

async function readXlsx(bytes: Buffer): Promise<PlanSheets> {
  const inflated = zipContentSize(bytes, MAX_XLSX_INFLATED_BYTES);
  if (inflated === 'unreadable') throw unreadable();
  if (inflated === 'too_large') {
    throw new ValidationError([
      { field: 'file', rule: 'fileTooLarge', params: { maxMegabytes: MAX_PLAN_FILE_BYTES / 1024 / 1024 } },
    ]);
  }
  const book = new (exceljs().Workbook)();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable();
  }
  const sheets: Partial<Record<PlanName, SheetRow[]>> = {};
  for (const plan of Object.keys(PLAN_SHEET_NAMES) as PlanName[]) {
    const sheet = book.getWorksheet(PLAN_SHEET_NAMES[plan]);
    if (!sheet) continue;
    const rows: SheetRow[] = [];
    let beyond = false;
    sheet.eachRow((row, number) => {
      if (number > MAX_SHEET_ROWS) {
        beyond = true;
        return;
      }
      const cells: SheetCell[] = [];
      for (let column = 1; column <= Math.min(row.cellCount, 30); column++) {
        cells.push(plainCell(row.getCell(column).value));
      }
      rows.push({ row: number, cells });
    });
    // Rows that far down are not read, so they must not be dropped silently either.
    if (beyond) {
      throw new ValidationError([{ field: plan, rule: 'sheetTooManyRows', params: { max: MAX_SHEET_ROWS } }]);
    }
    sheets[plan] = rows;
  }
  return sheets;
}

/** A cell as text or number: a formula by its result, rich text by its text, a date as it reads. */
function plainCell(value: CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) {
    // A date-formatted number beyond any date (1e20) reads as an Invalid Date.
    return Number.isFinite(value.getTime()) ? value.toISOString().slice(0, 10) : { unreadable: '#DATUM!' };
  }
  if ('result' in value) return plainCell((value.result ?? null) as CellValue);
  // `#DIV/0!` and the like: shown as the text, so the row is named rather than read as empty.
  if ('error' in value) return String(value.error);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return String(value.text);
  return null;
}

/**
 * What a ZIP's entries really unpack to, each inflated with a cap (a directory may lie about the
 * sizes, and exceljs' unzipper only compares them after inflating everything): the total in
 * bytes, `too_large` as soon as it passes `limit`, or `unreadable` for anything but a plain ZIP
 * of stored or deflated entries. Costs at most `limit` bytes of memory for a moment.
 */
export function zipContentSize(bytes: Buffer, limit: number): number | 'too_large' | 'unreadable' {
  const end = endOfCentralDirectory(bytes);
  if (end < 0) return 'unreadable';
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return 'unreadable';
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const local = bytes.readUInt32LE(at + 42);
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) return 'unreadable';
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + compressed > bytes.length) return 'unreadable';
    if (method === 0) {
      total += compressed;
    } else if (method === 8) {
      try {
        total += inflateRawSync(bytes.subarray(start, start + compressed), {
          maxOutputLength: limit - total + 1,
        }).length;
      } catch (error) {
        return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too_large' : 'unreadable';
      }
    } else {
      return 'unreadable';
    }
    if (total > limit) return 'too_large';
  }
  return total;
}

/** The end-of-central-directory record's offset (after at most 64 KB of comment), or -1. */
function endOfCentralDirectory(bytes: Buffer): number {
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  for (let end = bytes.length - 22; end >= from; end--) {
    if (bytes.readUInt32LE(end) === 0x06054b50) return end;
  }
  return -1;
}
