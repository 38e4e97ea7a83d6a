import type { Writable } from 'node:stream';
import type { Row, stream, Worksheet } from 'exceljs';
import { euroNumber } from './german-format';
import type { CellType, CellValue, Column } from './table';
import { exceljs } from '@kiezfonds/platform';

/** Euros with thousands separators and two decimals; Excel shows `1.234,56 €` in German. */
export const EURO_FORMAT = '#,##0.00 "€"';
export const DATE_FORMAT = 'dd.mm.yyyy';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The client went away during a download; nothing to report to anyone. */
export class ExportAborted extends Error {
  constructor() {
    super('export aborted: the client closed the connection');
  }
}

/** A typed value as an exceljs cell value: real numbers for euros, real dates for dates. */
function cellValue(type: CellType, value: CellValue): string | number | Date | null {
  if (value === null || value === '') return null;
  switch (type) {
    case 'text':
      return String(value);
    case 'integer':
      return Number(value);
    case 'euro':
      return euroNumber(String(value));
    case 'date': {
      const [y, m, d] = String(value).slice(0, 10).split('-').map(Number) as [number, number, number];
      // Excel dates have no time zone; exceljs writes the UTC fields, so the calendar day stays.
      return new Date(Date.UTC(y, m - 1, d));
    }
  }
}

const NUMBER_FORMATS: Partial<Record<CellType, string>> = {
  euro: EURO_FORMAT,
  date: DATE_FORMAT,
  integer: '0',
};

/** One worksheet written row by row; each row is flushed to the zip as soon as it is added. */
export class SheetWriter<T> {
  constructor(
    private readonly sheet: Worksheet,
    private readonly columns: readonly Column<T>[],
  ) {}

  header(): this {
    this.cells(
      this.columns.map((c) => ({ type: 'text' as const, value: c.header })),
      { bold: true },
    );
    return this;
  }

  add(row: T): void {
    this.cells(this.columns.map((c) => ({ type: c.type, value: c.value(row) })));
  }

  /** A row of individually typed cells (for summary sheets). */
  cells(cells: readonly { type: CellType; value: CellValue }[], options: { bold?: boolean } = {}): void {
    const row: Row = this.sheet.addRow(cells.map((c) => cellValue(c.type, c.value)));
    cells.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const format = NUMBER_FORMATS[c.type];
      if (format && c.value !== null && c.value !== '') cell.numFmt = format;
      if (options.bold) cell.font = { bold: true };
    });
    row.commit();
  }

  commit(): void {
    this.sheet.commit();
  }
}

/**
 * An XLSX workbook streamed to `out` (exceljs' streaming writer: rows go to the zip as they are
 * committed, strings inline rather than in a shared table, so memory stays flat however many
 * rows). Write one sheet at a time and commit it before the next: the zip takes sheets in order.
 */
export class XlsxStream {
  private readonly book: stream.xlsx.WorkbookWriter;

  constructor(private readonly out: Writable) {
    this.book = new (exceljs().stream.xlsx.WorkbookWriter)({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    this.book.creator = 'kiezfonds';
    this.book.created = new Date();
  }

  sheet<T>(
    name: string,
    columns: readonly Column<T>[],
    options: { freezeHeader?: boolean } = {},
  ): SheetWriter<T> {
    const sheet = this.book.addWorksheet(name, {
      views: options.freezeHeader ? [{ state: 'frozen', ySplit: 1 }] : [],
    });
    sheet.columns = columns.map((c) => ({ width: c.width ?? 14 }));
    return new SheetWriter(sheet, columns);
  }

  /** Waits while the client is slower than the database, so rows do not pile up in memory. */
  async flush(): Promise<void> {
    if (this.out.destroyed) throw new ExportAborted();
    if (this.out.writableNeedDrain) await drained(this.out);
    if (this.out.destroyed) throw new ExportAborted();
  }

  async finish(): Promise<void> {
    if (this.out.destroyed) throw new ExportAborted();
    const closed = new Promise<'closed'>((resolve) => this.out.once('close', () => resolve('closed')));
    const result = await Promise.race([this.book.commit().then(() => 'done' as const), closed]);
    if (result === 'closed' && !this.out.writableFinished) throw new ExportAborted();
  }
}

/** Resolves when `out` can take more, or has gone away. */
export function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}
