import { contentWidth, ensureSpace, FONT, FONT_BOLD, FONT_SIZE, MUTED, type Pdf, RULE } from './pdf';

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
  doc.text(text, doc.page.margins.left, doc.y, {
    width: contentWidth(doc),
    align: style.align ?? 'left',
  });
  doc.moveDown((style.gap ?? 6) / (style.size ?? FONT_SIZE));
  doc.font(FONT).fontSize(FONT_SIZE).fillColor('black');
}

export function title(pdf: Pdf, text: string, subtitle?: string): void {
  paragraph(pdf, text, { bold: true, size: 15, gap: subtitle ? 2 : 10 });
  if (subtitle) paragraph(pdf, subtitle, { size: 11, gap: 10 });
}

/** A section heading; kept together with the first lines that follow it. */
export function heading(pdf: Pdf, text: string): void {
  ensureSpace(pdf, 64);
  pdf.doc.moveDown(0.4);
  paragraph(pdf, text, { bold: true, size: 11.5, gap: 4 });
}

/** Label and value pairs in two columns, e.g. "Zuwendungsbetrag   80.000,00 €". */
export function keyValues(pdf: Pdf, rows: ReadonlyArray<readonly [string, string]>, labelWidth = 150): void {
  const { doc } = pdf;
  const x = doc.page.margins.left;
  const valueWidth = contentWidth(doc) - labelWidth;
  for (const [labelText, valueText] of rows) {
    doc.font(FONT_BOLD).fontSize(FONT_SIZE);
    const labelHeight = doc.heightOfString(labelText, { width: labelWidth - 8 });
    doc.font(FONT);
    const height = Math.max(labelHeight, doc.heightOfString(valueText, { width: valueWidth }));
    ensureSpace(pdf, height + 3);
    const y = doc.y;
    doc.font(FONT_BOLD).text(labelText, x, y, { width: labelWidth - 8 });
    doc.font(FONT).text(valueText, x + labelWidth, y, { width: valueWidth });
    doc.x = x;
    doc.y = y + height + 3;
  }
  doc.moveDown(0.4);
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
