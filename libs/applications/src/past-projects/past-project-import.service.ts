import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  csvFileInvalid,
  type KnownArea,
  normalName,
  NotFoundError,
  type PastProjectRow,
  parsePastProjects,
  pastProjectCsvGrid,
  pastProjectTemplateCsv,
  ValidationError,
} from '@kiezfonds/domain';
import { districtsWhere, type Principal, type StaffRole } from '@kiezfonds/identity';
import { insertPastProject, recordAudit } from '@kiezfonds/persistence';
import type { CellValue } from 'exceljs';
import { DataSource } from 'typeorm';
import { zipContentSize } from '../applications/plan-sheet.service';
import { APPLICATIONS_ERROR_CODES } from '../applications.exception';
import { exceljs } from '@kiezfonds/platform';

/** Who imports a district's earlier projects: its coordinators and finance staff, and admins. */
export const PAST_PROJECT_IMPORT_ROLES: readonly StaffRole[] = ['coordinator', 'finance', 'admin'];
/** A file of earlier years is small: 5 000 rows of CSV are some 600 KB. */
export const MAX_PAST_PROJECT_FILE_BYTES = 2 * 1024 * 1024;
/** What the XLSX's parts may unpack to: bounds a small file that would inflate to gigabytes. */
const MAX_XLSX_INFLATED_BYTES = 32 * 1024 * 1024;
/** Rows read from the sheet: one more than the parser takes, so it names the excess. */
const MAX_SHEET_ROWS = 5_002;
const COLUMNS = 9;

export interface PastProjectImportInput {
  districtId: string;
  fileName: string;
  bytes: Buffer;
  dryRun: boolean;
  requestId: string | null;
}

export interface PastProjectImportAnswer {
  dryRun: boolean;
  /** True when this very file was imported into the district before: nothing is imported again. */
  alreadyImported: boolean;
  fileSha256: string;
  rows: (Omit<PastProjectRow, 'amountCents'> & { amountCents: string; id: string | null })[];
}

/**
 * Imports projects of earlier years of all four funds from a CSV or XLSX file (issue 21, item 4;
 * docs/api/past-projects.md): all rows or none. The double-funding check and the five-year chain
 * read them. A dry run checks without saving; a file with problems answers 400 with every
 * problem by row and column. The same file (by SHA-256) is imported into a district only once.
 */
@Injectable()
export class PastProjectImportService {
  constructor(private readonly dataSource: DataSource) {}

  /** The header to fill in, for those who may import into the district. */
  template(principal: Principal, districtId: string) {
    this.mayImport(principal, districtId);
    return {
      fileName: 'projekte-frueherer-jahre.csv',
      contentType: 'text/csv; charset=utf-8',
      content: Buffer.from(pastProjectTemplateCsv(), 'utf8'),
    };
  }

  async import(principal: Principal, input: PastProjectImportInput): Promise<PastProjectImportAnswer> {
    this.mayImport(principal, input.districtId);
    const districtId = input.districtId;
    const grid = await readGrid(input.bytes);
    const areas = (await this.dataSource.query(
      `SELECT id, code, name, kind FROM area WHERE district_id = $1`,
      [districtId],
    )) as KnownArea[];
    const carriers = [...new Set(grid.slice(1).map((cells) => normalName(cells[2] ?? '')))].filter(Boolean);
    // Carriers are Berlin-wide (DOMAIN.md); only those the file names are looked up.
    const organisations = (await this.dataSource.query(
      `SELECT id, name FROM organisation WHERE lower(regexp_replace(btrim(name), '\\s+', ' ', 'g')) = ANY($1)`,
      [carriers],
    )) as { id: string; name: string }[];
    const result = parsePastProjects(grid, { areas, organisations });
    if (!result.ok) throw csvFileInvalid(result.problems, APPLICATIONS_ERROR_CODES.pastProjectFileInvalid);

    const fileSha256 = createHash('sha256').update(input.bytes).digest('hex');
    const answer = (ids: Map<number, string> | null, alreadyImported: boolean): PastProjectImportAnswer => ({
      dryRun: input.dryRun,
      alreadyImported,
      fileSha256,
      rows: result.rows.map((r) => ({
        ...r,
        amountCents: r.amountCents.toString(),
        id: ids?.get(r.row) ?? null,
      })),
    });
    const earlier = async () =>
      new Map(
        (
          (await this.dataSource.query(
            `SELECT source_row, id FROM past_project WHERE district_id = $1 AND source_sha256 = $2`,
            [districtId, fileSha256],
          )) as { source_row: number; id: string }[]
        ).map((e) => [e.source_row, e.id]),
      );
    const before = await earlier();
    if (before.size > 0) return answer(before, true);
    if (input.dryRun) return answer(null, false);

    const ids = new Map<number, string>();
    try {
      await this.save(principal, input, districtId, fileSha256, result.rows, ids);
    } catch (error) {
      // The same file sent twice at once: the other request imported it; this one saves nothing.
      if ((error as { constraint?: string }).constraint !== 'past_project_source_unique') throw error;
      return answer(await earlier(), true);
    }
    return answer(ids, false);
  }

