import { bottomLimit, contentWidth, ensureSpace, FONT, FONT_BOLD, FONT_SIZE, type Pdf, RULE } from './pdf';

export interface Column {
  header: string;
  /** A share of the text width; the shares of all columns are scaled to fill it. */
  weight: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableRow {
  cells: readonly string[];
  /** Totals and other summary rows. */
  bold?: boolean;
}

const PADDING = 4;
const SIZE = 8.5;
const HEADER_FILL = '#e8e8e8';
const TOTAL_FILL = '#f4f4f4';

/**
 * A table with a header row that is repeated on every page the table runs over. Rows are never
 * split across pages, and a table starts on a new page unless its first rows fit, together with the
 * heading before it; a cell wraps within its column.
 */
export function table(
  pdf: Pdf,
  columns: readonly Column[],
  rows: ReadonlyArray<TableRow | readonly string[]>,
  options: { header?: boolean } = {},
): void {
  const { doc } = pdf;
  const x = doc.page.margins.left;
  const totalWeight = columns.reduce((sum, column) => sum + column.weight, 0);
  const widths = columns.map((column) => (column.weight / totalWeight) * contentWidth(doc));
  const header: TableRow | undefined =
    options.header === false ? undefined : { cells: columns.map((column) => column.header), bold: true };

  const rowHeight = (row: TableRow) => {
    doc.font(row.bold ? FONT_BOLD : FONT).fontSize(SIZE);
    return (
      Math.max(...row.cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 2 * PADDING }))) +
      2 * PADDING
    );
  };

  const drawRow = (row: TableRow, fill?: string) => {
    const height = rowHeight(row);
    const y = doc.y;
    if (fill) doc.rect(x, y, contentWidth(doc), height).fill(fill);
    doc
      .font(row.bold ? FONT_BOLD : FONT)
      .fontSize(SIZE)
      .fillColor('black');
    let left = x;
    row.cells.forEach((cell, i) => {
      doc.text(cell, left + PADDING, y + PADDING, {
        width: widths[i]! - 2 * PADDING,
        align: columns[i]?.align ?? 'left',
      });
      left += widths[i]!;
    });
    doc
      .moveTo(x, y + height)
      .lineTo(x + contentWidth(doc), y + height)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = x;
    doc.y = y + height;
  };

  // A header with only a row or two under it at the foot of a page reads as a stray fragment.
  const opening = rows
    .slice(0, 3)
    .reduce<number>((sum, row) => sum + rowHeight(normalise(row)), header ? rowHeight(header) : 0);
  ensureSpace(pdf, opening);
  if (header) drawRow(header, HEADER_FILL);
  for (const input of rows) {
    const row = normalise(input);
    if (doc.y + rowHeight(row) > bottomLimit(doc)) {
      doc.addPage();
      if (header) drawRow(header, HEADER_FILL);
    }
    drawRow(row, row.bold ? TOTAL_FILL : undefined);
  }
  doc.font(FONT).fontSize(FONT_SIZE).fillColor('black');
  doc.moveDown(0.8);
}

function normalise(row: TableRow | readonly string[]): TableRow {
  return 'cells' in row ? row : { cells: row };
}
