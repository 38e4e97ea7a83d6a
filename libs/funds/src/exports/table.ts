import { csvLine, csvText, csvValue, germanDate, germanDecimal } from './german-format';

/**
 * What a cell holds: `text`; `integer` (years, running numbers); `euro` (cents as a decimal
 * string, shown in euros); `date` (an ISO calendar date `YYYY-MM-DD`).
 */
export type CellType = 'text' | 'integer' | 'euro' | 'date';
export type CellValue = string | number | null;

/** One column of an export, written alike to CSV and XLSX. */
export interface Column<T> {
  header: string;
  type: CellType;
  /** Width in characters (XLSX). */
  width?: number;
  value: (row: T) => CellValue;
}

/** A cell as CSV text in German format. */
export function csvCell(type: CellType, value: CellValue): string {
  if (value === null || value === '') return '';
  switch (type) {
    case 'text':
      return csvText(String(value));
    case 'integer':
      return csvValue(value);
    case 'euro':
      return germanDecimal(String(value));
    case 'date':
      return germanDate(String(value));
  }
}

export function csvHeader<T>(columns: readonly Column<T>[]): string {
  return csvLine(columns.map((c) => csvText(c.header)));
}

export function csvRow<T>(columns: readonly Column<T>[], row: T): string {
  return csvLine(columns.map((c) => csvCell(c.type, c.value(row))));
}