  private mayImport(principal: Principal, districtId: string): void {
    if (!districtsWhere(principal, ...PAST_PROJECT_IMPORT_ROLES).includes(districtId)) {
      throw new NotFoundError();
    }
  }

  private async save(
    principal: Principal,
    input: PastProjectImportInput,
    districtId: string,
    fileSha256: string,
    rows: readonly PastProjectRow[],
    ids: Map<number, string>,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      for (const row of rows) {
        const id = await insertPastProject(tx, districtId, row, {
          fileName: input.fileName,
          sha256: fileSha256,
          predecessorId: row.predecessorRow === null ? null : (ids.get(row.predecessorRow) ?? null),
          importedBy: principal.userId,
        });
        ids.set(row.row, id);
        await recordAudit(tx, {
          entityType: 'past_project',
          entityId: id,
          action: 'imported',
          actorId: principal.userId,
          districtId,
          requestId: input.requestId,
          payload: {
            fileName: input.fileName,
            fileSha256,
            row: row.row,
            fundKind: row.fundKind,
            programmeYear: row.programmeYear,
            organisationId: row.organisationId,
          },
        });
      }
    });
  }
}

const unreadable = () =>
  new ValidationError(
    [{ field: 'file', rule: 'sheetUnreadable' }],
    APPLICATIONS_ERROR_CODES.pastProjectFileInvalid,
  );

/** The file's cells as text: the first sheet of an XLSX (recognised by its content), else UTF-8 CSV. */
async function readGrid(bytes: Buffer): Promise<string[][]> {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsx(bytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError(
      [{ field: 'file', rule: 'csvEncoding' }],
      APPLICATIONS_ERROR_CODES.pastProjectFileInvalid,
    );
  }
  return pastProjectCsvGrid(text);
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const inflated = zipContentSize(bytes, MAX_XLSX_INFLATED_BYTES);
  if (inflated === 'unreadable') throw unreadable();
  if (inflated === 'too_large') {
    throw new ValidationError([
      {
        field: 'file',
        rule: 'fileTooLarge',
        params: { maxMegabytes: MAX_PAST_PROJECT_FILE_BYTES / 1024 / 1024 },
      },
    ]);
  }
  const book = new (exceljs().Workbook)();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable();
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw unreadable();
  const grid: string[][] = [];
  sheet.eachRow((row, number) => {
    if (number > MAX_SHEET_ROWS) return;
    const cells: string[] = [];
    for (let column = 1; column <= Math.min(Math.max(row.cellCount, COLUMNS), COLUMNS + 1); column++) {
      cells.push(cellText(row.getCell(column).value));
    }
    while (cells.length > COLUMNS && cells.at(-1) === '') cells.pop();
    // Rows keep their sheet numbers so problems name the row the user sees.
    while (grid.length < number - 1) grid.push(Array<string>(COLUMNS).fill(''));
    grid.push(cells);
  });
  return grid;
}

/** A cell as the text a German user would type: a date as `dd.mm.yyyy`, a number with a decimal comma. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(value.getUTCDate())}.${pad(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}`;
  }
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if ('result' in value) return cellText((value.result ?? null) as CellValue);
  if ('error' in value) return String(value.error);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return String(value.text);
  return '';
}
