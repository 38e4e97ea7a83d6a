import {
  contentWidth,
  ensureSpace,
  FONT,
  FONT_BOLD,
  FONT_SIZE,
  isHolding,
  keepWithNext,
  MUTED,
  pageHeight,
  type Pdf,
  RULE,
} from './pdf';

export interface TextStyle {
  bold?: boolean;
  size?: number;
  color?: string;
  align?: 'left' | 'right' | 'center' | 'justify';
  /** Space after the block, in points. */
  gap?: number;
}

/** Writes wrapped text at the left margin; every document string passes through here or `cell`. */
export function paragraph(pdf: Pdf, text: string, style: TextStyle = {}): void {
  const { doc } = pdf;
  doc
    .font(style.bold ? FONT_BOLD : FONT)
    .fontSize(style.size ?? FONT_SIZE)
    .fillColor(style.color ?? 'black');
  const options = { width: contentWidth(doc), align: style.align ?? 'left' } as const;
  // Text flows over pages by itself; it only needs room for its first lines under a heading.
  if (isHolding(pdf)) {
    ensureSpace(pdf, Math.min(doc.heightOfString(text, options), FIRST_LINES * doc.currentLineHeight(true)));
    doc
      .font(style.bold ? FONT_BOLD : FONT)
      .fontSize(style.size ?? FONT_SIZE)
      .fillColor(style.color ?? 'black');
  }
  doc.text(text, doc.page.margins.left, doc.y, options);
  doc.moveDown((style.gap ?? 6) / (style.size ?? FONT_SIZE));
  doc.font(FONT).fontSize(FONT_SIZE).fillColor('black');
}

/** How many lines of text must follow a heading on its page. */
const FIRST_LINES = 3;

export function title(pdf: Pdf, text: string, subtitle?: string): void {
  paragraph(pdf, text, { bold: true, size: 15, gap: subtitle ? 2 : 10 });
  if (subtitle) paragraph(pdf, subtitle, { size: 11, gap: 10 });
}

/**
 * A section heading. It is written by the block that follows (table, label/value pairs, list or
 * text) once that block has found its page, so it always stands on the page where the block
 * starts; whatever a document writes after a heading, the heading goes with it.
 */
export function heading(pdf: Pdf, text: string): void {
  keepHeadingWithNext(pdf, text, { bold: true, size: 11.5, gap: 4 }, 0.4);
}

/**
 * A bold line that introduces the block after it within a section (e.g. a payment above the
 * table of its interest), kept with that block as a heading is.
 */
export function subheading(pdf: Pdf, text: string): void {
  keepHeadingWithNext(pdf, text, { bold: true, gap: 2 }, 0);
}

function keepHeadingWithNext(pdf: Pdf, text: string, style: TextStyle, linesAbove: number): void {
  const { doc } = pdf;
  const size = style.size ?? FONT_SIZE;
  doc.font(FONT).fontSize(FONT_SIZE);
  const above = linesAbove * doc.currentLineHeight(true);
  doc.font(FONT_BOLD).fontSize(size);
  const height =
    above +
    doc.heightOfString(text, { width: contentWidth(doc) }) +
    ((style.gap ?? 6) / size) * doc.currentLineHeight(true);
  doc.font(FONT).fontSize(FONT_SIZE);
  keepWithNext(pdf, height, () => {
    doc.y += above;
    paragraph(pdf, text, style);
  });
}

/**
 * Label and value pairs in two columns, e.g. "Zuwendungsbetrag   80.000,00 €". A pair moves to
 * the next page as a whole unless it is taller than a page; then it starts where it is and its
 * value flows on over the pages it needs. With `keepWithNext` the pairs go on the page where the
 * next block starts, like a heading (for a short line that introduces a table).
 */
