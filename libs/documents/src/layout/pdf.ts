import { readFileSync } from 'node:fs';
import type { Locale } from '@kiezfonds/domain';
import { pdfkit } from '@kiezfonds/platform';

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

export const FONT = 'NotoSans';
export const FONT_BOLD = 'NotoSans-Bold';

/**
 * Noto Sans, embedded (as a subset of the glyphs used) in every document. The 14 standard PDF
 * fonts know only WinAnsi, so "Yılmaz", "Łukasz", "Ayşe" or "Nguyễn" could not be printed as
 * written; Noto Sans covers Latin with all its extensions, Vietnamese, Greek and Cyrillic, and
 * pdfkit writes a ToUnicode map with it, so the text stays searchable and copyable. The TTF files
 * come from @expo-google-fonts/noto-sans (Google Fonts' release, OFL); read once per process.
 */
const FONT_FILES = {
  [FONT]: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  [FONT_BOLD]: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
} as const;

let fontData: Record<keyof typeof FONT_FILES, Buffer> | undefined;

function fonts(): Record<keyof typeof FONT_FILES, Buffer> {
  fontData ??= {
    [FONT]: readFileSync(require.resolve(FONT_FILES[FONT])),
    [FONT_BOLD]: readFileSync(require.resolve(FONT_FILES[FONT_BOLD])),
  };
  return fontData;
}
// Noto Sans runs wider than Helvetica: 9.5 pt sets about as many words to the line as 10 pt did.
export const FONT_SIZE = 9.5;
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
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    displayTitle: true,
    lang: setup.locale === 'de' ? 'de-DE' : 'en-GB',
    info: {
      Title: setup.title,
      Author: setup.author,
      ...(setup.subject ? { Subject: setup.subject } : {}),
      Creator: 'kiezfonds',
      CreationDate: creationDate(setup.createdAt),
    },
  });
  for (const [name, data] of Object.entries(fonts())) {
    doc.registerFont(name, data);
    useParsedFont(doc, name);
  }
  doc.font(FONT).fontSize(FONT_SIZE).fillColor('black');
  setups.set(doc, setup);
  return { doc, locale: setup.locale };
}

/** Adds what needs the finished page count (footer, watermark) and answers the PDF's bytes. */
export function finishPdf(pdf: Pdf): Promise<Buffer> {
  const { doc } = pdf;
  // A heading with nothing after it is still printed rather than lost.
  if (isHolding(pdf)) ensureSpace(pdf, 0);
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

/**
 * pdfkit parses a registered font anew for every document: two fonts of Noto Sans's size took
 * most of a short document's rendering time (the tables of ~600 kB each). The parsed font only
 * answers questions (glyphs, metrics, layout), while everything written to one document (the
 * subset, widths, ToUnicode map) lives in pdfkit's per-document font object; so the parsed font is
 * kept for the process and each new document gets its own font object around it, with the id
 * pdfkit would have given, so the bytes stay the same. pdfkit has no public way to pass a parsed
 * font, hence the use of its font cache (`_fontFamilies`), checked by the rendering tests.
 */
interface PdfkitFonts {
  _font: EmbeddedFont;
  _fontCount: number;
  _fontFamilies: Record<string, EmbeddedFont>;
}
interface EmbeddedFont {
  font: FontkitFont;
  name: string;
}
type EmbeddedFontClass = new (doc: PDFKit.PDFDocument, font: FontkitFont, id: string) => EmbeddedFont;

const parsedFonts = new Map<string, { Class: EmbeddedFontClass; font: FontkitFont }>();

function useParsedFont(doc: PDFKit.PDFDocument, name: string): void {
  const fonts = doc as unknown as PdfkitFonts;
  const parsed = parsedFonts.get(name);
  if (!parsed) {
    doc.font(name);
    keepComposedLetters(fonts._font.font);
    parsedFonts.set(name, {
      Class: fonts._font.constructor as EmbeddedFontClass,
      font: fonts._font.font,
    });
    return;
  }
  // A glyph keeps the characters it was first laid out for, and pdfkit writes those into the
  // document's ToUnicode map: each document starts with no glyphs, as with a freshly parsed font,
  // so no earlier document decides how this one's text is copied.
  parsed.font._glyphs = {};
  const embedded = new parsed.Class(doc, parsed.font, `F${++fonts._fontCount}`);
  fonts._fontFamilies[name] = embedded;
  fonts._fontFamilies[embedded.name] = embedded;
  doc.font(name);
}

/**
 * Noto Sans's `ccmp` feature splits a few Vietnamese letters (ị, ọ, ụ, ẹ) into a base letter and a
 * combining dot; pdfkit then maps the plain letter's glyph to the composed character in the
 * ToUnicode table, so copied text would read "Thi" or worse. The precomposed glyphs look the
 * same, so the font the document just selected lays out text without that feature. It is set on
 * the font rather than passed with every line: pdfkit keeps its layout cache only for text laid
 * out with the default features (four times faster for long minutes).
 */
function keepComposedLetters(selected: FontkitFont): void {
  if (selected.keepsComposedLetters) return;
  const layout = selected.layout.bind(selected);
  selected.layout = (text, features) => layout(text, features ?? { ccmp: false });
  selected.keepsComposedLetters = true;
}

interface FontkitFont {
  layout(text: string, features?: unknown): unknown;
  _glyphs: Record<number, unknown>;
  keepsComposedLetters?: boolean;
}

export function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function bottomLimit(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Something written only once the block after it has found its page, e.g. a heading. */
interface HeldBlock {
  height: number;
  write: () => void;
}

const heldBlocks = new WeakMap<PDFKit.PDFDocument, HeldBlock[]>();

/**
 * Holds `write` back until the next block starts, so the next block's page-break check makes room
 * for both: a heading written at once would stay behind at the foot of a page whenever the table
 * or text it introduces needs more room than is left there.
 */
export function keepWithNext({ doc }: Pdf, height: number, write: () => void): void {
  heldBlocks.set(doc, [...(heldBlocks.get(doc) ?? []), { height, write }]);
}

/** Whether a heading (or another block kept with the next) waits for the next block. */
export function isHolding({ doc }: Pdf): boolean {
  return (heldBlocks.get(doc)?.length ?? 0) > 0;
}

/**
 * Starts a new page unless `height` more points fit on this one below whatever is held for the
 * block about to start, then writes what was held. Every block starts through here. A page that
 * is still empty is kept: a block taller than a page would leave it blank and overflow the next.
 */
export function ensureSpace(pdf: Pdf, height: number): void {
  const { doc } = pdf;
  const held = heldBlocks.get(doc) ?? [];
  heldBlocks.delete(doc);
  const heldHeight = held.reduce((sum, block) => sum + block.height, 0);
  if (doc.y + heldHeight + height > bottomLimit(doc) && doc.y > doc.page.margins.top) doc.addPage();
  for (const block of held) block.write();
}

/** The height of a page's text area. */
export function pageHeight(doc: PDFKit.PDFDocument): number {
  return bottomLimit(doc) - doc.page.margins.top;
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
  if (note) doc.text(note, x, y, { width: width * 0.7, lineBreak: false });
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
