import type { Readable } from 'node:stream';
import type { Request } from 'express';

/** A small upload held in memory (see `BoundedMemoryStorage`). */
export interface MemoryFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/**
 * Multer storage for small uploads that are read whole and never kept as files: a plan
 * spreadsheet (issue 19) or an indicator table (issue 21). Their readers need all of the file at
 * once, so staging it in PostgreSQL like documents (ADR 0010) would only add a round trip. The
 * bound is the route's `limits.fileSize`, and this storage stops collecting at `maxBytes` even if
 * a route forgets it.
 */
export class BoundedMemoryStorage {
  constructor(private readonly maxBytes: number) {}

  _handleFile(
    _request: Request,
    file: { stream: Readable },
    callback: (error?: unknown, info?: Partial<MemoryFile>) => void,
  ): void {
    const chunks: Buffer[] = [];
    let size = 0;
    file.stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the bound only the count goes on, so the size check can still name the rule.
      if (size <= this.maxBytes) chunks.push(chunk);
    });
    file.stream.on('error', (error: Error) => callback(error));
    file.stream.on('end', () => callback(null, { size, buffer: Buffer.concat(chunks) }));
  }

  _removeFile(_request: Request, file: Partial<MemoryFile>, callback: (error: Error | null) => void): void {
    delete file.buffer;
    callback(null);
  }
}
