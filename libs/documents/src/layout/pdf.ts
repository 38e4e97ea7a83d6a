import PDFDocument from 'pdfkit';
import type { Locale } from '@kiezfonds/domain';
import { toWinAnsi } from './win-ansi';

/** A document being written: the pdfkit document and the language it is written in. */
export interface Pdf {
  doc: PDFKit.PDFDocument;
  locale: Locale;
}

export interface PdfSetup {
  locale: Locale;
  title: string;
  /** The issuing district office. */
  author: string;
  subject?: string;
  /**
   * The document's date (ISO), written as the PDF's creation date. pdfkit would take the clock
   * and derive the file ID from it; fixing both makes the same input give the same bytes, so
   * tests compare and caches hold.
   */
  createdAt: string;
  /** A preview: every page carries a diagonal "ENTWURF / DRAFT". */
  draft?: boolean;
  /** A short reference in the footer of every page (e.g. the file reference). */
  footerNote?: string;
}

export const FONT = 'Helvetica';
export const FONT_BOLD = 'Helvetica-Bold';
export const FONT_SIZE = 10;
export const MUTED = '#555555';
export const RULE = '#999999';

const MARGINS = { top: 56, bottom: 72, left: 68, right: 56 };
const FOOTER_TEXT = {
  de: (page: number, of: number) => `Seite ${page} von ${of}`,
  en: (page: number, of: number) => `Page ${page} of ${of}`,
};
const WATERMARK = 'ENTWURF / DRAFT';

const setups = new WeakMap<PDFKit.PDFDocument, PdfSetup>();

export function createPdf(setup: PdfSetup): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    displayTitle: true,
    lang: setup.locale === 'de' ? 'de-DE' : 'en-GB',
    info: {
      Title: toWinAnsi(setup.title),
      Author: toWinAnsi(setup.author),
      ...(setup.subject ? { Subject: toWinAnsi(setup.subject) } : {}),
      Creator: 'kiezfonds',
      CreationDate: creationDate(setup.createdAt),
    },
  });
  doc.font(FONT).fontSize(FONT_SIZE).fillColor('black');
  setups.set(doc, setup);
  return { doc, locale: setup.locale };
}

/** Adds what needs the finished page count (footer, watermark) and answers the PDF's bytes. */
export function finishPdf({ doc }: Pdf): Promise<Buffer> {
  const setup = setups.get(doc)!;
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    if (setup.draft) drawWatermark(doc);
    drawFooter(doc, FOOTER_TEXT[setup.locale](index - start + 1, count), setup.footerNote);
  }
  doc.end();
  return done;
}

export function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function bottomLimit(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` more points fit on this one. */
export function ensureSpace({ doc }: Pdf, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

function creationDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid document date: ${value}`);
  return date;
}

/** Text below the bottom margin would make pdfkit open a new page, so the margin is lifted. */
function drawFooter(doc: PDFKit.PDFDocument, pageText: string, note: string | undefined): void {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  const y = doc.page.height - 44;
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.save();
  doc
    .moveTo(x, y - 6)
    .lineTo(x + width, y - 6)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.font(FONT).fontSize(8).fillColor(MUTED);
  if (note) doc.text(toWinAnsi(note), x, y, { width: width * 0.7, lineBreak: false });
  doc.text(pageText, x, y, { width, align: 'right', lineBreak: false });
  doc.restore();
  doc.page.margins.bottom = bottom;
}

function drawWatermark(doc: PDFKit.PDFDocument): void {
  const { width, height } = doc.page;
  doc.save();
  doc.rotate(-50, { origin: [width / 2, height / 2] });
  doc.font(FONT_BOLD).fontSize(64).fillColor('#c00000').fillOpacity(0.14);
  doc.text(WATERMARK, 0, height / 2 - 32, { width, align: 'center', lineBreak: false });
  doc.restore();
}
