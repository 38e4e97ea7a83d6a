import type { TextItem } from 'pdfjs-dist/types/src/display/api';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<PdfJs> | undefined;

/**
 * pdf.js runs its parser in a worker; in Node it falls back to a "fake worker" on the main thread,
 * which it looks for on `globalThis.pdfjsWorker` before trying to import a worker file by URL
 * (which Jest's module system cannot follow). Loading the worker module ourselves is what its
 * Node examples do.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs' as string);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

/**
 * The text of a PDF as a reader would copy it: one line per text line, pages separated by a
 * form feed. Runs of whitespace (including the no-break space between an amount and `€`)
 * become one space, so tests can write `'1.234,56 €'` as they read it.
 */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const { getDocument } = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given, so it gets a copy.
  const document = await getDocument({
    data: new Uint8Array(pdf),
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += (item as TextItem).str + ((item as TextItem).hasEOL ? '\n' : '');
      }
      pages.push(
        text
          .split('\n')
          .map((line) => line.replace(/[\s\u00a0\u202f]+/g, ' ').trim())
          .filter((line) => line !== '')
          .join('\n'),
      );
    }
    return pages.join('\n\f\n');
  } finally {
    await document.destroy();
  }
}

/** The document information dictionary (title, author, dates) of a PDF. */
export async function pdfInfo(pdf: Uint8Array): Promise<{ numPages: number; info: Record<string, unknown> }> {
  const { getDocument } = await loadPdfJs();
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 })
    .promise;
  try {
    const { info } = await document.getMetadata();
    return { numPages: document.numPages, info: info as Record<string, unknown> };
  } finally {
    await document.destroy();
  }
}
