import { ValidationError } from '@kiezfonds/domain';
import { SAMPLE_BYTES, type StagedFile } from './staged-upload-storage';

/** 20 MB: enough for a scanned letter or a budget sheet, small enough for a database row. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * What a carrier may upload, recognised by the file's first bytes, never by the name or the
 * browser's claim: a file called `plan.pdf` that is HTML is refused, so nothing we serve can run
 * script in a coordinator's browser.
 */
export const ALLOWED_FILE_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
} as const;

export type AllowedFileType = keyof typeof ALLOWED_FILE_TYPES;

export interface CheckedFile {
  fileName: string;
  contentType: (typeof ALLOWED_FILE_TYPES)[AllowedFileType];
  sizeBytes: number;
  sha256: string;
  /** The staged upload holding the content (see `StagedUploadStorage`). */
  stagedAs: string;
}

const startsWith = (bytes: Buffer, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Office documents are ZIP archives; which one is told by the entries near the start: OpenDocument
 * stores an uncompressed `mimetype` entry first, OOXML a `word/` or `xl/` part.
 */
function zipKind(bytes: Buffer): AllowedFileType | null {
  const head = bytes.subarray(0, Math.min(bytes.length, SAMPLE_BYTES)).toString('latin1');
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'odt';
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  // OOXML lists its parts in the central directory at the end; look there too.
  const tail = bytes.subarray(Math.max(0, bytes.length - SAMPLE_BYTES)).toString('latin1');
  const names = head + tail;
  if (names.includes('word/')) return 'docx';
  if (names.includes('xl/')) return 'xlsx';
  return null;
}

/**
 * The type the content really has, or null when it is none of the allowed ones. `bytes` is the
 * whole file or its first and last `SAMPLE_BYTES` (all that is read here).
 */
export function sniffFileType(bytes: Buffer): AllowedFileType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipKind(bytes);
  return null;
}

function isControlOrQuote(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f || char === '"';
}

/** A file name safe for a Content-Disposition header and a download folder. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base.normalize('NFC')]
    .filter((char) => !isControlOrQuote(char))
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'datei' : cleaned;
}

/** Checks size and type of an upload (400 naming the rule); its checksum was taken while it streamed. */
export function checkUpload(field: string, file: StagedFile | undefined): CheckedFile {
  if (!file || file.size === 0) throw new ValidationError([{ field, rule: 'required' }]);
  if (file.size > MAX_FILE_BYTES) {
    throw new ValidationError([
      { field, rule: 'fileTooLarge', params: { maxMegabytes: MAX_FILE_BYTES / 1024 / 1024 } },
    ]);
  }
  const type = sniffFileType(file.sample);
  if (!type) {
    throw new ValidationError([
      { field, rule: 'fileTypeNotAllowed', params: { allowed: 'PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS' } },
    ]);
  }
  return {
    fileName: safeFileName(file.originalname),
    contentType: ALLOWED_FILE_TYPES[type],
    sizeBytes: file.size,
    sha256: file.sha256,
    stagedAs: file.stagedAs,
  };
}
