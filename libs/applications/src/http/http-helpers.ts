import type { Request, Response } from 'express';
import { clientOf } from '@kiezfonds/identity';

export function requestIdOf(request: Request): string | null {
  return clientOf(request).requestId ?? null;
}

/**
 * Sends a stored file as a download, never inline: an uploaded file is shown by the user's own
 * program, not rendered by the browser in our origin. `nosniff` stops the browser guessing HTML.
 */
export function sendFile(
  response: Response,
  file: { fileName: string; contentType: string; content: Buffer; sha256?: string },
): void {
  response.status(200);
  response.setHeader('Content-Type', file.contentType);
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  );
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'private, no-store');
  if (file.sha256)
    response.setHeader('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`);
  response.end(file.content);
}

/**
 * Multer's options for uploads, checked while the body streams in, before anything is kept: one
 * file (its limit one byte above ours, so our check names the rule), a few small text fields, and
 * file names read as UTF-8 (browsers send them so; multer's default Latin-1 garbled umlauts).
 */
export const UPLOAD_LIMITS = {
  limits: {
    fileSize: 20 * 1024 * 1024 + 1,
    files: 1,
    fields: 10,
    fieldSize: 10_000,
    fieldNameSize: 100,
    parts: 12,
    headerPairs: 20,
  },
  defParamCharset: 'utf8',
};
