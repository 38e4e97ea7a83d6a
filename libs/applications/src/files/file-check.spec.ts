import { createHash } from 'node:crypto';
import { ValidationError } from '@kiezfonds/domain';
import { checkUpload, MAX_FILE_BYTES, safeFileName, sniffFileType } from './file-check';
import type { StagedFile } from './staged-upload-storage';

/** A small file as the storage reports it (content, checksum and sample taken while streaming). */
const staged = (originalname: string, content: Buffer): StagedFile => ({
  originalname,
  size: content.length,
  sha256: createHash('sha256').update(content).digest('hex'),
  sample: content,
  stagedAs: '00000000-0000-4000-8000-000000000000',
});

const zipWith = (entry: string) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(entry, 'latin1')]);

describe('uploaded files', () => {
  it('are recognised by their first bytes, not by their name', () => {
    expect(sniffFileType(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFileType(zipWith('word/document.xml'))).toBe('docx');
    expect(sniffFileType(zipWith('xl/workbook.xml'))).toBe('xlsx');
    expect(sniffFileType(zipWith('mimetypeapplication/vnd.oasis.opendocument.text'))).toBe('odt');
    expect(sniffFileType(zipWith('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'))).toBe('ods');
  });

  it('refuse HTML, scripts, executables and plain ZIP archives whatever they are called', () => {
    expect(sniffFileType(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffFileType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffFileType(zipWith('payload.exe'))).toBeNull();
    expect(() => checkUpload('file', staged('antrag.pdf', Buffer.from('<html></html>')))).toThrow(
      expect.objectContaining({
        details: [expect.objectContaining({ field: 'file', rule: 'fileTypeNotAllowed' })],
      }),
    );
  });

  it('name the rule when a file is empty or too large', () => {
    expect(() => checkUpload('file', undefined)).toThrow(ValidationError);
    const big = { ...staged('gross.pdf', Buffer.from('%PDF-1.7')), size: MAX_FILE_BYTES + 1 };
    expect(() => checkUpload('file', big)).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ rule: 'fileTooLarge' })] }),
    );
  });

  it('store the SHA-256 of the content and a file name without paths or quotes', () => {
    const checked = checkUpload('file', staged('C:\\Users\\x\\Plan "final".pdf', Buffer.from('%PDF-1.4')));
    expect(checked).toMatchObject({
      fileName: 'Plan final.pdf',
      contentType: 'application/pdf',
      sizeBytes: 8,
      // sha256sum of the eight bytes "%PDF-1.4"
      sha256: 'e16fa5d9b51928755db85b917f0297babaf22c7a47e97d9212adab56e61ba04e',
    });
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..')).toBe('datei');
  });
});
