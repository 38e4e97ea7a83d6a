import type { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientOf } from '@kiezfonds/identity';
import { ExportAborted } from '../exports/xlsx';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** The request id the audit trail links to (the one the logs carry). */
export function requestIdOf(request: Request): string | null {
  return clientOf(request).requestId ?? null;
}

function aborted(error: unknown): boolean {
  return (
    error instanceof ExportAborted ||
    (error as { code?: string } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE'
  );
}

/**
 * Sends a file that `write` streams into the response. Scope checks belong before this call, so
 * they still answer as JSON errors. A failure before the first byte is rethrown to the error
 * filter; after it the status is sent and the only honest signal left is a cut connection, which
 * the client sees as a failed download rather than a truncated file taken for complete.
 */
export async function sendDownload(
  response: Response,
  file: { name: string; contentType: string },
  logger: Logger,
  write: (out: Response) => Promise<void>,
): Promise<void> {
  response.status(200);
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${file.name}"`);
  response.setHeader('Cache-Control', 'no-store');
  try {
    await write(response);
  } catch (error) {
    if (aborted(error)) return;
    if (!response.headersSent) throw error;
    logger.error(error instanceof Error ? error.stack : String(error));
    response.destroy();
  }
}