export function keyValues(
  pdf: Pdf,
  rows: ReadonlyArray<readonly [string, string]>,
  options: { labelWidth?: number; keepWithNext?: boolean } = {},
): void {
  const { doc } = pdf;
  const labelWidth = options.labelWidth ?? 150;
  const x = doc.page.margins.left;
  const valueWidth = contentWidth(doc) - labelWidth;
  const measured = rows.map(([labelText, valueText]) => {
    doc.font(FONT_BOLD).fontSize(FONT_SIZE);
    const labelHeight = doc.heightOfString(labelText, { width: labelWidth - 8 });
    doc.font(FONT);
    const valueHeight = doc.heightOfString(valueText, { width: valueWidth });
    return { labelText, valueText, height: Math.max(labelHeight, valueHeight) + 3 };
  });
  const writeRow = ({ labelText, valueText, height }: (typeof measured)[number]) => {
    const y = doc.y;
    const page = doc.page;
    doc.font(FONT_BOLD).fontSize(FONT_SIZE).fillColor('black');
    doc.text(labelText, x, y, { width: labelWidth - 8 });
    doc.font(FONT).text(valueText, x + labelWidth, y, { width: valueWidth });
    doc.x = x;
    // A value taller than a page has run on over later pages: what follows goes where it ended.
    doc.y = doc.page === page ? y + height : doc.y + 3;
  };
  const spaceAfter = () => doc.font(FONT).fontSize(FONT_SIZE).moveDown(0.4);

  if (options.keepWithNext) {
    doc.font(FONT).fontSize(FONT_SIZE);
    const height = measured.reduce((sum, row) => sum + row.height, 0) + 0.4 * doc.currentLineHeight(true);
    keepWithNext(pdf, height, () => {
      measured.forEach(writeRow);
      spaceAfter();
    });
    return;
  }
  for (const row of measured) {
    doc.font(FONT).fontSize(FONT_SIZE);
    ensureSpace(pdf, row.height > pageHeight(doc) ? FIRST_LINES * doc.currentLineHeight(true) : row.height);
    writeRow(row);
  }
  spaceAfter();
}

/** A list with hanging numbers (`1.`) or bullets. */
export function list(pdf: Pdf, items: readonly string[], marker: 'number' | 'bullet' = 'number'): void {
  const { doc } = pdf;
  const x = doc.page.margins.left;
  const indent = 20;
  doc.font(FONT).fontSize(FONT_SIZE).fillColor('black');
  items.forEach((text, index) => {
    const height = doc.heightOfString(text, { width: contentWidth(doc) - indent });
    ensureSpace(pdf, Math.min(height, 40));
    const y = doc.y;
    doc.text(marker === 'number' ? `${index + 1}.` : '\u2022', x, y, {
      width: indent,
      lineBreak: false,
    });
    doc.text(text, x + indent, y, { width: contentWidth(doc) - indent });
    doc.moveDown(0.25);
  });
  doc.x = x;
  doc.moveDown(0.3);
}

/** A thin horizontal rule across the text width. */
export function rule(pdf: Pdf): void {
  const { doc } = pdf;
  const x = doc.page.margins.left;
  doc.moveDown(0.3);
  doc
    .moveTo(x, doc.y)
    .lineTo(x + contentWidth(doc), doc.y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.moveDown(0.5);
}

/**
 * Signature fields side by side: a line to sign on, then name and function under it. With no
 * `caption` the block is the closing of a letter (the signature of whoever issues it).
 */
export function signatures(
  pdf: Pdf,
  signers: ReadonlyArray<{ caption?: string; name: string; role?: string }>,
): void {
  const { doc } = pdf;
  ensureSpace(pdf, 90);
  const x = doc.page.margins.left;
  const gutter = 24;
  const width = Math.min(220, (contentWidth(doc) - gutter * (signers.length - 1)) / signers.length);
  const top = doc.y + 36;
  let bottom = top;
  signers.forEach((signer, index) => {
    const left = x + index * (width + gutter);
    doc
      .moveTo(left, top)
      .lineTo(left + width, top)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.font(FONT).fontSize(FONT_SIZE).fillColor('black');
    doc.text(signer.name, left, top + 4, { width });
    if (signer.role) doc.fillColor(MUTED).text(signer.role, left, doc.y, { width });
    if (signer.caption) doc.fillColor(MUTED).fontSize(8).text(signer.caption, left, doc.y, { width });
    bottom = Math.max(bottom, doc.y);
  });
  doc.font(FONT).fontSize(FONT_SIZE).fillColor('black');
  doc.x = x;
  doc.y = bottom + 8;
}
